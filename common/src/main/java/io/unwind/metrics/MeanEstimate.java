package io.unwind.metrics;

/**
 * A mean with its 95 % confidence interval.
 *
 * @param value the sample mean
 * @param ciLow lower end of the 95 % interval (−∞ when it cannot be formed)
 * @param ciHigh upper end of the 95 % interval (+∞ when it cannot be formed)
 * @param standardError estimated standard error of the mean, {@code sd/√n} (NaN for n = 1)
 * @param n number of observations
 */
public record MeanEstimate(double value, double ciLow, double ciHigh, double standardError, long n) {

  /** Validates that the interval contains the estimate and that {@code n} is positive. */
  public MeanEstimate {
    if (n < 1) {
      throw new IllegalArgumentException("Cannot set n to " + n + ", the value must be positive");
    }
    if (!(ciLow <= value && value <= ciHigh)) {
      throw new IllegalArgumentException(
          "Cannot set interval [" + ciLow + ", " + ciHigh + "], it must contain " + value);
    }
  }
}
