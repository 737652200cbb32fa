package io.unwind.jobs.aggregate;

import io.unwind.config.StrategyKind;
import io.unwind.metrics.MeanEstimate;
import io.unwind.metrics.RankKey;
import io.unwind.metrics.RatioAccumulator;
import io.unwind.metrics.TailEstimates;
import io.unwind.metrics.WeightedMomentAccumulator;
import io.unwind.metrics.WeightedRankSelection;
import io.unwind.metrics.WeightedSelectedTail;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Attribution} over importance-sampled paths: the same pairs and rows, each by its weighted
 * estimator. Both strategies of a pair run on the same path and share its weight w, so the
 * per-path difference D keeps common random numbers: its mean is {@code (1/N) Σ w D} with the
 * paired standard error {@code sd(w D)/√N}; the unpaired one is
 * {@code sqrt(se(w L_a)² + se(w L_b)²)}; the ES of D is a {@link WeightedSelectedTail}; the impact
 * share over levered-erc's tail is {@code Σ w (L_lev − L_ni) / Σ w L_lev} over the paths beyond its
 * weighted VaR (a {@link RatioAccumulator} fed weighted pairs).
 */
final class WeightedAttribution implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RunSeries series;
  private final List<Attribution.Pair> pairs = new ArrayList<>();
  private final int[][] indices;
  private final List<WeightedSelectedTail> tails = new ArrayList<>();
  private final List<WeightedMomentAccumulator> differences = new ArrayList<>();
  private final List<WeightedMomentAccumulator> lossesA = new ArrayList<>();
  private final List<WeightedMomentAccumulator> lossesB = new ArrayList<>();
  private final List<WeightedMomentAccumulator> driftParts = new ArrayList<>();
  private final List<WeightedMomentAccumulator> shockParts = new ArrayList<>();
  private final int levered;
  private final int noImpact;
  private final RankKey[] tailFrom;
  private final RatioAccumulator[] impactShare;

  WeightedAttribution(RunStatistics.Plan plan, RunSeries series, WeightedRankSelection vars) {
    this.series = series;
    List<String> strategies = plan.strategies();
    for (Attribution.Pair p : Attribution.PAIRS) {
      if (strategies.contains(p.a().key()) && strategies.contains(p.b().key())) {
        pairs.add(p);
      }
    }
    this.indices = Attribution.pairIndices(strategies).toArray(new int[0][]);
    for (int i = 0; i < indices.length; i++) {
      tails.add(WeightedSelectedTail.of(Metrics.array(Metrics.ATTRIBUTION_LEVELS), vars,
          series.pair(i), false));
      differences.add(new WeightedMomentAccumulator());
      lossesA.add(new WeightedMomentAccumulator());
      lossesB.add(new WeightedMomentAccumulator());
      driftParts.add(new WeightedMomentAccumulator());
      shockParts.add(new WeightedMomentAccumulator());
    }
    this.levered = Attribution.impactSubject(strategies);
    this.noImpact = strategies.indexOf(StrategyKind.NO_IMPACT.key());
    int levels = Metrics.ATTRIBUTION_LEVELS.size();
    this.tailFrom = new RankKey[levered >= 0 ? levels : 0];
    this.impactShare = new RatioAccumulator[tailFrom.length];
    for (int l = 0; l < tailFrom.length; l++) {
      // The loss series was selected at the tail levels, which hold the attribution levels.
      tailFrom[l] = vars.key(series.of(levered, RunSeries.LOSS),
          Metrics.TAIL_LEVELS.indexOf(Metrics.ATTRIBUTION_LEVELS.get(l)));
      impactShare[l] = new RatioAccumulator();
    }
  }

  /** Adds one path: every strategy's loss and drift P&amp;L on it, in run order, and its weight. */
  void accept(long pathId, double[] losses, double[] drifts, double w) {
    for (int i = 0; i < indices.length; i++) {
      int a = indices[i][0];
      int b = indices[i][1];
      double d = Attribution.difference(losses[a], losses[b]);
      tails.get(i).accept(d, w, pathId);
      differences.get(i).accept(d, w);
      lossesA.get(i).accept(losses[a], w);
      lossesB.get(i).accept(losses[b], w);
      double drift = Attribution.driftPart(drifts[a], drifts[b]);
      driftParts.get(i).accept(drift, w);
      shockParts.get(i).accept(Attribution.shockPart(d, drift), w);
    }
    for (int l = 0; l < tailFrom.length; l++) {
      double loss = losses[levered];
      if (tailFrom[l].isExceededBy(loss, pathId)) {
        impactShare[l].accept(w * Attribution.difference(loss, losses[noImpact]), w * loss);
      }
    }
  }

  WeightedAttribution combine(WeightedAttribution other) {
    for (int i = 0; i < indices.length; i++) {
      tails.get(i).combine(other.tails.get(i));
      differences.get(i).combine(other.differences.get(i));
      lossesA.get(i).combine(other.lossesA.get(i));
      lossesB.get(i).combine(other.lossesB.get(i));
      driftParts.get(i).combine(other.driftParts.get(i));
      shockParts.get(i).combine(other.shockParts.get(i));
    }
    for (int l = 0; l < impactShare.length; l++) {
      impactShare[l].combine(other.impactShare[l]);
    }
    return this;
  }

  /** Per pair series, the levels of its VaR intervals' ends (the second selection). */
  void intervalLevels(double[][] levels) {
    for (int i = 0; i < indices.length; i++) {
      levels[series.pair(i)] = tails.get(i).intervalLevels();
    }
  }

  /** The rows, in {@link Attribution#summary}'s order. */
  List<SummaryRow> summary(WeightedRankSelection ends) {
    List<SummaryRow> rows = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Attribution.Pair p = pairs.get(i);
      String strategy = p.a().key();
      String condition = Metrics.VERSUS + p.b().key();
      MeanEstimate mean = differences.get(i).estimate();
      TailEstimates tail = tails.get(i).finish(ends, series.pair(i));
      rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.MEAN, condition, null, mean));
      rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.DRIFT_MEAN, condition, null,
          driftParts.get(i).estimate()));
      rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.SHOCK_MEAN, condition, null,
          shockParts.get(i).estimate()));
      for (double level : Metrics.ATTRIBUTION_LEVELS) {
        rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.ES, condition, tail.es(level)));
      }
      double seA = lossesA.get(i).estimate().standardError();
      double seB = lossesB.get(i).estimate().standardError();
      rows.add(new SummaryRow(strategy, p.metric() + Metrics.PAIRED_SE, condition, null,
          mean.standardError(), null, null, mean.n()));
      rows.add(new SummaryRow(strategy, p.metric() + Metrics.UNPAIRED_SE, condition, null,
          Math.sqrt(seA * seA + seB * seB), null, null, mean.n()));
    }
    for (int l = 0; l < impactShare.length; l++) {
      RatioAccumulator tail = impactShare[l];
      if (tail.count() == 0 || !(tail.denominatorMean() > 0.0)) {
        continue;
      }
      MeanEstimate share = tail.estimate();
      rows.add(new SummaryRow(StrategyKind.LEVERED_ERC.key(), Metrics.IMPACT_LOSS_SHARE,
          Metrics.VERSUS + StrategyKind.NO_IMPACT.key(), Metrics.ATTRIBUTION_LEVELS.get(l),
          share.value(), share.ciLow(), share.ciHigh(), share.n()));
    }
    return rows;
  }
}
