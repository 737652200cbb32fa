package io.unwind.jobs.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One strategy's mergeable statistics over a run's paths: the seam where {@code common}'s
 * estimators ({@code io.unwind.metrics}) plug into the aggregate job.
 *
 * <p>Filled per partition with {@link #accept}, merged on the driver with {@link #combine}; turned
 * into {@code summary} rows by {@link #summary}.
 */
public final class StrategyStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long expectedPaths;
  private long count;
  private long defaults;
  private long marginCallPaths;

  /**
   * Empty statistics for a run of {@code expectedPaths} paths (tail estimators size their
   * bounded heaps from it).
   */
  public StrategyStatistics(long expectedPaths) {
    this.expectedPaths = expectedPaths;
  }

  /** Adds one path. Loss and drawdown are fractions of start equity. */
  public void accept(double loss, double drawdown, boolean defaulted, boolean marginCall) {
    count++;
    if (defaulted) {
      defaults++;
    }
    if (marginCall) {
      marginCallPaths++;
    }
  }

  /** Merges {@code other} into this and returns this. */
  public StrategyStatistics combine(StrategyStatistics other) {
    count += other.count;
    defaults += other.defaults;
    marginCallPaths += other.marginCallPaths;
    return this;
  }

  /** Paths seen. */
  public long count() {
    return count;
  }

  /** The summary rows of this strategy. */
  public List<SummaryRow> summary(String strategy) {
    List<SummaryRow> rows = new ArrayList<>();
    rows.add(new SummaryRow(strategy, Metrics.DEFAULT_PROB, null, (double) defaults / count, null, null, count));
    rows.add(new SummaryRow(strategy, Metrics.MARGIN_CALL_PROB, null, (double) marginCallPaths / count, null, null, count));
    return rows;
  }
}
