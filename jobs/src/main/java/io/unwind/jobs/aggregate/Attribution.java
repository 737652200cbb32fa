package io.unwind.jobs.aggregate;

import io.unwind.config.StrategyKind;
import io.unwind.metrics.MeanEstimate;
import io.unwind.metrics.MomentAccumulator;
import io.unwind.metrics.PairedDifference;
import io.unwind.metrics.PairedDifferenceAccumulator;
import io.unwind.metrics.RankKey;
import io.unwind.metrics.RankSelection;
import io.unwind.metrics.RatioAccumulator;
import io.unwind.metrics.SelectedTail;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribution of levered-erc's loss on common random numbers, mergeable: per path, the paired
 * differences with the variants that remove one cause (wrong vol assumptions, the cascade,
 * leverage), and the share of levered-erc's tail loss that price impact caused.
 *
 * <p>Fed one path at a time with every strategy's loss of that path, so pairing is by path id.
 * Only pairs whose two strategies both ran are kept. The tails of the differences and levered-erc's
 * tail paths are read from the run's {@link RankSelection}, so the size does not grow with N.
 */
final class Attribution implements Serializable {
  private static final long serialVersionUID = 2L;

  /**
   * One attribution: {@code D = L_a − L_b} per path.
   *
   * @param metric the metric name prefix
   * @param a the subject strategy
   * @param b the variant that removes one cause
   */
  record Pair(String metric, StrategyKind a, StrategyKind b) implements Serializable {
  }

  /** The attributions of issue 4, in summary order. */
  static final List<Pair> PAIRS = List.of(
      new Pair(Metrics.ATTRIBUTION_VOL_ERROR, StrategyKind.LEVERED_ERC, StrategyKind.ORACLE_ERC),
      new Pair(Metrics.ATTRIBUTION_CASCADE, StrategyKind.LEVERED_ERC, StrategyKind.NO_IMPACT),
      new Pair(Metrics.ATTRIBUTION_LEVERAGE, StrategyKind.LEVERED_ERC, StrategyKind.UNLEVERED_ERC));

  private final long paths;
  private final List<Pair> pairs = new ArrayList<>();
  private final int[][] indices;
  private final List<PairedDifferenceAccumulator> accumulators = new ArrayList<>();
  /** Per pair, the drift part and the shock part of the per-path difference. */
  private final List<MomentAccumulator> driftParts = new ArrayList<>();
  private final List<MomentAccumulator> shockParts = new ArrayList<>();
  /** Index of levered-erc when no-impact ran too, or −1. */
  private final int levered;
  private final int noImpact;
  /** Per attribution level, levered-erc's path at the VaR rank: its tail is the paths beyond. */
  private final RankKey[] tailFrom;
  /** Per attribution level, Σ(L_lev − L_ni) / Σ L_lev over levered-erc's tail. */
  private final RatioAccumulator[] impactShare;

  /** The pairs of {@link #PAIRS} whose strategies both ran, as strategy indices (a, b). */
  static List<int[]> pairIndices(List<String> strategies) {
    List<int[]> idx = new ArrayList<>();
    for (Pair p : PAIRS) {
      int a = strategies.indexOf(p.a().key());
      int b = strategies.indexOf(p.b().key());
      if (a >= 0 && b >= 0) {
        idx.add(new int[] {a, b});
      }
    }
    return idx;
  }

  /** levered-erc's index when no-impact ran too (the impact share needs both), else −1. */
  static int impactSubject(List<String> strategies) {
    int a = strategies.indexOf(StrategyKind.LEVERED_ERC.key());
    return a >= 0 && strategies.contains(StrategyKind.NO_IMPACT.key()) ? a : -1;
  }

  /** The per-path difference {@code L_a − L_b}, in double: the one definition every pass uses. */
  static double difference(double lossOfA, double lossOfB) {
    return lossOfA - lossOfB;
  }

  /**
   * The part of {@code L_a − L_b} earned on the regimes' drifts, in loss terms:
   * {@code −(drift_a − drift_b)}.
   */
  static double driftPart(double driftOfA, double driftOfB) {
    return -(driftOfA - driftOfB);
  }

  /** The rest: {@code (L_a − L_b) − drift part}; the two parts add up to the difference. */
  static double shockPart(double difference, double driftPart) {
    return difference - driftPart;
  }

