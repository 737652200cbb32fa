package io.unwind.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.UnwindCli;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import io.unwind.sim.PathResult;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unwind bench}: bad input exits 2 before Spark or any file, and a small end-to-end run
 * reports both timings for work that is provably the same (the kernel's results are the rows
 * Spark wrote).
 */
class BenchCommandTest {
  private static final int PATHS = 200;

  @TempDir
  Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicInteger sessionRequests = new AtomicInteger();

  private int run(boolean sparkAllowed, String... args) {
    CliContext ctx = new CliContext((app, master) -> {
      sessionRequests.incrementAndGet();
      if (!sparkAllowed) {
        throw new AssertionError("Spark was started for " + app);
      }
      return SharedSpark.session();
    }, new PrintWriter(out, true), new PrintWriter(err, true),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return UnwindCli.execute(ctx, args);
  }

  private static long benchTempDirs() throws IOException {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith("unwind-bench-")).count();
    }
  }

  /** Runs bench with {@code args}; asserts exit 2, no Spark, nothing written; returns stderr. */
  private String rejected(String... args) throws IOException {
    long tempBefore = benchTempDirs();
    int code = run(false, args);
    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(sessionRequests.get()).as("Spark requested").isZero();
    assertThat(benchTempDirs()).as("temporary output directories").isEqualTo(tempBefore);
    assertThat(err.toString()).startsWith("unwind: ").doesNotContain("\tat ");
    return err.toString();
  }

  @Test
  void bench_repeatZero_exit2NamingTheOption() throws IOException {
    assertThat(rejected("bench", "--repeat", "0")).contains("--repeat 0").contains("at least 1");
  }

  @Test
  void bench_repeatNotANumber_exit2NamingTheOption() throws IOException {
    assertThat(rejected("bench", "--repeat", "twice")).contains("--repeat").contains("twice");
  }

  @Test
  void bench_pathsZero_exit2NamingTheKey() throws IOException {
    assertThat(rejected("bench", "--paths", "0")).contains("paths").contains("0");
  }

  @Test
  void bench_unknownSetKey_exit2NamingTheKey() throws IOException {
    assertThat(rejected("bench", "--set", "no-such-key=1")).contains("no-such-key");
  }

  @Test
  void bench_badRunId_exit2NamingTheRule() throws IOException {
    assertThat(rejected("bench", "--run-id", "a b")).contains("--run-id 'a b'").contains("[A-Za-z0-9._-]+");
  }

  @Test
  void bench_partitionsZero_exit2NamingTheOption() throws IOException {
    assertThat(rejected("bench", "--partitions", "0")).contains("--partitions 0").contains("[1, 10000]");
  }

  @Test
  void bench_chunkPathsNotAMultiple_exit2NamingTheRule() throws IOException {
    assertThat(rejected("bench", "--chunk-paths", "1500")).contains("--chunk-paths 1500").contains("multiple of 1000");
  }

  @Test
  void bench_clusterMaster_exit2NamingTheOption() throws IOException {
    assertThat(rejected("bench", "--master", "yarn")).contains("--master yarn").contains("local");
  }

  @Test
  void bench_outIsAFile_exit2NamingTheFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    assertThat(rejected("bench", "--out", file.resolve("sub").toString()))
        .contains("--out").contains("is a file");
  }

  @Test
  void bench_smallRun_reportsBothTimingsAndTheKernelChecksumEqualsWhatSparkWrote() {
    Path outRoot = tmp.resolve("bench-out");
    int code = run(true, "bench", "--paths", Integer.toString(PATHS), "--set", "horizon-days=21",
        "--repeat", "1", "--out", outRoot.toString(), "--run-id", "t");
    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(ExitCodes.OK);

    ResolvedScenario scenario = ScenarioLoader.loadFile(
        Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"),
        Map.of("paths", Integer.toString(PATHS), "horizon-days", "21"));
    int rows = PATHS * scenario.strategies().size();
    // pair | kernel s  CPU s  cores  paths/s | Spark s  CPU s  cores  paths/s | overheads | load | checksum
    // (the CPU overhead is n/a when 200 short paths finish below the CPU clock's resolution)
    Matcher pair = Pattern.compile("(?m)^\\s+1 \\|\\s+([0-9.]+)\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9,]+ \\|"
        + "\\s+([0-9.]+)\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9,]+ \\|\\s+[-+][0-9.]+%\\s+(?:[-+][0-9.]+%|n/a) \\|.*\\| match \\("
        + String.format("%,d", rows) + " rows\\)$").matcher(out.toString());
    assertThat(pair.find()).as("pair line in%n%s", out).isTrue();
    // Both timings are there as numbers (their size is not tested: a warm kernel does 200 short
    // paths in milliseconds).
    assertThat(Double.parseDouble(pair.group(1))).as("kernel seconds").isNotNegative();
    assertThat(Double.parseDouble(pair.group(2))).as("Spark seconds").isNotNegative();
    assertThat(out.toString()).contains("median overhead").contains("in neither")
        .contains("Spark session start");

    // Independently of PathChecksum: every row Spark wrote is the kernel's own result.
    Map<String, PathResult> kernel = new HashMap<>();
    PathSimulator simulator = new PathSimulator(scenario);
    PathWorkspace ws = simulator.newWorkspace();
    PathChecksum kernelSum = PathChecksum.EMPTY;
    for (long id = 0; id < PATHS; id++) {
      simulator.simulate(id, ws);
      for (int s = 0; s < ws.strategyCount(); s++) {
        PathResult r = ws.result(s);
        kernel.put(id + "/" + r.strategy().key(), r);
        kernelSum = kernelSum.plus(new PathChecksum(1, PathChecksum.hash(r)));
      }
    }
    OutputLayout layout = OutputLayout.of(outRoot.toString());
    List<Row> written = Tables.readRun(SharedSpark.session(), layout, Table.PATHS, "t-1")
        .select("path_id", "strategy", "terminal_return", "max_drawdown", "margin_calls", "defaulted")
        .collectAsList();
    assertThat(written).hasSize(rows);
    for (Row w : written) {
      PathResult r = kernel.get(w.getLong(0) + "/" + w.getString(1));
      assertThat(r).as("kernel result for %s", w).isNotNull();
      assertThat(((Number) w.get(2)).doubleValue()).isEqualTo(
          PathChecksum.asStored(r.terminalReturn(), Table.PATHS.schema().apply("terminal_return").dataType()));
      assertThat(((Number) w.get(4)).intValue()).isEqualTo(r.marginCalls());
    }
    assertThat(PathChecksum.ofTable(SharedSpark.session(), layout, "t-1")).isEqualTo(kernelSum);
  }
}
