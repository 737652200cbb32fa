package io.unwind.calibrate;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Arrays;

/**
 * Log returns the model is fitted to, one row per period.
 *
 * @param dates the date each return ends on (the later of its two prices)
 * @param values row-major {@code dates.length x assets}, {@code log(P_t / P_{t-1})}
 * @param assets number of assets, n
 */
record ReturnSeries(LocalDate[] dates, double[] values, int assets) {

  /** Number of observations, T. */
  int length() {
    return dates.length;
  }

  /**
   * Log returns of {@code table} at {@code frequency}.
   *
   * <p>Weekly returns difference the last price of each ISO week (week-based year and week
   * number), so a week with a holiday still contributes one return and its date is the last
   * trading day the file has for that week.
   */
  static ReturnSeries of(PriceTable table, Frequency frequency) {
    int n = table.assetCount();
    LocalDate[] dates = table.dates();
    double[] prices = table.prices();
    int[] keep;
    if (frequency == Frequency.WEEKLY) {
      keep = lastOfEachIsoWeek(dates);
    } else {
      keep = new int[dates.length];
      Arrays.setAll(keep, i -> i);
    }
    int t = Math.max(0, keep.length - 1);
    LocalDate[] returnDates = new LocalDate[t];
    double[] values = new double[t * n];
    for (int s = 0; s < t; s++) {
      int from = keep[s] * n;
      int to = keep[s + 1] * n;
      returnDates[s] = dates[keep[s + 1]];
      for (int j = 0; j < n; j++) {
        values[s * n + j] = Math.log(prices[to + j] / prices[from + j]);
      }
    }
    return new ReturnSeries(returnDates, values, n);
  }

  private static int[] lastOfEachIsoWeek(LocalDate[] dates) {
    int[] keep = new int[dates.length];
    int count = 0;
    for (int i = 0; i < dates.length; i++) {
      boolean lastOfWeek = i + 1 == dates.length || isoWeek(dates[i + 1]) != isoWeek(dates[i]);
      if (lastOfWeek) {
        keep[count++] = i;
      }
    }
    return Arrays.copyOf(keep, count);
  }

  private static long isoWeek(LocalDate date) {
    return date.get(IsoFields.WEEK_BASED_YEAR) * 100L + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }
}
