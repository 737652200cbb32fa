package io.unwind.config;

/** How the day's cumulative crowd volume moves prices ({@code market.impact}). */
public enum ImpactModel implements Keyed {
  /** Square-root law: log-impact {@code Y * sigma_d * sqrt(Q / V)}. */
  SQRT("sqrt"),
  /** Exponential depth (fire-sale models): log-impact linear in volume, {@code Y * sigma_d * Q / V}. */
  EXPONENTIAL("exponential"),
  /** No price impact. */
  NONE("none");

  private final String key;

  ImpactModel(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** The model spelled {@code key} in scenario files, or {@code null}. */
  public static ImpactModel fromKey(String key) {
    return Keyed.fromKey(ImpactModel.class, key);
  }
}
