package io.unwind.sim;

import io.unwind.config.StrategyKind;

/**
 * Column buffer of the {@code samples} rows of one sampled path: NAV and leverage per strategy per day.
 *
 * <p>Lives in the {@link PathWorkspace}; cleared at the start of every path.
 */
public final class SampleLog {
  private static final StrategyKind[] STRATEGIES = StrategyKind.values();

  private static final int STRATEGY = 0;
  private static final int DAY = 1;
  private static final int REGIME = 2;
  private static final int NAV = 0;
  private static final int LEVERAGE = 1;

  private final ColumnBuffer rows = new ColumnBuffer(3, 2, 1024);

  /** Forgets every sample; keeps the capacity. */
  public void clear() {
    rows.clear();
  }

  /**
   * Appends one day of one strategy.
   *
   * @param nav equity over start equity
   * @param leverage gross exposure over equity
   */
  public void add(StrategyKind strategy, int day, int regime, double nav, double leverage) {
    int row = rows.addRow();
    rows.setInt(STRATEGY, row, strategy.ordinal());
    rows.setInt(DAY, row, day);
    rows.setInt(REGIME, row, regime);
    rows.setDouble(NAV, row, nav);
    rows.setDouble(LEVERAGE, row, leverage);
  }

  public int size() {
    return rows.size();
  }

  public StrategyKind strategy(int i) {
    return STRATEGIES[rows.getInt(STRATEGY, i)];
  }

  /** Trading day; 0 is the start. */
  public int day(int i) {
    return rows.getInt(DAY, i);
  }

  public int regime(int i) {
    return rows.getInt(REGIME, i);
  }

  /** Equity over start equity. */
  public double nav(int i) {
    return rows.getDouble(NAV, i);
  }

  /** Gross exposure over equity. */
  public double leverage(int i) {
    return rows.getDouble(LEVERAGE, i);
  }
}
