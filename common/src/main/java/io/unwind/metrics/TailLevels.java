package io.unwind.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The rank arithmetic of VaR and expected shortfall over exactly N observations, and the
 * estimates computed from the order statistics at those ranks and the sums beyond the VaR.
 *
 * <p>Definitions, for a level α with {@code r = ⌈αN⌉}:
 * <ul>
 *   <li>{@code VaR_α = x(r)}, the upper empirical α-quantile, with the distribution-free
 *       order-statistic 95 % interval {@code [x(a), x(b + 1)]}, a and b the 2.5 % and 97.5 %
 *       quantiles of Binomial(N, α) (David and Nagaraja, Order Statistics, 3rd ed. 2003, §7.1); a
 *       rank outside 1..N is an unbounded end.
 *   <li>{@code ES_α = [Σ_{i>r} x(i) + (r − αN)·x(r)] / ((1 − α)N)}: the mean of the worst
 *       {@code (1 − α)N} observations, the one at rank r with the fractional weight that makes the
 *       weights add up to exactly {@code (1 − α)N} (Acerbi and Tasche 2002, "On the coherence of
 *       expected shortfall", doi:10.1016/S0378-4266(02)00283-2).
 *   <li>Its 95 % interval {@code ES ± 1.96·sqrt([V + α(ES − VaR)²] / ((1 − α)N))} with
 *       {@code V = [(r − αN)(VaR − ES)² + Σ_{i>r}(x(i) − ES)²] / ((1 − α)N)}, the plug-in tail
 *       variance (Manistre and Hancock 2005, "Variance of the CTE estimator", North American
 *       Actuarial Journal 9(2):129–156, doi:10.1080/10920277.2005.10596207); unbounded with fewer
 *       than two observations beyond rank r.
 * </ul>
 * αN, r and the boundary weight are exact decimals from α's shortest representation, so 0.995 ·
 * 1000 is 995. ES and V are formed exactly from the exact sums Σx and Σx² beyond the VaR
 * ({@link TailSums}) and rounded once, so they are a pure function of the N observations: the same
 * bits whether the tail was kept in memory (the tests' {@code TailAccumulator}) or selected in
 * passes ({@link SelectedTail}), for any partitioning. Immutable.
 */
public final class TailLevels implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final MathContext CONTEXT = new MathContext(40, RoundingMode.HALF_EVEN);

  private final long n;
  private final double[] levels;
  private final long[] varRank;
  private final long[] ciLowRank;
  private final long[] ciHighRank;
  /** Per level, {@code r − αN} in [0, 1): the weight of x(r) in ES, exact. */
  private final BigDecimal[] boundaryWeight;
  /** Per level, {@code (1 − α)N}, exact. */
  private final BigDecimal[] tailWeight;

  private TailLevels(long n, double[] levels) {
    this.n = n;
    this.levels = levels;
    int l = levels.length;
    varRank = new long[l];
    ciLowRank = new long[l];
    ciHighRank = new long[l];
    boundaryWeight = new BigDecimal[l];
    tailWeight = new BigDecimal[l];
    BigDecimal bigN = BigDecimal.valueOf(n);
    for (int i = 0; i < l; i++) {
      BigDecimal alpha = BigDecimal.valueOf(levels[i]);
      BigDecimal alphaN = alpha.multiply(bigN);
      long r = alphaN.setScale(0, RoundingMode.CEILING).longValueExact();
      varRank[i] = r;
      boundaryWeight[i] = BigDecimal.valueOf(r).subtract(alphaN);
      tailWeight[i] = BigDecimal.ONE.subtract(alpha).multiply(bigN);
      BinomialDistribution b = new BinomialDistribution(null, (int) n, levels[i]);
      ciLowRank[i] = b.inverseCumulativeProbability(0.025);
      ciHighRank[i] = b.inverseCumulativeProbability(0.975) + 1L;
    }
  }

  /**
   * The checks of a tail accumulator's {@code combine} (plain and weighted alike): a part merged
   * into another must be another object, built for the same N and levels, and together hold at
   * most N observations.
   *
   * @throws IllegalArgumentException if the parts are one object or N or the levels differ
   * @throws IllegalStateException if the merged count would exceed N
   */
  static void checkCombinable(boolean same, long expected, double[] levels, long count,
      long otherExpected, double[] otherLevels, long otherCount) {
    if (same) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    if (otherExpected != expected || !Arrays.equals(otherLevels, levels)) {
      throw new IllegalArgumentException("Cannot combine accumulators of N = " + expected
          + ", levels " + Arrays.toString(levels) + " and N = " + otherExpected + ", levels "
          + Arrays.toString(otherLevels));
    }
    if (count + otherCount > expected) {
      throw new IllegalStateException("Cannot combine " + count + " and " + otherCount
          + " observations, more than N = " + expected);
    }
  }

  /**
   * The ranks of the VaR and its interval at each level for exactly {@code n} observations.
   *
   * @param n the number of observations, in [1, 2^31 − 9]
   * @param levels each in (0, 1), distinct, any order (results are ascending)
   * @throws IllegalArgumentException if {@code n} or a level is out of range, or a level repeats
   */
  public static TailLevels of(long n, double... levels) {
    if (n < 1 || n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "Cannot set n to " + n + ", the value must be in [1, " + (Integer.MAX_VALUE - 8) + "]");
    }
    return new TailLevels(n, checkLevels(levels));
  }

  /**
   * The levels sorted ascending.
   *
   * @throws IllegalArgumentException if there is none, one is outside (0, 1) or one repeats
   */
  static double[] checkLevels(double... levels) {
    if (levels.length == 0) {
      throw new IllegalArgumentException("Cannot use no levels, at least one is needed");
    }
    double[] sorted = levels.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (!(sorted[i] > 0.0 && sorted[i] < 1.0)) {
        throw new IllegalArgumentException(
            "Cannot use level " + sorted[i] + ", the value must be in (0, 1)");
      }
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException("Cannot use level " + sorted[i] + " twice");
      }
    }
    return sorted;
  }

  /** N. */
  public long n() {
    return n;
  }

  /** The levels, ascending. */
  public double[] levels() {
    return levels.clone();
  }

  /** The number of levels. */
  public int size() {
    return levels.length;
  }

  /** {@code ⌈α_i N⌉}, the VaR rank of level {@code i} (levels ascending). */
  public long varRank(int i) {
    return varRank[i];
  }

  /** Observations ranked strictly above the VaR of level {@code i}: {@code N − ⌈α_i N⌉}. */
  public long beyondVar(int i) {
    return n - varRank[i];
  }

  /** The index of {@code level}, which must be one of the levels. */
  public int indexOf(double level) {
    int i = Arrays.binarySearch(levels, level);
    if (i < 0) {
      throw new IllegalArgumentException("Level " + level + " was not requested, levels are "
          + Arrays.toString(levels));
    }
    return i;
  }

  /**
   * Every rank whose order statistic the estimates read: the VaR ranks and the interval ends that
   * fall inside 1..N, ascending, distinct.
   */
  public long[] ranks() {
    return Arrays.stream(new long[][] {varRank, ciLowRank, ciHighRank})
        .flatMapToLong(Arrays::stream)
        .filter(r -> r >= 1 && r <= n)
        .distinct()
        .sorted()
        .toArray();
  }

  /** The lowest rank {@link #ranks()} holds. */
  public long lowestRank() {
    return ranks()[0];
  }

  /**
   * The estimates, levels ascending.
   *
   * @param valueAt the order statistic x(rank) for every rank of {@link #ranks()}
   * @param beyond per level, the sums over the observations ranked strictly above its VaR rank
   * @throws IllegalStateException if a level's sums do not hold exactly {@link #beyondVar} items
   */
  public TailEstimates finish(LongToDoubleFunction valueAt, TailSums[] beyond) {
    if (beyond.length != levels.length) {
      throw new IllegalArgumentException("Cannot finish " + levels.length + " levels from "
          + beyond.length + " sums");
    }
    List<TailEstimate> var = new ArrayList<>(levels.length);
    List<TailEstimate> es = new ArrayList<>(levels.length);
    for (int l = 0; l < levels.length; l++) {
      double alpha = levels[l];
      long r = varRank[l];
      TailSums sums = beyond[l];
      if (sums.count() != n - r) {
        throw new IllegalStateException("Cannot finish level " + alpha + " with " + sums.count()
            + " observations beyond its VaR rank " + r + " of N = " + n + ", expected " + (n - r));
      }
      double v = valueAt.applyAsDouble(r);
      double low = ciLowRank[l] >= 1 ? valueAt.applyAsDouble(ciLowRank[l]) : Double.NEGATIVE_INFINITY;
      double high = ciHighRank[l] <= n ? valueAt.applyAsDouble(ciHighRank[l]) : Double.POSITIVE_INFINITY;
      var.add(new TailEstimate(alpha, v, low, high, n));

      BigDecimal w = tailWeight[l];
      BigDecimal bw = boundaryWeight[l];
      BigDecimal exactV = new BigDecimal(v);
      BigDecimal sum = sums.sum();
      // Every x beyond rank r is ≥ v and the weights add up to w, so ES ≥ v exactly and after
      // rounding too (v is a double).
      double shortfall = sum.add(bw.multiply(exactV)).divide(w, CONTEXT).doubleValue();
      double esLow = Double.NEGATIVE_INFINITY;
      double esHigh = Double.POSITIVE_INFINITY;
      if (n - r >= 2) {
        BigDecimal exactEs = new BigDecimal(shortfall);
        BigDecimal d = exactV.subtract(exactEs);
        BigDecimal k = BigDecimal.valueOf(sums.count());
        // Σ(x − ES)² = Σx² − 2·ES·Σx + k·ES², exactly.
        BigDecimal squares = bw.multiply(d).multiply(d)
            .add(sums.sumOfSquares())
            .subtract(exactEs.multiply(sum).multiply(BigDecimal.valueOf(2)))
            .add(k.multiply(exactEs).multiply(exactEs));
        BigDecimal tailVariance = squares.divide(w, CONTEXT);
        double inner = tailVariance.add(new BigDecimal(alpha).multiply(d).multiply(d))
            .divide(w, CONTEXT).doubleValue();
        double half = MomentAccumulator.Z_95 * Math.sqrt(inner);
        esLow = shortfall - half;
        esHigh = shortfall + half;
      }
      es.add(new TailEstimate(alpha, shortfall, esLow, esHigh, n));
    }
    return new TailEstimates(var, es);
  }
}
