package io.unwind.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One pass of radix selection over 128-bit (value, pathId) keys, the core that
 * {@link RankSelection} and {@link WeightedRankSelection} share: per open key range of a series,
 * either a histogram of the range's next {@value RankSelection#DIGIT_BITS} key bits (each bin with
 * its count and its smallest and largest key) or the range's keys collected whole. With weights
 * on, each bin also sums its weights exactly ({@link ExactSum}), each collected key keeps its
 * weight, and the first pass adds up each series' total weight. Counts are integers and sums
 * exact, so a merged pass is the same for any partitioning and merge order. Not thread-safe.
 */
final class KeyPass implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The part of an open range a pass needs.
   *
   * @param series the series
   * @param depth the leading key bits its keys share, in [0, 128)
   * @param prefixHi a key of the range (only the leading {@code depth} bits matter)
   * @param prefixLo ditto, low half
   * @param collect whether the pass collects the range (else histograms it)
   */
  record KeyRange(int series, int depth, long prefixHi, long prefixLo, boolean collect)
      implements Serializable {
  }

  final int pass;
  private final KeyRange[] ranges;
  private final boolean weighted;
  private final int[][] bySeries;
  final long[][] counts;
  /** Weighted only: per range and bin, the exact sum of its weights (null until the bin fills). */
  final ExactSum[][] weights;
  final long[][] minHi;
  final long[][] minLo;
  final long[][] maxHi;
  final long[][] maxLo;
  final long[][] collectedHi;
  final long[][] collectedLo;
  /** Weighted only: the collected keys' weights. */
  final double[][] collectedWeight;
  final int[] collected;
  /** Per series, the observations fed. */
  final long[] seen;
  /** Weighted only: per series, the weight fed in the first pass. */
  final ExactSum[] totals;

  KeyPass(int pass, KeyRange[] ranges, int series, boolean weighted) {
    this.pass = pass;
    this.ranges = ranges;
    this.weighted = weighted;
    this.seen = new long[series];
    this.totals = weighted ? new ExactSum[series] : null;
    if (weighted) {
      Arrays.setAll(totals, s -> new ExactSum());
    }
    int r = ranges.length;
    counts = new long[r][];
    weights = weighted ? new ExactSum[r][] : null;
    minHi = new long[r][];
    minLo = new long[r][];
    maxHi = new long[r][];
    maxLo = new long[r][];
    collectedHi = new long[r][];
    collectedLo = new long[r][];
    collectedWeight = weighted ? new double[r][] : null;
    collected = new int[r];
    int[] perSeries = new int[series];
    for (KeyRange range : ranges) {
      perSeries[range.series()]++;
    }
    bySeries = new int[series][];
    for (int s = 0; s < series; s++) {
      bySeries[s] = new int[perSeries[s]];
      perSeries[s] = 0;
    }
    for (int i = 0; i < r; i++) {
      KeyRange range = ranges[i];
      bySeries[range.series()][perSeries[range.series()]++] = i;
      if (range.collect()) {
        collectedHi[i] = new long[0];
        collectedLo[i] = new long[0];
        if (weighted) {
          collectedWeight[i] = new double[0];
        }
      } else {
        int bins = 1 << Math.min(RankSelection.DIGIT_BITS, 128 - range.depth());
        counts[i] = new long[bins];
        if (weighted) {
          weights[i] = new ExactSum[bins];
        }
        minHi[i] = new long[bins];
        minLo[i] = new long[bins];
        maxHi[i] = new long[bins];
        maxLo[i] = new long[bins];
      }
    }
  }

  /**
   * Feeds one observation, already checked by the caller (finite value, valid weight; the weight
   * is ignored unless weighted).
   */
  void accept(int series, double value, double weight, long pathId) {
    if (series < 0 || series >= seen.length) {
      throw new IllegalArgumentException("Cannot accept series " + series + ", there are "
          + seen.length);
    }
    seen[series]++;
    if (weighted && pass == 0) {
      totals[series].add(weight);
    }
    int[] candidates = bySeries[series];
    if (candidates.length == 0) {
      return;
    }
    long hi = RankSelection.hi(value);
    long lo = RankSelection.lo(pathId);
    for (int i : candidates) {
      KeyRange range = ranges[i];
      if (RankSelection.inRange(hi, lo, range.prefixHi(), range.prefixLo(), range.depth())) {
        if (range.collect()) {
          collect(i, hi, lo, weight);
        } else {
          count(i, range.depth(), hi, lo, weight);
        }
        return; // the open ranges of a series are disjoint
      }
    }
  }

  private void collect(int i, long hi, long lo, double weight) {
    int n = collected[i];
    if (n == collectedHi[i].length) {
      int grown = Math.max(16, 2 * n);
      collectedHi[i] = Arrays.copyOf(collectedHi[i], grown);
      collectedLo[i] = Arrays.copyOf(collectedLo[i], grown);
      if (weighted) {
        collectedWeight[i] = Arrays.copyOf(collectedWeight[i], grown);
      }
    }
    collectedHi[i][n] = hi;
    collectedLo[i][n] = lo;
    if (weighted) {
      collectedWeight[i][n] = weight;
    }
    collected[i] = n + 1;
  }

  private void count(int i, int depth, long hi, long lo, double weight) {
    int bin = RankSelection.digit(hi, lo, depth, Math.min(RankSelection.DIGIT_BITS, 128 - depth));
    if (counts[i][bin]++ == 0) {
      if (weighted) {
        weights[i][bin] = new ExactSum();
        weights[i][bin].add(weight);
      }
      minHi[i][bin] = hi;
      minLo[i][bin] = lo;
      maxHi[i][bin] = hi;
      maxLo[i][bin] = lo;
      return;
    }
    if (weighted) {
      weights[i][bin].add(weight);
    }
    widen(i, bin, hi, lo, hi, lo);
  }

  /** Widens bin {@code bin} of range {@code i} to hold keys from (minHi, minLo) to (maxHi, maxLo). */
  private void widen(int i, int bin, long loKeyHi, long loKeyLo, long hiKeyHi, long hiKeyLo) {
    if (RankSelection.compare(loKeyHi, loKeyLo, minHi[i][bin], minLo[i][bin]) < 0) {
      minHi[i][bin] = loKeyHi;
      minLo[i][bin] = loKeyLo;
    }
    if (RankSelection.compare(hiKeyHi, hiKeyLo, maxHi[i][bin], maxLo[i][bin]) > 0) {
      maxHi[i][bin] = hiKeyHi;
      maxLo[i][bin] = hiKeyLo;
    }
  }

  /** Merges a pass over a disjoint part of the observations into this one; returns this. */
  KeyPass combine(KeyPass other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine a pass with itself");
    }
    if (other.pass != pass || other.ranges.length != ranges.length) {
      throw new IllegalArgumentException("Cannot combine pass " + pass + " with pass " + other.pass);
    }
    for (int s = 0; s < seen.length; s++) {
      seen[s] += other.seen[s];
      if (weighted) {
        totals[s].add(other.totals[s]);
      }
    }
    for (int i = 0; i < ranges.length; i++) {
      if (ranges[i].collect()) {
        for (int j = 0; j < other.collected[i]; j++) {
          collect(i, other.collectedHi[i][j], other.collectedLo[i][j],
              weighted ? other.collectedWeight[i][j] : 0.0);
        }
        continue;
      }
      for (int bin = 0; bin < counts[i].length; bin++) {
        long c = other.counts[i][bin];
        if (c == 0) {
          continue;
        }
        if (counts[i][bin] == 0) {
          if (weighted) {
            weights[i][bin] = other.weights[i][bin].copy();
          }
          minHi[i][bin] = other.minHi[i][bin];
          minLo[i][bin] = other.minLo[i][bin];
          maxHi[i][bin] = other.maxHi[i][bin];
          maxLo[i][bin] = other.maxLo[i][bin];
        } else {
          if (weighted) {
            weights[i][bin].add(other.weights[i][bin]);
          }
          widen(i, bin, other.minHi[i][bin], other.minLo[i][bin], other.maxHi[i][bin],
              other.maxLo[i][bin]);
        }
        counts[i][bin] += c;
      }
    }
    return this;
  }

  /**
   * Checks a completed pass against what the selection expects: pass {@code expectedPass} over
   * ranges of {@code rangeCounts} keys (the previous pass's counts), each series of its size.
   *
   * @throws IllegalArgumentException if the pass was made for another state
   * @throws IllegalStateException if a count disagrees (the data changed or a part is missing)
   */
  void check(int expectedPass, int openRanges, long[] sizes, long[] rangeCounts) {
    if (pass != expectedPass || ranges.length != openRanges) {
      throw new IllegalArgumentException("Cannot advance with pass " + pass + ", pass "
          + expectedPass + " is expected");
    }
    for (int s = 0; s < sizes.length; s++) {
      if (seen[s] != sizes[s]) {
        throw new IllegalStateException("Series " + s + ": pass " + pass + " saw " + seen[s]
            + " observations, the selection is for " + sizes[s] + "; the data changed between passes"
            + " or a part is missing");
      }
    }
    for (int i = 0; i < ranges.length; i++) {
      long n = ranges[i].collect() ? collected[i] : Arrays.stream(counts[i]).sum();
      if (n != rangeCounts[i]) {
        throw new IllegalStateException("Series " + ranges[i].series() + ": pass " + pass + " saw "
            + n + " observations in a key range that held " + rangeCounts[i]
            + " in the pass before; the data changed between passes");
      }
    }
  }
}
