package io.unwind.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;

/** The regime models the calibration tests simulate from, and a CSV writer for them. */
final class TestModels {

  private TestModels() {
  }

  /**
   * Two regimes of three assets, daily: calm (vols 8/12/4 %) and crisis (four times the vol,
   * higher correlations), expected stays 8 and 4 trading days.
   */
  static final RegimeSimulator TWO_REGIMES = new RegimeSimulator(252,
      new double[] {.08, .06, .03, -.30, -.40, .05},
      new double[] {.08, .12, .04, .32, .45, .12},
      new double[] {1, .6, -.3, .6, 1, -.2, -.3, -.2, 1,
          1, .85, .2, .85, 1, .3, .2, .3, 1},
      RegimeSimulator.transitionFromStays(new double[] {8, 4}, new double[][] {{0, 1}, {1, 0}}));

  /**
   * Three regimes of three assets, daily: vols rise 2.5-fold per regime, expected stays 12, 8 and
   * 5 trading days, every regime reachable from every other.
   */
  static final RegimeSimulator THREE_REGIMES = new RegimeSimulator(252,
      new double[] {.08, .06, .03, 0, 0, .03, -.30, -.40, .05},
      new double[] {.06, .08, .03, .15, .20, .075, .375, .50, .19},
      new double[] {1, .6, -.3, .6, 1, -.2, -.3, -.2, 1,
          1, .7, -.4, .7, 1, -.3, -.4, -.3, 1,
          1, .85, .2, .85, 1, .3, .2, .3, 1},
      RegimeSimulator.transitionFromStays(new double[] {12, 8, 5},
          new double[][] {{0, .8, .2}, {.5, 0, .5}, {.3, .7, 0}}));

  /** Weekdays from 2000-01-03 on: one per return plus the starting date. */
  static LocalDate[] weekdays(int count) {
    LocalDate[] dates = new LocalDate[count];
    LocalDate d = LocalDate.of(2000, 1, 3);
    for (int i = 0; i < count; i++) {
      while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
        d = d.plusDays(1);
      }
      dates[i] = d;
      d = d.plusDays(1);
    }
    return dates;
  }

  /** Writes prices {@code 100 exp(cumsum(returns))} on weekdays, starting at 100 the day before the first return. */
  static Path writeCsv(Path dir, String[] header, double[] returns, int assets) throws IOException {
    int t = returns.length / assets;
    LocalDate[] dates = weekdays(t + 1);
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", header)).append('\n');
    double[] logPrice = new double[assets];
    for (int s = 0; s <= t; s++) {
      csv.append(dates[s]);
      for (int j = 0; j < assets; j++) {
        if (s > 0) {
          logPrice[j] += returns[(s - 1) * assets + j];
        }
        csv.append(',').append(String.format(Locale.ROOT, "%.10f", 100 * Math.exp(logPrice[j])));
      }
      csv.append('\n');
    }
    Path file = dir.resolve("prices.csv");
    Files.writeString(file, csv);
    return file;
  }
}
