package io.unwind.metrics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Importance-sampling means, probabilities and paired differences of one quantity over N
 * weighted paths, mergeable, plus the weights' own diagnostics: mean weight and effective sample
 * size.
 *
 * <p><b>Estimator.</b> Path i, drawn under the sampling measure q, has value {@code x_i} and weight
 * {@code w_i = dP/dQ} (its likelihood ratio). The mean under P is estimated by the <em>unbiased</em>
 * form {@code m = (1/N) sum w_i x_i}, not the self-normalised {@code sum w_i x_i / sum w_i}: the
 * probabilities the summary reports are of tail events, and for an event A the unbiased
 * {@code (1/N) sum w_i 1{A}} reads only the paths in A, while the self-normalised one divides by
 * a sum over the whole body of the distribution, where the tilt makes weights most variable; it
 * is also the form the tail estimators use ({@link WeightedTailAccumulator}), so a probability
 * and a VaR of the same loss agree. Its standard error is the sample standard deviation of
 * {@code w_i x_i} over {@code sqrt(N)}; the 95 % interval is normal, {@code m ± 1.96 se}
 * (Glasserman, Monte Carlo Methods in Financial Engineering, 2004, §4.6). With every weight 1
 * these are the plain sample mean and its interval.
 *
 * <p><b>Diagnostics.</b> {@code meanWeight = sum w / N} is 1 in expectation under any valid
 * tilt; {@code effectiveSampleSize = (sum w)^2 / sum w^2} (Kish) is N for equal weights and falls
 * as the weights spread.
 *
 * <p><b>Exactness.</b> The sums of {@code w}, {@code w^2}, {@code w x} and {@code (w x)^2} are
 * kept exactly ({@link ExactSum}; each product {@code w x} is rounded once, per path), so the
 * results are the same bits for any partitioning and merge order.
 *
 * <p>Not thread-safe; one per partition, merged with {@link #combine}.
 */
public final class WeightedMomentAccumulator implements Mergeable<WeightedMomentAccumulator> {

  private static final long serialVersionUID = 1L;
  private static final double Z95 = 1.959963984540054;

  private long count;
  private final ExactSum weights = new ExactSum();
  private final ExactSum squaredWeights = new ExactSum();
  private final ExactSum weighted = new ExactSum();
  private final ExactSum squaredWeighted = new ExactSum();

  /**
   * Adds one path.
   *
   * @param x the path's value, finite
   * @param weight the path's likelihood ratio, finite and {@code >= 0}
   * @return this
   * @throws IllegalArgumentException if x or the weight is not finite, or the weight is negative
   */
  public WeightedMomentAccumulator accept(double x, double weight) {
    if (!Double.isFinite(x) || !(weight >= 0.0) || weight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Cannot accept value " + x + " with weight " + weight
          + ", the value must be finite and the weight finite and >= 0");
    }
    double wx = weight * x;
    count++;
    weights.add(weight);
    squaredWeights.addProduct(weight, weight);
    weighted.add(wx);
    squaredWeighted.addProduct(wx, wx);
    return this;
  }

  /** Adds one path's event indicator: a probability is the mean of 0/1. */
  public WeightedMomentAccumulator acceptEvent(boolean event, double weight) {
    return accept(event ? 1.0 : 0.0, weight);
  }

  /**
   * Merges a disjoint part; {@code other} is not modified.
   *
   * @return this
   */
  public WeightedMomentAccumulator combine(WeightedMomentAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    count += other.count;
    weights.add(other.weights);
    squaredWeights.add(other.squaredWeights);
    weighted.add(other.weighted);
    squaredWeighted.add(other.squaredWeighted);
    return this;
  }

  /** Paths accepted, N. */
  public long count() {
    return count;
  }

  /** {@code sum w / N}: 1 in expectation. */
  public double meanWeight() {
    return weights.divide(BigInteger.valueOf(checkedCount()));
  }

  /** Kish's effective sample size {@code (sum w)^2 / sum w^2}; 0 when every weight is 0. */
  public double effectiveSampleSize() {
    checkedCount();
    if (squaredWeights.total().signum() == 0) {
      return 0.0;
    }
    BigDecimal sum = weights.toBigDecimal();
    return sum.multiply(sum).divide(squaredWeights.toBigDecimal(), MathContext.DECIMAL128)
        .doubleValue();
  }

  /** The standard error of {@link #meanWeight()}, the sample sd of the weights over sqrt(N). */
  public double meanWeightStandardError() {
    return standardError(weights, squaredWeights);
  }

  /**
   * The unbiased weighted mean with its standard error and 95 % normal interval ({@code n} = N);
   * an interval that cannot be formed (N = 1) is (−∞, +∞).
   */
  public MeanEstimate estimate() {
    long n = checkedCount();
    double mean = weighted.divide(BigInteger.valueOf(n));
    double se = standardError(weighted, squaredWeighted);
    if (!(se >= 0.0)) {
      return new MeanEstimate(mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, se, n);
    }
    return new MeanEstimate(mean, mean - Z95 * se, mean + Z95 * se, se, n);
  }

  /**
   * The probability of the events accepted with {@link #acceptEvent}, clipped to [0, 1], with its
   * 95 % normal interval from the weighted variance, clipped likewise. With no event in the sample
   * its variance is 0 and says nothing: the interval is then {@code [0, u]}, u the upper end of
   * Wilson's interval for 0 events in Kish's effective sample size {@code n* = (Σ w)² / Σ w²}
   * (the effective-sample-size interval of Korn and Graubard 1998, "Confidence intervals for
   * proportions with small expected number of positive counts estimated from survey data",
   * Survey Methodology 24(2):193–201, at p = 0), or [0, 1] when {@code n* < 1}.
   */
  public ProportionEstimate proportion() {
    MeanEstimate m = estimate();
    double p = Math.min(1.0, Math.max(0.0, m.value()));
    if (weighted.total().signum() == 0) {
      double effective = effectiveSampleSize();
      double high = effective >= 1.0 ? Wilson.upperForNoSuccess(effective, Z95) : 1.0;
      return new ProportionEstimate(p, 0.0, high, m.n());
    }
    if (!Double.isFinite(m.standardError())) {
      return new ProportionEstimate(p, 0.0, 1.0, m.n());
    }
    double low = Math.min(p, Math.max(0.0, m.ciLow()));
    double high = Math.max(p, Math.min(1.0, m.ciHigh()));
    return new ProportionEstimate(p, low, high, m.n());
  }

  /** sd of the summed quantity y over sqrt(N), from the exact sums of y and y^2; NaN for N = 1. */
  private double standardError(ExactSum sum, ExactSum squares) {
    long n = checkedCount();
    if (n < 2) {
      return Double.NaN;
    }
    BigDecimal bn = BigDecimal.valueOf(n);
    BigDecimal s = sum.toBigDecimal();
    // (sum y^2 - (sum y)^2 / N) / (N - 1) / N, in 34 digits then rounded once.
    BigDecimal centred = squares.toBigDecimal().subtract(s.multiply(s).divide(bn,
        MathContext.DECIMAL128));
    double variance = centred.divide(bn.subtract(BigDecimal.ONE), MathContext.DECIMAL128)
        .divide(bn, MathContext.DECIMAL128).doubleValue();
    return Math.sqrt(Math.max(variance, 0.0));
  }

  private long checkedCount() {
    if (count < 1) {
      throw new IllegalStateException("Cannot estimate from no paths");
    }
    return count;
  }
}
