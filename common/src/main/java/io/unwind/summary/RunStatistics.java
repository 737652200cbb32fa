package io.unwind.summary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every accumulator of one run, mergeable: one per entry of {@link SummaryMetrics#ALL} and, for
 * a per-strategy entry, per strategy; built from the run's completed first selection. One instance
 * per partition, merged on the driver; its size does not depend on the number of paths.
 *
 * <p>After the fold, {@link #intervalSelection} is the second selection a weighted run needs for
 * its VaR intervals' ends (whose levels depend on the fold's sums); on a plain run it has nothing
 * to find. {@link #summary} and {@link #histograms} read it.
 */
public final class RunStatistics implements Serializable {
  private static final long serialVersionUID = 2L;

  private final SummaryPlan plan;
  /** Per strategy, its accumulators in list order. */
  private final List<List<MetricAccumulator>> byStrategy = new ArrayList<>();
  /** The run-wide accumulators in list order. */
  private final List<MetricAccumulator> runWide = new ArrayList<>();
  /** Per strategy, the paths seen. */
  private final long[] counts;

  /** Empty statistics of {@code plan}'s run, reading the VaRs of a completed {@code selection}. */
  public RunStatistics(SummaryPlan plan, SummarySelection selection) {
    if (!selection.isDone()) {
      throw new IllegalStateException("the selection needs more passes");
    }
    this.plan = plan;
    int strategies = plan.run().strategies().size();
    this.counts = new long[strategies];
    for (int s = 0; s < strategies; s++) {
      List<MetricAccumulator> list = new ArrayList<>();
      for (MetricSpec spec : SummaryMetrics.ALL) {
        if (spec.perStrategy()) {
          list.add(spec.start(plan, selection, s));
        }
      }
      byStrategy.add(list);
    }
    for (MetricSpec spec : SummaryMetrics.ALL) {
      if (!spec.perStrategy()) {
        runWide.add(spec.start(plan, selection, -1));
      }
    }
  }

  /**
   * Adds one path: its outcome under every strategy, in run order, all with the same path id and
   * weight (the group is not kept).
   */
  public void accept(PathOutcome[] group) {
    for (int s = 0; s < group.length; s++) {
      if (Double.compare(group[s].weight(), group[0].weight()) != 0) {
        throw new IllegalStateException("path " + group[0].pathId() + ": log_weight differs "
            + "between its strategies' rows (" + group[0].weight() + " and "
            + group[s].weight() + "); every variant of a path shares its weight");
      }
      counts[s]++;
      for (MetricAccumulator a : byStrategy.get(s)) {
        a.accept(group);
      }
    }
    for (MetricAccumulator a : runWide) {
      a.accept(group);
    }
  }

  /** Merges a disjoint part into this; returns this. */
  public RunStatistics combine(RunStatistics other) {
    for (int s = 0; s < counts.length; s++) {
      counts[s] += other.counts[s];
      List<MetricAccumulator> mine = byStrategy.get(s);
      List<MetricAccumulator> theirs = other.byStrategy.get(s);
      for (int i = 0; i < mine.size(); i++) {
        mine.get(i).combine(theirs.get(i));
      }
    }
    for (int i = 0; i < runWide.size(); i++) {
      runWide.get(i).combine(other.runWide.get(i));
    }
    return this;
  }

  /** Paths seen by each strategy, in run order. */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * The second selection: on a weighted run, per series the levels of its VaR intervals' ends;
   * on a plain run, nothing to find.
   */
  public SummarySelection intervalSelection(int collectLimit) {
    if (!plan.run().weighted()) {
      return plan.nothing();
    }
    double[][] levels = new double[plan.size()][];
    Arrays.fill(levels, new double[0]);
    for (List<MetricAccumulator> list : byStrategy) {
      for (MetricAccumulator a : list) {
        a.intervalLevels(levels);
      }
    }
    for (MetricAccumulator a : runWide) {
      a.intervalLevels(levels);
    }
    return plan.weighted(levels, collectLimit);
  }

  /** Summary rows: each strategy's in run order, then the run-wide ones. */
  public List<SummaryRow> summary(SummarySelection ends) {
    List<SummaryRow> rows = new ArrayList<>();
    for (List<MetricAccumulator> list : byStrategy) {
      for (MetricAccumulator a : list) {
        a.rows(ends, rows);
      }
    }
    for (MetricAccumulator a : runWide) {
      a.rows(ends, rows);
    }
    return rows;
  }

  /** Histogram rows, strategies in run order. */
  public List<HistogramRow> histograms() {
    List<HistogramRow> rows = new ArrayList<>();
    for (int s = 0; s < counts.length; s++) {
      for (MetricAccumulator a : byStrategy.get(s)) {
        a.histograms(counts[s], rows);
      }
    }
    return rows;
  }
}
