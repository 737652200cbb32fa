package io.unwind.calibrate;

import io.unwind.config.Keyed;

/** Sampling frequency of the returns the model is fitted to. */
public enum Frequency implements Keyed {
  /** One return per row of the price file. */
  DAILY("daily", 252.0, 1.0),
  /** Prices resampled to the last observation of each ISO week, then differenced. */
  WEEKLY("weekly", 52.0, 5.0);

  private final String key;
  private final double periodsPerYear;
  private final double tradingDaysPerPeriod;

  Frequency(String key, double periodsPerYear, double tradingDaysPerPeriod) {
    this.key = key;
    this.periodsPerYear = periodsPerYear;
    this.tradingDaysPerPeriod = tradingDaysPerPeriod;
  }

  /** Periods in a year: means annualise by this factor, volatilities by its square root. */
  public double periodsPerYear() {
    return periodsPerYear;
  }

  /** Trading days in one period: converts an expected stay in periods into trading days. */
  public double tradingDaysPerPeriod() {
    return tradingDaysPerPeriod;
  }

  /** The name as the command line and reports spell it. */
  @Override
  public String key() {
    return key;
  }
}
