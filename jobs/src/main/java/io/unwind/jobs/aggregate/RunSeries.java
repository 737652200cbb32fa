package io.unwind.jobs.aggregate;

import io.unwind.metrics.RankSelection;
import io.unwind.metrics.TailLevels;
import io.unwind.metrics.WeightedRankSelection;
import java.io.Serializable;
import java.util.stream.LongStream;

/**
 * The series of per-path values whose order statistics the aggregate job selects before it sums
 * the tails ({@link RankSelection}), numbered: per strategy in run order its loss, drawdown,
 * forced sales, impact cost and, per regime, its loss on the paths that visited the regime; then
 * per attribution pair the per-path loss difference. Says which ranks each needs and feeds a
 * path's values to a pass. Small and immutable: shipped to every partition.
 *
 * <p>Under importance sampling the same series are selected by weight
 * ({@link WeightedRankSelection}): {@link #weightedLevels} says at which levels each needs its
 * weighted VaR (its tail's levels, ascending, as {@link io.unwind.metrics.WeightedSelectedTail}
 * reads them), and {@link #feed(PathOutcome[], WeightedRankSelection.Pass)} feeds a path with its
 * weight. The conditional series (paths that visited a regime) take their own weight as their
 * mass.
 */
final class RunSeries implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int LOSS = 0;
  static final int DRAWDOWN = 1;
  static final int FORCED_SALES = 2;
  static final int IMPACT_COST = 3;
  static final int VISITED = 4;

  private final RunStatistics.Plan plan;
  private final int perStrategy;
  /** Per attribution pair present in the run, the strategy indices (a, b). */
  private final int[][] pairs;
  /** levered-erc's index when the run also has no-impact (the impact share's tail), else −1. */
  private final int impactSubject;

  RunSeries(RunStatistics.Plan plan) {
    this.plan = plan;
    this.perStrategy = VISITED + plan.regimes().size();
    this.pairs = Attribution.pairIndices(plan.strategies()).toArray(new int[0][]);
    this.impactSubject = Attribution.impactSubject(plan.strategies());
  }

  /** The series of {@code kind} (LOSS .. IMPACT_COST) of strategy {@code s}. */
  int of(int s, int kind) {
    return s * perStrategy + kind;
  }

  /** The series of strategy {@code s}'s loss on the paths that visited regime {@code r}. */
  int visited(int s, int r) {
    return s * perStrategy + VISITED + r;
  }

  /** The series of the {@code p}-th attribution pair present in the run. */
  int pair(int p) {
    return plan.strategies().size() * perStrategy + p;
  }

  int count() {
    return pair(pairs.length);
  }

  static TailLevels tail(long n) {
    return TailLevels.of(n, Metrics.array(Metrics.TAIL_LEVELS));
  }

  static TailLevels quantiles(long n) {
    return TailLevels.of(n, Metrics.array(Metrics.QUANTILE_LEVELS));
  }

  static TailLevels conditional(long n) {
    return TailLevels.of(n, Metrics.array(Metrics.CONDITIONAL_LEVELS));
  }

  static TailLevels attribution(long n) {
    return TailLevels.of(n, Metrics.array(Metrics.ATTRIBUTION_LEVELS));
  }

  /** {@code ⌈αN⌉}: the paths ranked above it are the worst {@code N − ⌈αN⌉}. */
  static long varRank(long n, double level) {
    return TailLevels.of(n, level).varRank(0);
  }

  /** A selection of every rank the summary reads. */
  RankSelection selection(int collectLimit) {
    long n = plan.paths();
    int strategies = plan.strategies().size();
    long[] sizes = new long[count()];
    long[][] ranks = new long[count()][];
    for (int s = 0; s < strategies; s++) {
      LongStream lossRanks = LongStream.concat(LongStream.of(tail(n).ranks()),
          LongStream.of(varRank(n, Metrics.WORST_LEVEL)));
      if (s == impactSubject) {
        lossRanks = LongStream.concat(lossRanks,
            Metrics.ATTRIBUTION_LEVELS.stream().mapToLong(level -> varRank(n, level)));
      }
      set(sizes, ranks, of(s, LOSS), n, lossRanks.toArray());
      set(sizes, ranks, of(s, DRAWDOWN), n, tail(n).ranks());
      set(sizes, ranks, of(s, FORCED_SALES), n, quantiles(n).ranks());
      set(sizes, ranks, of(s, IMPACT_COST), n, quantiles(n).ranks());
      long[] visits = plan.visited().get(plan.strategies().get(s));
      for (int r = 0; r < visits.length; r++) {
        set(sizes, ranks, visited(s, r), visits[r], visits[r] > 0 ? conditional(visits[r]).ranks() : new long[0]);
      }
    }
    for (int p = 0; p < pairs.length; p++) {
      set(sizes, ranks, pair(p), n, attribution(n).ranks());
    }
    return RankSelection.of(sizes, ranks, collectLimit);
  }

  private static void set(long[] sizes, long[][] ranks, int series, long size, long[] wanted) {
    sizes[series] = size;
    ranks[series] = wanted;
  }

  /** Feeds one path's values, under every strategy, to a selection pass. */
  void feed(PathOutcome[] group, RankSelection.Pass pass) {
    long id = group[0].pathId();
    for (int s = 0; s < group.length; s++) {
      PathOutcome p = group[s];
      pass.accept(of(s, LOSS), p.loss(), id);
      pass.accept(of(s, DRAWDOWN), p.maxDrawdown(), id);
      pass.accept(of(s, FORCED_SALES), p.forcedSales(), id);
      pass.accept(of(s, IMPACT_COST), p.impactCost(), id);
      int[] days = p.regimeDays();
      for (int r = 0; r < days.length; r++) {
        if (days[r] > 0) {
          pass.accept(visited(s, r), p.loss(), id);
        }
      }
    }
    for (int i = 0; i < pairs.length; i++) {
      pass.accept(pair(i), Attribution.difference(group[pairs[i][0]].loss(), group[pairs[i][1]].loss()), id);
    }
  }

  /** Per series, the levels whose weighted VaRs the summary reads (its tail's levels). */
  double[][] weightedLevels() {
    int strategies = plan.strategies().size();
    double[][] levels = new double[count()][];
    for (int s = 0; s < strategies; s++) {
      // The worst 1 % and the impact share's tails are beyond loss VaRs at tail levels.
      levels[of(s, LOSS)] = Metrics.array(Metrics.TAIL_LEVELS);
      levels[of(s, DRAWDOWN)] = Metrics.array(Metrics.TAIL_LEVELS);
      levels[of(s, FORCED_SALES)] = Metrics.array(Metrics.QUANTILE_LEVELS);
      levels[of(s, IMPACT_COST)] = Metrics.array(Metrics.QUANTILE_LEVELS);
      long[] visits = plan.visited().get(plan.strategies().get(s));
      for (int r = 0; r < visits.length; r++) {
        levels[visited(s, r)] = visits[r] > 0 ? Metrics.array(Metrics.CONDITIONAL_LEVELS) : new double[0];
      }
    }
    for (int p = 0; p < pairs.length; p++) {
      levels[pair(p)] = Metrics.array(Metrics.ATTRIBUTION_LEVELS);
    }
    return levels;
  }

  /** A weighted selection of {@code levels} (per series), e.g. {@link #weightedLevels()}. */
  WeightedRankSelection weightedSelection(double[][] levels, int collectLimit) {
    long n = plan.paths();
    int strategies = plan.strategies().size();
    long[] sizes = new long[count()];
    boolean[] ownMass = new boolean[count()];
    java.util.Arrays.fill(sizes, n);
    for (int s = 0; s < strategies; s++) {
      long[] visits = plan.visited().get(plan.strategies().get(s));
      for (int r = 0; r < visits.length; r++) {
        sizes[visited(s, r)] = visits[r];
        ownMass[visited(s, r)] = true;
      }
    }
    return WeightedRankSelection.of(sizes, ownMass, levels, collectLimit);
  }

  /** Feeds one path's values and weight, under every strategy, to a weighted selection pass. */
  void feed(PathOutcome[] group, WeightedRankSelection.Pass pass) {
    long id = group[0].pathId();
    double w = group[0].weight();
    for (int s = 0; s < group.length; s++) {
      PathOutcome p = group[s];
      pass.accept(of(s, LOSS), p.loss(), w, id);
      pass.accept(of(s, DRAWDOWN), p.maxDrawdown(), w, id);
      pass.accept(of(s, FORCED_SALES), p.forcedSales(), w, id);
      pass.accept(of(s, IMPACT_COST), p.impactCost(), w, id);
      int[] days = p.regimeDays();
      for (int r = 0; r < days.length; r++) {
        if (days[r] > 0) {
          pass.accept(visited(s, r), p.loss(), w, id);
        }
      }
    }
    for (int i = 0; i < pairs.length; i++) {
      pass.accept(pair(i), Attribution.difference(group[pairs[i][0]].loss(), group[pairs[i][1]].loss()), w, id);
    }
  }
}
