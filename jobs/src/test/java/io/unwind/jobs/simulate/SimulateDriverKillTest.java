package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.UnwindCli;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real driver kill: {@code unwind simulate} runs in its own JVM (the launcher's JVM flags and
 * main class, on this build's classpath), is SIGKILLed once its first chunk is committed, and
 * restarted with the same run id. The killed run must read as {@code running} and be refused by
 * aggregate; the restart must reuse the committed chunks and end with exactly the rows of an
 * uninterrupted run.
 *
 * <p>Takes a minute or two (two extra JVMs with Spark), so it runs only with
 * {@code -Dunwind.slow=true}: {@code jobs/bin/test-all.d/30-resume} runs it in CI.
 */
@EnabledIfSystemProperty(named = "unwind.slow", matches = "true")
class SimulateDriverKillTest {
  private static final String PATHS = "10000";
  private static final String HORIZON = "63";
  /** A safety net against a hung child only, never asserted on. */
  private static final Duration DEADLINE = Duration.ofMinutes(4);

  @TempDir
  Path tmp;

  private List<String> command(String runId) throws IOException {
    Path home = Path.of(System.getProperty("unwind.home"));
    return ChildJvm.unwind(
        "simulate", "--config", home.resolve("conf/baseline.conf").toString(),
        "--out", tmp.resolve("out").toString(), "--run-id", runId, "--master", "local[2]",
        "--partitions", "2", "--chunk-paths", "1000",
        "--set", "paths=" + PATHS, "--set", "horizon-days=" + HORIZON);
  }

  private Process start(String runId, Path log) throws IOException {
    return new ProcessBuilder(command(runId)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static long markers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("chunk=\\d+\\.json")).count();
    }
  }

  @Test
  void simulate_driverKilledAfterFirstCommit_restartReusesChunksAndEqualsUninterrupted()
      throws Exception {
    SparkSession spark = SharedSpark.session();
    OutputLayout out = OutputLayout.of(tmp.resolve("out").toString());
    Path markerDir = Path.of(out.chunkMarkers("killed"));

    Process first = start("killed", tmp.resolve("first.log"));
    Instant giveUp = Instant.now().plus(DEADLINE);
    while (markers(markerDir) == 0 && first.isAlive() && Instant.now().isBefore(giveUp)) {
      Thread.sleep(50);
    }
    assertThat(first.isAlive()).as("the child must still be running when killed; log:%n%s",
        Files.readString(tmp.resolve("first.log"))).isTrue();
    long committedAtKill = markers(markerDir);
    assertThat(committedAtKill).isPositive();
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isEqualTo(137);

    RunRecord killed = Tables.readRunRecord(spark, out, "killed").orElseThrow();
    assertThat(killed.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(killed.finished()).isNull();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext((app, master) -> spark, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(UnwindCli.execute(ctx, "aggregate", "--out", out.root(), "--run-id", "killed"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("status is running");

    Path secondLog = tmp.resolve("second.log");
    Process second = start("killed", secondLog);
    assertThat(second.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("restart finished").isTrue();
    String log = Files.readString(secondLog);
    assertThat(second.exitValue()).as("restart exit code; log:%n%s", log).isZero();
    assertThat(log).containsPattern("resuming run killed: chunks [0-9][0-9, -]* of 10 already committed");
    // Issue 20 case 10: nothing of the killed attempt's staging is left as debris.
    assertThat(Path.of(out.stagingOfRun("killed"))).doesNotExist();
    for (Table t : Table.values()) {
      Path root = Path.of(out.table(t));
      if (Files.isDirectory(root)) {
        try (Stream<Path> entries = Files.list(root)) {
          assertThat(entries.map(p -> p.getFileName().toString()))
              .as("%s after the restart", root).noneMatch(n -> n.startsWith(".spark-staging-"));
        }
      }
    }
    assertThat(Tables.readRunRecord(spark, out, "killed").orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);

    ResolvedScenario scenario = ScenarioLoader.loadFile(
        Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"),
        Map.of("paths", PATHS, "horizon-days", HORIZON));
    assertThat(killed.configHash()).isEqualTo(scenario.configHash());
    SimulateJob.run(spark, scenario, out, "ref", 2, PathBlocks.of(scenario.paths(), 1000),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    for (Table t : List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES)) {
      List<Row> ref = ChildJvm.sorted(spark, out, t, "ref");
      assertThat(ref).as(t.dirName()).isNotEmpty();
      assertThat(ChildJvm.sorted(spark, out, t, "killed")).as(t.dirName()).isEqualTo(ref);
    }
    assertThat(Tables.readRun(spark, out, Table.PATHS, "killed").groupBy("path_id", "strategy")
        .count().where("count > 1").count()).isZero();
  }
}
