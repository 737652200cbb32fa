package io.unwind.summary;

import static io.unwind.config.StrategyKind.LEVERED_ERC;
import static io.unwind.config.StrategyKind.NO_IMPACT;
import static io.unwind.config.StrategyKind.ORACLE_ERC;
import static io.unwind.config.StrategyKind.UNLEVERED_ERC;

import io.unwind.metrics.HistogramAccumulator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary's one list of metrics: every row of the {@code summary} table and every
 * {@code histograms} quantity comes from an entry here, in this order (per strategy in run order
 * the per-strategy entries, then the run-wide ones). Adding a metric is one entry, plus its line
 * in README's {@code summary} table section (a test checks both ways).
 */
public final class SummaryMetrics {

  /** The metrics, in row order. */
  public static final List<MetricSpec> ALL = List.of(
      new TailMetric(Metrics.LOSS_VAR, Metrics.LOSS_ES, Metrics.TAIL_LEVELS, PathOutcome::loss,
          false, Bounds.LOSS),
      new TailMetric(Metrics.DRAWDOWN_VAR, Metrics.DRAWDOWN_ES, Metrics.TAIL_LEVELS,
          PathOutcome::maxDrawdown, false, Bounds.UNIT),
      new ProportionMetric(Metrics.DEFAULT_PROB, PathOutcome::defaulted),
      new ProportionMetric(Metrics.MARGIN_CALL_PROB, p -> p.marginCalls() > 0),
      new ProportionMetric(Metrics.DELEVERAGING_PROB, p -> p.deleveragingEpisodes() > 0),
      new MeanMetric(Metrics.DELEVERAGING_EPISODES_MEAN, PathOutcome::deleveragingEpisodes,
          Bounds.NON_NEGATIVE),
      new RatioMetric(Metrics.MULTI_ROUND_EPISODE_SHARE, PathOutcome::multiRoundEpisodes,
          PathOutcome::deleveragingEpisodes, Bounds.UNIT),
      new RatioMetric(Metrics.FORCED_SALE_SHARE, PathOutcome::forcedSales,
          p -> p.forcedSales() + p.voluntarySales(), Bounds.UNIT),
      new ProportionMetric(Metrics.CASCADE_GT1_PROB, p -> p.maxCascadeRounds() > 1),
      new ProportionMetric(Metrics.CASCADE_GT3_PROB, p -> p.maxCascadeRounds() > 3),
      new ProportionMetric(Metrics.CASCADE_GT5_PROB, p -> p.maxCascadeRounds() > 5),
      new TailMetric(Metrics.FORCED_SALES_Q, null, Metrics.QUANTILE_LEVELS,
          PathOutcome::forcedSales, false, Bounds.NON_NEGATIVE),
      new TailMetric(Metrics.IMPACT_COST_Q, null, Metrics.QUANTILE_LEVELS,
          PathOutcome::impactCost, false, Bounds.NONE),
      new TailMetric(Metrics.LOSS_VAR_GIVEN_VISITED, Metrics.LOSS_ES_GIVEN_VISITED,
          Metrics.CONDITIONAL_LEVELS, PathOutcome::loss, true, Bounds.LOSS),
      new RegimeShareMetric(Metrics.REGIME_SHARE_ALL, Metrics.REGIME_SHARE_WORST1PCT,
          Metrics.LOSS_VAR, Metrics.WORST_LEVEL),
      new WeightMetric(Metrics.EFFECTIVE_SAMPLE_SIZE, WeightMetric.Statistic.EFFECTIVE_SAMPLE_SIZE,
          Bounds.NONE),
      new WeightMetric(Metrics.MEAN_WEIGHT, WeightMetric.Statistic.MEAN, Bounds.NON_NEGATIVE),
      new HistogramMetric("max_cascade_rounds", PathOutcome::maxCascadeRounds,
          run -> HistogramAccumulator.integers(run.maxRounds())),
      // a zero bin [0, 1e-6), then 5 log bins per decade to 100 × start equity
      new HistogramMetric("forced_sales", PathOutcome::forcedSales,
          run -> HistogramAccumulator.logSpaced(-6, 2, 5)),
      // a zero bin [0, 1e-8), then 5 log bins per decade to 1 × start equity
      new HistogramMetric("impact_cost", PathOutcome::impactCost,
          run -> HistogramAccumulator.logSpaced(-8, 0, 5)),
      new HistogramMetric("loss", PathOutcome::loss, run -> lossBins()),
      new PairedMetric(Metrics.ATTRIBUTION_VOL_ERROR, LEVERED_ERC, ORACLE_ERC,
          Metrics.ATTRIBUTION_LEVELS),
      new PairedMetric(Metrics.ATTRIBUTION_CASCADE, LEVERED_ERC, NO_IMPACT,
          Metrics.ATTRIBUTION_LEVELS),
      new PairedMetric(Metrics.ATTRIBUTION_LEVERAGE, LEVERED_ERC, UNLEVERED_ERC,
          Metrics.ATTRIBUTION_LEVELS),
      new TailShareMetric(Metrics.IMPACT_LOSS_SHARE, LEVERED_ERC, NO_IMPACT, Metrics.LOSS_VAR,
          Metrics.ATTRIBUTION_LEVELS));

  private static final Map<String, Bounds> BOUNDS = new HashMap<>();

  static {
    for (MetricSpec spec : ALL) {
      for (String name : spec.names()) {
        if (BOUNDS.put(name, spec.bounds()) != null) {
          throw new ExceptionInInitializerError("metric " + name + " is listed twice");
        }
      }
    }
  }

  private SummaryMetrics() {
  }

  /** Every metric and histogram name the list writes, in list order. */
  public static List<String> names() {
    return ALL.stream().flatMap(s -> s.names().stream()).toList();
  }

  /** The row with its interval clipped to its metric's range. */
  public static SummaryRow clipped(SummaryRow row) {
    Bounds b = BOUNDS.get(row.metric());
    if (b == null) {
      throw new IllegalArgumentException("metric " + row.metric() + " is not in the list");
    }
    return b.clip(row);
  }

  /** Loss: bins of 5 % of start equity from −200 % (a gain of 2×) to 105 % (defaults land in [1, 1.05)). */
  private static HistogramAccumulator lossBins() {
    double[] edges = new double[62];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = (i - 40) / 20.0; // exact quotients: the same edges on every JVM
    }
    return HistogramAccumulator.withEdges(edges);
  }
}
