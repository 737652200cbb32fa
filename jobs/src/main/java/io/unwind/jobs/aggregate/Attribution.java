package io.unwind.jobs.aggregate;

import io.unwind.config.StrategyKind;
import io.unwind.metrics.MomentAccumulator;
import io.unwind.metrics.PairedDifference;
import io.unwind.metrics.PairedDifferenceAccumulator;
import io.unwind.metrics.Wilson;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribution of levered-erc's loss on common random numbers, mergeable: per path, the paired
 * differences with the variants that remove one cause (wrong vol assumptions, the cascade,
 * leverage), and the share of levered-erc's tail loss that price impact caused.
 *
 * <p>Fed one path at a time with every strategy's loss of that path, so pairing is by path id.
 * Only pairs whose two strategies both ran are kept.
 */
final class Attribution implements Serializable {
  private static final long serialVersionUID = 1L;

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
  /** Index of levered-erc and no-impact in the strategy order, or −1. */
  private final int levered;
  private final int noImpact;
  /** levered-erc's worst paths (at the lowest attribution level) with the no-impact loss. */
  private final WorstPaths leveredTail;

  /**
   * Empty attribution for a run.
   *
   * @param paths N
   * @param strategies the run's strategy keys; the losses passed to {@link #accept} follow them
   */
  Attribution(long paths, List<String> strategies) {
    this.paths = paths;
    List<int[]> idx = new ArrayList<>();
    for (Pair p : PAIRS) {
      int a = strategies.indexOf(p.a().key());
      int b = strategies.indexOf(p.b().key());
      if (a >= 0 && b >= 0) {
        pairs.add(p);
        idx.add(new int[] {a, b});
        accumulators.add(PairedDifferenceAccumulator.of(paths, Metrics.array(Metrics.ATTRIBUTION_LEVELS)));
      }
    }
    this.indices = idx.toArray(new int[0][]);
    this.levered = strategies.indexOf(StrategyKind.LEVERED_ERC.key());
    this.noImpact = strategies.indexOf(StrategyKind.NO_IMPACT.key());
    double lowest = Metrics.ATTRIBUTION_LEVELS.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    this.leveredTail = new WorstPaths(levered >= 0 && noImpact >= 0 ? WorstPaths.tailCount(paths, lowest) : 0);
  }

  /**
   * Adds one path.
   *
   * @param pathId the path
   * @param losses every strategy's loss on it, in the run's strategy order
   */
  void accept(long pathId, double[] losses) {
    for (int i = 0; i < indices.length; i++) {
      accumulators.get(i).accept(pathId, losses[indices[i][0]], losses[indices[i][1]]);
    }
    if (levered >= 0 && noImpact >= 0) {
      leveredTail.accept(losses[levered], pathId, new double[] {losses[noImpact]});
    }
  }

  /** Merges a disjoint part into this; returns this. */
  Attribution combine(Attribution other) {
    for (int i = 0; i < accumulators.size(); i++) {
      accumulators.get(i).combine(other.accumulators.get(i));
    }
    leveredTail.combine(other.leveredTail);
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
      for (double level : Metrics.ATTRIBUTION_LEVELS) {
        rows.add(StrategyStatistics.row(strategy, p.metric() + Metrics.ES, condition, d.tail().es(level)));
      }
      rows.add(new SummaryRow(strategy, p.metric() + Metrics.PAIRED_SE, condition, null,
          d.pairedStandardError(), null, null, d.n()));
      rows.add(new SummaryRow(strategy, p.metric() + Metrics.UNPAIRED_SE, condition, null,
          d.unpairedStandardError(), null, null, d.n()));
    }
    if (levered >= 0 && noImpact >= 0) {
      List<WorstPaths.Entry> tail = leveredTail.worstFirst();
      for (double level : Metrics.ATTRIBUTION_LEVELS) {
        SummaryRow share = impactShare(tail.subList(0, WorstPaths.tailCount(paths, level)), level);
        if (share != null) {
          rows.add(share);
        }
      }
    }
    return rows;
  }

  /**
   * Σ(L_lev − L_ni) / Σ L_lev over levered-erc's tail paths (the Euler, or co-ES, allocation of
   * its ES to the impact: Tasche 1999, "Risk contributions and performance measurement"), with a
   * delta-method 95 % interval for a ratio of means, conditional on the tail set:
   * {@code R ± 1.96 · sqrt(Σ(D_i − R·L_i)² / (k(k − 1))) / |mean L|}. Null when the tail is empty
   * or its losses do not add up to a positive loss (no share of a gain).
   */
  private SummaryRow impactShare(List<WorstPaths.Entry> tail, double level) {
    int k = tail.size();
    if (k == 0) {
      return null;
    }
    MomentAccumulator lossSum = new MomentAccumulator();
    MomentAccumulator impactSum = new MomentAccumulator();
    for (WorstPaths.Entry e : tail) {
      lossSum.accept(e.loss());
      impactSum.accept(e.loss() - e.payload()[0]);
    }
    double meanLoss = lossSum.mean();
    if (!(meanLoss > 0.0)) {
      return null;
    }
    double ratio = impactSum.mean() / meanLoss;
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    if (k >= 2) {
      MomentAccumulator residual = new MomentAccumulator();
      for (WorstPaths.Entry e : tail) {
        residual.accept((e.loss() - e.payload()[0]) - ratio * e.loss());
      }
      // Σ(D_i − R·L_i) = 0 by construction, so variance() is Σ(D_i − R·L_i)² / (k − 1).
      double se = Math.sqrt(residual.variance() / k) / meanLoss;
      low = ratio - Wilson.Z_95 * se;
      high = ratio + Wilson.Z_95 * se;
    }
    return new SummaryRow(StrategyKind.LEVERED_ERC.key(), Metrics.IMPACT_LOSS_SHARE,
        Metrics.VERSUS + StrategyKind.NO_IMPACT.key(), level, ratio, low, high, k);
  }
}
