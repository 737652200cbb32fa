package io.unwind.metrics;

/**
 * A proportion with its 95 % interval.
 *
 * @param value the observed proportion of successes
 * @param ciLow lower end of the interval, in [0, value]
 * @param ciHigh upper end of the interval, in [value, 1]
 * @param n number of trials
 */
public record ProportionEstimate(double value, double ciLow, double ciHigh, long n) {

  /** Validates {@code 0 ≤ ciLow ≤ value ≤ ciHigh ≤ 1} and {@code n ≥ 1}. */
  public ProportionEstimate {
    if (n < 1) {
      throw new IllegalArgumentException("Cannot set n to " + n + ", the value must be positive");
    }
    if (!(0.0 <= ciLow && ciLow <= value && value <= ciHigh && ciHigh <= 1.0)) {
      throw new IllegalArgumentException("Cannot set proportion " + value + " with interval ["
          + ciLow + ", " + ciHigh + "], need 0 <= low <= value <= high <= 1");
    }
  }
}
