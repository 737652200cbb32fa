package io.unwind.sim;

import io.unwind.config.StrategyKind;
import java.util.Arrays;

/**
 * Column buffer of the {@code samples} rows of one sampled path: NAV and leverage per strategy per day.
 *
 * <p>Lives in the {@link PathWorkspace}; cleared at the start of every path.
 */
public final class SampleLog {
  private int size;
  private StrategyKind[] strategy = new StrategyKind[1024];
  private int[] day = new int[1024];
  private int[] regime = new int[1024];
  private double[] nav = new double[1024];
  private double[] leverage = new double[1024];

  /** Forgets every sample; keeps the capacity. */
  public void clear() {
    size = 0;
  }

  /** Appends one day of one strategy. */
  public void add(StrategyKind strategyKind, int sampleDay, int sampleRegime, double sampleNav,
      double sampleLeverage) {
    if (size == day.length) {
      int n = day.length * 2;
      strategy = Arrays.copyOf(strategy, n);
      day = Arrays.copyOf(day, n);
      regime = Arrays.copyOf(regime, n);
      nav = Arrays.copyOf(nav, n);
      leverage = Arrays.copyOf(leverage, n);
    }
    int i = size++;
    strategy[i] = strategyKind;
    day[i] = sampleDay;
    regime[i] = sampleRegime;
    nav[i] = sampleNav;
    leverage[i] = sampleLeverage;
  }

  public int size() {
    return size;
  }

  public StrategyKind strategy(int i) {
    return strategy[i];
  }

  /** Trading day; 0 is the start. */
  public int day(int i) {
    return day[i];
  }

  public int regime(int i) {
    return regime[i];
  }

  /** Equity over start equity. */
  public double nav(int i) {
    return nav[i];
  }

  /** Gross exposure over equity. */
  public double leverage(int i) {
    return leverage[i];
  }
}
