package io.unwind.jobs.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k paths with the largest loss, each with a payload (its regime shares, the loss of a paired
 * strategy), mergeable: what the tail paths went through.
 *
 * <p>Paths are ordered by (loss, pathId) exactly as in {@link io.unwind.metrics.TailAccumulator},
 * so the kept set is the same for any partitioning and merge order, and with
 * {@code k = N − ⌈αN⌉} it is exactly the set of paths ranked strictly above the α-VaR
 * ({@code TailAccumulator.worstPathIds(α)}). Results are computed from the kept set in that order,
 * so they are bitwise reproducible. Not thread-safe.
 */
final class WorstPaths implements Serializable {
  private static final long serialVersionUID = 1L;

  /** (loss, pathId) ascending; the heap's head is the least bad kept path. */
  static final Comparator<Entry> ORDER = new Order();

  /** The order as a class: a lambda comparator would not serialise with the heap. */
  private static final class Order implements Comparator<Entry>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Entry a, Entry b) {
      int c = Double.compare(a.loss(), b.loss());
      return c != 0 ? c : Long.compare(a.pathId(), b.pathId());
    }

    private Object readResolve() {
      return ORDER;
    }
  }

  /**
   * One kept path.
   *
   * @param loss the ranking loss
   * @param pathId the path
   * @param payload what to remember about the path (not copied; callers pass a fresh array)
   */
  record Entry(double loss, long pathId, double[] payload) implements Serializable {
  }

  private final int capacity;
  private final PriorityQueue<Entry> heap;

  /** Keeps the {@code capacity} worst paths (0 keeps nothing). */
  WorstPaths(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("Cannot keep " + capacity + " paths");
    }
    this.capacity = capacity;
    this.heap = new PriorityQueue<>(Math.max(1, Math.min(capacity, 1024)), ORDER);
  }

  /** The number of paths ranked strictly above the α-VaR of N paths: {@code N − ⌈αN⌉}. */
  static int tailCount(long n, double level) {
    long r = new java.math.BigDecimal(Double.toString(level)).multiply(java.math.BigDecimal.valueOf(n))
        .setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    return (int) (n - r);
  }

  /** Offers one path. */
  void accept(double loss, long pathId, double[] payload) {
    if (capacity == 0) {
      return;
    }
    Entry e = new Entry(loss, pathId, payload);
    if (heap.size() < capacity) {
      heap.add(e);
    } else if (ORDER.compare(heap.peek(), e) < 0) {
      heap.poll();
      heap.add(e);
    }
  }

  /** Merges a disjoint part into this; returns this. */
  WorstPaths combine(WorstPaths other) {
    if (other.capacity != capacity) {
      throw new IllegalArgumentException("Cannot combine tails of " + capacity + " and "
          + other.capacity + " paths");
    }
    for (Entry e : other.heap) {
      accept(e.loss(), e.pathId(), e.payload());
    }
    return this;
  }

  /** The kept paths, worst first. */
  List<Entry> worstFirst() {
    List<Entry> out = new ArrayList<>(heap);
    out.sort(java.util.Collections.reverseOrder(ORDER));
    return out;
  }
}
