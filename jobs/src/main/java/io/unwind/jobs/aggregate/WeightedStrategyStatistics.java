package io.unwind.jobs.aggregate;

import io.unwind.metrics.HistogramAccumulator;
import io.unwind.metrics.MeanEstimate;
import io.unwind.metrics.RankKey;
import io.unwind.metrics.RatioAccumulator;
import io.unwind.metrics.TailEstimate;
import io.unwind.metrics.TailEstimates;
import io.unwind.metrics.WeightedMomentAccumulator;
import io.unwind.metrics.WeightedRankSelection;
import io.unwind.metrics.WeightedSelectedTail;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One strategy's statistics over importance-sampled paths: {@link StrategyStatistics}' metrics,
 * each by its weighted estimator, plus the weights' diagnostics. Every path carries its
 * likelihood ratio w ({@link PathOutcome#weight()}); every estimator is the unbiased form
 * {@code (1/N) Σ w·x} ({@link WeightedMomentAccumulator}'s reasons), except where the metric is a
 * ratio or conditional:
 * <ul>
 *   <li>VaR, ES, quantiles: {@link WeightedSelectedTail} of mass N; loss given a visited regime:
 *       mass {@code Σ w} over the visiting paths (the conditional distribution's ratio form);
 *   <li>probabilities and means: {@link WeightedMomentAccumulator}, normal intervals from the
 *       weighted variance, clipped to [0, 1] for probabilities;
 *   <li>shares of sums (multi-round episodes, forced sales) and the regime shares over the worst
 *       1 %: {@code Σ w y / Σ w x}, a {@link RatioAccumulator} fed {@code (w y, w x)} (its
 *       delta-method interval is then the weighted ratio's);
 *   <li>{@code effective_sample_size} = {@code (Σ w)² / Σ w²} and {@code mean_weight} =
 *       {@code Σ w / N} with its normal interval (1 in expectation under a valid tilt).
 * </ul>
 * Histograms carry the bins' path counts (of the sampled paths) and their estimated
 * probabilities {@code (1/N) Σ w}. Every accumulator is exact: the summary is the same bits at any
 * partitioning.
 */
final class WeightedStrategyStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> regimes;
  private final RunSeries series;
  private final int strategy;
  private final WeightedSelectedTail loss;
  private final WeightedSelectedTail drawdown;
  private final WeightedMomentAccumulator weights = new WeightedMomentAccumulator();
  private final WeightedMomentAccumulator defaults = new WeightedMomentAccumulator();
  private final WeightedMomentAccumulator marginCalls = new WeightedMomentAccumulator();
  private final WeightedMomentAccumulator deleveraging = new WeightedMomentAccumulator();
  private final WeightedMomentAccumulator episodes = new WeightedMomentAccumulator();
  private final RatioAccumulator multiRound = new RatioAccumulator();
  private final RatioAccumulator forcedShare = new RatioAccumulator();
  private final WeightedMomentAccumulator cascadeGt1 = new WeightedMomentAccumulator();
  private final WeightedMomentAccumulator cascadeGt3 = new WeightedMomentAccumulator();
  private final WeightedMomentAccumulator cascadeGt5 = new WeightedMomentAccumulator();
  private final HistogramAccumulator roundsHistogram;
  private final HistogramAccumulator forcedSalesHistogram = StrategyStatistics.forcedSalesBins();
  private final HistogramAccumulator impactCostHistogram = StrategyStatistics.impactCostBins();
  private final HistogramAccumulator lossHistogram = StrategyStatistics.lossBins();
  private final WeightedSelectedTail forcedSalesQuantiles;
  private final WeightedSelectedTail impactCostQuantiles;
  private final WeightedSelectedTail[] lossGivenVisited;
  private final WeightedMomentAccumulator[] regimeShare;
  private final RankKey worstFrom;
  /** Per regime, Σ w·share / Σ w over the worst 1 % of paths. */
  private final RatioAccumulator[] worstShare;

  /**
   * Empty statistics of strategy {@code strategy}.
   *
   * @param vars a resolved selection of {@code series.weightedSelection(series.weightedLevels(), ..)}
   */
  WeightedStrategyStatistics(RunStatistics.Plan plan, RunSeries series, WeightedRankSelection vars,
      int strategy) {
    long[] visited = plan.visited().get(plan.strategies().get(strategy));
    this.regimes = plan.regimes();
    this.series = series;
    this.strategy = strategy;
    this.loss = tail(Metrics.TAIL_LEVELS, vars, series.of(strategy, RunSeries.LOSS), false);
    this.drawdown = tail(Metrics.TAIL_LEVELS, vars, series.of(strategy, RunSeries.DRAWDOWN), false);
    this.roundsHistogram = HistogramAccumulator.integers(plan.maxRounds());
    this.forcedSalesQuantiles = tail(Metrics.QUANTILE_LEVELS, vars,
        series.of(strategy, RunSeries.FORCED_SALES), false);
    this.impactCostQuantiles = tail(Metrics.QUANTILE_LEVELS, vars,
        series.of(strategy, RunSeries.IMPACT_COST), false);
    this.lossGivenVisited = new WeightedSelectedTail[visited.length];
    this.regimeShare = new WeightedMomentAccumulator[visited.length];
    this.worstShare = new RatioAccumulator[visited.length];
    for (int r = 0; r < visited.length; r++) {
      lossGivenVisited[r] = visited[r] > 0
          ? tail(Metrics.CONDITIONAL_LEVELS, vars, series.visited(strategy, r), true) : null;
      regimeShare[r] = new WeightedMomentAccumulator();
      worstShare[r] = new RatioAccumulator();
    }
    this.worstFrom = loss.varKey(Metrics.WORST_LEVEL);
  }

  private static WeightedSelectedTail tail(List<Double> levels, WeightedRankSelection vars,
      int series, boolean ownMass) {
    return WeightedSelectedTail.of(Metrics.array(levels), vars, series, ownMass);
  }

  /** The VaR of the loss at {@code level}, a tail level: the paths beyond it are its tail. */
  RankKey lossVarKey(double level) {
    return loss.varKey(level);
  }

  /** Adds one path. */
  void accept(PathOutcome p) {
    long id = p.pathId();
    double w = p.weight();
    weights.accept(1.0, w);
    loss.accept(p.loss(), w, id);
    boolean worst = worstFrom.isExceededBy(p.loss(), id);
    drawdown.accept(p.maxDrawdown(), w, id);
    defaults.acceptEvent(p.defaulted(), w);
    marginCalls.acceptEvent(p.marginCalls() > 0, w);
    deleveraging.acceptEvent(p.deleveragingEpisodes() > 0, w);
    episodes.accept(p.deleveragingEpisodes(), w);
    multiRound.accept(w * p.multiRoundEpisodes(), w * p.deleveragingEpisodes());
    forcedShare.accept(w * p.forcedSales(), w * (p.forcedSales() + p.voluntarySales()));
    cascadeGt1.acceptEvent(p.maxCascadeRounds() > 1, w);
    cascadeGt3.acceptEvent(p.maxCascadeRounds() > 3, w);
    cascadeGt5.acceptEvent(p.maxCascadeRounds() > 5, w);
    roundsHistogram.accept(p.maxCascadeRounds(), w);
    forcedSalesHistogram.accept(p.forcedSales(), w);
    impactCostHistogram.accept(p.impactCost(), w);
    lossHistogram.accept(p.loss(), w);
    forcedSalesQuantiles.accept(p.forcedSales(), w, id);
    impactCostQuantiles.accept(p.impactCost(), w, id);
    double[] shares = p.regimeShares();
    for (int r = 0; r < shares.length; r++) {
      regimeShare[r].accept(shares[r], w);
      if (worst) {
        worstShare[r].accept(w * shares[r], w);
      }
      if (p.regimeDays()[r] > 0) {
        if (lossGivenVisited[r] == null) {
          throw new IllegalStateException("path " + id + " visited regime " + regimes.get(r)
              + ", which the count pass saw no path visit");
        }
        lossGivenVisited[r].accept(p.loss(), w, id);
      }
    }
  }

  /** Merges {@code other} into this and returns this. */
  WeightedStrategyStatistics combine(WeightedStrategyStatistics other) {
    weights.combine(other.weights);
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
  long count() {
    return weights.count();
  }

  /** Per series of this strategy, the levels of its VaR intervals' ends (the second selection). */
  void intervalLevels(double[][] levels) {
    levels[series.of(strategy, RunSeries.LOSS)] = loss.intervalLevels();
    levels[series.of(strategy, RunSeries.DRAWDOWN)] = drawdown.intervalLevels();
    levels[series.of(strategy, RunSeries.FORCED_SALES)] = forcedSalesQuantiles.intervalLevels();
    levels[series.of(strategy, RunSeries.IMPACT_COST)] = impactCostQuantiles.intervalLevels();
    for (int r = 0; r < lossGivenVisited.length; r++) {
      levels[series.visited(strategy, r)] = lossGivenVisited[r] == null ? new double[0]
          : lossGivenVisited[r].intervalLevels();
    }
  }

  /**
   * The summary rows, in {@link StrategyStatistics#summary}'s order, then
   * {@code effective_sample_size} and {@code mean_weight}.
   *
   * @param ends a resolved selection of the levels {@link #intervalLevels} gave
   */
  List<SummaryRow> summary(String name, WeightedRankSelection ends) {
    List<SummaryRow> rows = new ArrayList<>();
    TailEstimates lossTail = loss.finish(ends, series.of(strategy, RunSeries.LOSS));
    TailEstimates drawdownTail = drawdown.finish(ends, series.of(strategy, RunSeries.DRAWDOWN));
    for (double level : Metrics.TAIL_LEVELS) {
      rows.add(StrategyStatistics.row(name, Metrics.LOSS_VAR, null, lossTail.var(level)));
      rows.add(StrategyStatistics.row(name, Metrics.LOSS_ES, null, lossTail.es(level)));
    }
    for (double level : Metrics.TAIL_LEVELS) {
      rows.add(StrategyStatistics.row(name, Metrics.DRAWDOWN_VAR, null, drawdownTail.var(level)));
      rows.add(StrategyStatistics.row(name, Metrics.DRAWDOWN_ES, null, drawdownTail.es(level)));
    }
    rows.add(StrategyStatistics.row(name, Metrics.DEFAULT_PROB, defaults.proportion()));
    rows.add(StrategyStatistics.row(name, Metrics.MARGIN_CALL_PROB, marginCalls.proportion()));
    rows.add(StrategyStatistics.row(name, Metrics.DELEVERAGING_PROB, deleveraging.proportion()));
    rows.add(StrategyStatistics.row(name, Metrics.DELEVERAGING_EPISODES_MEAN, null, null,
        episodes.estimate()));
    if (multiRound.count() > 0 && multiRound.denominatorMean() > 0) {
      rows.add(StrategyStatistics.row(name, Metrics.MULTI_ROUND_EPISODE_SHARE, null, null,
          multiRound.estimate()));
    }
    if (forcedShare.count() > 0 && forcedShare.denominatorMean() > 0) {
      rows.add(StrategyStatistics.row(name, Metrics.FORCED_SALE_SHARE, null, null,
          forcedShare.estimate()));
    }
    rows.add(StrategyStatistics.row(name, Metrics.CASCADE_GT1_PROB, cascadeGt1.proportion()));
    rows.add(StrategyStatistics.row(name, Metrics.CASCADE_GT3_PROB, cascadeGt3.proportion()));
    rows.add(StrategyStatistics.row(name, Metrics.CASCADE_GT5_PROB, cascadeGt5.proportion()));
    for (TailEstimate q : forcedSalesQuantiles.finish(ends,
        series.of(strategy, RunSeries.FORCED_SALES)).valueAtRisk()) {
      rows.add(StrategyStatistics.row(name, Metrics.FORCED_SALES_Q, null, q));
    }
    for (TailEstimate q : impactCostQuantiles.finish(ends,
        series.of(strategy, RunSeries.IMPACT_COST)).valueAtRisk()) {
      rows.add(StrategyStatistics.row(name, Metrics.IMPACT_COST_Q, null, q));
    }
    for (int r = 0; r < regimes.size(); r++) {
      if (lossGivenVisited[r] == null) {
        continue;
      }
      String condition = Metrics.VISITED + regimes.get(r);
      TailEstimates tail = lossGivenVisited[r].finish(ends, series.visited(strategy, r));
      for (double level : Metrics.CONDITIONAL_LEVELS) {
        rows.add(StrategyStatistics.row(name, Metrics.LOSS_VAR_GIVEN_VISITED, condition, tail.var(level)));
        rows.add(StrategyStatistics.row(name, Metrics.LOSS_ES_GIVEN_VISITED, condition, tail.es(level)));
      }
    }
    for (int r = 0; r < regimes.size(); r++) {
      String condition = Metrics.REGIME + regimes.get(r);
      rows.add(StrategyStatistics.row(name, Metrics.REGIME_SHARE_ALL, condition, null,
          regimeShare[r].estimate()));
      if (worstShare[r].count() > 0 && worstShare[r].denominatorMean() > 0) {
        rows.add(StrategyStatistics.row(name, Metrics.REGIME_SHARE_WORST1PCT, condition,
            Metrics.WORST_LEVEL, worstShare[r].estimate()));
      }
    }
    rows.add(new SummaryRow(name, Metrics.EFFECTIVE_SAMPLE_SIZE, null, null,
        weights.effectiveSampleSize(), null, null, weights.count()));
    MeanEstimate meanWeight = weights.estimate();
    rows.add(StrategyStatistics.row(name, Metrics.MEAN_WEIGHT, null, null, meanWeight));
    return rows;
  }

  /**
   * The histogram rows, as {@link StrategyStatistics#histograms}, each bin with its path count and
   * its estimated probability.
   */
  List<HistogramRow> histograms(String name) {
    List<HistogramRow> rows = new ArrayList<>();
    long n = count();
    add(rows, name, StrategyStatistics.ROUNDS, roundsHistogram, n);
    add(rows, name, StrategyStatistics.FORCED_SALES, forcedSalesHistogram, n);
    add(rows, name, StrategyStatistics.IMPACT_COST, impactCostHistogram, n);
    add(rows, name, StrategyStatistics.LOSS, lossHistogram, n);
    return rows;
  }

  private static void add(List<HistogramRow> rows, String name, String quantity,
      HistogramAccumulator h, long n) {
    for (io.unwind.metrics.HistogramBin bin : h.finishWeighted(n)) {
      rows.add(new HistogramRow(name, quantity, bin));
    }
  }
}
