package io.unwind.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Importance-sampling VaR and expected shortfall of one series over weighted observations, in
 * memory independent of N: the weighted VaRs come from a completed {@link WeightedRankSelection},
 * one pass adds up the weights and values beyond each VaR (exactly), and the VaR interval's ends
 * come from a second selection at the levels {@link #intervalLevels()} returns.
 *
 * <p><b>Definitions</b> (those of {@link WeightedTailAccumulator}, which keeps the tail in memory
 * instead; on the same data the two agree, VaRs and interval ends exactly, ES to rounding: it sums
 * in double, this class exactly). Observation i has value {@code x_i} and weight {@code w_i}; the
 * series' mass M is N for a whole sample (the unbiased form {@code F̄(x) = (1/N) Σ w 1{above x}},
 * the one {@link WeightedMomentAccumulator} uses for means and probabilities, so a probability and
 * a VaR of the same loss agree) or, for a conditional sub-population (e.g. the paths that visited a
 * regime), its own weight {@code W = Σ w} (the ratio estimator of a conditional distribution).
 * With {@code t = (1 − α)M}:
 * <ul>
 *   <li>{@code VaR_α = x_j}, the observation with {@code A_j ≤ t < A_j + w_j} ({@code A_j} the
 *       weight ranked above it; {@link WeightedRankSelection});
 *   <li>{@code ES_α = [Σ_{i above j} w_i x_i + (t − A_j)·VaR] / t}: the mean of the worst weight t,
 *       the VaR's observation taking the fractional rest (Rockafellar and Uryasev 2002,
 *       doi:10.1016/S0378-4266(02)00271-6). Formed exactly and rounded once as
 *       {@link TailLevels} does, so with unit weights it is the Acerbi–Tasche estimate bit for bit,
 *       and so is the VaR.
 * </ul>
 *
 * <p><b>95 % intervals</b> (delta method, Glasserman, Heidelberger and Shahabuddin 2000,
 * doi:10.1287/mnsc.46.10.1349.12274, §3):
 * <ul>
 *   <li>VaR: the VaRs at levels {@code α ∓ 1.96 s}, s the standard error of {@code F̄} at the VaR:
 *       {@code s² = [(1/N) Σ_above w² − F̄²] / N} for mass N; {@code s² = Σ_S (w 1{above} − F̄ w)² / W²}
 *       for mass W (the ratio's linearisation). An upper level ≥ 1 is +∞; a lower level whose tail
 *       weight the whole series does not reach is −∞.
 *   <li>ES: {@code ES ± 1.96 se} with the influence function of the Rockafellar–Uryasev form:
 *       {@code se = sd(w (x − VaR)^+) / ((1 − α) sqrt N)} for mass N (with unit weights the
 *       Manistre–Hancock variance); {@code se = sqrt(Σ_S (a − R b)²) / t} with
 *       {@code a = w (x − VaR)^+}, {@code b = (1 − α) w}, {@code R = ES − VaR} for mass W. Fewer
 *       than two observations above the VaR: (−∞, +∞).
 * </ul>
 * These intervals are normal approximations; with unit weights they are not the exact
 * order-statistic (binomial) VaR interval {@link TailLevels} gives plain runs.
 *
 * <p>Every sum is exact ({@link ExactSum}; the product {@code w·x} is rounded once per
 * observation), so the result is the same bits for any partitioning and merge order. Not
 * thread-safe; one instance per partition, merged with {@link #combine}.
 */
public final class WeightedSelectedTail implements Mergeable<WeightedSelectedTail> {

  private static final long serialVersionUID = 1L;
  private static final MathContext CONTEXT = new MathContext(40, RoundingMode.HALF_EVEN);

  private final long n;
  private final boolean ownMass;
  private final double[] levels;
  private final RankKey[] varKeys;
  private long count;
  private final ExactSum weight = new ExactSum();
  private final ExactSum squaredWeight = new ExactSum();
  private final Beyond[] beyond;

  /** The exact sums over the observations above one VaR. */
  private static final class Beyond implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    final ExactSum w = new ExactSum();
    final ExactSum ww = new ExactSum();
    final ExactSum y = new ExactSum();
    final ExactSum yy = new ExactSum();
    final ExactSum wy = new ExactSum();

    void accept(double x, double weight) {
      double product = weight * x;
      count++;
      w.add(weight);
      ww.addProduct(weight, weight);
      y.add(product);
      yy.addProduct(product, product);
      wy.addProduct(weight, product);
    }

    void combine(Beyond other) {
      count += other.count;
      w.add(other.w);
      ww.add(other.ww);
      y.add(other.y);
      yy.add(other.yy);
      wy.add(other.wy);
    }
  }

  private WeightedSelectedTail(long n, boolean ownMass, double[] levels, RankKey[] varKeys) {
    this.n = n;
    this.ownMass = ownMass;
    this.levels = levels;
    this.varKeys = varKeys;
    this.beyond = new Beyond[levels.length];
    Arrays.setAll(beyond, i -> new Beyond());
  }

  /**
   * An empty tail whose VaRs are read from {@code selection}.
   *
   * @param levels the levels in (0, 1), distinct, ascending, as the selection was asked for them
   *     (target index i of the series is {@code levels[i]}; further targets are ignored)
   * @param selection a resolved selection
   * @param series the series
   * @throws IllegalArgumentException if a level is out of range or repeated, or not ascending
   */
  public static WeightedSelectedTail of(double[] levels, WeightedRankSelection selection,
      int series, boolean ownMass) {
    double[] checked = TailLevels.checkLevels(levels);
    if (!Arrays.equals(checked, levels)) {
      throw new IllegalArgumentException("Levels " + Arrays.toString(levels) + " must be ascending");
    }
    RankKey[] keys = new RankKey[levels.length];
    for (int l = 0; l < keys.length; l++) {
      keys[l] = selection.key(series, l);
    }
    return new WeightedSelectedTail(selection.size(series), ownMass, checked, keys);
  }

  /**
   * Adds one observation of the series (all of them are needed, as in the selection's passes).
   *
   * @throws IllegalArgumentException if the value is not finite or the weight not finite and
   *     {@code >= 0}
   */
  public WeightedSelectedTail accept(double value, double w, long pathId) {
    if (!Double.isFinite(value) || !(w >= 0.0) || w == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Cannot accept " + value + " with weight " + w
          + " of path " + pathId + ", the value must be finite and the weight finite and >= 0");
    }
    if (count >= n) {
      throw new IllegalStateException(
          "Cannot accept more than N = " + n + " observations (path " + pathId + ")");
    }
    count++;
    weight.add(w);
    squaredWeight.addProduct(w, w);
    for (int l = 0; l < varKeys.length; l++) {
      if (varKeys[l].isExceededBy(value, pathId)) {
        beyond[l].accept(value, w);
      } else {
        break; // levels ascending, VaRs too: a path not beyond this VaR is beyond no higher one
      }
    }
    return this;
  }

  /** Merges a disjoint part into this; {@code other} is not modified. */
  public WeightedSelectedTail combine(WeightedSelectedTail other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine a tail with itself");
    }
    if (count + other.count > n) {
      throw new IllegalStateException("Cannot combine " + count + " and " + other.count
          + " observations, more than N = " + n);
    }
    count += other.count;
    weight.add(other.weight);
    squaredWeight.add(other.squaredWeight);
    for (int l = 0; l < beyond.length; l++) {
      beyond[l].combine(other.beyond[l]);
    }
    return this;
  }

  /** Observations accepted so far. */
  public long count() {
    return count;
  }

  /** The observation at the VaR of {@code level}: the observations that exceed it are its tail. */
  public RankKey varKey(double level) {
    int i = Arrays.binarySearch(levels, level);
    if (i < 0) {
      throw new IllegalArgumentException("Level " + level + " was not requested, levels are "
          + Arrays.toString(levels));
    }
    return varKeys[i];
  }

  /**
   * The levels whose weighted VaRs are the VaR intervals' ends, two per level (lower end, upper
   * end), for a second {@link WeightedRankSelection} of the same series with the same mass; an end
   * that needs no selection (unbounded) is given the level itself. Needs every observation.
   */
  public double[] intervalLevels() {
    checkComplete();
    double[] ends = new double[2 * levels.length];
    for (int l = 0; l < levels.length; l++) {
      double s = tailProbabilityError(l);
      ends[2 * l] = levels[l] - MomentAccumulator.Z_95 * s;
      double high = levels[l] + MomentAccumulator.Z_95 * s;
      ends[2 * l + 1] = high >= 1.0 ? levels[l] : high;
    }
    return ends;
  }

  /**
   * VaR and ES at every level with their 95 % intervals ({@code n} = the series' size).
   *
   * @param ends a resolved selection of the series asked for {@link #intervalLevels()}, in order
   * @param series the series in {@code ends}
   * @throws IllegalStateException unless every observation was accepted
   */
  public TailEstimates finish(WeightedRankSelection ends, int series) {
    checkComplete();
    BigDecimal total = weight.toBigDecimal();
    BigDecimal mass = ownMass ? total : BigDecimal.valueOf(n);
    List<TailEstimate> var = new ArrayList<>(levels.length);
    List<TailEstimate> es = new ArrayList<>(levels.length);
    for (int l = 0; l < levels.length; l++) {
      double alpha = levels[l];
      Beyond b = beyond[l];
      double v = varKeys[l].value();
      double s = tailProbabilityError(l);
      double z = MomentAccumulator.Z_95;
      double high = alpha + z * s >= 1.0 ? Double.POSITIVE_INFINITY
          : Math.max(v, ends.key(series, 2 * l + 1).value());
      BigDecimal lowTarget = BigDecimal.ONE.subtract(BigDecimal.valueOf(alpha - z * s)).multiply(mass);
      double low = lowTarget.compareTo(total) >= 0 ? Double.NEGATIVE_INFINITY
          : Math.min(v, ends.key(series, 2 * l).value());
      var.add(new TailEstimate(alpha, v, low, high, n));

      BigDecimal tail = BigDecimal.ONE.subtract(BigDecimal.valueOf(alpha)).multiply(mass);
      if (tail.signum() == 0) { // the series weighs nothing: no tail to average
        es.add(new TailEstimate(alpha, v, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, n));
        continue;
      }
      BigDecimal exactV = new BigDecimal(v);
      BigDecimal w1 = b.w.toBigDecimal();
      BigDecimal y1 = b.y.toBigDecimal();
      double shortfall = y1.add(tail.subtract(w1).multiply(exactV)).divide(tail, CONTEXT)
          .doubleValue();
      if (b.count < 2) {
        es.add(new TailEstimate(alpha, shortfall, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, n));
        continue;
      }
      BigDecimal w2 = b.ww.toBigDecimal();
      // s1 = Σ w (x − v), s2 = Σ w² (x − v)², over the observations above the VaR, exactly.
      BigDecimal s1 = y1.subtract(exactV.multiply(w1));
      BigDecimal s2 = b.yy.toBigDecimal()
          .subtract(BigDecimal.valueOf(2).multiply(exactV).multiply(b.wy.toBigDecimal()))
          .add(exactV.multiply(exactV).multiply(w2));
      double se;
      BigDecimal oneMinus = BigDecimal.ONE.subtract(BigDecimal.valueOf(alpha));
      if (ownMass) {
        BigDecimal r = s1.divide(tail, CONTEXT);
        BigDecimal g = b.wy.toBigDecimal().subtract(exactV.multiply(w2));
        BigDecimal q = s2.subtract(BigDecimal.valueOf(2).multiply(r).multiply(oneMinus).multiply(g))
            .add(r.multiply(r).multiply(oneMinus).multiply(oneMinus)
                .multiply(squaredWeight.toBigDecimal()));
        se = Math.sqrt(Math.max(0.0, q.doubleValue())) / tail.doubleValue();
      } else {
        BigDecimal bn = BigDecimal.valueOf(n);
        BigDecimal mean = s1.divide(bn, CONTEXT);
        double variance = s2.divide(bn, CONTEXT).subtract(mean.multiply(mean))
            .divide(bn, CONTEXT).doubleValue();
        se = Math.sqrt(Math.max(0.0, variance)) / oneMinus.doubleValue();
      }
      es.add(new TailEstimate(alpha, shortfall, Math.min(shortfall, shortfall - z * se),
          Math.max(shortfall, shortfall + z * se), n));
    }
    return new TailEstimates(var, es);
  }

  /** The standard error of the tail probability estimate at level l's VaR. */
  private double tailProbabilityError(int l) {
    Beyond b = beyond[l];
    BigDecimal w1 = b.w.toBigDecimal();
    BigDecimal w2 = b.ww.toBigDecimal();
    double variance;
    if (ownMass) {
      BigDecimal total = weight.toBigDecimal();
      if (total.signum() == 0) {
        return 0.0;
      }
      BigDecimal p = w1.divide(total, CONTEXT);
      // Σ_S (w 1{above} − p w)² = Σ_above w² (1 − 2p) + p² Σ_S w²
      BigDecimal q = w2.multiply(BigDecimal.ONE.subtract(p.multiply(BigDecimal.valueOf(2))))
          .add(p.multiply(p).multiply(squaredWeight.toBigDecimal()));
      variance = q.divide(total.multiply(total), CONTEXT).doubleValue();
    } else {
      BigDecimal bn = BigDecimal.valueOf(n);
      BigDecimal p = w1.divide(bn, CONTEXT);
      variance = w2.divide(bn, CONTEXT).subtract(p.multiply(p)).divide(bn, CONTEXT).doubleValue();
    }
    return Math.sqrt(Math.max(0.0, variance));
  }

  private void checkComplete() {
    if (count != n) {
      throw new IllegalStateException("Cannot finish the tail with " + count
          + " observations, it was built for N = " + n
          + " and is exact only once every path is in (is a partition missing?)");
    }
  }
}
