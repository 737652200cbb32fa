package io.unwind.jobs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ScenarioLoader;
import io.unwind.config.StrategyKind;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.PathOutput;
import io.unwind.jobs.io.RowMapper;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Schemas;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.SampleLog;
import io.unwind.summary.Metrics;
import io.unwind.summary.SummaryRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregate job on hand-made {@code paths} rows whose tails are known in closed form: the
 * losses of N = 400 paths are a permutation of {0, 1, ..., 399} / 400.
 */
class AggregateJobTest {
  private static final int N = 400;
  private static final List<StrategyKind> KINDS = List.of(StrategyKind.LEVERED_ERC, StrategyKind.SIXTY_FORTY);

  @TempDir
  Path tmp;

  private final SparkSession spark = SharedSpark.session();

  /** Loss of path i: a permutation of k/400 (37 is coprime to 400); the 60/40 loses half as much. */
  private static double loss(long i, StrategyKind kind) {
    double base = ((i * 37) % N) / (double) N;
    return kind == StrategyKind.SIXTY_FORTY ? base / 2 : base;
  }

  private OutputLayout writeRun(String runId, RunStatus status) {
    return writeRun(tmp.toString(), runId, status, false, 3);
  }

  /**
   * Importance-sampled fixture: path i weighs 0.5 when its base loss is in the upper half
   * ({@code (37 i) mod 400 >= 200}), else 1.5 (mean weight 1, Kish's size 400² / 500 = 320).
   */
  private static double logWeight(long i) {
    return Math.log((i * 37) % N >= N / 2 ? 0.5 : 1.5);
  }

  /**
   * The fixture's canonical config, as {@code simulate} records it: two assets, one regime, the
   * fixture's strategies; importance sampling with the given tilt when {@code importance}.
   */
  private static String config(boolean importance) {
    String text = """
        name = synthetic
        paths = %d
        horizon-days = 10
        seed = 1
        sample-every = 0
        assets = [
          { name = a, class = equity, depth = 40, haircut-floor = 0.15 }
          { name = b, class = bond, depth = 80, haircut-floor = 0.02 }
        ]
        regimes { calm { mean = [0.05, 0.02], vol = [0.1, 0.05], corr = [[1, 0], [0, 1]] } }
        strategies = [%s]
        market.max-rounds = 7
        """.formatted(N, String.join(", ", KINDS.stream().map(StrategyKind::key).toList()))
        + (importance ? "sampling { method = importance, tilt = given }\n" : "");
    return ScenarioLoader.loadText(text, "fixture", null, Map.of()).canonicalConfig();
  }

