package io.unwind.summary;

import io.unwind.metrics.HistogramBin;
import java.util.Objects;

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
}
