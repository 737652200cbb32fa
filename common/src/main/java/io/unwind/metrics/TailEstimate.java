package io.unwind.metrics;

/**
 * A quantile-type estimate (VaR, expected shortfall, or a plain quantile) with its 95 % interval.
 *
 * @param level the probability level α in (0, 1)
 * @param value the estimate
 * @param ciLow lower end of the 95 % interval; −∞ when the sample is too small to bound it
 * @param ciHigh upper end of the 95 % interval; +∞ when the sample is too small to bound it
 * @param n number of observations the estimate is based on
 */
public record TailEstimate(double level, double value, double ciLow, double ciHigh, long n) {

  /** Validates the level, {@code n} and that the interval contains the estimate. */
  public TailEstimate {
    if (!(level > 0.0 && level < 1.0)) {
      throw new IllegalArgumentException("Cannot set level to " + level + ", it must be in (0, 1)");
    }
    if (n < 1) {
      throw new IllegalArgumentException("Cannot set n to " + n + ", the value must be positive");
    }
    if (!(ciLow <= value && value <= ciHigh)) {
      throw new IllegalArgumentException(
          "Cannot set interval [" + ciLow + ", " + ciHigh + "], it must contain " + value);
    }
  }
}
