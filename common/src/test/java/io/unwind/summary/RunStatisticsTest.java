package io.unwind.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The summary without Spark: the selection and fold driven as the aggregate job drives them, over
 * synthetic paths of every strategy and two regimes.
 */
class RunStatisticsTest {
  private static final List<String> STRATEGIES = List.of("levered-erc", "oracle-erc", "no-impact",
      "unlevered-erc", "sixty-forty");
  private static final List<String> REGIMES = List.of("calm", "crisis");
  private static final int N = 600;
  private static final long SEED = 20261206L;

  /** Synthetic paths: per path its outcome under every strategy; weights when {@code weighted}. */
  private static List<PathOutcome[]> paths(boolean weighted) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    List<PathOutcome[]> groups = new ArrayList<>();
    for (long id = 0; id < N; id++) {
      int crisisDays = rng.nextInt(4) == 0 ? 1 + rng.nextInt(30) : 0;
      int[] days = {100 - crisisDays, crisisDays};
      double w = weighted ? Math.exp(-0.5 + rng.nextDouble()) : 1.0;
      double common = normal.sample() * 0.2 + crisisDays * 0.01;
      PathOutcome[] g = new PathOutcome[STRATEGIES.size()];
      for (int s = 0; s < g.length; s++) {
        double loss = Math.min(1.0, common * (1 + 0.3 * s) + 0.05 * normal.sample());
        int rounds = rng.nextInt(8);
        int episodes = rng.nextInt(3);
        g[s] = new PathOutcome(id, loss, Math.abs(loss) * 0.8, loss >= 1.0, rng.nextInt(3), rounds,
            rounds, rng.nextInt(5) == 0 ? 0.0 : rng.nextDouble(), rng.nextDouble() * 0.01, days,
            normal.sample() * 0.1, rng.nextDouble(), episodes, episodes > 0 ? rng.nextInt(episodes + 1) : 0,
            w);
      }
      groups.add(g);
    }
    return groups;
  }

  private static SummaryRun run(List<PathOutcome[]> groups, boolean weighted) {
    Map<String, long[]> visited = new HashMap<>();
    for (int s = 0; s < STRATEGIES.size(); s++) {
      long[] v = new long[REGIMES.size()];
      for (PathOutcome[] g : groups) {
        for (int r = 0; r < v.length; r++) {
          v[r] += g[s].regimeDays()[r] > 0 ? 1 : 0;
        }
      }
      visited.put(STRATEGIES.get(s), v);
    }
    return new SummaryRun(N, STRATEGIES, REGIMES, visited, 10, weighted);
  }

  /** Drives a selection to the end over {@code parts}, each part a pass merged in order. */
  private static SummarySelection select(SummarySelection selection, List<List<PathOutcome[]>> parts) {
    while (!selection.isDone()) {
      SummarySelection.Pass merged = null;
      for (List<PathOutcome[]> part : parts) {
        SummarySelection.Pass pass = selection.pass();
        part.forEach(pass::accept);
        merged = merged == null ? pass : merged.combine(pass);
      }
      selection.advance(merged);
    }
    return selection;
  }

  /** The summary and histogram rows of the paths split into {@code k} interleaved parts. */
  private static List<Object> summarise(List<PathOutcome[]> groups, boolean weighted, int k, int collectLimit) {
    List<List<PathOutcome[]>> parts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      parts.add(new ArrayList<>());
    }
    for (int i = 0; i < groups.size(); i++) {
      parts.get((i * 7) % k).add(groups.get(i));
    }
    SummaryPlan plan = SummaryPlan.of(run(groups, weighted));
    SummarySelection vars = select(plan.selection(collectLimit), parts);
    RunStatistics merged = null;
    for (int i = k - 1; i >= 0; i--) { // merged in reverse: the order must not matter
      RunStatistics part = new RunStatistics(plan, vars);
      parts.get(i).forEach(part::accept);
      merged = merged == null ? part : merged.combine(part);
    }
    SummarySelection ends = select(merged.intervalSelection(collectLimit), parts);
    List<Object> rows = new ArrayList<>(merged.summary(ends));
    rows.addAll(merged.histograms());
    return rows;
  }

  @Test
  void summary_plainAndWeighted_sameRowsAtAnyPartitioningAndCollectLimit() {
    for (boolean weighted : new boolean[] {false, true}) {
      List<PathOutcome[]> groups = paths(weighted);
      List<Object> one = summarise(groups, weighted, 1, 4096);
      assertThat(summarise(groups, weighted, 3, 4096)).as("weighted %s, 3 parts", weighted).isEqualTo(one);
      assertThat(summarise(groups, weighted, 5, 16)).as("weighted %s, 5 parts, small ranges", weighted)
          .isEqualTo(one);
    }
  }

  @Test
  void summary_everyMetricWritten_isInTheList_andEveryListedMetricIsWritten() {
    List<String> listed = SummaryMetrics.names();
    for (boolean weighted : new boolean[] {false, true}) {
      List<Object> rows = summarise(paths(weighted), weighted, 2, 4096);
      List<String> written = new ArrayList<>();
      for (Object r : rows) {
        written.add(r instanceof SummaryRow s ? s.metric() : ((HistogramRow) r).quantity());
      }
      assertThat(listed).as("weighted %s", weighted).containsAll(written);
      List<String> expected = new ArrayList<>(listed);
      if (!weighted) { // the weights' diagnostics are written for importance-sampled runs only
        expected.removeAll(List.of(Metrics.EFFECTIVE_SAMPLE_SIZE, Metrics.MEAN_WEIGHT));
      }
      assertThat(written).as("weighted %s", weighted).containsAll(expected);
    }
  }

  @Test
  void summary_weightedWithUnitWeights_matchesPlainTailsBitForBit() {
    // Unit weights select the plain ranks (WeightedRankSelection's contract): the VaRs agree.
    List<PathOutcome[]> groups = paths(false);
    List<Object> plain = summarise(groups, false, 2, 4096);
    List<Object> weighted = summarise(groups, true, 2, 4096);
    for (Object o : plain) {
      SummaryRow p = o instanceof SummaryRow r && r.metric().equals(Metrics.LOSS_VAR) ? r : null;
      if (p == null) {
        continue;
      }
      SummaryRow w = weighted.stream().filter(x -> x instanceof SummaryRow r
          && r.metric().equals(p.metric()) && r.strategy().equals(p.strategy())
          && p.level().equals(r.level())).map(x -> (SummaryRow) x).findFirst().orElseThrow();
      assertThat(w.value()).as("%s %s", p.strategy(), p.level()).isEqualTo(p.value());
    }
  }
}