  private OutputLayout writeRun(String root, String runId, RunStatus status, boolean weighted,
      int partitions) {
    OutputLayout out = OutputLayout.of(root);
    RowMapper mapper = new RowMapper(runId, new String[] {"calm"});
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      PathResult[] results = new PathResult[KINDS.size()];
      for (int k = 0; k < KINDS.size(); k++) {
        StrategyKind kind = KINDS.get(k);
        double l = loss(i, kind);
        boolean defaulted = kind == StrategyKind.LEVERED_ERC && i % 10 == 0;
        int calls = i % 4 == 0 ? 2 : 0;
        results[k] = new PathResult(i, kind, -l, l / 2, 0.1, 1, 1, calls, 0, 0, 0, 0, 0, 0,
            defaulted, defaulted ? 5 : -1, 0, new int[] {10}, -l / 3, 0.5, calls > 0 ? 1 : 0, 0,
            weighted ? logWeight(i) : 0.0);
      }
      rows.addAll(mapper.paths(PathOutput.of(i, results, new EventLog(), new SampleLog()), (int) (i / 200)));
    }
    // Several partitions, so the job really merges per-partition accumulators.
    Tables.write(spark.createDataFrame(rows, Schemas.PATHS).repartition(partitions), out, Table.PATHS);
    // Commit markers as the simulate job writes them: aggregate checks the files against them.
    for (int c = 0; c < N / 200; c++) {
      io.unwind.jobs.io.ChunkMarkers.write(spark.sparkContext().hadoopConfiguration(), out,
          new io.unwind.jobs.io.ChunkMarker(runId, c, "hash", 200, c * 200L, c * 200L + 200,
              200L * KINDS.size(), 0, 0, null, io.unwind.jobs.io.ChunkFiles.digest(
                  spark.sparkContext().hadoopConfiguration(), out, runId, c)));
    }
    RunRecord run = new RunRecord(runId, "synthetic", null, config(weighted), "hash", 1L, N, 10, List.of("a"),
        List.of("calm"), KINDS.stream().map(StrategyKind::key).toList(), 200L, "v", "s",
        Instant.now(), status == RunStatus.RUNNING ? null : Instant.now(), status);
    if (weighted) {
      run = new RunRecord(run.runId(), run.scenario(), run.description(), run.config(),
          run.configHash(), run.seed(), run.paths(), run.steps(), run.assets(), run.regimes(),
          run.strategies(), run.chunkPaths(), run.codeVersion(), run.sparkVersion(), run.started(),
          run.finished(), run.status(), null, "importance tilt=given shock-shift=0.0 q=[[1.0]]");
    }
    Tables.writeRun(spark, out, run);
    return out;
  }

  private static SummaryRow find(List<SummaryRow> rows, String strategy, String metric, Double level) {
    return rows.stream()
        .filter(r -> r.strategy().equals(strategy) && r.metric().equals(metric)
            && java.util.Objects.equals(r.level(), level))
        .findFirst().orElseThrow(() -> new AssertionError(strategy + " " + metric + " " + level));
  }

  @Test
  void run_knownLosses_varAndEsEqualTheSortedClosedForm() {
    OutputLayout out = writeRun("syn", RunStatus.COMPLETE);
    AggregateJob.Result result = AggregateJob.run(spark, out, "syn");
    List<SummaryRow> rows = result.rows();
    // Sorted losses x(k) = (k - 1)/400. VaR_a = x(ceil(aN)); ES_a = mean of the worst (1 - a)N.
    for (double a : Metrics.TAIL_LEVELS) {
      int r = (int) Math.ceil(Math.round(a * N * 1e6) / 1e6);
      double var = (r - 1) / (double) N;
      double weight = r - a * N; // x(r) enters ES with weight r - aN, then x(r+1)..x(N)
      double sum = weight * var;
      for (int k = r + 1; k <= N; k++) {
        sum += (k - 1) / (double) N;
      }
      double es = sum / ((1 - a) * N);
      assertThat(find(rows, "levered-erc", Metrics.LOSS_VAR, a).value()).as("VaR %s", a).isCloseTo(var, within(1e-12));
      assertThat(find(rows, "levered-erc", Metrics.LOSS_ES, a).value()).as("ES %s", a).isCloseTo(es, within(1e-12));
      assertThat(find(rows, "sixty-forty", Metrics.LOSS_VAR, a).value()).isCloseTo(var / 2, within(1e-12));
      // Drawdown was written as loss / 2.
      assertThat(find(rows, "levered-erc", Metrics.DRAWDOWN_VAR, a).value()).isCloseTo(var / 2, within(1e-12));
    }
  }

  @Test
  void run_everyStrategyMetricAndLevel_presentWithVarNotAboveEs() {
    OutputLayout out = writeRun("syn", RunStatus.COMPLETE);
    List<SummaryRow> rows = AggregateJob.run(spark, out, "syn").rows();
    assertThat(rows.stream().filter(r -> r.condition() == null).count())
        // 6 probabilities, the mean episode count, and the two shares (the fixture has episodes
        // and sales on some paths, so both denominators are positive)
        .isEqualTo(KINDS.size() * (4 * Metrics.TAIL_LEVELS.size() + 9 + 2 * Metrics.QUANTILE_LEVELS.size()));
    for (StrategyKind kind : KINDS) {
      for (double a : Metrics.TAIL_LEVELS) {
        assertThat(find(rows, kind.key(), Metrics.LOSS_VAR, a).value())
            .isLessThanOrEqualTo(find(rows, kind.key(), Metrics.LOSS_ES, a).value());
        assertThat(find(rows, kind.key(), Metrics.DRAWDOWN_VAR, a).value())
            .isLessThanOrEqualTo(find(rows, kind.key(), Metrics.DRAWDOWN_ES, a).value());
      }
      assertThat(find(rows, kind.key(), Metrics.MARGIN_CALL_PROB, null).value()).isEqualTo(0.25);
      assertThat(find(rows, kind.key(), Metrics.DEFAULT_PROB, null).n()).isEqualTo(N);
    }
    SummaryRow defaults = find(rows, "levered-erc", Metrics.DEFAULT_PROB, null);
    assertThat(defaults.value()).isEqualTo(0.1);
    assertThat(defaults.ciLow()).isLessThan(0.1);
    assertThat(defaults.ciHigh()).isGreaterThan(0.1);
    assertThat(find(rows, "sixty-forty", Metrics.DEFAULT_PROB, null).value()).isZero();
  }

  @Test
  void run_summaryTable_holdsTheSameRowsOnceEvenWhenRerun() {
    OutputLayout out = writeRun("syn", RunStatus.COMPLETE);
    List<SummaryRow> rows = AggregateJob.run(spark, out, "syn").rows();
    AggregateJob.run(spark, out, "syn");
    List<SummaryRow> read = Tables.readRun(spark, out, Table.SUMMARY, "syn").collectAsList().stream()
        .map(SummaryRows::fromRow).toList();
    assertThat(read).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void run_runStillRunning_isRefusedAsIncomplete() {
    OutputLayout out = writeRun("busy", RunStatus.RUNNING);
    assertThatThrownBy(() -> AggregateJob.run(spark, out, "busy"))
        .isInstanceOf(IncompleteRunException.class)
        .hasMessageContaining("busy").hasMessageContaining("running");
    assertThat(out.exists(spark.sparkContext().hadoopConfiguration(), Table.SUMMARY, "busy")).isFalse();
  }

  @Test
  void run_importanceSampledRun_weightedVarEsAndProbabilitiesOfTheClosedForm() {
    OutputLayout out = writeRun(tmp.toString(), "tilted", RunStatus.COMPLETE, true, 3);
    List<SummaryRow> rows = AggregateJob.run(spark, out, "tilted").rows();
    // Levered-erc's losses k/400, worst first, with their weights: VaR_a is the first at which
    // the accumulated weight exceeds t = (1 - a)N, ES = VaR + sum above of w (x - VaR) / t.
    for (double a : Metrics.TAIL_LEVELS) {
      double t = Math.round((1 - a) * N * 1e9) / 1e9;
      double cum = 0;
      int k = N - 1;
      for (; k >= 0; k--) {
        cum += Math.exp(Math.log(k >= N / 2 ? 0.5 : 1.5));
        if (cum > t) {
          break;
        }
      }
      double var = k / (double) N;
      double excess = 0;
      for (int j = k + 1; j < N; j++) {
        excess += Math.exp(Math.log(j >= N / 2 ? 0.5 : 1.5)) * (j / (double) N - var);
      }
      assertThat(find(rows, "levered-erc", Metrics.LOSS_VAR, a).value()).as("VaR %s", a).isEqualTo(var);
      assertThat(find(rows, "levered-erc", Metrics.LOSS_ES, a).value()).as("ES %s", a)
          .isCloseTo(var + excess / t, within(1e-12));
    }
    // Calls on k % 4 == 0: half of them weigh 0.5, half 1.5, so P = 0.25 as unweighted.
    assertThat(find(rows, "levered-erc", Metrics.MARGIN_CALL_PROB, null).value()).isCloseTo(0.25, within(1e-12));
    // Defaults on i % 10 == 0, i.e. k % 10 == 0 (37 i = 7 i mod 10): 20 in each half.
    assertThat(find(rows, "levered-erc", Metrics.DEFAULT_PROB, null).value()).isCloseTo(0.1, within(1e-12));
    SummaryRow none = find(rows, "sixty-forty", Metrics.DEFAULT_PROB, null);
    assertThat(none.value()).isZero();
    // No event: Wilson's upper end for 0 of Kish's 320 (z^2 / (320 + z^2)), not [0, 1].
    double z2 = 1.959963984540054 * 1.959963984540054;
    assertThat(none.ciHigh()).isCloseTo(z2 / (320 + z2), within(1e-12));
    assertThat(find(rows, "levered-erc", Metrics.EFFECTIVE_SAMPLE_SIZE, null).value())
        .isCloseTo(320.0, within(1e-9));
    SummaryRow mean = find(rows, "levered-erc", Metrics.MEAN_WEIGHT, null);
    assertThat(mean.value()).isCloseTo(1.0, within(1e-12));
    assertThat(mean.ciLow()).isLessThan(1.0);
    // Loss bins of 5 %: [0.5, 0.55) holds k = 200..219, weight 0.5 each: 10 / 400. The bins'
    // probabilities add up to the mean weight.
    List<Row> bins = Tables.readRun(spark, out, Table.HISTOGRAMS, "tilted")
        .filter("strategy = 'levered-erc' AND quantity = 'loss'").collectAsList();
    double total = 0;
    for (Row bin : bins) {
      total += bin.getDouble(bin.fieldIndex("weight"));
      if (bin.getDouble(bin.fieldIndex("bin_low")) == 0.5) {
        assertThat(bin.getLong(bin.fieldIndex("count"))).isEqualTo(20);
        assertThat(bin.getDouble(bin.fieldIndex("weight"))).isCloseTo(0.025, within(1e-12));
      }
    }
    assertThat(total).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void run_importanceSampledRun_sameBitsAtAnyPartitioningAndCollectLimit() {
    OutputLayout three = writeRun(tmp.resolve("three").toString(), "tilted", RunStatus.COMPLETE, true, 3);
    OutputLayout one = writeRun(tmp.resolve("one").toString(), "tilted", RunStatus.COMPLETE, true, 1);
    List<SummaryRow> rows = AggregateJob.run(spark, three, "tilted").rows();
    assertThat(AggregateJob.run(spark, one, "tilted").rows()).isEqualTo(rows);
    // A collect limit of 16 takes more selection passes to the same keys.
    AggregateJob.Result small = AggregateJob.run(spark, one, "tilted", 16);
    assertThat(small.rows()).isEqualTo(rows);
    assertThat(small.passes()).isGreaterThan(3);
  }

  @Test
  void run_importanceRecordWithEveryWeightOne_thePlainSummaryBitForBit() {
    OutputLayout plain = writeRun(tmp.resolve("plain").toString(), "syn", RunStatus.COMPLETE, false, 3);
    List<SummaryRow> expected = AggregateJob.run(spark, plain, "syn").rows();
    OutputLayout out = writeRun(tmp.resolve("unit").toString(), "syn", RunStatus.COMPLETE, false, 3);
    RunRecord run = Tables.readRunRecord(spark, out, "syn").orElseThrow();
    Tables.writeRun(spark, out, new RunRecord(run.runId(), run.scenario(), run.description(),
        config(true), run.configHash(), run.seed(), run.paths(), run.steps(), run.assets(),
        run.regimes(), run.strategies(), run.chunkPaths(), run.codeVersion(), run.sparkVersion(),
        run.started(), run.finished(), run.status(), null, "importance tilt=given q=[[1.0]]"));
    assertThat(AggregateJob.run(spark, out, "syn").rows()).isEqualTo(expected);
  }

  @Test
  void run_roundsHistogram_spansTheRecordedScenariosMaxRounds() {
    OutputLayout out = writeRun("syn", RunStatus.COMPLETE);
    List<Integer> bins = AggregateJob.run(spark, out, "syn").histograms().stream()
        .filter(h -> h.strategy().equals("levered-erc") && h.quantity().equals("max_cascade_rounds"))
        .map(h -> h.bin().index()).toList();
    // market.max-rounds = 7 in the run's config: one bin per integer 0 … 7, no overflow
    assertThat(bins).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void run_recordedConfigNoLongerLoads_refusedNamingTheProblemAndTheEarlierSummaryKept() {
    OutputLayout out = writeRun("syn", RunStatus.COMPLETE);
    int rows = AggregateJob.run(spark, out, "syn").rows().size();
    RunRecord run = Tables.readRunRecord(spark, out, "syn").orElseThrow();
    assertThat(run.config()).contains("\"max-rounds\":7"); // canonical (JSON) text
    Tables.writeRun(spark, out, new RunRecord(run.runId(), run.scenario(), run.description(),
        run.config().replace("\"max-rounds\":7", "\"max-rounds\":-7"), run.configHash(), run.seed(),
        run.paths(), run.steps(), run.assets(), run.regimes(), run.strategies(), run.chunkPaths(),
        run.codeVersion(), run.sparkVersion(), run.started(), run.finished(), run.status()));
    assertThatThrownBy(() -> AggregateJob.run(spark, out, "syn"))
        .isInstanceOf(IncompleteRunException.class)
        .hasMessageContaining("recorded config").hasMessageContaining("max-rounds");
    assertThat(Tables.readRun(spark, out, Table.SUMMARY, "syn").count()).isEqualTo(rows);
  }

  @Test
  void run_unknownRun_isRefusedAsIncomplete() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    assertThatThrownBy(() -> AggregateJob.run(spark, out, "ghost"))
        .isInstanceOf(IncompleteRunException.class).hasMessageContaining("not found");
  }
}
