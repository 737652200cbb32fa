package io.unwind.calibrate;

/** Sampling frequency of the returns the model is fitted to. */
public enum Frequency {
  /** One return per row of the price file. */
  DAILY(252.0, 1.0),
  /** Prices resampled to the last observation of each ISO week, then differenced. */
  WEEKLY(52.0, 5.0);

  private final double periodsPerYear;
  private final double tradingDaysPerPeriod;

  Frequency(double periodsPerYear, double tradingDaysPerPeriod) {
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

  /** Lower-case name as the command line and reports spell it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
