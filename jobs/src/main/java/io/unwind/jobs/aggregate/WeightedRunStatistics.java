package io.unwind.jobs.aggregate;

import io.unwind.metrics.WeightedRankSelection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RunStatistics} of an importance-sampled run: one {@link WeightedStrategyStatistics} per
 * strategy and the {@link WeightedAttribution}, built from the run's resolved weighted VaR
 * selection; after the fold, {@link #intervalLevels} asks a second selection for the VaR
 * intervals' ends, which {@link #summary} reads. Size independent of the number of paths.
 */
final class WeightedRunStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RunStatistics.Plan plan;
  private final RunSeries series;
  private final WeightedStrategyStatistics[] byStrategy;
  private final WeightedAttribution attribution;

  WeightedRunStatistics(RunStatistics.Plan plan, RunSeries series, WeightedRankSelection vars) {
    this.plan = plan;
    this.series = series;
    this.byStrategy = new WeightedStrategyStatistics[plan.strategies().size()];
    for (int s = 0; s < byStrategy.length; s++) {
      byStrategy[s] = new WeightedStrategyStatistics(plan, series, vars, s);
    }
    this.attribution = new WeightedAttribution(plan, series, vars);
  }

  /** Adds one path: its outcome under every strategy, all with the same path id and weight. */
  void accept(PathOutcome[] outcomes) {
    double[] losses = new double[outcomes.length];
    double[] drifts = new double[outcomes.length];
    for (int s = 0; s < outcomes.length; s++) {
      if (Double.compare(outcomes[s].weight(), outcomes[0].weight()) != 0) {
        throw new IllegalStateException("path " + outcomes[0].pathId() + ": log_weight differs "
            + "between its strategies' rows (" + outcomes[0].weight() + " and "
            + outcomes[s].weight() + "); every variant of a path shares its weight");
      }
      byStrategy[s].accept(outcomes[s]);
      losses[s] = outcomes[s].loss();
      drifts[s] = outcomes[s].driftPnl();
    }
    attribution.accept(outcomes[0].pathId(), losses, drifts, outcomes[0].weight());
  }

  /** Merges a disjoint part into this; returns this. */
  WeightedRunStatistics combine(WeightedRunStatistics other) {
    for (int s = 0; s < byStrategy.length; s++) {
      byStrategy[s].combine(other.byStrategy[s]);
    }
    attribution.combine(other.attribution);
    return this;
  }

  /** Paths seen by each strategy, in run order. */
  long[] counts() {
    long[] c = new long[byStrategy.length];
    for (int s = 0; s < c.length; s++) {
      c[s] = byStrategy[s].count();
    }
    return c;
  }

  /** Per series, the levels of the VaR intervals' ends, for the second selection. */
  double[][] intervalLevels() {
    double[][] levels = new double[series.count()][];
    for (WeightedStrategyStatistics s : byStrategy) {
      s.intervalLevels(levels);
    }
    attribution.intervalLevels(levels);
    return levels;
  }

  /** Summary rows: each strategy's in run order, then the attribution. */
  List<SummaryRow> summary(WeightedRankSelection ends) {
    List<SummaryRow> rows = new ArrayList<>();
    for (int s = 0; s < byStrategy.length; s++) {
      rows.addAll(byStrategy[s].summary(plan.strategies().get(s), ends));
    }
    rows.addAll(attribution.summary(ends));
    return rows;
  }

  /** Histogram rows, strategies in run order. */
  List<HistogramRow> histograms() {
    List<HistogramRow> rows = new ArrayList<>();
    for (int s = 0; s < byStrategy.length; s++) {
      rows.addAll(byStrategy[s].histograms(plan.strategies().get(s)));
    }
    return rows;
  }
}
