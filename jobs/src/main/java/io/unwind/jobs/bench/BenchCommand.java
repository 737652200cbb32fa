package io.unwind.jobs.bench;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.cli.BadInputException;
import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.RunOptions;
import io.unwind.jobs.cli.ScenarioOptions;
import io.unwind.jobs.cli.VersionProvider;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.simulate.PathBlocks;
import io.unwind.jobs.simulate.SimulateJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unwind bench}: Spark and Parquet's overhead over the path kernel alone, measured in one
 * JVM on the same cores (issue 5).
 *
 * <p>After an untimed kernel warm-up, each of {@code --repeat} pairs runs the kernel alone over
 * every path id ({@link KernelAlone}, as many threads as Spark has cores), then the real simulate
 * job over the same paths ({@link SimulateJob}, Parquet output, default outputs), and compares
 * the kernel's checksum with one read back from the {@code paths} rows Spark wrote
 * ({@link PathChecksum}). Alternating keeps both halves of a pair under the same machine load.
 * Exit code 1 when a checksum differs: then the two timings did not cover the same work.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Time the path kernel alone and the Spark simulate job on the same paths and "
        + "cores, alternately in one JVM, and print Spark + Parquet's overhead per pair and its median.",
        "The kernel runs on as many plain threads as Spark has cores; a checksum of the paths rows "
        + "Spark wrote must equal the kernel's (same work timed)."})
