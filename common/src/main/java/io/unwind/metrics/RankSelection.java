package io.unwind.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Exact order statistics of several series of (value, pathId) observations, found in a few
 * passes over data too large to keep: radix selection on the order key, in memory that does not
 * depend on N.
 *
 * <p><b>Order.</b> As everywhere in this package, observations are ordered by value
 * ({@link Double#compare}: −0.0 before 0.0) and ties by path id. Each observation has a 128-bit
 * key whose unsigned order is that order: the value's bits made sortable, then the path id's.
 * Observation {@code (value, pathId)} ranks above a selected {@link RankKey} when its key is
 * larger ({@link RankKey#isExceededBy}).
 *
 * <p><b>Passes.</b> Every target rank of a series lies in an open range: the keys that share a
 * prefix of {@code depth} bits, of which {@code below} keys of the series lie before the range. A
 * pass ({@link #pass()}, fed every observation, parts merged with {@link Pass#combine}) does, per
 * open range, one of two things:
 * <ul>
 *   <li>a range of more than the collect limit keys is histogrammed on its next
 *       {@value #DIGIT_BITS} key bits, each bin with its count and its smallest and largest key;
 *       {@link #advance} then narrows each target to the bin holding its rank and to the longest
 *       prefix that bin's smallest and largest key share (so a run of equal values, e.g. a million
 *       zero forced sales, is passed over in one step, not one digit at a time);
 *   <li>a range of at most the collect limit keys is collected whole; {@link #advance} sorts it
 *       and reads the targets off.
 * </ul>
 * A bin whose smallest and largest key agree resolves its targets at once. Counts are integers and
 * collected keys are sorted before use, so the outcome is the same for any partitioning and merge
 * order. Every pass must see the same observations. {@link #advance} checks what it can: each
 * series' count against its size and each open range's count against the previous pass's, and
 * fails (changing nothing) on a mismatch, so a dropped, repeated or added observation is caught.
 * An observation that changed its value outside every open range cannot be seen.
 *
 * <p><b>Cost.</b> Each pass holds, per open range, {@code 5 · 2^}{@value #DIGIT_BITS} longs (a
 * histogram, 80 KB) or at most the collect limit keys (64 KB by default), and there is at most one
 * open range per target rank: the aggregate's 40-odd series start with one range each (3 MB), and
 * later passes hold at most one per rank, whatever N. For
 * continuous data about three passes find every target at 10^6 to 10^7 observations: the first
 * bins the sign and exponent, the second the leading mantissa bits, the third collects.
 *
 * <p>Not thread-safe. The selection is shipped to the workers, each makes its own {@link Pass}.
 */
public final class RankSelection extends RadixSelection<RankSelection.Range> {

  private static final long serialVersionUID = 1L;

  /** Key bits a histogram pass resolves: 2,048 bins. */
  public static final int DIGIT_BITS = 11;

  /** Default most keys a range may hold to be collected rather than histogrammed. */
  public static final int DEFAULT_COLLECT_LIMIT = 4096;

  private final long[][] ranks;

  /**
   * One open range of one series.
   *
   * @param series the series
   * @param depth the leading key bits its keys share, in [0, 128)
   * @param prefixHi a key of the range (only the leading {@code depth} bits matter)
   * @param prefixLo ditto, low half
   * @param below the series' keys ordered before the range
   * @param count the series' keys in the range
   * @param targets indices into the series' target ranks, ascending
   * @param collect whether the next pass collects the range (else histograms it)
   */
  record Range(int series, int depth, long prefixHi, long prefixLo, long below, long count,
      int[] targets, boolean collect) implements RadixSelection.Open {
    @Override
    public KeyPass.KeyRange key() {
      return new KeyPass.KeyRange(series, depth, prefixHi, prefixLo, collect);
    }
  }

  private RankSelection(long[] sizes, long[][] ranks, int collectLimit) {
    super(sizes, Arrays.stream(ranks).mapToInt(r -> r.length).toArray(), collectLimit);
    this.ranks = ranks;
    for (int s = 0; s < sizes.length; s++) {
      if (ranks[s].length > 0) {
        open.add(new Range(s, 0, 0L, 0L, 0L, sizes[s], every(ranks[s].length),
            sizes[s] <= collectLimit));
      }
    }
  }

  /**
   * A selection of the given ranks of each series.
   *
   * @param sizes per series, the number of observations every pass will see of it (≥ 0)
   * @param ranks per series, the 1-based ranks wanted, each in [1, size]; any order, repeats ignored
   * @param collectLimit the most keys of a range that a pass collects rather than histograms (≥ 1)
   * @throws IllegalArgumentException if a rank is outside its series, or the arrays disagree
   */
  public static RankSelection of(long[] sizes, long[][] ranks, int collectLimit) {
    if (sizes.length != ranks.length) {
      throw new IllegalArgumentException("Cannot select from " + sizes.length + " series with "
          + ranks.length + " rank lists");
    }
    checkCollectLimit(collectLimit);
    long[][] sorted = new long[ranks.length][];
    for (int s = 0; s < ranks.length; s++) {
      if (sizes[s] < 0) {
        throw new IllegalArgumentException("Cannot set series " + s + "'s size to " + sizes[s]);
      }
      sorted[s] = Arrays.stream(ranks[s]).distinct().sorted().toArray();
      for (long r : sorted[s]) {
        if (r < 1 || r > sizes[s]) {
          throw new IllegalArgumentException("Cannot select rank " + r + " of series " + s
              + ", which has " + sizes[s] + " observations");
        }
      }
    }
    return new RankSelection(sizes.clone(), sorted, collectLimit);
  }

  /** An empty pass for the current state, to be fed every observation of every series. */
  public Pass pass() {
    List<Range> ranges = openForPass();
    return new Pass(ranges.toArray(new Range[0]), keyPass(ranges, false));
  }

  /**
   * Takes in a completed pass (every part merged) and narrows or resolves every open target.
   *
   * @return this
   * @throws IllegalArgumentException if the pass was made for another state
   * @throws IllegalStateException if its counts disagree with the series' sizes or the previous
   *     pass's; the selection is then unchanged
   */
  public RankSelection advance(Pass done) {
    advance(done.ranges, done.keys);
    return this;
  }

  @Override
  void resolveCollected(Range range, KeyPass keys, int i) {
    int n = keys.collected[i];
    long[] hi = keys.collectedHi[i];
    long[] lo = keys.collectedLo[i];
    Integer[] order = new Integer[n];
    Arrays.setAll(order, j -> j);
    Arrays.sort(order, (a, b) -> compare(hi[a], lo[a], hi[b], lo[b]));
    for (int t : range.targets()) {
      int j = order[(int) (ranks[range.series()][t] - range.below() - 1)];
      resolve(range.series(), t, hi[j], lo[j]);
    }
  }

  @Override
  void narrow(Range range, KeyPass keys, int i, List<Range> next) {
    long[] counts = keys.counts[i];
    int s = range.series();
    int[] targets = range.targets();
    int t = 0;
    long before = range.below();
    for (int bin = 0; bin < counts.length && t < targets.length; bin++) {
      long c = counts[bin];
      int first = t;
      while (t < targets.length && ranks[s][targets[t]] <= before + c) {
        t++;
      }
      if (t > first) {
        long below = before;
        int[] here = Arrays.copyOfRange(targets, first, t);
        openBin(s, keys, i, bin, here, (depth, hi, lo, count, collect) ->
            new Range(s, depth, hi, lo, below, count, here, collect), next);
      }
      before += c;
    }
  }

  /**
   * The observation at {@code rank} of {@code series}.
   *
   * @throws IllegalArgumentException if the rank was not asked for
   * @throws IllegalStateException if it is not resolved yet
   */
  public RankKey key(int series, long rank) {
    int t = Arrays.binarySearch(ranks[series], rank);
    if (t < 0) {
      throw new IllegalArgumentException("Rank " + rank + " of series " + series
          + " was not asked for; its ranks are " + Arrays.toString(ranks[series]));
    }
    return selected(series, t, "Rank " + rank);
  }

  /**
   * One pass's per-range histograms and collections ({@link KeyPass}, without weights),
   * mergeable. Not thread-safe.
   */
  public static final class Pass implements Serializable {
    private static final long serialVersionUID = 2L;

    private final Range[] ranges;
    private final KeyPass keys;

    private Pass(Range[] ranges, KeyPass keys) {
      this.ranges = ranges;
      this.keys = keys;
    }

    /**
     * Feeds one observation.
     *
     * @param series the series it belongs to
     * @param value finite
     * @param pathId the path (ties of value are ordered by it)
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public void accept(int series, double value, long pathId) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("Cannot accept " + value + " of path " + pathId
            + " in series " + series + ", the value must be finite");
      }
      keys.accept(series, value, 1.0, pathId);
    }

    /**
     * Merges a pass over a disjoint part of the observations into this one; {@code other} is not
     * modified.
     *
     * @return this
     */
    public Pass combine(Pass other) {
      if (other == this) {
        throw new IllegalArgumentException("Cannot combine a pass with itself");
      }
      keys.combine(other.keys);
      return this;
    }
  }

  // ---- the 128-bit key: (sortable value bits, path id), compared unsigned ----

  /** The value's bits, made to sort as unsigned longs in {@link Double#compare} order. */
  static long hi(double value) {
    long bits = Double.doubleToRawLongBits(value);
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /** Inverse of {@link #hi}. */
  static double value(long hi) {
    return Double.longBitsToDouble(hi < 0 ? hi ^ Long.MIN_VALUE : ~hi);
  }

  /** The path id, made to sort as an unsigned long in signed order. */
  static long lo(long pathId) {
    return pathId ^ Long.MIN_VALUE;
  }

  /** Inverse of {@link #lo}. */
  static long pathId(long lo) {
    return lo ^ Long.MIN_VALUE;
  }

  static int compare(long hi1, long lo1, long hi2, long lo2) {
    int c = Long.compareUnsigned(hi1, hi2);
    return c != 0 ? c : Long.compareUnsigned(lo1, lo2);
  }

  /** Whether the key's leading {@code depth} bits are the prefix's. */
  static boolean inRange(long hi, long lo, long prefixHi, long prefixLo, int depth) {
    if (depth == 0) {
      return true;
    }
    if (depth <= 64) {
      return ((hi ^ prefixHi) >>> (64 - depth)) == 0;
    }
    return hi == prefixHi && ((lo ^ prefixLo) >>> (128 - depth)) == 0;
  }

  /** Key bits {@code [depth, depth + width)} counted from the top, as an int; width in [1, 31]. */
  static int digit(long hi, long lo, int depth, int width) {
    long top;
    if (depth == 0) {
      top = hi;
    } else if (depth < 64) {
      top = (hi << depth) | (lo >>> (64 - depth));
    } else {
      top = lo << (depth - 64);
    }
    return (int) (top >>> (64 - width));
  }

  /** The number of leading bits two keys share, 128 when equal. */
  static int commonPrefix(long hi1, long lo1, long hi2, long lo2) {
    if (hi1 != hi2) {
      return Long.numberOfLeadingZeros(hi1 ^ hi2);
    }
    return lo1 != lo2 ? 64 + Long.numberOfLeadingZeros(lo1 ^ lo2) : 128;
  }
}
