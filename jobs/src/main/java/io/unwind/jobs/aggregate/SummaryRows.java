package io.unwind.jobs.aggregate;

import io.unwind.summary.HistogramRow;
import io.unwind.summary.SummaryRow;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The one place {@code summary} and {@code histograms} rows map to and from Spark rows. */
public final class SummaryRows {
  private SummaryRows() {
  }

  /** The row in {@link io.unwind.jobs.io.Schemas#SUMMARY} order. */
  public static Row toRow(SummaryRow r, String runId) {
    return RowFactory.create(r.strategy(), r.metric(), r.condition(), r.level(), r.value(),
        r.ciLow(), r.ciHigh(), r.n(), runId);
  }

  /** The record of a row read with {@link io.unwind.jobs.io.Schemas#SUMMARY}. */
  public static SummaryRow fromRow(Row r) {
    return new SummaryRow(r.getAs("strategy"), r.getAs("metric"), r.getAs("condition"),
        r.getAs("level"), r.getAs("value"), r.getAs("ci_low"), r.getAs("ci_high"), r.<Long>getAs("n"));
  }

  /** The row in {@link io.unwind.jobs.io.Schemas#HISTOGRAMS} order. */
  public static Row toRow(HistogramRow r, String runId) {
    return RowFactory.create(r.strategy(), r.quantity(), r.bin().index(), r.bin().lower(),
        r.bin().upper(), r.bin().count(),
        Double.isNaN(r.bin().probability()) ? null : r.bin().probability(), runId);
  }
}
