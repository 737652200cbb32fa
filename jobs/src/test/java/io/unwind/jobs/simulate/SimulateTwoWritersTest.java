package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 case 1 with real processes: {@code simulate --seed 11 --run-id A} is paused (SIGSTOP)
 * once its chunk-0 marker appears; a second writer with {@code --seed 22} and the same run id
 * fails with exit 2 naming the paused attempt, and with {@code --fresh} takes the run over and
 * completes; the first, resumed (SIGCONT), fails with exit 2 and marks nothing. The run is then
 * the second's alone: runs row, every marker and every row, equal to an uninterrupted seed-22
 * run, and aggregate accepts it.
 *
 * <p>Two extra JVMs with Spark, a minute or two: runs only with {@code -Dunwind.slow=true}
 * ({@code jobs/bin/test-all.d/35-integrity}).
 */
@EnabledIfSystemProperty(named = "unwind.slow", matches = "true")
class SimulateTwoWritersTest {
  private static final String PATHS = "2000";
  private static final String HORIZON = "252";
  /** A safety net against a hung child only, never asserted on. */
  private static final Duration DEADLINE = Duration.ofMinutes(6);

  @TempDir
  Path tmp;

  private List<String> command(long seed, boolean fresh) throws IOException {
    Path home = Path.of(System.getProperty("unwind.home"));
    List<String> cmd = new ArrayList<>(ChildJvm.unwind(
        "simulate", "--config", home.resolve("conf/baseline.conf").toString(),
        "--out", tmp.resolve("o").toString(), "--run-id", "A", "--master", "local[2]",
        "--partitions", "2", "--chunk-paths", "1000", "--seed", Long.toString(seed),
        "--paths", PATHS, "--set", "horizon-days=" + HORIZON));
    if (fresh) {
      cmd.add("--fresh");
    }
    return cmd;
  }

  private Process start(long seed, boolean fresh, Path log) throws IOException {
    return new ProcessBuilder(command(seed, fresh)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
    assertThat(kill.waitFor()).as("kill -%s", signal).isZero();
  }

  private static int finish(Process p, Path log) throws Exception {
    assertThat(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("finished; log:%n%s",
        Files.readString(log)).isTrue();
    return p.exitValue();
  }

  @Test
  void simulate_secondWriterWhileTheFirstIsPaused_refusedThenTakesOverAndTheFirstMarksNothing()
      throws Exception {
    SparkSession spark = SharedSpark.session();
    OutputLayout out = OutputLayout.of(tmp.resolve("o").toString());
    Path marker0 = Path.of(out.chunkMarker("A", 0));
    Path firstLog = tmp.resolve("first.log");

    Process first = start(11, false, firstLog);
    Instant giveUp = Instant.now().plus(DEADLINE);
    while (!Files.exists(marker0) && first.isAlive() && Instant.now().isBefore(giveUp)) {
      Thread.sleep(20);
    }
    assertThat(first.isAlive()).as("first still running at its chunk-0 marker; log:%n%s",
        Files.readString(firstLog)).isTrue();
    signal(first, "STOP");
    try {
      String firstAttempt = ChunkMarker.fromJson(Files.readString(marker0)).attemptId();
      assertThat(firstAttempt).isNotNull();

      Path refusedLog = tmp.resolve("refused.log");
      int refused = finish(start(22, false, refusedLog), refusedLog);
      String refusedText = Files.readString(refusedLog);
      assertThat(refused).as("log:%n%s", refusedText).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(refusedText).contains("run 'A' is being written by attempt " + firstAttempt)
          .contains("--fresh");
      assertThat(ChunkMarker.fromJson(Files.readString(marker0)).attemptId())
          .as("the refused writer wrote nothing").isEqualTo(firstAttempt);

      Path secondLog = tmp.resolve("second.log");
      int second = finish(start(22, true, secondLog), secondLog);
      assertThat(second).as("log:%n%s", Files.readString(secondLog)).isZero();
    } finally {
      signal(first, "CONT");
    }
    RunRecord afterSecond = Tables.readRunRecord(spark, out, "A").orElseThrow();
    SortedMap<Integer, ChunkMarker> markersAfterSecond =
        ChunkMarkers.read(spark.sparkContext().hadoopConfiguration(), out, "A");

    int firstExit = finish(first, firstLog);
    String firstText = Files.readString(firstLog);
    assertThat(firstExit).as("log:%n%s", firstText).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(firstText).contains("no longer owns the run");

    RunRecord run = Tables.readRunRecord(spark, out, "A").orElseThrow();
    assertThat(run).as("the first attempt marked nothing").isEqualTo(afterSecond);
    assertThat(run.seed()).isEqualTo(22);
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    SortedMap<Integer, ChunkMarker> markers =
        ChunkMarkers.read(spark.sparkContext().hadoopConfiguration(), out, "A");
    assertThat(markers).isEqualTo(markersAfterSecond).containsOnlyKeys(0, 1);
    assertThat(markers.values()).allSatisfy(m -> {
      assertThat(m.attemptId()).isEqualTo(run.attemptId());
      assertThat(m.configHash()).isEqualTo(run.configHash());
    });

    ResolvedScenario seed22 = ScenarioLoader.loadFile(
        Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"),
        Map.of("paths", PATHS, "horizon-days", HORIZON, "seed", "22"));
    assertThat(run.configHash()).isEqualTo(seed22.configHash());
    SimulateJob.run(spark, seed22, out, "ref", 2, PathBlocks.of(seed22.paths(), 1000),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    for (Table t : List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES)) {
      List<Row> ref = ChildJvm.sorted(spark, out, t, "ref");
      assertThat(ref).as(t.dirName()).isNotEmpty();
      assertThat(ChildJvm.sorted(spark, out, t, "A")).as(t.dirName()).isEqualTo(ref);
    }
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext((app, master) -> spark, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(UnwindCli.execute(ctx, "aggregate", "--out", out.root(), "--run-id", "A"))
        .as("aggregate: %s", err).isEqualTo(ExitCodes.OK);
  }
}
