package io.unwind.jobs.aggregate;

import io.unwind.metrics.HistogramBin;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code histograms} table.
 *
 * @param strategy strategy key
 * @param quantity the per-path quantity ({@code max_cascade_rounds}, {@code forced_sales},
 *     {@code impact_cost}, {@code loss})
 * @param bin the bin (index, edges, count)
 */
public record HistogramRow(String strategy, String quantity, HistogramBin bin) {
  public HistogramRow {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(bin, "bin");
  }

  /** The row in {@link io.unwind.jobs.io.Schemas#HISTOGRAMS} order. */
  public Row toRow(String runId) {
    return RowFactory.create(strategy, quantity, bin.index(), bin.lower(), bin.upper(), bin.count(),
        Double.isNaN(bin.probability()) ? null : bin.probability(), runId);
  }
}
