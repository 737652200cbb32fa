package io.unwind.metrics;

import java.util.Arrays;

/**
 * Exact value at risk and expected shortfall of a loss over a known number of paths, mergeable,
 * keeping the tail in memory: the tests' reference for {@link SelectedTail} and the summary, which
 * select the same order statistics in passes in memory independent of N.
 *
 * <p><b>Order.</b> Observations are pairs (loss, pathId) ordered by loss (as
 * {@link Double#compare}), ties broken by path id, so the sorted sample
 * {@code x(1) ≤ … ≤ x(N)} and every kept set below are exactly defined.
 *
 * <p><b>Definitions</b>, for the N losses and a level α in (0, 1), with {@code r = ⌈αN⌉}:
 * <ul>
 *   <li>{@code VaR_α = x(r)}, the upper empirical α-quantile.
 *   <li>{@code ES_α = [Σ_{i>r} x(i) + (r − αN)·x(r)] / ((1 − α)N)}: the mean of the worst
 *       {@code (1 − α)N} losses, the loss at rank r entering with the fractional weight that makes
 *       the weights add up to exactly {@code (1 − α)N}. This is the sample estimator of Acerbi and
 *       Tasche (2002), "On the coherence of expected shortfall", doi:10.1016/S0378-4266(02)00283-2,
 *       coherent and exact for every N, not only when αN is an integer. It is formed exactly from
 *       the exact sum of the losses beyond rank r and rounded once ({@link TailLevels}), so ES ≥
 *       VaR holds in floating point too.
 * </ul>
 * αN, r and the fractional weight are computed in decimal from α's shortest representation
 * ({@link Double#toString}), so 0.995 · 1000 is exactly 995 despite binary rounding.
 *
 * <p><b>95 % intervals.</b>
 * <ul>
 *   <li>VaR: the distribution-free order-statistic interval {@code [x(a), x(b+1)]}, with
 *       {@code a}, {@code b} the 2.5 % and 97.5 % quantiles of B ~ Binomial(N, α); for continuous
 *       losses its coverage is {@code P(a ≤ B ≤ b) ≥ 0.95} (David and Nagaraja, Order Statistics,
 *       3rd ed. 2003, §7.1). A rank below 1 or above N means the sample cannot bound the quantile
 *       on that side: the end is −∞ or +∞.
 *   <li>ES: asymptotic normal, {@code ES ± 1.96·sqrt([Var(L | L ≥ VaR) + α(ES − VaR)²] / ((1 − α)N))}
 *       (Manistre and Hancock 2005, "Variance of the CTE estimator", North American Actuarial
 *       Journal 9(2):129–156, doi:10.1080/10920277.2005.10596207; Brazauskas, Jones, Puri and
 *       Zitikis 2008, "Estimating conditional tail expectation with actuarial applications in
 *       view", J. Statistical Planning and Inference 138(11):3590–3604). The tail variance is the plug-in variance of the tail
 *       with the same fractional weights as ES. With fewer than two losses beyond the VaR rank the
 *       asymptotics say nothing and the interval is (−∞, +∞).
 * </ul>
 *
 * <p><b>Memory.</b> No global sort: the accumulator keeps only the largest
 * {@code k = N − ρ + 1} observations, ρ the lowest rank an estimate reads (a VaR rank or an
 * interval end inside 1..N), which is {@code ⌈(1 − α_min)N⌉} plus the
 * about {@code 2·sqrt(Nα(1 − α))} ranks the VaR interval reaches below the VaR, in a bounded
 * min-heap of primitive (value, pathId) pairs. The largest k of a union are the largest k of the
 * parts' largest k, so {@link #combine} merges heaps, and the kept set (hence every result bit)
 * is independent of how the paths were split and in which order parts were merged. That is still
 * memory in proportion to N; {@link SelectedTail} gives the same bits from a few passes over the
 * data in memory independent of N.
 *
 * <p>Not thread-safe; one instance per partition, merged with {@link #combine}.
 */
public final class TailAccumulator implements Tail, Mergeable<TailAccumulator> {

  private static final long serialVersionUID = 1L;

  /** Initial heap allocation; arrays double up to the capacity as observations arrive. */
  private static final int INITIAL_ALLOCATION = 64;

