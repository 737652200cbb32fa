package io.unwind.config;

/** How the day's cumulative crowd volume moves prices. */
public enum ImpactModel {
  /** Square-root law: log-impact {@code Y * sigma_d * sqrt(Q / V)}. */
  SQRT,
  /** Exponential depth (fire-sale models): log-impact linear in volume, {@code Y * sigma_d * Q / V}. */
  EXPONENTIAL,
  /** No price impact. */
  NONE
}
