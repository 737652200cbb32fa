package io.unwind.metrics;

import java.math.BigInteger;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mergeable count, mean and variance of a quantity, with a 95 % confidence interval for the mean.
 *
 * <p>Implementation note: the brief suggested Welford's update with the parallel combine of
 * Chan, Golub and LeVeque (1983, doi:10.1080/00031305.1983.10483115). That combine is exact in
 * real arithmetic but rounds differently for every split of the data, so a summary would change
 * in its last bits with the number of Spark partitions. Instead this class keeps the exact sums
 * {@code S = Σx} and {@code Q = Σx²} in binary fixed point ({@link ExactSum}); the mean
 * {@code S/n} and the unbiased variance {@code (nQ − S²) / (n(n−1))} are formed exactly and
 * rounded once. There is no cancellation (the textbook objection to the sum-of-squares formula
 * concerns rounded sums), {@code combine} is exactly associative and commutative, and every
 * result is the same bits for any partitioning and merge order.
 *
 * <p>Not thread-safe; one instance per partition, merged with {@link #combine}.
 */
public final class MomentAccumulator implements Mergeable<MomentAccumulator> {

  private static final long serialVersionUID = 1L;

  /** Two-sided 95 % standard normal quantile, Φ⁻¹(0.975). */
  static final double Z_95 = 1.959963984540054;

  private long count;
  private final ExactSum sum = new ExactSum();
  private final ExactSum sumOfSquares = new ExactSum();

  /** Creates an empty accumulator. */
  public MomentAccumulator() {
    // empty: count 0
  }

  /**
   * Adds one observation.
   *
   * @param x a finite value
   * @return this
   * @throws IllegalArgumentException if {@code x} is NaN or infinite
   */
  public MomentAccumulator accept(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("Cannot accept " + x + ", the value must be finite");
    }
    count++;
    sum.add(x);
    sumOfSquares.addProduct(x, x);
    return this;
  }

  /**
   * Merges another accumulator into this one; {@code other} is not modified.
   *
   * @param other observations of a disjoint part of the data
   * @return this
   */
  public MomentAccumulator combine(MomentAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    count += other.count;
    sum.add(other.sum);
    sumOfSquares.add(other.sumOfSquares);
    return this;
  }

  /** Number of observations. */
  public long count() {
    return count;
  }

  /** Arithmetic mean; NaN when empty. */
  public double mean() {
    if (count == 0) {
      return Double.NaN;
    }
    return sum.divide(BigInteger.valueOf(count));
  }

  /** Unbiased sample variance {@code Σ(x − x̄)² / (n − 1)}; NaN for fewer than two observations. */
  public double variance() {
    if (count < 2) {
      return Double.NaN;
    }
    BigInteger n = BigInteger.valueOf(count);
    // n·Q − S² exactly: Q = qTotal·2^qScale, S² = sTotal²·2^(2·sScale); align on the smaller exponent.
    BigInteger sTotal = sum.total();
    int sScale2 = 2 * sum.scale();
    BigInteger qTotal = sumOfSquares.total();
    int qScale = sumOfSquares.scale();
    if (qTotal.signum() == 0) {
      return 0.0; // every observation was zero
    }
    int common = sTotal.signum() == 0 ? qScale : Math.min(qScale, sScale2);
    BigInteger numerator = n.multiply(qTotal).shiftLeft(qScale - common);
    if (sTotal.signum() != 0) {
      numerator = numerator.subtract(sTotal.multiply(sTotal).shiftLeft(sScale2 - common));
    }
    return ExactSum.quotient(numerator, common, n.multiply(n.subtract(BigInteger.ONE)));
  }

  /** Sample standard deviation, {@code sqrt(variance())}. */
  public double standardDeviation() {
    return Math.sqrt(variance());
  }

  /** Standard error of the mean, {@code sd / sqrt(n)}; NaN for fewer than two observations. */
  public double standardError() {
    return Math.sqrt(variance() / count);
  }

  /**
   * The mean with a two-sided 95 % Student-t interval {@code x̄ ± t(0.975, n−1)·sd/√n}.
   *
   * <p>With a single observation the spread is unknown and the interval is (−∞, +∞); with zero
   * variance it has zero width.
   *
   * @throws IllegalStateException if there are no observations
   */
  public MeanEstimate estimate() {
    if (count == 0) {
      throw new IllegalStateException("Cannot estimate a mean from no observations");
    }
    double mean = mean();
    if (count == 1) {
      return new MeanEstimate(mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          Double.NaN, count);
    }
    double se = standardError();
    double half = se == 0.0 ? 0.0 : studentQuantile975(count - 1) * se;
    return new MeanEstimate(mean, mean - half, mean + half, se, count);
  }

  /** The 0.975 quantile of Student's t with {@code dof} degrees of freedom. */
  static double studentQuantile975(long dof) {
    // Beyond 1e7 degrees of freedom t and the normal agree to ~1e-7 relative; avoids huge-dof betas.
    if (dof > 10_000_000L) {
      return Z_95;
    }
    return new TDistribution(null, dof, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)
        .inverseCumulativeProbability(0.975);
  }
}