  private final long expected;
  private final double[] levels;
  private final TailLevels tailLevels;
  /** Global rank of the smallest observation kept once all N are in. */
  private final long keepFrom;
  private final int capacity;

  private long count;
  private int size;
  private double[] values;
  private long[] pathIds;

  private TailAccumulator(TailLevels tailLevels) {
    this.tailLevels = tailLevels;
    this.expected = tailLevels.n();
    this.levels = tailLevels.levels();
    keepFrom = tailLevels.lowestRank();
    capacity = (int) (expected - keepFrom + 1);
    values = new double[0];
    pathIds = new long[0];
  }

  /**
   * Creates an empty accumulator for a loss observed on exactly {@code n} paths.
   *
   * @param n the total number of observations that will be accepted across all parts
   * @param levels the VaR/ES levels, each in (0, 1), distinct (any order; results are ascending)
   * @return a new accumulator
   * @throws IllegalArgumentException if {@code n < 1}, {@code n} does not fit an array, or a level
   *     is outside (0, 1) or repeated
   */
  public static TailAccumulator of(long n, double... levels) {
    if (n < 1 || n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "Cannot set n to " + n + ", the value must be in [1, " + (Integer.MAX_VALUE - 8) + "]");
    }
    return new TailAccumulator(TailLevels.of(n, levels));
  }

  /** The levels of the {@code summary} contract: 0.95, 0.99, 0.995, 0.999. */
  public static double[] standardLevels() {
    return new double[] {0.95, 0.99, 0.995, 0.999};
  }

  /**
   * Adds the loss of one path.
   *
   * @param loss the loss, finite
   * @param pathId the path, used to break ties
   * @return this
   * @throws IllegalArgumentException if {@code loss} is NaN or infinite
   * @throws IllegalStateException if this would exceed the N given at construction
   */
  public TailAccumulator accept(double loss, long pathId) {
    if (!Double.isFinite(loss)) {
      throw new IllegalArgumentException(
          "Cannot accept loss " + loss + " of path " + pathId + ", the value must be finite");
    }
    if (count >= expected) {
      throw new IllegalStateException(
          "Cannot accept more than N = " + expected + " observations (path " + pathId + ")");
    }
    count++;
    offer(loss, pathId);
    return this;
  }

  /**
   * Merges another part into this one; {@code other} is not modified.
   *
   * @param other an accumulator built with the same N and levels over a disjoint set of paths
   * @return this
   * @throws IllegalArgumentException if N or the levels differ, or {@code other} is this
   * @throws IllegalStateException if the merged count would exceed N
   */
  public TailAccumulator combine(TailAccumulator other) {
    TailLevels.checkCombinable(other == this, expected, levels, count, other.expected,
        other.levels, other.count);
    count += other.count;
    double[] v = other.values;
    long[] ids = other.pathIds;
    int m = other.size;
    if (m > size) {
      // Start from the larger heap (a valid heap as it is) and offer the smaller one into it.
      v = values;
      ids = pathIds;
      int own = size;
      values = Arrays.copyOf(other.values, other.values.length);
      pathIds = Arrays.copyOf(other.pathIds, other.pathIds.length);
      size = other.size;
      m = own;
    }
    for (int i = 0; i < m; i++) {
      offer(v[i], ids[i]);
    }
    return this;
  }

  /** Observations accepted so far, over all merged parts. */
  public long count() {
    return count;
  }

  /** The N the accumulator was built for. */
  public long expectedCount() {
    return expected;
  }

  /** Whether all N observations are in, so that {@link #finish()} may be called. */
  public boolean isComplete() {
    return count == expected;
  }

  /** The most observations kept at any time: k. */
  public int capacity() {
    return capacity;
  }

  /** The ranks and the estimates' arithmetic. */
  public TailLevels tailLevels() {
    return tailLevels;
  }

  /** The levels, ascending. */
  public double[] levels() {
    return levels.clone();
  }

  /**
   * VaR and ES at every level with their 95 % intervals.
   *
   * <p>Does not modify the accumulator.
   *
   * @return the estimates, levels ascending
   * @throws IllegalStateException unless exactly N observations were accepted
   */
  public TailEstimates finish() {
    if (count != expected) {
      throw new IllegalStateException("Cannot finish the tail with " + count
          + " observations, it was built for N = " + expected
          + " and is exact only once every path is in (is a partition missing?)");
    }
    double[] sorted = sortedKept();
    // Per level, the sums over ranks r + 1..N: levels ascending have ranks ascending, so one
    // walk down from the top, copied at each level's rank.
    TailSums[] beyond = new TailSums[levels.length];
    TailSums running = new TailSums();
    long next = expected;
    for (int l = levels.length - 1; l >= 0; l--) {
      for (long r = tailLevels.varRank(l); next > r; next--) {
        running.accept(at(sorted, next));
      }
      beyond[l] = running.copy();
    }
    return tailLevels.finish(rank -> at(sorted, rank), beyond);
  }

  /**
   * The paths of the worst {@code ⌊(1 − α)N⌋} losses, those ranked strictly above the VaR, worst
   * first: e.g. the worst 1 % at α = 0.99, to look up what those paths went through.
   *
   * <p>Does not modify the accumulator.
   *
   * @param level one of the levels this accumulator was built with
   * @return path ids in descending (loss, pathId) order; empty when {@code (1 − α)N < 1}
   * @throws IllegalArgumentException if the level was not requested
   * @throws IllegalStateException unless exactly N observations were accepted
   */
  public long[] worstPathIds(double level) {
    int l = tailLevels.indexOf(level);
    if (count != expected) {
      throw new IllegalStateException("Cannot rank the tail with " + count
          + " observations, it was built for N = " + expected);
    }
    int worst = (int) tailLevels.beyondVar(l);
    double[] v = Arrays.copyOf(values, size);
    long[] ids = Arrays.copyOf(pathIds, size);
    long[] out = new long[worst];
    // Pop the min-heap: ascending order; the last `worst` popped are the ones wanted.
    int n = size;
    for (int i = 0; i < size; i++) {
      if (i >= size - worst) {
        out[size - 1 - i] = ids[0];
      }
      n--;
      v[0] = v[n];
      ids[0] = ids[n];
      siftDown(v, ids, n, 0);
    }
    return out;
  }

  private double at(double[] sorted, long rank) {
    return sorted[(int) (rank - keepFrom)];
  }

  /** The kept values in ascending (value, pathId) order; leaves the heap intact. */
  private double[] sortedKept() {
    double[] v = Arrays.copyOf(values, size);
    long[] ids = Arrays.copyOf(pathIds, size);
    double[] out = new double[size];
    int n = size;
    for (int i = 0; i < out.length; i++) {
      out[i] = v[0];
      n--;
      v[0] = v[n];
      ids[0] = ids[n];
      siftDown(v, ids, n, 0);
    }
    return out;
  }

  private void offer(double value, long pathId) {
    if (size < capacity) {
      if (size == values.length) {
        int grown = (int) Math.min(capacity, Math.max(INITIAL_ALLOCATION, 2L * size));
        values = Arrays.copyOf(values, grown);
        pathIds = Arrays.copyOf(pathIds, grown);
      }
      int i = size++;
      values[i] = value;
      pathIds[i] = pathId;
      siftUp(i);
    } else if (less(values[0], pathIds[0], value, pathId)) {
      values[0] = value;
      pathIds[0] = pathId;
      siftDown(values, pathIds, size, 0);
    }
  }

  private void siftUp(int i) {
    double v = values[i];
    long id = pathIds[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(v, id, values[parent], pathIds[parent])) {
        break;
      }
      values[i] = values[parent];
      pathIds[i] = pathIds[parent];
      i = parent;
    }
    values[i] = v;
    pathIds[i] = id;
  }

  private static void siftDown(double[] values, long[] pathIds, int n, int i) {
    double v = values[i];
    long id = pathIds[i];
    int half = n >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < n && less(values[right], pathIds[right], values[child], pathIds[child])) {
        child = right;
      }
      if (!less(values[child], pathIds[child], v, id)) {
        break;
      }
      values[i] = values[child];
      pathIds[i] = pathIds[child];
      i = child;
    }
    values[i] = v;
    pathIds[i] = id;
  }

  /** The (value, pathId) order of the class javadoc. */
  private static boolean less(double v1, long id1, double v2, long id2) {
    int c = Double.compare(v1, v2);
    return c < 0 || (c == 0 && id1 < id2);
  }

  @Override
  public TailAccumulator combine(Tail other) {
    return combine((TailAccumulator) other);
  }
}
