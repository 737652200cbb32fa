package io.unwind.config;

/** Which holdings a forced sale takes first ({@code market.sale-order}). */
public enum SaleOrder implements Keyed {
  /** Every position cut by the same fraction. */
  PRO_RATA("pro-rata"),
  /** Deepest market (largest {@code depth}) first, then the next. */
  MOST_LIQUID_FIRST("most-liquid-first");

  private final String key;

  SaleOrder(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** The order spelled {@code key} in scenario files, or {@code null}. */
  public static SaleOrder fromKey(String key) {
    return Keyed.fromKey(SaleOrder.class, key);
  }
}
