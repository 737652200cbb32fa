package io.unwind.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Mergeable ratio of two means, {@code R = mean(y) / mean(x)} over pairs (y, x), with a
 * delta-method 95 % interval: {@code R ± 1.96 · sqrt(Σ(y_i − R·x_i)² / (k(k − 1))) / |mean x|}
 * (the linearisation of a ratio estimator, Cochran, Sampling Techniques, 3rd ed. 1977, §6.4),
 * where the residual sum of squares is the sample variance of {@code y − R·x}.
 *
 * <p>The five sums Σx, Σy, Σx², Σxy and Σy² are kept exactly ({@link ExactSum}), so the residual
 * variance is formed exactly once R is known and rounded once: the result is the same bits for any
 * partitioning and merge order, and needs no second pass for R. Not thread-safe.
 */
public final class RatioAccumulator implements Mergeable<RatioAccumulator> {

  private static final long serialVersionUID = 1L;

  private long count;
  private final ExactSum x = new ExactSum();
  private final ExactSum y = new ExactSum();
  private final ExactSum xx = new ExactSum();
  private final ExactSum xy = new ExactSum();
  private final ExactSum yy = new ExactSum();

  /**
   * Adds one pair.
   *
   * @param numerator y, finite
   * @param denominator x, finite
   * @return this
   */
  public RatioAccumulator accept(double numerator, double denominator) {
    if (!Double.isFinite(numerator) || !Double.isFinite(denominator)) {
      throw new IllegalArgumentException("Cannot accept " + numerator + " / " + denominator
          + ", both must be finite");
    }
    count++;
    x.add(denominator);
    y.add(numerator);
    xx.addProduct(denominator, denominator);
    xy.addProduct(denominator, numerator);
    yy.addProduct(numerator, numerator);
    return this;
  }

  /** Merges a disjoint part into this; {@code other} is not modified. */
  public RatioAccumulator combine(RatioAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    count += other.count;
    x.add(other.x);
    y.add(other.y);
    xx.add(other.xx);
    xy.add(other.xy);
    yy.add(other.yy);
    return this;
  }

  /** Pairs accepted. */
  public long count() {
    return count;
  }

  /** mean(x), rounded once; NaN when empty. */
  public double denominatorMean() {
    return count == 0 ? Double.NaN
        : x.toBigDecimal().divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
  }

  /**
   * The ratio {@code mean(y) / mean(x)} (each mean rounded once) with its interval; the interval is
   * (−∞, +∞) for a single pair.
   *
   * @throws IllegalStateException if empty or mean(x) is zero
   */
  public MeanEstimate estimate() {
    double meanX = denominatorMean();
    if (count == 0 || meanX == 0.0) {
      throw new IllegalStateException("Cannot form a ratio over " + count + " pairs with mean "
          + "denominator " + meanX);
    }
    BigDecimal k = BigDecimal.valueOf(count);
    double meanY = y.toBigDecimal().divide(k, MathContext.DECIMAL128).doubleValue();
    double ratio = meanY / meanX;
    if (count < 2) {
      return new MeanEstimate(ratio, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          Double.NaN, count);
    }
    BigDecimal r = new BigDecimal(ratio);
    BigDecimal sx = x.toBigDecimal();
    // S = Σ(y − R·x), Q = Σ(y − R·x)², exactly.
    BigDecimal s = y.toBigDecimal().subtract(r.multiply(sx));
    BigDecimal q = yy.toBigDecimal()
        .subtract(r.multiply(xy.toBigDecimal()).multiply(BigDecimal.valueOf(2)))
        .add(r.multiply(r).multiply(xx.toBigDecimal()));
    double variance = k.multiply(q).subtract(s.multiply(s))
        .divide(k.multiply(k.subtract(BigDecimal.ONE)), MathContext.DECIMAL128).doubleValue();
    double se = Math.sqrt(variance / count) / Math.abs(meanX);
    double half = Wilson.Z_95 * se;
    return new MeanEstimate(ratio, ratio - half, ratio + half, se, count);
  }
}
