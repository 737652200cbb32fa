package io.unwind.jobs.cli;

import io.unwind.model.CorrelatedShocks;
import io.unwind.model.RegimeChain;
import io.unwind.rng.PathRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * A known two-regime daily market of three assets named like the baseline's, simulated with
 * unwind's own generator (PathRandom, RegimeChain, CorrelatedShocks) and written as a price CSV.
 *
 * <p>Calm: vols 12/5/15 %, stays 60 trading days on average; crisis: vols 40/10/35 %, stays 20, so
 * about a quarter of the days are crisis days.
 */
public final class TwoRegimeMarket {
  /** Asset names, in CSV column order; us_equity and us_treasury_10y let sixty-forty run. */
  public static final String[] ASSETS = {"us_equity", "us_treasury_10y", "commodities"};
  /** Annual vols, regime-major: calm then crisis. */
  public static final double[] VOL = {0.12, 0.05, 0.15, 0.40, 0.10, 0.35};
  /** Annual drifts of log returns, regime-major. */
  public static final double[] MEAN = {0.08, 0.03, 0.02, -0.30, 0.08, -0.20};
  /** Correlations, regime-major, row-major 3 x 3 each. */
  public static final double[] CORR = {
      1, -0.3, 0.2, -0.3, 1, 0.0, 0.2, 0.0, 1,
      1, -0.4, 0.5, -0.4, 1, -0.1, 0.5, -0.1, 1};
  /** Expected stays in trading days: calm, crisis. */
  public static final double[] STAYS = {60, 20};

  private static final int N = ASSETS.length;

  private TwoRegimeMarket() {
  }

  /** A simulated history: the regime of each return and the prices file. */
  public record History(int[] regimes, Path csv) {
    /** Returns spent in regime {@code k}. */
    public int count(int k) {
      int c = 0;
      for (int s : regimes) {
        c += s == k ? 1 : 0;
      }
      return c;
    }
  }

  /**
   * Simulates {@code returns} daily returns from the stationary start and writes
   * {@code date,us_equity,us_treasury_10y,commodities} prices (starting at 100) on weekdays.
   */
  public static History write(Path file, int returns, long seed) throws IOException {
    double[] transition = new double[4];
    for (int k = 0; k < 2; k++) {
      transition[k * 2 + k] = 1 - 1 / STAYS[k];
      transition[k * 2 + 1 - k] = 1 / STAYS[k];
    }
    double[] stationary = {STAYS[0] / (STAYS[0] + STAYS[1]), STAYS[1] / (STAYS[0] + STAYS[1])};
    double[] cholesky = new double[2 * N * N];
    for (int k = 0; k < 2; k++) {
      Array2DRowRealMatrix cov = new Array2DRowRealMatrix(N, N);
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
          cov.setEntry(i, j, CORR[k * N * N + i * N + j] * VOL[k * N + i] * VOL[k * N + j] / 252.0);
        }
      }
      double[][] l = new CholeskyDecomposition(cov).getL().getData();
      for (int i = 0; i < N; i++) {
        System.arraycopy(l[i], 0, cholesky, k * N * N + i * N, N);
      }
    }

    PathRandom rng = PathRandom.forPath(seed, 0);
    int[] regimes = new int[returns];
    double[] z = new double[N];
    double[] shock = new double[N];
    double[] logPrice = new double[N];
    StringBuilder csv = new StringBuilder(returns * 48);
    csv.append("date,").append(String.join(",", ASSETS)).append('\n');
    LocalDate date = LocalDate.of(2005, 1, 3);
    appendRow(csv, date, logPrice);
    int s = RegimeChain.draw(stationary, rng.nextUniform());
    for (int t = 0; t < returns; t++) {
      if (t > 0) {
        s = RegimeChain.next(transition, 2, s, rng.nextUniform());
      }
      regimes[t] = s;
      rng.nextShocks(0, z, 0, N);
      CorrelatedShocks.apply(cholesky, s * N * N, N, z, shock);
      for (int j = 0; j < N; j++) {
        logPrice[j] += MEAN[s * N + j] / 252.0 + shock[j];
      }
      date = nextWeekday(date);
      appendRow(csv, date, logPrice);
    }
    Files.writeString(file, csv);
    return new History(regimes, file);
  }

  private static void appendRow(StringBuilder csv, LocalDate date, double[] logPrice) {
    csv.append(date);
    for (double lp : logPrice) {
      csv.append(',').append(String.format(Locale.ROOT, "%.8f", 100 * Math.exp(lp)));
    }
    csv.append('\n');
  }

  private static LocalDate nextWeekday(LocalDate d) {
    LocalDate next = d.plusDays(1);
    while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
      next = next.plusDays(1);
    }
    return next;
  }
}
