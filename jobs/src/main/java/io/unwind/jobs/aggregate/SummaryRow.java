package io.unwind.jobs.aggregate;

import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code summary} table (DESIGN.md's long format).
 *
 * @param strategy strategy key
 * @param metric metric name, e.g. {@code loss_var}
 * @param level the tail level, or null for metrics without one
 * @param value the estimate
 * @param ciLow lower end of the 95 % interval (null when there is none)
 * @param ciHigh upper end of the 95 % interval (null when there is none)
 * @param n observations behind the estimate
 */
public record SummaryRow(String strategy, String metric, Double level, Double value, Double ciLow,
    Double ciHigh, long n) {

  public SummaryRow {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(metric, "metric");
  }

  /** The row in {@link io.unwind.jobs.io.Schemas#SUMMARY} order. */
  public Row toRow(String runId) {
    return RowFactory.create(strategy, metric, level, value, ciLow, ciHigh, n, runId);
  }

  /** The record of a row read with {@link io.unwind.jobs.io.Schemas#SUMMARY}. */
  public static SummaryRow fromRow(Row r) {
    return new SummaryRow(r.getAs("strategy"), r.getAs("metric"), r.getAs("level"), r.getAs("value"),
        r.getAs("ci_low"), r.getAs("ci_high"), r.<Long>getAs("n"));
  }
}
