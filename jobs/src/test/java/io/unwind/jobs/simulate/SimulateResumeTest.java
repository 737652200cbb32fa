package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.UnwindCli;
import io.unwind.jobs.io.ChunkMarker;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunk commit markers and resume, in the shared local[2] session: a run interrupted after a
 * commit (by a hook that throws, or by tampering with its files as a kill would leave them)
 * resumes with only its unfinished chunks recomputed and ends with exactly the rows of an
 * uninterrupted run; a different config, {@code --fresh} or a complete run start afresh.
 */
class SimulateResumeTest {
  private static final int PATHS = 3000;
  private static final long CHUNK = 1000;
  private static final Map<String, String> SMALL = Map.of(
      "paths", Integer.toString(PATHS), "horizon-days", "63", "sample-every", "500");
  private static final List<Table> CHUNKED = List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES);

  @TempDir
  static Path tmp;

  private static final SparkSession SPARK = SharedSpark.session();
  private static OutputLayout out;
  private static ResolvedScenario scenario;
  private static PathBlocks blocks;

  /** Records the chunks a run computed; throws after {@code crashAfter} commits, like a crash. */
  private static final class Recorder implements ChunkListener {
    final List<Integer> computed = new ArrayList<>();
    final Integer crashAfter;

    Recorder(Integer crashAfter) {
      this.crashAfter = crashAfter;
    }

    @Override
    public void computing(int chunk) {
      computed.add(chunk);
    }

    @Override
    public void committed(int chunk) {
      if (crashAfter != null && chunk == crashAfter) {
        throw new IllegalStateException("emulated driver crash after chunk " + chunk);
      }
    }
  }

  private static final class Console {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static SimulateJob.Result simulate(ResolvedScenario s, String runId, boolean fresh,
      Recorder recorder, Console console) {
    return SimulateJob.run(SPARK, s, out, runId, 2, blocks, fresh, console.stream, recorder);
  }

  @BeforeAll
  static void uninterrupted() {
    out = OutputLayout.of(tmp.toString());
    scenario = ScenarioLoader.loadFile(Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"), SMALL);
    blocks = PathBlocks.of(PATHS, CHUNK);
    assertThat(blocks.chunkCount()).isEqualTo(3);
    simulate(scenario, "ref", false, new Recorder(null), new Console());
  }

  /** The run's rows of a table, without its run id, in a total order. */
  private static List<Row> rows(Table t, String runId) {
    String[] order = t == Table.PATHS ? new String[] {"strategy", "path_id"}
        : new String[] {"strategy", "path_id", "day"};
    return Tables.readRun(SPARK, out, t, runId).drop("run_id")
        .orderBy(order[0], java.util.Arrays.copyOfRange(order, 1, order.length)).collectAsList();
  }

  private static void assertEqualsReference(String runId) {
    for (Table t : CHUNKED) {
      List<Row> ref = rows(t, "ref");
      assertThat(ref).as(t.dirName()).isNotEmpty();
      assertThat(rows(t, runId)).as("%s of %s vs the uninterrupted run", t.dirName(), runId).isEqualTo(ref);
    }
    assertThat(Tables.readRun(SPARK, out, Table.PATHS, runId).groupBy("path_id", "strategy").count()
        .where("count > 1").count()).as("duplicate (path_id, strategy) in %s", runId).isZero();
    assertThat(Tables.readRunRecord(SPARK, out, runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(ChunkMarkers.read(SPARK.sparkContext().hadoopConfiguration(), out, runId).keySet())
        .containsExactly(0, 1, 2);
  }

  private static int aggregateExitCode(String runId) {
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext((app, master) -> SPARK, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return UnwindCli.execute(ctx, "aggregate", "--out", tmp.toString(), "--run-id", runId);
  }

  private static void setStatus(String runId, RunStatus status) {
    RunRecord r = Tables.readRunRecord(SPARK, out, runId).orElseThrow();
    Tables.writeRun(SPARK, out, r.finish(status, null));
  }

  private static Path chunkDir(Table t, String runId, String strategy, int chunk) {
    return Path.of(out.chunk(t, runId, strategy, chunk));
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (var walk = Files.walk(p)) {
        for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }

  @Test
  void run_crashAfterSecondCommitThenRerun_recomputesOnlyTheLastChunkAndEqualsUninterrupted()
      throws IOException {
    Recorder crashing = new Recorder(1);
    assertThatThrownBy(() -> simulate(scenario, "crash", false, crashing, new Console()))
        .hasMessageContaining("emulated driver crash");
    assertThat(crashing.computed).containsExactly(0, 1);
    assertThat(Tables.readRunRecord(SPARK, out, "crash").orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    assertThat(aggregateExitCode("crash")).isEqualTo(ExitCodes.BAD_INPUT);
    // What a kill in the middle of chunk 2's writes leaves: a file in a chunk without a marker.
    String strategy = scenario.strategies().get(0).key();
    Path partial = chunkDir(Table.PATHS, "crash", strategy, 2);
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("part-00000-partial.zstd.parquet"), "not parquet, cut short");

    Recorder resumed = new Recorder(null);
    Console console = new Console();
    SimulateJob.Result r = simulate(scenario, "crash", false, resumed, console);

    assertThat(resumed.computed).containsExactly(2);
    assertThat(r.reusedChunks()).isEqualTo(2);
    assertThat(console.text()).contains("resuming run crash: chunks 0-1 of 3 already committed");
    assertThat(partial.resolve("part-00000-partial.zstd.parquet")).doesNotExist();
    assertEqualsReference("crash");
  }

  @Test
  void run_killedStateWithTamperedChunks_recomputesUnmarkedAndMismatchedChunks() throws IOException {
    simulate(scenario, "tamper", false, new Recorder(null), new Console());
    String strategy = scenario.strategies().get(0).key();
    // Chunk 2: marker gone, its events deleted and a partial file among its samples.
    ChunkMarkers.delete(SPARK.sparkContext().hadoopConfiguration(), out, "tamper", 2);
    for (var kind : scenario.strategies()) {
      deleteTree(chunkDir(Table.EVENTS, "tamper", kind.key(), 2));
    }
    Path samples2 = chunkDir(Table.SAMPLES, "tamper", strategy, 2);
    Files.createDirectories(samples2);
    Files.writeString(samples2.resolve("part-99999-partial.zstd.parquet"), "truncated");
    // Chunk 0: marker kept, but one strategy's paths are missing: the counts no longer match.
    deleteTree(chunkDir(Table.PATHS, "tamper", strategy, 0));
    setStatus("tamper", RunStatus.RUNNING);
    assertThat(aggregateExitCode("tamper")).isEqualTo(ExitCodes.BAD_INPUT);

    Recorder resumed = new Recorder(null);
    Console console = new Console();
    simulate(scenario, "tamper", false, resumed, console);

    assertThat(resumed.computed).containsExactly(0, 2);
    assertThat(console.text()).contains("resuming run tamper: chunks 1 of 3 already committed");
    assertEqualsReference("tamper");
  }

  @Test
  void run_interruptedWithAnotherConfig_startsAfreshAndKeepsNoOldChunk() {
    ResolvedScenario other = ScenarioLoader.loadFile(
        Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"),
        Map.of("paths", Integer.toString(PATHS), "horizon-days", "63", "sample-every", "500",
            "seed", "12345"));
    assertThat(other.configHash()).isNotEqualTo(scenario.configHash());
    assertThatThrownBy(() -> simulate(other, "switch", false, new Recorder(0), new Console()))
        .hasMessageContaining("emulated driver crash");

    Recorder again = new Recorder(null);
    Console console = new Console();
    simulate(scenario, "switch", false, again, console);

    assertThat(again.computed).containsExactly(0, 1, 2);
    assertThat(console.text()).contains("starting run switch afresh").contains("another config");
    assertEqualsReference("switch");
    SortedMap<Integer, ChunkMarker> markers =
        ChunkMarkers.read(SPARK.sparkContext().hadoopConfiguration(), out, "switch");
    assertThat(markers.values()).extracting(ChunkMarker::configHash).containsOnly(scenario.configHash());
  }

  @Test
  void run_freshFlagOnAResumableRun_recomputesEveryChunk() {
    assertThatThrownBy(() -> simulate(scenario, "forced", false, new Recorder(0), new Console()))
        .hasMessageContaining("emulated driver crash");
    Recorder again = new Recorder(null);
    Console console = new Console();
    simulate(scenario, "forced", true, again, console);
    assertThat(again.computed).containsExactly(0, 1, 2);
    assertThat(console.text()).contains("afresh: --fresh");
    assertEqualsReference("forced");
  }

  @Test
  void run_completeRunRerun_replacesItEntirely() {
    simulate(scenario, "twice", false, new Recorder(null), new Console());
    RunRecord first = Tables.readRunRecord(SPARK, out, "twice").orElseThrow();
    Recorder again = new Recorder(null);
    Console console = new Console();
    simulate(scenario, "twice", false, again, console);
    assertThat(again.computed).containsExactly(0, 1, 2);
    assertThat(console.text()).contains("replacing the complete run");
    assertThat(Tables.readRun(SPARK, out, Table.RUNS, "twice").count()).isEqualTo(1);
    assertThat(Tables.readRunRecord(SPARK, out, "twice").orElseThrow().started()).isAfter(first.started());
    assertEqualsReference("twice");
  }

  @Test
  void freshReason_eachCondition_resumesOnlyAnInterruptedRunOfTheSameConfigSplitAndCode() {
    RunRecord running = RunRecord.starting("x", scenario, CHUNK, "1.0", "4.2.0", java.time.Instant.now());
    assertThat(SimulateJob.freshReason(java.util.Optional.of(running), scenario, blocks, "1.0", false)).isNull();
    assertThat(SimulateJob.freshReason(java.util.Optional.of(running.finish(RunStatus.FAILED,
        java.time.Instant.now())), scenario, blocks, "1.0", false)).isNull();
    assertThat(SimulateJob.freshReason(java.util.Optional.of(running), scenario, blocks, "1.0", true))
        .contains("--fresh");
    assertThat(SimulateJob.freshReason(java.util.Optional.empty(), scenario, blocks, "1.0", false))
        .isNotNull();
    assertThat(SimulateJob.freshReason(java.util.Optional.of(running.finish(RunStatus.COMPLETE,
        java.time.Instant.now())), scenario, blocks, "1.0", false)).contains("complete");
    assertThat(SimulateJob.freshReason(java.util.Optional.of(running), scenario,
        PathBlocks.of(PATHS, 2000), "1.0", false)).contains("--chunk-paths 1000");
    assertThat(SimulateJob.freshReason(java.util.Optional.of(running), scenario, blocks, "1.1", false))
        .contains("1.0");
  }

  @Test
  void ranges_mixedRuns_collapsesConsecutiveChunks() {
    assertThat(SimulateJob.ranges(new java.util.TreeSet<>(List.of(0, 1, 2, 3, 5, 7, 8))))
        .isEqualTo("0-3, 5, 7-8");
    assertThat(SimulateJob.ranges(new java.util.TreeSet<>(List.of(4)))).isEqualTo("4");
  }
}
