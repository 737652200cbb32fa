package io.unwind.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact weighted order statistics of several series of (value, weight, pathId) observations,
 * found in a few passes over data too large to keep: {@link RankSelection}'s radix selection with
 * a weight target in place of a rank.
 *
 * <p><b>Target.</b> Observations are ordered by (value, pathId) as everywhere in this package.
 * A target is a level α, i.e. the tail weight {@code t = (1 − α)·M} of a series' mass M; the
 * selected observation (the weighted VaR at α) is the first one,
 * walking down from the largest, at which the weight accumulated so far (its own included)
 * exceeds {@code t = f·M}: the j with {@code A_j ≤ t < A_j + w_j}, {@code A_j} the weight of the
 * observations ranked above j ({@link WeightedTailAccumulator}'s {@code crossing}). When the whole
 * series weighs no more than t it is the smallest observation. The mass M is N, the series' size
 * (the unbiased form: tail probabilities {@code (1/N) Σ w 1{above}}), or, for a series that is a
 * conditional sub-population, its own total weight {@code W = Σ w} (the ratio form), which the
 * first pass adds up. t is formed exactly from α's shortest decimal representation (so a level
 * 0.99 gives t = 0.01·N exactly, and unit weights select exactly {@link RankSelection}'s rank
 * {@code ⌈αN⌉}, as {@link TailLevels} does). Any finite α is a valid target: α ≤ 0 selects the
 * smallest observation, α ≥ 1 the largest.
 *
 * <p><b>Passes.</b> As {@link RankSelection}, but each histogram bin also carries the exact sum of
 * its weights ({@link ExactSum}) and each open range the exact weight above it, and the bins are
 * walked from the top. Counts and weight sums are exact and collected keys are sorted before use,
 * so the outcome is the same for any partitioning and merge order. The memory is that of
 * {@link RankSelection} plus one exact sum per non-empty bin.
 *
 * <p>Not thread-safe. The selection is shipped to the workers, each makes its own {@link Pass}.
 */
public final class WeightedRankSelection extends RadixSelection<WeightedRankSelection.Range> {

  private static final long serialVersionUID = 1L;

  private final boolean[] ownMass;
  /** Per series, the target levels, as given (any order, repeats allowed). */
  private final double[][] levels;
  /** Per series, its exact total weight (known after the first pass). */
  private final BigDecimal[] totals;

  /**
   * One open range of one series.
   *
   * @param above the series' weight ranked above the range, exact
   * @param targets indices into the series' levels
   */
  record Range(int series, int depth, long prefixHi, long prefixLo, BigDecimal above,
      long count, int[] targets, boolean collect) implements RadixSelection.Open {
    @Override
    public KeyPass.KeyRange key() {
      return new KeyPass.KeyRange(series, depth, prefixHi, prefixLo, collect);
    }
  }

  private WeightedRankSelection(long[] sizes, boolean[] ownMass, double[][] levels,
      int collectLimit) {
    super(sizes, Arrays.stream(levels).mapToInt(l -> l.length).toArray(), collectLimit);
    this.ownMass = ownMass;
    this.levels = levels;
    this.totals = new BigDecimal[sizes.length];
    for (int s = 0; s < sizes.length; s++) {
      if (levels[s].length > 0) {
        open.add(new Range(s, 0, 0L, 0L, BigDecimal.ZERO, sizes[s], every(levels[s].length),
            sizes[s] <= collectLimit));
      }
    }
  }

  /**
   * A selection of the weighted VaRs at the given levels of each series.
   *
   * @param sizes per series, the number of observations every pass will see of it (≥ 1 where it
   *     has targets)
   * @param ownMass per series, whether its mass M is its own total weight (a conditional
   *     population) rather than its size N
   * @param levels per series, the levels α (finite; t = (1 − α)·M)
   * @param collectLimit the most keys of a range that a pass collects rather than histograms
   * @throws IllegalArgumentException if the arrays disagree or a value is out of range
   */
  public static WeightedRankSelection of(long[] sizes, boolean[] ownMass, double[][] levels,
      int collectLimit) {
    if (sizes.length != levels.length || ownMass.length != sizes.length) {
      throw new IllegalArgumentException("Cannot select from " + sizes.length + " series with "
          + levels.length + " level lists and " + ownMass.length + " mass flags");
    }
    checkCollectLimit(collectLimit);
    double[][] copy = new double[levels.length][];
    for (int s = 0; s < levels.length; s++) {
      copy[s] = levels[s].clone();
      if (copy[s].length > 0 && sizes[s] < 1) {
        throw new IllegalArgumentException("Cannot select from series " + s + " of "
            + sizes[s] + " observations");
      }
      for (double f : copy[s]) {
        if (!Double.isFinite(f)) {
          throw new IllegalArgumentException("Cannot select level " + f + " of series "
              + s + ", it must be finite");
        }
      }
    }
    return new WeightedRankSelection(sizes.clone(), ownMass.clone(), copy, collectLimit);
  }

  /** An empty pass for the current state, to be fed every observation of every series. */
  public Pass pass() {
    List<Range> ranges = openForPass();
    return new Pass(ranges.toArray(new Range[0]), keyPass(ranges, true));
  }

  /**
   * Takes in a completed pass (every part merged) and narrows or resolves every open target.
   *
   * @return this
   * @throws IllegalArgumentException if the pass was made for another state
   * @throws IllegalStateException if its counts disagree with the series' sizes or the previous
   *     pass's; the selection is then unchanged
   */
  public WeightedRankSelection advance(Pass done) {
    advance(done.ranges, done.keys);
    return this;
  }

