package io.unwind.sim;

import io.unwind.config.StrategyKind;
import java.util.Arrays;

/**
 * Column buffer of the {@code events} rows of one path: a day on which a strategy sold because of a
 * margin call or the vol check, or defaulted.
 *
 * <p>Lives in the {@link PathWorkspace} and is cleared at the start of every path, so recording an
 * event allocates nothing once the buffer has grown to the busiest path's size. Amounts, {@code sold}
 * included, are fractions of start equity (so a row with no equity left before it still has a
 * meaningful, non-negative {@code sold}).
 */
public final class EventLog {
  private int size;
  private StrategyKind[] strategy = new StrategyKind[64];
  private int[] day = new int[64];
  private int[] regime = new int[64];
  private Trigger[] trigger = new Trigger[64];
  private int[] rounds = new int[64];
  private boolean[] converged = new boolean[64];
  private double[] equityBefore = new double[64];
  private double[] equityAfter = new double[64];
  private double[] grossBefore = new double[64];
  private double[] grossAfter = new double[64];
  private double[] sold = new double[64];
  private double[] impactCost = new double[64];
  private boolean[] defaulted = new boolean[64];

  /** Forgets every event; keeps the capacity. */
  public void clear() {
    size = 0;
  }

  /** Appends one event. */
  public void add(StrategyKind strategyKind, int eventDay, int eventRegime, Trigger eventTrigger,
      int eventRounds, boolean eventConverged, double eqBefore, double eqAfter,
      double gBefore, double gAfter, double soldNotional, double impact, boolean eventDefaulted) {
    if (size == day.length) {
      grow();
    }
    int i = size++;
    strategy[i] = strategyKind;
    day[i] = eventDay;
    regime[i] = eventRegime;
    trigger[i] = eventTrigger;
    rounds[i] = eventRounds;
    converged[i] = eventConverged;
    equityBefore[i] = eqBefore;
    equityAfter[i] = eqAfter;
    grossBefore[i] = gBefore;
    grossAfter[i] = gAfter;
    sold[i] = soldNotional;
    impactCost[i] = impact;
    defaulted[i] = eventDefaulted;
  }

  private void grow() {
    int n = day.length * 2;
    strategy = Arrays.copyOf(strategy, n);
    day = Arrays.copyOf(day, n);
    regime = Arrays.copyOf(regime, n);
    trigger = Arrays.copyOf(trigger, n);
    rounds = Arrays.copyOf(rounds, n);
    converged = Arrays.copyOf(converged, n);
    equityBefore = Arrays.copyOf(equityBefore, n);
    equityAfter = Arrays.copyOf(equityAfter, n);
    grossBefore = Arrays.copyOf(grossBefore, n);
    grossAfter = Arrays.copyOf(grossAfter, n);
    sold = Arrays.copyOf(sold, n);
    impactCost = Arrays.copyOf(impactCost, n);
    defaulted = Arrays.copyOf(defaulted, n);
  }

  public int size() {
    return size;
  }

  public StrategyKind strategy(int i) {
    return strategy[i];
  }

  /** Trading day, 1-based. */
  public int day(int i) {
    return day[i];
  }

  /** Regime index of the day. */
  public int regime(int i) {
    return regime[i];
  }

  public Trigger trigger(int i) {
    return trigger[i];
  }

  /** Sale rounds the day's cascade took. */
  public int rounds(int i) {
    return rounds[i];
  }

  /** False when the cascade hit max-rounds before the call was met. */
  public boolean converged(int i) {
    return converged[i];
  }

  public double equityBefore(int i) {
    return equityBefore[i];
  }

  public double equityAfter(int i) {
    return equityAfter[i];
  }

  /** Gross exposure (sum of |q_i P_i|) before the sales, fraction of start equity. */
  public double grossBefore(int i) {
    return grossBefore[i];
  }

  public double grossAfter(int i) {
    return grossAfter[i];
  }

  /** Notional sold that day, fraction of start equity. */
  public double sold(int i) {
    return sold[i];
  }

  /** Impact cost of the day's sales, fraction of start equity. */
  public double impactCost(int i) {
    return impactCost[i];
  }

  public boolean defaulted(int i) {
    return defaulted[i];
  }
}
