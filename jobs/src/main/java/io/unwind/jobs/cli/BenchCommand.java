package io.unwind.jobs.cli;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.bench.SparkOverhead;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.simulate.PathBlocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unwind bench}: the options of {@link SparkOverhead}, checked before anything is written
 * or started. It takes the same {@link RunOptions} as {@code simulate}, with two defaults of its
 * own: no {@code --out} means a temporary root deleted afterwards, and the run id is a prefix
 * ({@code bench}). Exit code 1 when a checksum differs: then the two timings did not cover the
 * same work.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Time the path kernel alone and the Spark simulate job on the same paths and "
        + "cores, alternately in one JVM, and print Spark + Parquet's overhead per pair and its median.",
        "The kernel runs on as many plain threads as Spark has cores; a checksum of the paths rows "
        + "Spark wrote must equal the kernel's (same work timed). --master must be local."})
final class BenchCommand implements Callable<Integer> {
  /** Run id prefix when {@code --run-id} is not given. */
  static final String DEFAULT_RUN_ID = "bench";

  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();

  @Mixin
  RunOptions runOptions = new RunOptions();

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "2",
      description = "Pairs (kernel alone, then Spark) to run. Default: ${DEFAULT-VALUE}.")
  int repeat = 2;

  private final CliContext ctx;

  BenchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Duration jvmToCommand = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    ResolvedScenario scenario = scenarioOptions.load();
    if (repeat < 1) {
      throw new BadInputException("--repeat " + repeat + ": must be at least 1");
    }
    String runId = runOptions.runIdOr(DEFAULT_RUN_ID);
    OutputLayout given = runOptions.hasOut() ? runOptions.layout() : null;
    Integer partitions = runOptions.partitions();
    PathBlocks blocks = runOptions.blocks(scenario.paths());
    String master = runOptions.master() != null ? runOptions.master()
        : System.getProperty("spark.master", "local[*]");
    if (!master.startsWith("local")) {
      throw new BadInputException("--master " + master + ": must be local[*] or local[K]; "
          + "bench times the kernel on this machine's cores beside Spark");
    }
    Path tempRoot = given == null ? createTempRoot() : null;
    OutputLayout layout = given != null ? given : OutputLayout.of(tempRoot.toString());
    try {
      long sessionStart = System.nanoTime();
      SparkSession spark = ctx.sessions().session("unwind bench", runOptions.master());
      Duration sessionTime = Duration.ofNanos(System.nanoTime() - sessionStart);
      if (!JavaSparkContext.fromSparkContext(spark.sparkContext()).isLocal()) {
        throw new BadInputException("--master " + spark.sparkContext().master()
            + ": bench needs a local master (local[*] or local[K]) to time the kernel on the same cores");
      }
      SparkOverhead.Result result = SparkOverhead.run(spark,
          new SparkOverhead.Plan(scenario, layout, runId, partitions, blocks, repeat, tempRoot != null),
          jvmToCommand, sessionTime, ctx.err(), ctx.progress());
      ctx.out().print(result.render());
      ctx.out().flush();
      if (!result.allMatch()) {
        ctx.err().println("unwind: bench failed: the Spark run wrote other numbers than the kernel "
            + "computed (checksum mismatch), so the timings did not cover the same work");
        ctx.err().flush();
        return ExitCodes.FAILURE;
      }
      return ExitCodes.OK;
    } finally {
      if (tempRoot != null) {
        deleteTree(tempRoot);
      }
    }
  }

  private static Path createTempRoot() {
    try {
      return Files.createTempDirectory("unwind-bench-");
    } catch (IOException e) {
      throw new BadInputException("cannot create a temporary output directory (set --out): "
          + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary output " + root, e);
    }
  }
}