public final class BenchCommand implements Callable<Integer> {
  /** Paths of the untimed kernel warm-up before the first pair (fewer when the run has fewer). */
  static final long WARMUP_PATHS = 1_000;

  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "2",
      description = "Pairs (kernel alone, then Spark) to run. Default: ${DEFAULT-VALUE}.")
  int repeat = 2;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output root of the Spark runs (local directory or Hadoop URI), kept after. "
          + "Default: a new temporary directory, each pair's output deleted after its checksum.")
  String out;

  @Option(names = "--run-id", paramLabel = "ID", defaultValue = "bench",
      description = "Run id prefix, [A-Za-z0-9._-]+: pair i writes run ID-i. Default: ${DEFAULT-VALUE}.")
  String runId = "bench";

  @Option(names = "--partitions", paramLabel = "P",
      description = "Spark partitions per chunk. Default: 2 x the cores Spark has.")
  Integer partitions;

  @Option(names = "--chunk-paths", paramLabel = "N",
      description = "Paths committed per chunk, a multiple of " + PathBlocks.DEFAULT_BLOCK_PATHS
          + ". Default: " + PathBlocks.DEFAULT_CHUNK_PATHS + ".")
  Long chunkPaths;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, local[*] or local[K] (the kernel runs on this machine's cores "
          + "too). Default: local[*].")
  String master;

  private final CliContext ctx;

  /** The command, writing to {@code ctx}'s streams and taking its session from {@code ctx}. */
  public BenchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Duration jvmToCommand = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    ResolvedScenario scenario = scenarioOptions.load();
    PathBlocks blocks = validate(scenario);
    Path tempRoot = out == null ? createTempRoot() : null;
    OutputLayout layout = OutputLayout.of(tempRoot != null ? tempRoot.toString() : out);
    try (HeapWatch heap = HeapWatch.start()) {
      long sessionStart = System.nanoTime();
      SparkSession spark = ctx.sessions().session("unwind bench", master);
      Duration sessionTime = Duration.ofNanos(System.nanoTime() - sessionStart);
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      if (!jsc.isLocal()) {
        throw new BadInputException("--master " + jsc.master()
            + ": bench needs a local master (local[*] or local[K]) to time the kernel on the same cores");
      }
      int threads = jsc.defaultParallelism();
      ctx.err().printf(Locale.ROOT, "unwind: bench %s: %,d paths x %d strategies, %d days; %d pair(s) "
          + "on %d cores%n", scenario.name(), scenario.paths(), scenario.strategies().size(),
          scenario.horizonDays(), repeat, threads);
      KernelAlone.Result warmup = KernelAlone.run(scenario, blocks,
          Math.min(WARMUP_PATHS, scenario.paths()), threads);
      heap.mark();
      List<BenchReport.Pair> pairs = new ArrayList<>();
      int sparkPartitions = 0;
      for (int i = 1; i <= repeat; i++) {
        ProcessClock kernelClock = ProcessClock.start();
        KernelAlone.Result kernel = KernelAlone.run(scenario, blocks, scenario.paths(), threads);
        ProcessClock.Phase kernelPhase = kernelClock.stop();
        HeapWatch.Phase kernelHeap = heap.mark();
        ctx.err().printf(Locale.ROOT, "unwind: bench pair %d/%d: kernel alone %.2f s (%,.0f paths/s)%n",
            i, repeat, BenchReport.seconds(kernel.elapsed()), kernel.pathsPerSecond());
        String id = runId + "-" + i;
        ProcessClock sparkClock = ProcessClock.start();
        SimulateJob.Result simulated = SimulateJob.run(spark, scenario, layout, id, partitions,
            blocks, true, ctx.progress());
        ProcessClock.Phase sparkPhase = sparkClock.stop();
        HeapWatch.Phase sparkHeap = heap.mark();
        sparkPartitions = simulated.partitions();
        ctx.err().printf(Locale.ROOT, "unwind: bench pair %d/%d: Spark simulate %.2f s%n", i, repeat,
            BenchReport.seconds(sparkPhase.wall()));
        long readStart = System.nanoTime();
        PathChecksum written = PathChecksum.ofTable(spark, layout, id);
        Duration readBack = Duration.ofNanos(System.nanoTime() - readStart);
        if (tempRoot != null) {
          deleteRun(spark.sparkContext().hadoopConfiguration(), layout, id);
        }
        heap.mark();
        pairs.add(new BenchReport.Pair(i, kernel, kernelPhase, kernelHeap, sparkPhase, sparkHeap,
            written, readBack));
      }
      BenchReport.Setup setup = new BenchReport.Setup(scenario.name(), scenario.paths(),
          scenario.strategies().size(), scenario.horizonDays(), scenario.seed(), jsc.master(),
          threads, sparkPartitions, blocks.chunkCount(), blocks.chunkPaths(), blocks.blockPaths(),
          System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
          HeapWatch.maxHeap(), layout.root(), tempRoot != null, jvmToCommand, sessionTime, warmup);
      ctx.out().print(BenchReport.render(setup, pairs));
      ctx.out().flush();
      boolean allMatch = pairs.stream().allMatch(BenchReport.Pair::matches);
      if (!allMatch) {
        ctx.err().println("unwind: bench failed: the Spark run wrote other numbers than the kernel "
            + "computed (checksum mismatch), so the timings did not cover the same work");
        ctx.err().flush();
      }
      return allMatch ? ExitCodes.OK : ExitCodes.FAILURE;
    } finally {
      if (tempRoot != null) {
        deleteTree(tempRoot);
      }
    }
  }

  /** Checks every option before anything is written or started; returns the path split. */
  PathBlocks validate(ResolvedScenario scenario) {
    if (repeat < 1) {
      throw new BadInputException("--repeat " + repeat + ": must be at least 1");
    }
    if (!RunOptions.RUN_ID.matcher(runId).matches()) {
      throw new BadInputException("--run-id '" + runId + "': must match [A-Za-z0-9._-]+");
    }
    if (partitions != null && partitions < 1) {
      throw new BadInputException("--partitions " + partitions + ": must be at least 1");
    }
    long chunk = chunkPaths != null ? chunkPaths : PathBlocks.DEFAULT_CHUNK_PATHS;
    if (chunk < PathBlocks.DEFAULT_BLOCK_PATHS || chunk % PathBlocks.DEFAULT_BLOCK_PATHS != 0) {
      throw new BadInputException("--chunk-paths " + chunk + ": must be a positive multiple of "
          + PathBlocks.DEFAULT_BLOCK_PATHS);
    }
    String effectiveMaster = master != null ? master : System.getProperty("spark.master", "local[*]");
    if (!effectiveMaster.startsWith("local")) {
      throw new BadInputException("--master " + effectiveMaster + ": must be local[*] or local[K]; "
          + "bench times the kernel on this machine's cores beside Spark");
    }
    if (out != null) {
      if (out.isBlank()) {
        throw new BadInputException("--out '': must name a directory");
      }
      if (!OutputLayout.hasScheme(out)) {
        for (Path p = Paths.get(out).toAbsolutePath(); p != null; p = p.getParent()) {
          if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new BadInputException("--out " + out + ": " + p + " is a file, not a directory");
          }
        }
      }
    }
    return PathBlocks.of(scenario.paths(), chunk);
  }

  private static Path createTempRoot() {
    try {
      return Files.createTempDirectory("unwind-bench-");
    } catch (IOException e) {
      throw new BadInputException("cannot create a temporary output directory (set --out): "
          + e.getMessage(), e);
    }
  }

  /** Deletes everything run {@code id} wrote. */
  private static void deleteRun(Configuration hadoop, OutputLayout layout, String id) {
    for (Table t : Table.values()) {
      layout.deleteRun(hadoop, t, id);
    }
    ChunkMarkers.deleteAll(hadoop, layout, id);
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
