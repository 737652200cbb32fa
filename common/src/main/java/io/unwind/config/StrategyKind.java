package io.unwind.config;

/**
 * The strategy variants that run on every path on common random numbers.
 *
 * <p>Outputs store {@link #key()}, never the ordinal; the simulate job's in-memory copy of a path
 * ({@code PathOutput}) codes strategies by ordinal and decodes them in the same process, so the
 * constants may be reordered.
 */
public enum StrategyKind implements Keyed {
  /** The subject: levered ERC sized on the fund's own EWMA covariance estimate. */
  LEVERED_ERC("levered-erc"),
  /** The same, sized on the current regime's true covariance: what correct vol assumptions give. */
  ORACLE_ERC("oracle-erc"),
  /** The subject with price impact switched off: the difference is the cascade's own cost. */
  NO_IMPACT("no-impact"),
  /** ERC on the estimate with max leverage 1 and no borrowing. */
  UNLEVERED_ERC("unlevered-erc"),
  /** 60 % equity-class, 40 % bond-class, equal within class, monthly rebalance, unlevered. */
  SIXTY_FORTY("sixty-forty");

  private final String key;

  StrategyKind(String key) {
    this.key = key;
  }

  /** The name used in scenario files and in the {@code strategy} column. */
  @Override
  public String key() {
    return key;
  }

  /** The kind with this name (exact spelling), or {@code null} when there is none. */
  public static StrategyKind fromKey(String key) {
    return Keyed.fromKey(StrategyKind.class, key);
  }
}
