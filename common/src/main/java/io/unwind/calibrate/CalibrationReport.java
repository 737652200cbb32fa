package io.unwind.calibrate;

import java.util.Locale;

/** Renders {@link CalibrationResult#report()}: plain text, fixed-width columns, units in headers. */
final class CalibrationReport {

  private CalibrationReport() {
  }

  static String render(CalibrationResult r) {
    StringBuilder out = new StringBuilder(4096);
    int n = r.assetCount();
    int k = r.regimeCount();
    String[] regimes = r.regimeNames();
    line(out, "unwind calibrate: %s", r.summaryLine());
    line(out, "data: %s, %d rows read, %d dropped for missing values, %d values forward-filled",
        r.source(), r.rowsRead(), r.rowsDropped(), r.valuesFilled());
    line(out, "assets: %s", String.join(", ", r.assetNames()));
    HmmFit fit = r.fit();
    line(out, "fit: best of %d starts (seed %d, start %d), %d EM iterations, %s (tolerance %.3g per observation)",
        fit.starts(), r.seed(), fit.bestStart(), fit.iterations(),
        fit.converged() ? "converged" : "stopped at the iteration cap, NOT converged", r.tolerance());
    line(out, "log-likelihood: %.4f", r.logLikelihood());
    out.append('\n');

    line(out, "model selection (BIC = -2 logL + p ln T, lower is better):");
    double bestBic = Double.POSITIVE_INFINITY;
    for (ModelScore s : r.scores()) {
      bestBic = Math.min(bestBic, s.bic());
    }
    for (ModelScore s : r.scores()) {
      line(out, "  K=%d  p=%4d  logL=%14.4f  BIC=%14.4f%s%s%s", s.regimes(), s.freeParameters(),
          s.logLikelihood(), s.bic(), s.bic() == bestBic ? "  <- lowest" : "",
          s.regimes() == k ? "  (fitted)" : "",
          (s.converged() ? "" : "  not converged") + (s.enoughData() ? "" : "  below the data rule"));
    }
    out.append('\n');

    double[] stationary = r.parameters().stationary();
    double[] viterbi = r.viterbiShare();
    line(out, "regimes (ordered calm to volatile):");
    line(out, "  (stay = expected stay in trading days; shares of time from the stationary distribution"
        + " and from the Viterbi path; then annual vol %% per asset)");
    int[] width = new int[n];
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-12s %12s %10s %10s",
        "regime", "stay (days)", "stationary", "viterbi"));
    for (int j = 0; j < n; j++) {
      width[j] = Math.max(8, r.assetNames()[j].length());
      head.append(' ').append(String.format(Locale.ROOT, "%" + width[j] + "s", r.assetNames()[j]));
    }
    out.append(head).append('\n');
    for (int s = 0; s < k; s++) {
      double days = r.expectedDays(s);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s %12s %9.1f%% %9.1f%%",
          regimes[s], k == 1 ? "-" : Double.isInfinite(days) ? "never leaves" : String.format(Locale.ROOT, "%.1f", days),
          stationary == null ? Double.NaN : 100 * stationary[s], 100 * viterbi[s]));
      double[] vol = r.annualVol(s);
      for (int j = 0; j < n; j++) {
        row.append(' ').append(String.format(Locale.ROOT, "%" + width[j] + ".2f", 100 * vol[j]));
      }
      out.append(row).append('\n');
    }
    out.append('\n');

    line(out, "annual mean of log returns, %% (in-sample; set simulation means by judgement):");
    for (int s = 0; s < k; s++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s", regimes[s]));
      for (double m : r.annualMean(s)) {
        row.append(String.format(Locale.ROOT, " %8.2f", 100 * m));
      }
      out.append(row).append('\n');
    }
    out.append('\n');

    for (int s = 0; s < k; s++) {
      line(out, "correlations, %s:", regimes[s]);
      double[] c = r.correlation(s);
      for (int i = 0; i < n; i++) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-16s", truncate(r.assetNames()[i], 16)));
        for (int j = 0; j < n; j++) {
          row.append(String.format(Locale.ROOT, " %6.2f", c[i * n + j]));
        }
        out.append(row).append('\n');
      }
    }
    out.append('\n');

    line(out, "transition matrix per %s period (row = from):", r.frequency().key());
    for (int i = 0; i < k; i++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s", regimes[i]));
      for (int j = 0; j < k; j++) {
        row.append(String.format(Locale.ROOT, " %8.4f", r.parameters().transition(i, j)));
      }
      out.append(row).append('\n');
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String truncate(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width);
  }
}
