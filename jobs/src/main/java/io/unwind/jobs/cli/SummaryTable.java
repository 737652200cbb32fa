package io.unwind.jobs.cli;

import io.unwind.jobs.aggregate.AggregateJob;
import io.unwind.summary.Metrics;
import io.unwind.summary.SummaryRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console table {@code unwind run} prints: strategies side by side, the 99 % tail of loss and
 * drawdown, the default, margin-call and deleveraging-episode probabilities, the share of
 * episodes with more than one sale round, the share of sales that margin calls forced and the
 * deep-cascade probability, each with its 95 % interval; then the {@link Headlines}.
 */
final class SummaryTable {
  private static final double LEVEL = 0.99;

  private SummaryTable() {
  }

  /** The table of an aggregate result. */
  static String render(AggregateJob.Result result) {
    List<String> strategies = result.run().strategies();
    String[][] lines = {
        {"loss VaR 99%", Metrics.LOSS_VAR, "level"},
        {"loss ES 99%", Metrics.LOSS_ES, "level"},
        {"drawdown VaR 99%", Metrics.DRAWDOWN_VAR, "level"},
        {"drawdown ES 99%", Metrics.DRAWDOWN_ES, "level"},
        {"P(default)", Metrics.DEFAULT_PROB, null},
        {"P(margin call)", Metrics.MARGIN_CALL_PROB, null},
        {"P(deleveraging episode)", Metrics.DELEVERAGING_PROB, null},
        {"episodes >1 round", Metrics.MULTI_ROUND_EPISODE_SHARE, null},
        {"sales forced by calls", Metrics.FORCED_SALE_SHARE, null},
        {"P(cascade > 3 rounds)", Metrics.CASCADE_GT3_PROB, null}};
    List<String[]> table = new ArrayList<>();
    String[] header = new String[strategies.size() + 1];
    header[0] = "";
    for (int j = 0; j < strategies.size(); j++) {
      header[j + 1] = strategies.get(j);
    }
    table.add(header);
    for (String[] line : lines) {
      String[] cells = new String[strategies.size() + 1];
      cells[0] = line[0];
      for (int j = 0; j < strategies.size(); j++) {
        cells[j + 1] = cell(Headlines.find(result.rows(), strategies.get(j), line[1], null,
            line[2] == null ? null : LEVEL));
      }
      table.add(cells);
    }
    StringBuilder sb = new StringBuilder();
    RunLine.header(sb, result);
    int[] widths = new int[header.length];
    for (String[] row : table) {
      for (int j = 0; j < row.length; j++) {
        widths[j] = Math.max(widths[j], row[j].length());
      }
    }
    for (String[] row : table) {
      for (int j = 0; j < row.length; j++) {
        String fmt = j == 0 ? "%-" + widths[j] + "s" : "  %" + widths[j] + "s";
        sb.append(String.format(Locale.ROOT, fmt, row[j]));
      }
      sb.append('\n');
    }
    sb.append("Losses and drawdowns in % of start equity over the horizon; [95 % confidence "
        + "interval], n/a where the sample cannot bound it.");
    List<String> headlines = Headlines.of(result.rows(), strategies, result.run().steps());
    if (!headlines.isEmpty()) {
      sb.append("\n\n");
      sb.append(String.join("\n", headlines));
    }
    return sb.toString();
  }

  /**
   * {@code 41.2% [39.0, 43.1]}, or a dash. Probabilities (no level) get three decimals: a tail
   * event on a few paths in 100,000 must not print as zero.
   */
  static String cell(SummaryRow r) {
    if (r == null || r.value() == null) {
      return "-";
    }
    int decimals = r.level() == null ? 3 : 1;
    String value = String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * r.value());
    String low = bounded(r.ciLow()) ? String.format(Locale.ROOT, "%." + decimals + "f", 100 * r.ciLow()) : "n/a";
    String high = bounded(r.ciHigh()) ? String.format(Locale.ROOT, "%." + decimals + "f", 100 * r.ciHigh()) : "n/a";
    if (r.ciLow() == null && r.ciHigh() == null) {
      return value;
    }
    return value + " [" + low + ", " + high + "]";
  }

  private static boolean bounded(Double end) {
    return end != null && Double.isFinite(end);
  }

  /** The title line above the table. */
  static final class RunLine {
    static void header(StringBuilder sb, AggregateJob.Result result) {
      var run = result.run();
      sb.append(String.format(Locale.ROOT, "%s (run %s): %,d paths, %d trading days (%.1f years), seed %d%s%n%n",
          run.scenario(), run.runId(), run.paths(), run.steps(), run.steps() / 252.0, run.seed(),
          sampling(run.sampling())));
    }

    /**
     * {@code ", importance sampling (tilt=… shock-shift=…)"} for an importance-sampled run (its
     * {@code runs.sampling} without the pilot's shift vectors and the matrix q, which the runs row
     * keeps in full), nothing for plain sampling.
     */
    static String sampling(String sampling) {
      if (sampling == null || !sampling.startsWith("importance")) {
        return "";
      }
      int end = sampling.length();
      for (String detail : new String[] {" shift=", " q="}) {
        int at = sampling.indexOf(detail);
        if (at >= 0) {
          end = Math.min(end, at);
        }
      }
      String tilt = sampling.substring("importance".length(), end).trim();
      return ", importance sampling" + (tilt.isEmpty() ? "" : " (" + tilt + ")");
    }
  }
}