  /**
   * Empty attribution for a run.
   *
   * @param plan the run
   * @param series the numbering of the selection's series
   * @param selection a completed selection of {@code series.selection(..)}
   */
  Attribution(RunStatistics.Plan plan, RunSeries series, RankSelection selection) {
    this.paths = plan.paths();
    List<String> strategies = plan.strategies();
    for (Pair p : PAIRS) {
      if (strategies.contains(p.a().key()) && strategies.contains(p.b().key())) {
        pairs.add(p);
      }
    }
    this.indices = pairIndices(strategies).toArray(new int[0][]);
    for (int i = 0; i < indices.length; i++) {
      accumulators.add(PairedDifferenceAccumulator.of(
          SelectedTail.of(RunSeries.attribution(paths), selection, series.pair(i))));
      driftParts.add(new MomentAccumulator());
      shockParts.add(new MomentAccumulator());
    }
    this.levered = impactSubject(strategies);
    this.noImpact = strategies.indexOf(StrategyKind.NO_IMPACT.key());
    int levels = Metrics.ATTRIBUTION_LEVELS.size();
    this.tailFrom = new RankKey[levered >= 0 ? levels : 0];
    this.impactShare = new RatioAccumulator[tailFrom.length];
    for (int l = 0; l < tailFrom.length; l++) {
      tailFrom[l] = selection.key(series.of(levered, RunSeries.LOSS),
          RunSeries.varRank(paths, Metrics.ATTRIBUTION_LEVELS.get(l)));
      impactShare[l] = new RatioAccumulator();
    }
  }

  /**
   * Adds one path.
   *
   * @param pathId the path
   * @param losses every strategy's loss on it, in the run's strategy order
   * @param drifts every strategy's drift P&amp;L on it, in the same order
   */
  void accept(long pathId, double[] losses, double[] drifts) {
    for (int i = 0; i < indices.length; i++) {
      int a = indices[i][0];
      int b = indices[i][1];
      accumulators.get(i).accept(pathId, losses[a], losses[b]);
      double drift = driftPart(drifts[a], drifts[b]);
      driftParts.get(i).accept(drift);
      shockParts.get(i).accept(shockPart(difference(losses[a], losses[b]), drift));
    }
    for (int l = 0; l < tailFrom.length; l++) {
      double loss = losses[levered];
      if (tailFrom[l].isExceededBy(loss, pathId)) {
        impactShare[l].accept(difference(loss, losses[noImpact]), loss);
      }
    }
  }

  /** Merges a disjoint part into this; returns this. */
  Attribution combine(Attribution other) {
    for (int i = 0; i < accumulators.size(); i++) {
      accumulators.get(i).combine(other.accumulators.get(i));
      driftParts.get(i).combine(other.driftParts.get(i));
      shockParts.get(i).combine(other.shockParts.get(i));
    }
    for (int l = 0; l < impactShare.length; l++) {
      impactShare[l].combine(other.impactShare[l]);
    }
    return this;
  }

  /** The attribution rows: per pair mean, ES per level, paired and unpaired SE; then the impact share. */
  List<SummaryRow> summary() {
    List<SummaryRow> rows = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      String strategy = p.a().key();
      String condition = Metrics.VERSUS + p.b().key();
      PairedDifference d = accumulators.get(i).finish();
      rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.MEAN, condition, null, d.mean()));
      rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.DRIFT_MEAN, condition, null,
          driftParts.get(i).estimate()));
      rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.SHOCK_MEAN, condition, null,
          shockParts.get(i).estimate()));
      for (double level : Metrics.ATTRIBUTION_LEVELS) {
        rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.ES, condition, d.tail().es(level)));
      }
      rows.add(new SummaryRow(strategy, p.metric() + Metrics.PAIRED_SE, condition, null,
          d.pairedStandardError(), null, null, d.n()));
      rows.add(new SummaryRow(strategy, p.metric() + Metrics.UNPAIRED_SE, condition, null,
          d.unpairedStandardError(), null, null, d.n()));
    }
    for (int l = 0; l < impactShare.length; l++) {
      SummaryRow share = impactShare(impactShare[l], Metrics.ATTRIBUTION_LEVELS.get(l));
      if (share != null) {
        rows.add(share);
      }
    }
    return rows;
  }

  /**
   * Σ(L_lev − L_ni) / Σ L_lev over levered-erc's tail paths (the Euler, or co-ES, allocation of
   * its ES to the impact: Tasche 1999, "Risk contributions and performance measurement"), with a
   * delta-method 95 % interval for a ratio of means, conditional on the tail set
   * ({@link RatioAccumulator}). Null when the tail is empty or its losses do not add up to a
   * positive loss (no share of a gain).
   */
  private SummaryRow impactShare(RatioAccumulator tail, double level) {
    long expected = paths - RunSeries.varRank(paths, level);
    if (tail.count() != expected) {
      throw new IllegalStateException("levered-erc: " + tail.count() + " paths beyond its " + level
          + " loss VaR, expected " + expected);
    }
    if (tail.count() == 0 || !(tail.denominatorMean() > 0.0)) {
      return null;
    }
    MeanEstimate share = tail.estimate();
    return new SummaryRow(StrategyKind.LEVERED_ERC.key(), Metrics.IMPACT_LOSS_SHARE,
        Metrics.VERSUS + StrategyKind.NO_IMPACT.key(), level, share.value(), share.ciLow(),
        share.ciHigh(), share.n());
  }
}
