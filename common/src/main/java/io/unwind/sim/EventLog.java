package io.unwind.sim;

import io.unwind.config.StrategyKind;

/**
 * Column buffer of the {@code events} rows of one path: a day on which a strategy sold because of a
 * margin call or the vol check, or defaulted.
 *
 * <p>Lives in the {@link PathWorkspace} and is cleared at the start of every path, so recording an
 * event allocates nothing once the buffer has grown to the busiest path's size. Amounts, {@code sold}
 * included, are fractions of start equity (so a row with no equity left before it still has a
 * meaningful, non-negative {@code sold}).
 *
 * <p>An event is written by name: {@link #add} starts the row and returns the log's one
 * {@link Event} cursor, whose setters fill the row's other columns, e.g.
 * {@code events.add(kind, day, regime, Trigger.VOL_TARGET).rounds(1).converged(true).sold(x)}.
 * A column not set stays 0 (false).
 */
public final class EventLog {
  private static final StrategyKind[] STRATEGIES = StrategyKind.values();
  private static final Trigger[] TRIGGERS = Trigger.values();

  private static final int STRATEGY = 0;
  private static final int DAY = 1;
  private static final int REGIME = 2;
  private static final int TRIGGER = 3;
  private static final int ROUNDS = 4;
  private static final int CONVERGED = 5;
  private static final int DEFAULTED = 6;
  private static final int INT_COLUMNS = 7;

  private static final int EQUITY_BEFORE = 0;
  private static final int EQUITY_AFTER = 1;
  private static final int GROSS_BEFORE = 2;
  private static final int GROSS_AFTER = 3;
  private static final int SOLD = 4;
  private static final int IMPACT_COST = 5;
  private static final int DOUBLE_COLUMNS = 6;

  private final ColumnBuffer rows = new ColumnBuffer(INT_COLUMNS, DOUBLE_COLUMNS, 64);
  private final Event cursor = new Event();

  /** Forgets every event; keeps the capacity. */
  public void clear() {
    rows.clear();
  }

  /**
   * Appends an event of {@code strategy} on {@code day} (in {@code regime}) triggered by
   * {@code trigger}, and returns the cursor that names its other columns (all 0 until set). The
   * cursor is the log's only one: it writes the last row added.
   */
  public Event add(StrategyKind strategy, int day, int regime, Trigger trigger) {
    int row = rows.addRow();
    rows.setInt(STRATEGY, row, strategy.ordinal());
    rows.setInt(DAY, row, day);
    rows.setInt(REGIME, row, regime);
    rows.setInt(TRIGGER, row, trigger.ordinal());
    cursor.row = row;
    return cursor;
  }

  /** Writes the columns of the row last {@link #add added}, by name; allocation-free. */
  public final class Event {
    private int row;

    private Event() {
    }

    /** Sale rounds the day's cascade took. */
    public Event rounds(int rounds) {
      rows.setInt(ROUNDS, row, rounds);
      return this;
    }

    /** False when the cascade hit max-rounds before the call was met. */
    public Event converged(boolean converged) {
      rows.setInt(CONVERGED, row, converged ? 1 : 0);
      return this;
    }

    public Event defaulted(boolean defaulted) {
      rows.setInt(DEFAULTED, row, defaulted ? 1 : 0);
      return this;
    }

    public Event equityBefore(double equity) {
      rows.setDouble(EQUITY_BEFORE, row, equity);
      return this;
    }

    public Event equityAfter(double equity) {
      rows.setDouble(EQUITY_AFTER, row, equity);
      return this;
    }

    public Event grossBefore(double gross) {
      rows.setDouble(GROSS_BEFORE, row, gross);
      return this;
    }

    public Event grossAfter(double gross) {
      rows.setDouble(GROSS_AFTER, row, gross);
      return this;
    }

    /** Notional sold that day. */
    public Event sold(double notional) {
      rows.setDouble(SOLD, row, notional);
      return this;
    }

    /** Impact cost of the day's trades. */
    public Event impactCost(double cost) {
      rows.setDouble(IMPACT_COST, row, cost);
      return this;
    }
  }

  public int size() {
    return rows.size();
  }

  public StrategyKind strategy(int i) {
    return STRATEGIES[rows.getInt(STRATEGY, i)];
  }

  /** Trading day, 1-based. */
  public int day(int i) {
    return rows.getInt(DAY, i);
  }

  /** Regime index of the day. */
  public int regime(int i) {
    return rows.getInt(REGIME, i);
  }

  public Trigger trigger(int i) {
    return TRIGGERS[rows.getInt(TRIGGER, i)];
  }

  /** Sale rounds the day's cascade took. */
  public int rounds(int i) {
    return rows.getInt(ROUNDS, i);
  }

  /** False when the cascade hit max-rounds before the call was met. */
  public boolean converged(int i) {
    return rows.getInt(CONVERGED, i) != 0;
  }

  public double equityBefore(int i) {
    return rows.getDouble(EQUITY_BEFORE, i);
  }

  public double equityAfter(int i) {
    return rows.getDouble(EQUITY_AFTER, i);
  }

  /** Gross exposure (sum of |q_i P_i|) before the sales, fraction of start equity. */
  public double grossBefore(int i) {
    return rows.getDouble(GROSS_BEFORE, i);
  }

  public double grossAfter(int i) {
    return rows.getDouble(GROSS_AFTER, i);
  }

  /** Notional sold that day, fraction of start equity. */
  public double sold(int i) {
    return rows.getDouble(SOLD, i);
  }

  /** Impact cost of the day's sales, fraction of start equity. */
  public double impactCost(int i) {
    return rows.getDouble(IMPACT_COST, i);
  }

  public boolean defaulted(int i) {
    return rows.getInt(DEFAULTED, i) != 0;
  }
}
