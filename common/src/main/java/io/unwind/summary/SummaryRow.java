package io.unwind.summary;

import java.util.Objects;

/**
 * One row of the {@code summary} table (DESIGN.md's long format). The job maps it to and from
 * Spark rows; its metric names come from {@link SummaryMetrics#ALL}.
 *
 * @param strategy strategy key (for attributions, the first strategy of the difference)
 * @param metric metric name, e.g. {@code loss_var} ({@link Metrics})
 * @param condition what the row is conditional on or compared with, e.g. {@code visited:crisis},
 *     {@code regime:crisis}, {@code vs:oracle-erc}; null for the unconditional metrics
 * @param level the tail or quantile level, or null for metrics without one
 * @param value the estimate
 * @param ciLow lower end of the 95 % interval: −∞ when the sample cannot bound it, null when the
 *     metric has no interval
 * @param ciHigh upper end of the 95 % interval: +∞ when the sample cannot bound it, null when the
 *     metric has no interval
 * @param n observations behind the estimate
 */
public record SummaryRow(String strategy, String metric, String condition, Double level,
    Double value, Double ciLow, Double ciHigh, long n) {

  public SummaryRow {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(metric, "metric");
  }

  /** An unconditional row ({@code condition} null). */
  public SummaryRow(String strategy, String metric, Double level, Double value, Double ciLow,
      Double ciHigh, long n) {
    this(strategy, metric, null, level, value, ciLow, ciHigh, n);
  }
}
