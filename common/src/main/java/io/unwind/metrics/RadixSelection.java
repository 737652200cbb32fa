package io.unwind.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bookkeeping {@link RankSelection} and {@link WeightedRankSelection} share: per series its
 * size and the keys selected for its targets, the open ranges the next pass reads
 * ({@link KeyPass}), the passes made, and the step that takes in a merged pass. What differs is
 * what a target is (a rank counted up from the smallest key, or a weight counted down from the
 * largest), so a subclass says how a collected range resolves its targets and how a histogrammed
 * one narrows them.
 *
 * @param <R> the subclass's open range
 */
abstract class RadixSelection<R extends RadixSelection.Open> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the shared bookkeeping reads of an open range. */
  interface Open extends Serializable {
    /** The series. */
    int series();

    /** The series' keys in the range. */
    long count();

    /** Whether the next pass collects the range (else histograms it). */
    boolean collect();

    /** The part of the range a pass needs. */
    KeyPass.KeyRange key();
  }

  final long[] sizes;
  final int collectLimit;
  private final long[][] keyHi;
  private final long[][] keyLo;
  private final boolean[][] resolved;
  List<R> open = new ArrayList<>();
  private int passes;

  /**
   * Empty bookkeeping; the subclass then opens one range per series with targets.
   *
   * @param sizes per series, its observations
   * @param targets per series, the number of its targets
   * @param collectLimit the most keys of a range that a pass collects rather than histograms
   */
  RadixSelection(long[] sizes, int[] targets, int collectLimit) {
    this.sizes = sizes;
    this.collectLimit = collectLimit;
    int m = sizes.length;
    keyHi = new long[m][];
    keyLo = new long[m][];
    resolved = new boolean[m][];
    for (int s = 0; s < m; s++) {
      keyHi[s] = new long[targets[s]];
      keyLo[s] = new long[targets[s]];
      resolved[s] = new boolean[targets[s]];
    }
  }

  /** The indices {@code 0 .. n − 1}: every target of a series. */
  static int[] every(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** Checks a factory's collect limit. */
  static void checkCollectLimit(int collectLimit) {
    if (collectLimit < 1) {
      throw new IllegalArgumentException("Cannot set the collect limit to " + collectLimit
          + ", it must be at least 1");
    }
  }

  /** Whether every target is resolved: no more passes are needed. */
  public boolean isDone() {
    return open.isEmpty();
  }

  /** Passes advanced through so far. */
  public int passes() {
    return passes;
  }

  /** The series' number of observations. */
  public long size(int series) {
    return sizes[series];
  }

  /**
   * The open ranges a new pass reads, in order.
   *
   * @throws IllegalStateException when every target is selected
   */
  List<R> openForPass() {
    if (isDone()) {
      throw new IllegalStateException("Every target is selected; no pass is needed");
    }
    return open;
  }

  /** The keys of a pass over {@code ranges}. */
  KeyPass keyPass(List<? extends Open> ranges, boolean weighted) {
    return new KeyPass(passes, ranges.stream().map(Open::key).toArray(KeyPass.KeyRange[]::new),
        sizes.length, weighted);
  }

  /**
   * Takes in a completed pass (every part merged): checks its counts, then resolves each
   * collected range and narrows each histogrammed one.
   *
   * @throws IllegalArgumentException if the pass was made for another state
   * @throws IllegalStateException if its counts disagree with the series' sizes or the previous
   *     pass's; the selection is then unchanged
   */
  final void advance(R[] ranges, KeyPass keys) {
    keys.check(passes, open.size(), sizes, Arrays.stream(ranges).mapToLong(Open::count).toArray());
    if (passes == 0) {
      firstPass(keys);
    }
    List<R> next = new ArrayList<>();
    for (int i = 0; i < ranges.length; i++) {
      R range = ranges[i];
      if (range.collect()) {
        resolveCollected(range, keys, i);
      } else {
        narrow(range, keys, i, next);
      }
    }
    open = next;
    passes++;
  }

  /** What the first merged pass tells besides its ranges (nothing by default). */
  void firstPass(KeyPass keys) {
  }

  /** Resolves every target of collected range {@code i} from its sorted keys. */
  abstract void resolveCollected(R range, KeyPass keys, int i);

  /** Resolves or narrows every target of histogrammed range {@code i}, opening ranges in {@code next}. */
  abstract void narrow(R range, KeyPass keys, int i, List<R> next);

  /** Target {@code target} of {@code series} is the key (hi, lo). */
  final void resolve(int series, int target, long hi, long lo) {
    keyHi[series][target] = hi;
    keyLo[series][target] = lo;
    resolved[series][target] = true;
  }

  /**
   * The observation selected for target {@code target} of {@code series}.
   *
   * @param what the target, as the message names it (e.g. "Rank 990")
   * @throws IllegalStateException if it is not resolved yet
   */
  final RankKey selected(int series, int target, String what) {
    if (!resolved[series][target]) {
      throw new IllegalStateException(what + " of series " + series + " is not selected yet ("
          + open.size() + " ranges open after " + passes + " passes)");
    }
    return new RankKey(RankSelection.value(keyHi[series][target]),
        RankSelection.pathId(keyLo[series][target]));
  }

  /**
   * Opens the range of histogram bin {@code bin} of range {@code i} for {@code targets}, or
   * resolves them at once when the bin's smallest and largest key agree.
   *
   * @param open makes the range from (depth, prefix hi, prefix lo, count, collect)
   */
  final void openBin(int series, KeyPass keys, int i, int bin, int[] targets, BinRange<R> open,
      List<R> next) {
    long minHi = keys.minHi[i][bin];
    long minLo = keys.minLo[i][bin];
    int depth = RankSelection.commonPrefix(minHi, minLo, keys.maxHi[i][bin], keys.maxLo[i][bin]);
    if (depth == 128) {
      for (int target : targets) {
        resolve(series, target, minHi, minLo);
      }
      return;
    }
    long c = keys.counts[i][bin];
    next.add(open.of(depth, minHi, minLo, c, c <= collectLimit));
  }

  /** Makes a subclass's range of one histogram bin. */
  @FunctionalInterface
  interface BinRange<R> {
    R of(int depth, long prefixHi, long prefixLo, long count, boolean collect);
  }
}