  /** The first pass also adds up each series' total weight. */
  @Override
  void firstPass(KeyPass keys) {
    for (int s = 0; s < sizes.length; s++) {
      totals[s] = keys.totals[s].toBigDecimal();
    }
  }

  /** {@code t = (1 − α)·M}, exact. */
  private BigDecimal target(int series, int t) {
    BigDecimal mass = ownMass[series] ? totals[series] : BigDecimal.valueOf(sizes[series]);
    return BigDecimal.ONE.subtract(BigDecimal.valueOf(levels[series][t])).multiply(mass);
  }

  @Override
  void resolveCollected(Range range, KeyPass keys, int i) {
    int n = keys.collected[i];
    long[] hi = keys.collectedHi[i];
    long[] lo = keys.collectedLo[i];
    double[] w = keys.collectedWeight[i];
    Integer[] order = new Integer[n];
    Arrays.setAll(order, j -> j);
    // Descending: the walk starts at the largest key.
    Arrays.sort(order, (a, b) -> RankSelection.compare(hi[b], lo[b], hi[a], lo[a]));
    ExactSum cumulative = new ExactSum();
    BigDecimal above = range.above();
    int[] targets = range.targets().clone();
    BigDecimal[] t = new BigDecimal[targets.length];
    for (int k = 0; k < targets.length; k++) {
      t[k] = target(range.series(), targets[k]);
    }
    boolean[] done2 = new boolean[targets.length];
    int left = targets.length;
    for (int j = 0; j < n && left > 0; j++) {
      cumulative.add(w[order[j]]);
      BigDecimal cum = above.add(cumulative.toBigDecimal());
      for (int k = 0; k < targets.length; k++) {
        if (!done2[k] && cum.compareTo(t[k]) > 0) {
          resolve(range.series(), targets[k], hi[order[j]], lo[order[j]]);
          done2[k] = true;
          left--;
        }
      }
    }
    for (int k = 0; k < targets.length; k++) {
      if (!done2[k]) { // the series weighs no more than t: its smallest observation
        int j = order[n - 1];
        resolve(range.series(), targets[k], hi[j], lo[j]);
      }
    }
  }

  @Override
  void narrow(Range range, KeyPass keys, int i, List<Range> next) {
    long[] counts = keys.counts[i];
    int s = range.series();
    int[] targets = range.targets();
    BigDecimal[] t = new BigDecimal[targets.length];
    for (int k = 0; k < targets.length; k++) {
      t[k] = target(s, targets[k]);
    }
    List<List<Integer>> byBin = new ArrayList<>();
    BigDecimal[] aboveBin = new BigDecimal[counts.length];
    for (int bin = 0; bin < counts.length; bin++) {
      byBin.add(null);
    }
    boolean[] placed = new boolean[targets.length];
    int left = targets.length;
    BigDecimal above = range.above();
    int lowest = -1;
    for (int bin = counts.length - 1; bin >= 0; bin--) {
      if (counts[bin] == 0) {
        continue;
      }
      lowest = bin;
      aboveBin[bin] = above;
      BigDecimal end = above.add(keys.weights[i][bin].toBigDecimal());
      for (int k = 0; k < targets.length && left > 0; k++) {
        if (!placed[k] && end.compareTo(t[k]) > 0) {
          here(byBin, bin).add(targets[k]);
          placed[k] = true;
          left--;
        }
      }
      above = end;
    }
    // Targets the range's whole weight does not reach fall to its lowest non-empty bin, and from
    // there on down to the series' smallest observation.
    for (int k = 0; k < targets.length && left > 0; k++) {
      if (!placed[k]) {
        here(byBin, lowest).add(targets[k]);
      }
    }
    for (int bin = counts.length - 1; bin >= 0; bin--) {
      List<Integer> here = byBin.get(bin);
      if (here != null) {
        here.sort(null);
        int[] targetsHere = here.stream().mapToInt(Integer::intValue).toArray();
        BigDecimal aboveHere = aboveBin[bin];
        openBin(s, keys, i, bin, targetsHere, (depth, hi, lo, count, collect) ->
            new Range(s, depth, hi, lo, aboveHere, count, targetsHere, collect), next);
      }
    }
  }

  private static List<Integer> here(List<List<Integer>> byBin, int bin) {
    if (byBin.get(bin) == null) {
      byBin.set(bin, new ArrayList<>());
    }
    return byBin.get(bin);
  }

  /**
   * The observation selected for target {@code index} (the index into the series' levels).
   *
   * @throws IllegalStateException if it is not resolved yet
   */
  public RankKey key(int series, int index) {
    return selected(series, index, "Target " + index);
  }

  /** The series' exact total weight, known after the first pass. */
  public BigDecimal totalWeight(int series) {
    if (passes() == 0) {
      throw new IllegalStateException("The total weight is known after the first pass");
    }
    return totals[series];
  }

  /**
   * One pass's per-range weighted histograms and collections ({@link KeyPass} with weights),
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
     * @param weight finite and {@code >= 0}
     * @param pathId the path (ties of value are ordered by it)
     * @throws IllegalArgumentException if the value or weight is out of range
     */
    public void accept(int series, double value, double weight, long pathId) {
      if (!Double.isFinite(value) || !(weight >= 0.0) || weight == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("Cannot accept " + value + " with weight " + weight
            + " of path " + pathId + " in series " + series
            + ", the value must be finite and the weight finite and >= 0");
      }
      keys.accept(series, value, weight, pathId);
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
}
