package io.unwind.jobs.aggregate;

import io.unwind.metrics.HistogramAccumulator;
import io.unwind.metrics.HistogramBin;
import io.unwind.metrics.MeanEstimate;
import io.unwind.metrics.MomentAccumulator;
import io.unwind.metrics.ProportionAccumulator;
import io.unwind.metrics.ProportionEstimate;
import io.unwind.metrics.RankKey;
import io.unwind.metrics.RankSelection;
import io.unwind.metrics.RatioAccumulator;
import io.unwind.metrics.SelectedTail;
import io.unwind.metrics.TailEstimate;
import io.unwind.metrics.TailEstimates;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One strategy's mergeable statistics over a run's paths: the place where {@code common}'s
 * estimators ({@code io.unwind.metrics}) plug into the aggregate job.
 *
 * <p>Built from a completed {@link RankSelection} (the order statistics every tail and quantile
 * reads), filled per partition with {@link #accept}, merged on the driver with {@link #combine},
 * turned into {@code summary} rows by {@link #summary} and {@code histograms} rows by
 * {@link #histograms}. Every accumulator is exact, its result independent of how paths were split
 * into partitions, and its size independent of the number of paths.
 */
public final class StrategyStatistics implements Serializable {
  private static final long serialVersionUID = 3L;

  /** Histogram quantities, as named in the {@code histograms} table. */
  public static final String ROUNDS = "max_cascade_rounds";
  /** Forced sales over the horizon, fraction of start equity. */
  public static final String FORCED_SALES = "forced_sales";
  /** Impact cost over the horizon, fraction of start equity. */
  public static final String IMPACT_COST = "impact_cost";
  /** Horizon loss, fraction of start equity. */
  public static final String LOSS = "loss";

  private final List<String> regimes;
  private final SelectedTail loss;
  private final SelectedTail drawdown;
  private final ProportionAccumulator defaults = new ProportionAccumulator();
  private final ProportionAccumulator marginCalls = new ProportionAccumulator();
  private final ProportionAccumulator deleveraging = new ProportionAccumulator();
  private final MomentAccumulator episodes = new MomentAccumulator();
  /** Σ multi-round episodes / Σ episodes. */
  private final RatioAccumulator multiRound = new RatioAccumulator();
  /** Σ forced sales / Σ all sales. */
  private final RatioAccumulator forcedShare = new RatioAccumulator();
  private final ProportionAccumulator cascadeGt1 = new ProportionAccumulator();
  private final ProportionAccumulator cascadeGt3 = new ProportionAccumulator();
  private final ProportionAccumulator cascadeGt5 = new ProportionAccumulator();
  private final HistogramAccumulator roundsHistogram;
  private final HistogramAccumulator forcedSalesHistogram = forcedSalesBins();
  private final HistogramAccumulator impactCostHistogram = impactCostBins();
  private final HistogramAccumulator lossHistogram = lossBins();
  private final SelectedTail forcedSalesQuantiles;
  private final SelectedTail impactCostQuantiles;
  /** Per regime, the loss tail of the paths that visited it; null for a regime no path visited. */
  private final SelectedTail[] lossGivenVisited;
  /** Per regime, the share of days spent in it, over all paths. */
  private final MomentAccumulator[] regimeShare;
  /** The path at the VaR rank of {@link Metrics#WORST_LEVEL}: the paths beyond it are the worst 1 %. */
  private final RankKey worstFrom;
  /** The number of those paths, {@code N − ⌈0.99N⌉}. */
  private final long worstCount;
  /** Per regime, the share of days spent in it over the worst 1 % of paths. */
  private final MomentAccumulator[] worstShare;

  /**
   * Empty statistics of strategy {@code strategy} of a run.
   *
   * @param plan the run: N, strategies, regimes, visit counts, the cascade histogram's range
   * @param series the numbering of the selection's series
   * @param selection a completed selection of {@code series.selection(..)}
   * @param strategy the strategy's index in the run's order
   */
  StrategyStatistics(RunStatistics.Plan plan, RunSeries series, RankSelection selection, int strategy) {
    long paths = plan.paths();
    long[] visited = plan.visited().get(plan.strategies().get(strategy));
    if (visited.length != plan.regimes().size()) {
      throw new IllegalArgumentException("Cannot use " + visited.length + " visit counts for "
          + plan.regimes().size() + " regimes");
    }
    this.regimes = plan.regimes();
    this.loss = SelectedTail.of(RunSeries.tail(paths), selection, series.of(strategy, RunSeries.LOSS));
    this.drawdown = SelectedTail.of(RunSeries.tail(paths), selection, series.of(strategy, RunSeries.DRAWDOWN));
    this.roundsHistogram = HistogramAccumulator.integers(plan.maxRounds());
    this.forcedSalesQuantiles = SelectedTail.of(RunSeries.quantiles(paths), selection,
        series.of(strategy, RunSeries.FORCED_SALES));
    this.impactCostQuantiles = SelectedTail.of(RunSeries.quantiles(paths), selection,
        series.of(strategy, RunSeries.IMPACT_COST));
    this.lossGivenVisited = new SelectedTail[visited.length];
    this.regimeShare = new MomentAccumulator[visited.length];
    this.worstShare = new MomentAccumulator[visited.length];
    for (int r = 0; r < visited.length; r++) {
      lossGivenVisited[r] = visited[r] > 0
          ? SelectedTail.of(RunSeries.conditional(visited[r]), selection, series.visited(strategy, r))
          : null;
      regimeShare[r] = new MomentAccumulator();
      worstShare[r] = new MomentAccumulator();
    }
    long worstRank = RunSeries.varRank(paths, Metrics.WORST_LEVEL);
    this.worstFrom = selection.key(series.of(strategy, RunSeries.LOSS), worstRank);
    this.worstCount = paths - worstRank;
  }

  /** Forced sales: a zero bin [0, 1e-6), then 5 log bins per decade to 100 × start equity. */
  static HistogramAccumulator forcedSalesBins() {
    return HistogramAccumulator.logSpaced(-6, 2, 5);
  }

  /** Impact cost: a zero bin [0, 1e-8), then 5 log bins per decade to 1 × start equity. */
  static HistogramAccumulator impactCostBins() {
    return HistogramAccumulator.logSpaced(-8, 0, 5);
  }

  /** Loss: bins of 5 % of start equity from −200 % (a gain of 2×) to 105 % (defaults land in [1, 1.05)). */
  static HistogramAccumulator lossBins() {
    double[] edges = new double[62];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = (i - 40) / 20.0; // exact quotients: the same edges on every JVM
    }
    return HistogramAccumulator.withEdges(edges);
  }

  /** Adds one path. */
  public void accept(PathOutcome p) {
    long id = p.pathId();
    loss.accept(p.loss(), id);
    boolean worst = worstFrom.isExceededBy(p.loss(), id);
    drawdown.accept(p.maxDrawdown(), id);
    defaults.accept(p.defaulted());
    marginCalls.accept(p.marginCalls() > 0);
    deleveraging.accept(p.deleveragingEpisodes() > 0);
    episodes.accept(p.deleveragingEpisodes());
    multiRound.accept(p.multiRoundEpisodes(), p.deleveragingEpisodes());
    forcedShare.accept(p.forcedSales(), p.forcedSales() + p.voluntarySales());
    cascadeGt1.accept(p.maxCascadeRounds() > 1);
    cascadeGt3.accept(p.maxCascadeRounds() > 3);
    cascadeGt5.accept(p.maxCascadeRounds() > 5);
    roundsHistogram.accept(p.maxCascadeRounds());
    forcedSalesHistogram.accept(p.forcedSales());
    impactCostHistogram.accept(p.impactCost());
    lossHistogram.accept(p.loss());
    forcedSalesQuantiles.accept(p.forcedSales(), id);
    impactCostQuantiles.accept(p.impactCost(), id);
    double[] shares = p.regimeShares();
    for (int r = 0; r < shares.length; r++) {
      regimeShare[r].accept(shares[r]);
      if (worst) {
        worstShare[r].accept(shares[r]);
      }
      if (p.regimeDays()[r] > 0) {
        if (lossGivenVisited[r] == null) {
          throw new IllegalStateException("path " + id + " visited regime " + regimes.get(r)
              + ", which the count pass saw no path visit");
        }
        lossGivenVisited[r].accept(p.loss(), id);
      }
    }
  }

  /** Merges {@code other} into this and returns this. */
  public StrategyStatistics combine(StrategyStatistics other) {
    loss.combine(other.loss);
    drawdown.combine(other.drawdown);
    defaults.combine(other.defaults);
    marginCalls.combine(other.marginCalls);
    deleveraging.combine(other.deleveraging);
    episodes.combine(other.episodes);
    multiRound.combine(other.multiRound);
    forcedShare.combine(other.forcedShare);
    cascadeGt1.combine(other.cascadeGt1);
    cascadeGt3.combine(other.cascadeGt3);
    cascadeGt5.combine(other.cascadeGt5);
    roundsHistogram.combine(other.roundsHistogram);
    forcedSalesHistogram.combine(other.forcedSalesHistogram);
    impactCostHistogram.combine(other.impactCostHistogram);
    lossHistogram.combine(other.lossHistogram);
    forcedSalesQuantiles.combine(other.forcedSalesQuantiles);
    impactCostQuantiles.combine(other.impactCostQuantiles);
    for (int r = 0; r < regimeShare.length; r++) {
      regimeShare[r].combine(other.regimeShare[r]);
      worstShare[r].combine(other.worstShare[r]);
      if (lossGivenVisited[r] != null) {
        lossGivenVisited[r].combine(other.lossGivenVisited[r]);
      }
    }
    return this;
  }

  /** Paths seen. */
  public long count() {
    return defaults.count();
  }

  /**
   * The summary rows of this strategy, in a fixed order: VaR and ES of loss and drawdown per
   * level, the probabilities, the quantiles, the conditional tails per regime, the regime shares.
   */
  public List<SummaryRow> summary(String strategy) {
    List<SummaryRow> rows = new ArrayList<>();
    TailEstimates lossTail = loss.finish();
    TailEstimates drawdownTail = drawdown.finish();
    for (double level : Metrics.TAIL_LEVELS) {
      rows.add(row(strategy, Metrics.LOSS_VAR, null, lossTail.var(level)));
      rows.add(row(strategy, Metrics.LOSS_ES, null, lossTail.es(level)));
    }
    for (double level : Metrics.TAIL_LEVELS) {
      rows.add(row(strategy, Metrics.DRAWDOWN_VAR, null, drawdownTail.var(level)));
      rows.add(row(strategy, Metrics.DRAWDOWN_ES, null, drawdownTail.es(level)));
    }
    rows.add(row(strategy, Metrics.DEFAULT_PROB, defaults.finish()));
    rows.add(row(strategy, Metrics.MARGIN_CALL_PROB, marginCalls.finish()));
    rows.add(row(strategy, Metrics.DELEVERAGING_PROB, deleveraging.finish()));
    rows.add(row(strategy, Metrics.DELEVERAGING_EPISODES_MEAN, null, null, episodes.estimate()));
    // ratios of sums, reported only when their denominators are positive (no episode, no sale:
    // nothing to share out)
    if (multiRound.count() > 0 && multiRound.denominatorMean() > 0) {
      rows.add(row(strategy, Metrics.MULTI_ROUND_EPISODE_SHARE, null, null, multiRound.estimate()));
    }
    if (forcedShare.count() > 0 && forcedShare.denominatorMean() > 0) {
      rows.add(row(strategy, Metrics.FORCED_SALE_SHARE, null, null, forcedShare.estimate()));
    }
    rows.add(row(strategy, Metrics.CASCADE_GT1_PROB, cascadeGt1.finish()));
    rows.add(row(strategy, Metrics.CASCADE_GT3_PROB, cascadeGt3.finish()));
    rows.add(row(strategy, Metrics.CASCADE_GT5_PROB, cascadeGt5.finish()));
    for (TailEstimate q : forcedSalesQuantiles.finish().valueAtRisk()) {
      rows.add(row(strategy, Metrics.FORCED_SALES_Q, null, q));
    }
    for (TailEstimate q : impactCostQuantiles.finish().valueAtRisk()) {
      rows.add(row(strategy, Metrics.IMPACT_COST_Q, null, q));
    }
    for (int r = 0; r < regimes.size(); r++) {
      if (lossGivenVisited[r] == null) {
        continue;
      }
      String condition = Metrics.VISITED + regimes.get(r);
      TailEstimates tail = lossGivenVisited[r].finish();
      for (double level : Metrics.CONDITIONAL_LEVELS) {
        rows.add(row(strategy, Metrics.LOSS_VAR_GIVEN_VISITED, condition, tail.var(level)));
        rows.add(row(strategy, Metrics.LOSS_ES_GIVEN_VISITED, condition, tail.es(level)));
      }
    }
    for (int r = 0; r < regimes.size(); r++) {
      String condition = Metrics.REGIME + regimes.get(r);
      rows.add(row(strategy, Metrics.REGIME_SHARE_ALL, condition, null, regimeShare[r].estimate()));
      if (worstCount > 0) {
        if (worstShare[r].count() != worstCount) {
          throw new IllegalStateException(strategy + ": " + worstShare[r].count() + " paths beyond "
              + "the " + Metrics.WORST_LEVEL + " loss VaR, expected " + worstCount);
        }
        rows.add(row(strategy, Metrics.REGIME_SHARE_WORST1PCT, condition, Metrics.WORST_LEVEL,
            worstShare[r].estimate()));
      }
    }
    return rows;
  }

  /** The histogram rows of this strategy: rounds, forced sales, impact cost, loss. */
  public List<HistogramRow> histograms(String strategy) {
    List<HistogramRow> rows = new ArrayList<>();
    add(rows, strategy, ROUNDS, roundsHistogram);
    add(rows, strategy, FORCED_SALES, forcedSalesHistogram);
    add(rows, strategy, IMPACT_COST, impactCostHistogram);
    add(rows, strategy, LOSS, lossHistogram);
    return rows;
  }

  private static void add(List<HistogramRow> rows, String strategy, String quantity, HistogramAccumulator h) {
    for (HistogramBin bin : h.finish()) {
      rows.add(new HistogramRow(strategy, quantity, bin));
    }
  }

  // Every row is made here, its interval clipped to what the metric can be (Metrics.clipped).
  static SummaryRow row(String strategy, String metric, String condition, TailEstimate e) {
    return Metrics.clipped(new SummaryRow(strategy, metric, condition, e.level(), e.value(),
        e.ciLow(), e.ciHigh(), e.n()));
  }

  static SummaryRow row(String strategy, String metric, ProportionEstimate e) {
    return Metrics.clipped(new SummaryRow(strategy, metric, null, null, e.value(), e.ciLow(),
        e.ciHigh(), e.n()));
  }

  static SummaryRow row(String strategy, String metric, String condition, Double level, MeanEstimate e) {
    return Metrics.clipped(new SummaryRow(strategy, metric, condition, level, e.value(), e.ciLow(),
        e.ciHigh(), e.n()));
  }
}
