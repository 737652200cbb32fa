package io.unwind.metrics;

import java.util.Arrays;

/**
 * VaR and expected shortfall of one series over exactly N observations, in memory independent of
 * N: the order statistics come from a completed {@link RankSelection}, and one more pass adds up
 * the observations beyond each VaR ({@link TailSums}). The estimates are the same bits as the
 * tests' in-memory {@code TailAccumulator} over the same observations ({@link TailLevels}
 * computes both).
 *
 * <p>Not thread-safe; one instance per partition, merged with {@link #combine}.
 */
public final class SelectedTail implements Tail, Mergeable<SelectedTail> {

  private static final long serialVersionUID = 1L;

  private final TailLevels levels;
  private final long[] ranks;
  private final double[] values;
  private final RankKey[] varKeys;
  private final TailSums[] beyond;
  private long count;

  private SelectedTail(TailLevels levels, long[] ranks, double[] values, RankKey[] varKeys) {
    this.levels = levels;
    this.ranks = ranks;
    this.values = values;
    this.varKeys = varKeys;
    this.beyond = new TailSums[levels.size()];
    Arrays.setAll(beyond, i -> new TailSums());
  }

  /**
   * An empty tail whose order statistics are read from {@code selection}.
   *
   * @param levels the levels, with the N of the series
   * @param selection a selection that asked for every rank of {@code levels.ranks()} of the series
   *     and has resolved them
   * @param series the series
   * @throws IllegalArgumentException if the selection's series has another N or lacks a rank
   * @throws IllegalStateException if a rank is not resolved yet
   */
  public static SelectedTail of(TailLevels levels, RankSelection selection, int series) {
    if (selection.size(series) != levels.n()) {
      throw new IllegalArgumentException("Cannot read a tail of N = " + levels.n() + " from series "
          + series + " of " + selection.size(series) + " observations");
    }
    long[] ranks = levels.ranks();
    double[] values = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      values[i] = selection.key(series, ranks[i]).value();
    }
    RankKey[] keys = new RankKey[levels.size()];
    for (int l = 0; l < keys.length; l++) {
      keys[l] = selection.key(series, levels.varRank(l));
    }
    return new SelectedTail(levels, ranks, values, keys);
  }

  /** Adds one observation of the series (all N are needed, as in the selection's passes). */
  public SelectedTail accept(double value, long pathId) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "Cannot accept " + value + " of path " + pathId + ", the value must be finite");
    }
    if (count >= levels.n()) {
      throw new IllegalStateException(
          "Cannot accept more than N = " + levels.n() + " observations (path " + pathId + ")");
    }
    count++;
    for (int l = 0; l < varKeys.length; l++) {
      if (varKeys[l].isExceededBy(value, pathId)) {
        beyond[l].accept(value);
      } else {
        break; // levels ascending: a path not beyond this VaR is beyond no higher one
      }
    }
    return this;
  }

  /** Merges a disjoint part into this; {@code other} is not modified. */
  public SelectedTail combine(SelectedTail other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine a tail with itself");
    }
    if (count + other.count > levels.n()) {
      throw new IllegalStateException("Cannot combine " + count + " and " + other.count
          + " observations, more than N = " + levels.n());
    }
    count += other.count;
    for (int l = 0; l < beyond.length; l++) {
      beyond[l].combine(other.beyond[l]);
    }
    return this;
  }

  /** Observations accepted so far. */
  public long count() {
    return count;
  }

  /** The observation at the VaR rank of {@code level}: paths that exceed it are its tail. */
  public RankKey varKey(double level) {
    return varKeys[levels.indexOf(level)];
  }

  /**
   * VaR and ES at every level with their 95 % intervals.
   *
   * @throws IllegalStateException unless exactly N observations were accepted
   */
  public TailEstimates finish() {
    if (count != levels.n()) {
      throw new IllegalStateException("Cannot finish the tail with " + count
          + " observations, it was built for N = " + levels.n()
          + " and is exact only once every path is in (is a partition missing?)");
    }
    return levels.finish(rank -> values[Arrays.binarySearch(ranks, rank)], beyond);
  }

  @Override
  public SelectedTail combine(Tail other) {
    return combine((SelectedTail) other);
  }
}
