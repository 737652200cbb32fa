package io.unwind.jobs.aggregate;

import io.unwind.metrics.RankSelection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every accumulator of one run, mergeable: one {@link StrategyStatistics} per strategy and the
 * {@link Attribution} across strategies, built from the run's completed {@link RankSelection}. One
 * instance per partition, merged on the driver; its size does not depend on the number of paths.
 */
final class RunStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * What every partition needs to build its empty statistics: small, shipped in the closure.
   *
   * @param paths N
   * @param strategies strategy keys in run order
   * @param regimes regime names in run order
   * @param visited per strategy key, per regime, the paths that visited the regime
   * @param maxRounds the scenario's {@code market.max-rounds}
   */
  record Plan(long paths, List<String> strategies, List<String> regimes, Map<String, long[]> visited,
      int maxRounds) implements Serializable {
    Plan {
      strategies = List.copyOf(strategies);
      regimes = List.copyOf(regimes);
      visited = Map.copyOf(visited);
    }
  }

  private final Plan plan;
  private final StrategyStatistics[] byStrategy;
  private final Attribution attribution;

  RunStatistics(Plan plan, RunSeries series, RankSelection selection) {
    this.plan = plan;
    this.byStrategy = new StrategyStatistics[plan.strategies().size()];
    for (int s = 0; s < byStrategy.length; s++) {
      byStrategy[s] = new StrategyStatistics(plan, series, selection, s);
    }
    this.attribution = new Attribution(plan, series, selection);
  }

  /**
   * Adds one path: its outcome under every strategy.
   *
   * @param outcomes per strategy in run order, the path's outcome (all with the same path id)
   */
  void accept(PathOutcome[] outcomes) {
    double[] losses = new double[outcomes.length];
    double[] drifts = new double[outcomes.length];
    for (int s = 0; s < outcomes.length; s++) {
      byStrategy[s].accept(outcomes[s]);
      losses[s] = outcomes[s].loss();
      drifts[s] = outcomes[s].driftPnl();
    }
    attribution.accept(outcomes[0].pathId(), losses, drifts);
  }

  /** Merges a disjoint part into this; returns this. */
  RunStatistics combine(RunStatistics other) {
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

  /** Summary rows: each strategy's in run order, then the attribution. */
  List<SummaryRow> summary() {
    List<SummaryRow> rows = new ArrayList<>();
    for (int s = 0; s < byStrategy.length; s++) {
      rows.addAll(byStrategy[s].summary(plan.strategies().get(s)));
    }
    rows.addAll(attribution.summary());
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
