package io.unwind.jobs.bench;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.simulate.PathBlocks;
import io.unwind.jobs.simulate.SimulateJob;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Spark and Parquet's overhead over the path kernel alone, measured in one JVM on the same cores.
 *
 * <p>After an untimed kernel warm-up, each of {@code repeat} pairs runs the kernel alone over
 * every path id ({@link KernelAlone}, as many threads as Spark has cores), then the real simulate
 * job over the same paths ({@link SimulateJob}, Parquet output, default outputs), and compares
 * the kernel's checksum with one read back from the {@code paths} rows Spark wrote
 * ({@link PathChecksum}). Alternating keeps both halves of a pair under the same machine load.
 */
public final class SparkOverhead {
  /** Paths of the untimed kernel warm-up before the first pair (fewer when the run has fewer). */
  static final long WARMUP_PATHS = 1_000;

  private SparkOverhead() {
  }

  /**
   * What to benchmark, validated by the caller.
   *
   * @param scenario the scenario; every pair simulates all its paths
   * @param layout output root of the Spark runs
   * @param runIdPrefix pair i writes run {@code runIdPrefix-i}
   * @param partitions Spark partitions per chunk, or null for the default
   * @param blocks the path split, shared by the kernel threads and Spark
   * @param repeat pairs to run, at least 1
   * @param deleteOutput whether each pair's output is deleted after its checksum
   */
  public record Plan(ResolvedScenario scenario, OutputLayout layout, String runIdPrefix,
      Integer partitions, PathBlocks blocks, int repeat, boolean deleteOutput) {
  }

  /**
   * What was measured.
   *
   * @param setup what was benchmarked and what was paid outside the timings
   * @param pairs one entry per pair, in order
   */
  public record Result(BenchReport.Setup setup, List<BenchReport.Pair> pairs) {
    /** Whether every Spark run wrote exactly the numbers the kernel computed. */
    public boolean allMatch() {
      return pairs.stream().allMatch(BenchReport.Pair::matches);
    }

    /** The report table. */
    public String render() {
      return BenchReport.render(setup, pairs);
    }
  }

  /**
   * Runs the pairs on a local session.
   *
   * @param spark a session with a local master (the kernel runs on as many threads as it has cores)
   * @param plan what to run
   * @param jvmToCommand JVM start to the start of the command, for the report
   * @param sessionStart what starting {@code spark} took, for the report
   * @param log one line per timed phase
   * @param progress the simulate job's progress lines
   * @return the timings and checksums
   */
  public static Result run(SparkSession spark, Plan plan, Duration jvmToCommand,
      Duration sessionStart, PrintWriter log, PrintStream progress) {
    ResolvedScenario scenario = plan.scenario();
    OutputLayout layout = plan.layout();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int threads = jsc.defaultParallelism();
    log.printf(Locale.ROOT, "unwind: bench %s: %,d paths x %d strategies, %d days; %d pair(s) "
        + "on %d cores%n", scenario.name(), scenario.paths(), scenario.strategies().size(),
        scenario.horizonDays(), plan.repeat(), threads);
    try (HeapWatch heap = HeapWatch.start()) {
      KernelAlone.Result warmup = KernelAlone.run(scenario, plan.blocks(),
          Math.min(WARMUP_PATHS, scenario.paths()), threads);
      heap.mark();
      List<BenchReport.Pair> pairs = new ArrayList<>();
      int sparkPartitions = 0;
      for (int i = 1; i <= plan.repeat(); i++) {
        ProcessClock kernelClock = ProcessClock.start();
        KernelAlone.Result kernel = KernelAlone.run(scenario, plan.blocks(), scenario.paths(), threads);
        ProcessClock.Phase kernelPhase = kernelClock.stop();
        HeapWatch.Phase kernelHeap = heap.mark();
        log.printf(Locale.ROOT, "unwind: bench pair %d/%d: kernel alone %.2f s (%,.0f paths/s)%n",
            i, plan.repeat(), BenchReport.seconds(kernel.elapsed()), kernel.pathsPerSecond());
        String id = plan.runIdPrefix() + "-" + i;
        ProcessClock sparkClock = ProcessClock.start();
        SimulateJob.Result simulated = SimulateJob.run(spark, scenario, layout, id,
            plan.partitions(), plan.blocks(), true, progress);
        ProcessClock.Phase sparkPhase = sparkClock.stop();
        HeapWatch.Phase sparkHeap = heap.mark();
        sparkPartitions = simulated.partitions();
        log.printf(Locale.ROOT, "unwind: bench pair %d/%d: Spark simulate %.2f s%n", i,
            plan.repeat(), BenchReport.seconds(sparkPhase.wall()));
        long readStart = System.nanoTime();
        PathChecksum written = PathChecksum.ofTable(spark, layout, id);
        Duration readBack = Duration.ofNanos(System.nanoTime() - readStart);
        if (plan.deleteOutput()) {
          deleteRun(spark.sparkContext().hadoopConfiguration(), layout, id);
        }
        heap.mark();
        pairs.add(new BenchReport.Pair(i, kernel, kernelPhase, kernelHeap, sparkPhase, sparkHeap,
            written, readBack));
      }
      BenchReport.Setup setup = new BenchReport.Setup(scenario.name(), scenario.paths(),
          scenario.strategies().size(), scenario.horizonDays(), scenario.seed(), jsc.master(),
          threads, sparkPartitions, plan.blocks().chunkCount(), plan.blocks().chunkPaths(),
          plan.blocks().blockPaths(),
          System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
          HeapWatch.maxHeap(), layout.root(), plan.deleteOutput(), jvmToCommand, sessionStart, warmup);
      return new Result(setup, List.copyOf(pairs));
    }
  }

  /** Deletes everything run {@code id} wrote. */
  private static void deleteRun(Configuration hadoop, OutputLayout layout, String id) {
    for (Table t : Table.values()) {
      layout.deleteRun(hadoop, t, id);
    }
    ChunkMarkers.deleteAll(hadoop, layout, id);
  }
}
