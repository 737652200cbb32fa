package io.unwind.config;

/** Which holdings a forced sale takes first. */
public enum SaleOrder {
  /** Every position cut by the same fraction. */
  PRO_RATA,
  /** Deepest market (largest {@code depth}) first, then the next. */
  MOST_LIQUID_FIRST
}
