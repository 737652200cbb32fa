package io.unwind.summary;

import java.io.Serializable;
import java.util.List;

/**
 * The mergeable state of one metric specification on one run (or one strategy of it): fed every
 * path, merged across partitions, turned into rows. Built by {@link MetricSpec#start}; every
 * implementation is exact, so its rows are the same bits at any partitioning.
 */
interface MetricAccumulator extends Serializable {

  /** Adds one path: its outcome under every strategy, in run order. */
  void accept(PathOutcome[] group);

  /** Merges a disjoint part built by the same spec. */
  void combine(MetricAccumulator other);

  /** Sets, per series it owns, the levels a weighted run's second selection must find. */
  default void intervalLevels(double[][] levels) {
  }

  /** Appends its {@code summary} rows; {@code ends} is the run's second selection. */
  default void rows(SummarySelection ends, List<SummaryRow> out) {
  }

  /** Appends its {@code histograms} rows; {@code n} is the paths the strategy saw. */
  default void histograms(long n, List<HistogramRow> out) {
  }
}
