package io.unwind.jobs.simulate;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.BuildInfo;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.PathOutput;
import io.unwind.jobs.io.RowMapper;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * Simulates every path of a scenario and writes {@code paths}, {@code events}, {@code samples}
 * and the run's {@code runs} row.
 *
 * <p>Order of a run: the {@code runs} row is written as {@code running}; data an earlier run of
 * the same id left is deleted (so a smaller rerun leaves no stale chunks); then chunk by chunk
 * (path-id ranges, {@link PathBlocks}) the kernel runs once per path inside {@code mapPartitions},
 * its output is persisted (memory, spilling to disk) and the three tables are written from it with dynamic
 * partition overwrite; last the {@code runs} row becomes {@code complete}, or {@code failed} when
 * anything throws. Readers treat a run as visible only when complete.
 */
public final class SimulateJob {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private SimulateJob() {
  }

  /**
   * What a simulate run wrote.
   *
   * @param run the final {@code runs} record
   * @param pathRows rows written to {@code paths}
   * @param eventRows rows written to {@code events}
   * @param sampleRows rows written to {@code samples}
   * @param chunks chunks committed
   * @param partitions Spark partitions per chunk
   * @param elapsed wall time
   */
  public record Result(RunRecord run, long pathRows, long eventRows, long sampleRows, int chunks,
      int partitions, Duration elapsed) {
  }

  /**
   * Runs the simulation of {@code scenario} as run {@code runId} under {@code out}.
   *
   * @param spark the session
   * @param scenario the resolved scenario (driver side; broadcast to executors)
   * @param out the output root
   * @param runId the validated run id
   * @param partitions Spark partitions per chunk, or null for 2 x the default parallelism
   * @param blocks the block and chunk split of the run's path ids
   * @param console where progress lines go
   * @return what was written
   */
  public static Result run(SparkSession spark, ResolvedScenario scenario, OutputLayout out,
      String runId, Integer partitions, PathBlocks blocks, PrintStream console) {
    long startNanos = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parallelism = partitions != null ? partitions : 2 * jsc.defaultParallelism();
    RunRecord running = RunRecord.starting(runId, scenario, blocks.chunkPaths(),
        BuildInfo.version(), spark.version(), Instant.now());
    Tables.writeRun(spark, out, running);
    try {
      for (Table t : List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES, Table.SUMMARY, Table.HISTOGRAMS)) {
        out.deleteRun(jsc.hadoopConfiguration(), t, runId);
      }
      LongAccumulator pathsDone = jsc.sc().longAccumulator("unwind.paths");
      Broadcast<ResolvedScenario> shared = jsc.broadcast(scenario);
      try (Progress progress = new Progress(jsc.sc(), pathsDone, scenario.paths(),
          "simulate " + runId, console, PROGRESS_EVERY)) {
        for (int c = 0; c < blocks.chunkCount(); c++) {
          writeChunk(spark, jsc, shared, out, runId, blocks, c, parallelism, pathsDone);
        }
      } finally {
        shared.unpersist();
      }
      // Counted from what was written (Parquet footers), exact even when tasks were retried.
      long eventCount = Tables.readRun(spark, out, Table.EVENTS, runId).count();
      long sampleCount = Tables.readRun(spark, out, Table.SAMPLES, runId).count();
      RunRecord complete = running.finish(RunStatus.COMPLETE, Instant.now());
      Tables.writeRun(spark, out, complete);
      return new Result(complete, scenario.paths() * scenario.strategies().size(), eventCount,
          sampleCount, blocks.chunkCount(), parallelism,
          Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (Exception e) {
      // Exception, not RuntimeException: Scala code throws SparkException (checked in Java's
      // eyes) without declaring it. The precise rethrow keeps this method's signature unchecked.
      markFailed(spark, out, running, e);
      throw e;
    }
  }

  /** Simulates one chunk once and writes its rows to the three tables. */
  private static void writeChunk(SparkSession spark, JavaSparkContext jsc,
      Broadcast<ResolvedScenario> shared, OutputLayout out, String runId, PathBlocks blocks,
      int chunk, int parallelism, LongAccumulator pathsDone) {
    List<Long> blockIds = blocks.blocksOfChunk(chunk);
    int slices = Math.max(1, Math.min(parallelism, blockIds.size()));
    JavaRDD<PathOutput> simulated = jsc.parallelize(blockIds, slices)
        .mapPartitions(new SimulatePartition(shared, blocks, pathsDone))
        // Each path is simulated once: the three writes below read this copy. Kept as objects
        // (spilling to disk only when memory runs short): Java-deserialising it for the events and
        // samples writes cost more than the writes themselves.
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      String hash = shared.value().configHash();
      RowMapper rows = new RowMapper(runId, shared.value().regimeNames());
      write(spark, simulated.flatMap(p -> rows.paths(p, chunk).iterator()), out, Table.PATHS,
          hash, "path_id");
      write(spark, simulated.flatMap(p -> rows.events(p, chunk).iterator()), out, Table.EVENTS,
          hash, "path_id", "day");
      write(spark, simulated.flatMap(p -> rows.samples(p, chunk).iterator()), out, Table.SAMPLES,
          hash, "path_id", "day");
    } finally {
      simulated.unpersist(false);
    }
  }

  private static void write(SparkSession spark, JavaRDD<Row> rows, OutputLayout out, Table table,
      String configHash, String... order) {
    // Sorting by the partition columns first is what the file writer needs anyway; the path id
    // (and day) after them makes files ordered and compress well.
    String[] sort = new String[table.partitionColumns().size() + order.length];
    for (int i = 0; i < table.partitionColumns().size(); i++) {
      sort[i] = table.partitionColumns().get(i);
    }
    System.arraycopy(order, 0, sort, table.partitionColumns().size(), order.length);
    Dataset<Row> df = Tables.withConfigHash(spark.createDataFrame(rows, table.schema()), configHash);
    Tables.write(df.sortWithinPartitions(sort[0], Arrays.copyOfRange(sort, 1, sort.length)), out, table);
  }

  private static void markFailed(SparkSession spark, OutputLayout out, RunRecord running,
      Exception cause) {
    try {
      Tables.writeRun(spark, out, running.finish(RunStatus.FAILED, Instant.now()));
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
