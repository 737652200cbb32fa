package io.unwind.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Importance-sampling value at risk and expected shortfall of a loss over N weighted paths:
 * exact weighted order statistics, mergeable, the same bits at any partitioning.
 *
 * <p><b>Definitions.</b> Path i has loss {@code x_i} and likelihood ratio {@code w_i} (its weight,
 * {@code dP/dQ} of the sampled path). Observations are ordered by (loss, pathId) as everywhere in
 * this package. The tail probability beyond x is estimated by the unbiased
 * {@code F̄(x) = (1/N) sum w_i 1{(x_i, id_i) above x}} (Glasserman, Heidelberger and Shahabuddin
 * 2000, "Variance reduction techniques for estimating value-at-risk", Management Science
 * 46(10):1349–1364, doi:10.1287/mnsc.46.10.1349.12274), and for a level α with
 * {@code t = (1 − α)N}:
 * <ul>
 *   <li>{@code VaR_α = x_j}, the observation j whose weight above it, {@code A_j}, and its own
 *       weight bracket t: {@code A_j ≤ t < A_j + w_j} (walking down from the worst loss, the
 *       first at which the accumulated weight passes t);
 *   <li>{@code ES_α = VaR + (1/t) sum_{i above j} w_i (x_i − VaR)} (Rockafellar and Uryasev
 *       2002, doi:10.1016/S0378-4266(02)00271-6): the mean of the worst weight t with the VaR's
 *       observation taking the fractional rest.
 * </ul>
 * With every weight 1 these are {@link TailLevels}'s estimators: {@code x(⌈αN⌉)} and the
 * Acerbi–Tasche mean of the worst {@code (1 − α)N} losses (to rounding in the last bits, as αN is
 * formed in binary here).
 *
 * <p><b>95 % intervals</b> (delta method for the weighted estimators, Glasserman et al. 2000 §3;
 * with unit weights they reduce to the normal approximations of the unweighted intervals):
 * <ul>
 *   <li>VaR: by inverting the tail-probability estimate: with
 *       {@code s² = [(1/N) sum_{above j} w_i² − F̄²] / N} the plug-in variance of {@code F̄} at the
 *       VaR, the interval runs from the VaR at level {@code α − 1.96 s} to the VaR at level
 *       {@code α + 1.96 s}. No density estimate is needed. An end the kept tail cannot reach is
 *       −∞ (or +∞ when {@code α + 1.96 s ≥ 1}).
 *   <li>ES: {@code ES ± 1.96 sd(w (x − VaR)^+) / ((1 − α) sqrt N)}, the influence function of the
 *       Rockafellar–Uryasev form (the VaR's own error cancels to first order, as its derivative
 *       {@code 1 − F̄(VaR)/(1 − α)} is 0 there); with unit weights exactly the
 *       Manistre–Hancock variance {@link TailLevels} uses. Fewer than two observations
 *       above the VaR: (−∞, +∞).
 * </ul>
 *
 * <p><b>Memory and exactness.</b> Only the worst observations are kept: down from the top until
 * the weight above reaches {@code 2(1 − α_min)N}, twice the lowest level's tail, which covers the
 * VaR interval's lower end unless {@code 1.96 s > 1 − α_min} (then that end is −∞). Parts prune
 * to that set on their own weights (a part's weight above an observation is at most the whole
 * sample's), so every observation the estimates read survives any partitioning and merge order;
 * the estimates read only that common prefix, sorted, summing in one fixed order: the same bits
 * whatever the split. Memory is in proportion to the number of paths in the kept tail (under a
 * good tilt most tail paths carry small weights, so that is more paths than plain sampling
 * keeps, for a given N).
 *
 * <p>Not thread-safe; one per partition, merged with {@link #combine}.
 */
public final class WeightedTailAccumulator implements Mergeable<WeightedTailAccumulator> {

  private static final long serialVersionUID = 1L;
  private static final double Z95 = 1.959963984540054;
  /** Kept weight over the lowest level's tail weight. */
  private static final double KEEP_FACTOR = 2.0;
  /** Slack on the pruning threshold against the rounding of partial sums (n ulps, n < 1e6). */
  private static final double PRUNE_SLACK = 1.0 + 1e-9;
  private static final int MIN_PRUNE_SIZE = 1024;

  private final long expected;
  private final double[] levels;
  private final double keepWeight;

  private long count;
  private int size;
  private int pruneAt = MIN_PRUNE_SIZE;
  private double[] values = new double[16];
  private long[] pathIds = new long[16];
  private double[] weights = new double[16];

  private WeightedTailAccumulator(long expected, double[] levels) {
    this.expected = expected;
    this.levels = levels;
    this.keepWeight = KEEP_FACTOR * (1.0 - levels[0]) * expected;
  }

  /**
   * An empty accumulator for a loss observed on exactly {@code n} weighted paths.
   *
   * @param n total paths that will be accepted across all parts (the N of the estimators)
   * @param levels VaR/ES levels in (0, 1), distinct
   * @throws IllegalArgumentException if {@code n < 1} or a level is outside (0, 1) or repeated
   */
  public static WeightedTailAccumulator of(long n, double... levels) {
    if (n < 1) {
      throw new IllegalArgumentException("Cannot set n to " + n + ", the value must be >= 1");
    }
    return new WeightedTailAccumulator(n, TailLevels.checkLevels(levels));
  }

  /**
   * Adds one path's loss and weight.
   *
   * @param loss finite
   * @param weight the path's likelihood ratio, finite and {@code >= 0}
   * @param pathId breaks ties
   * @return this
   * @throws IllegalArgumentException on a non-finite loss or a negative or non-finite weight
   * @throws IllegalStateException beyond N paths
   */
  public WeightedTailAccumulator accept(double loss, double weight, long pathId) {
    if (!Double.isFinite(loss) || !(weight >= 0.0) || weight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Cannot accept loss " + loss + " with weight " + weight
          + " of path " + pathId + ", the loss must be finite and the weight finite and >= 0");
    }
    if (count >= expected) {
      throw new IllegalStateException(
          "Cannot accept more than N = " + expected + " observations (path " + pathId + ")");
    }
    count++;
    add(loss, weight, pathId);
    if (size >= pruneAt) {
      prune();
    }
    return this;
  }

  /**
   * Merges a disjoint part; {@code other} is not modified.
   *
   * @return this
   * @throws IllegalArgumentException if N or the levels differ
   * @throws IllegalStateException if the merged count would exceed N
   */
  public WeightedTailAccumulator combine(WeightedTailAccumulator other) {
    TailLevels.checkCombinable(other == this, expected, levels, count, other.expected,
        other.levels, other.count);
    count += other.count;
    for (int i = 0; i < other.size; i++) {
      add(other.values[i], other.weights[i], other.pathIds[i]);
    }
    prune();
    return this;
  }

  /** Paths accepted so far over all merged parts. */
  public long count() {
    return count;
  }

  /** Observations held now (the kept tail and what awaits pruning). */
  public int kept() {
    return size;
  }

  /**
   * VaR and ES at every level with their 95 % intervals ({@code n} = N). Does not modify the
   * accumulator.
   *
   * @throws IllegalStateException unless exactly N paths were accepted
   */
  public TailEstimates finish() {
    if (count != expected) {
      throw new IllegalStateException("Cannot finish the tail with " + count
          + " observations, it was built for N = " + expected
          + " and is exact only once every path is in (is a partition missing?)");
    }
    int[] order = descendingOrder();
    int m = order.length;
    double[] x = new double[m];
    double[] w = new double[m];
    // cum[j]: weight of the observations ranked at or above j, summed worst first.
    double[] cum = new double[m];
    double running = 0;
    for (int j = 0; j < m; j++) {
      x[j] = values[order[j]];
      w[j] = weights[order[j]];
      running += w[j];
      cum[j] = running;
    }
    List<TailEstimate> var = new ArrayList<>();
    List<TailEstimate> es = new ArrayList<>();
    double n = expected;
    for (double level : levels) {
      double target = (1.0 - level) * n;
      int j = crossing(cum, target);
      double v = x[j];
      double s1 = 0;
      double s2 = 0;
      double w1 = 0;
      double w2 = 0;
      for (int i = 0; i < j; i++) {
        double excess = w[i] * (x[i] - v);
        s1 += excess;
        s2 += excess * excess;
        w1 += w[i];
        w2 += w[i] * w[i];
      }
      double shortfall = v + s1 / target;
      double tail = w1 / n;
      double sdTail = Math.sqrt(Math.max(0.0, (w2 / n - tail * tail) / n));
      double high = level + Z95 * sdTail >= 1.0 ? Double.POSITIVE_INFINITY
          : Math.max(v, x[crossing(cum, (1.0 - level - Z95 * sdTail) * n)]);
      double lowTarget = (1.0 - level + Z95 * sdTail) * n;
      double low;
      if (lowTarget >= keepWeight) {
        low = Double.NEGATIVE_INFINITY;
      } else {
        low = Math.min(v, x[crossing(cum, lowTarget)]);
      }
      var.add(new TailEstimate(level, v, low, high, expected));
      if (j < 2) {
        es.add(new TailEstimate(level, shortfall, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, expected));
      } else {
        double mean = s1 / n;
        double se = Math.sqrt(Math.max(0.0, (s2 / n - mean * mean) / n)) / (1.0 - level);
        es.add(new TailEstimate(level, shortfall, Math.min(shortfall, shortfall - Z95 * se),
            Math.max(shortfall, shortfall + Z95 * se), expected));
      }
    }
    return new TailEstimates(var, es);
  }

  /**
   * The first j (worst first) with {@code cum[j] > target}: the observation whose weight carries
   * the accumulated weight past the target; the last one when the whole sample weighs no more.
   */
  private static int crossing(double[] cum, double target) {
    int lo = 0;
    int hi = cum.length - 1;
    if (!(cum[hi] > target)) {
      return hi;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private void add(double value, double weight, long pathId) {
    if (size == values.length) {
      int grown = 2 * size;
      values = Arrays.copyOf(values, grown);
      pathIds = Arrays.copyOf(pathIds, grown);
      weights = Arrays.copyOf(weights, grown);
    }
    values[size] = value;
    pathIds[size] = pathId;
    weights[size] = weight;
    size++;
  }

  /** Keeps the worst observations down to the first whose weight above reaches the keep weight. */
  private void prune() {
    int[] order = descendingOrder();
    double above = 0;
    int keep = order.length;
    for (int j = 0; j < order.length; j++) {
      if (above >= keepWeight * PRUNE_SLACK) {
        keep = j;
        break;
      }
      above += weights[order[j]];
    }
    double[] v = new double[Math.max(16, keep)];
    long[] ids = new long[v.length];
    double[] wt = new double[v.length];
    for (int j = 0; j < keep; j++) {
      v[j] = values[order[j]];
      ids[j] = pathIds[order[j]];
      wt[j] = weights[order[j]];
    }
    values = v;
    pathIds = ids;
    weights = wt;
    size = keep;
    pruneAt = Math.max(MIN_PRUNE_SIZE, 2 * keep);
  }

  /** Indices of the held observations, worst first: descending (value, pathId). */
  private int[] descendingOrder() {
    int[] idx = new int[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    int[] work = new int[size];
    mergeSort(idx, work, 0, size);
    return idx;
  }

  private void mergeSort(int[] a, int[] work, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, work, from, mid);
    mergeSort(a, work, mid, to);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      work[k++] = worse(a[j], a[i]) ? a[j++] : a[i++];
    }
    while (i < mid) {
      work[k++] = a[i++];
    }
    while (j < to) {
      work[k++] = a[j++];
    }
    System.arraycopy(work, from, a, from, to - from);
  }

  /** Whether held observation a ranks strictly above b in (value, pathId) order. */
  private boolean worse(int a, int b) {
    int c = Double.compare(values[a], values[b]);
    return c > 0 || (c == 0 && pathIds[a] > pathIds[b]);
  }
}
