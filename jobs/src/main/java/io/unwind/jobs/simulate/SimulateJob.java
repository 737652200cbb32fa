package io.unwind.jobs.simulate;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.BuildInfo;
import io.unwind.jobs.io.ChunkFiles;
import io.unwind.jobs.io.ChunkMarker;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.PathOutput;
import io.unwind.jobs.io.RowMapper;
import io.unwind.jobs.io.RunOwner;
import io.unwind.jobs.io.RunOwnershipException;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
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
 * the same id left is deleted (so a smaller rerun leaves no stale chunks), unless the earlier
 * attempt was interrupted with the same config, in which case its committed chunks are kept;
 * then chunk by chunk (path-id ranges, {@link PathBlocks}) the kernel runs once per path inside
 * {@code mapPartitions}, its output is persisted (memory, spilling to disk), the three tables are
 * written from it with dynamic partition overwrite, and a commit marker ({@link ChunkMarker})
 * records the chunk as done; last the {@code runs} row becomes {@code complete}, or
 * {@code failed} when anything throws. A killed driver leaves it {@code running}. Readers treat a
 * run as visible only when complete.
 */
public final class SimulateJob {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  private static final List<Table> CHUNKED_TABLES = List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES);
  private static final List<Table> ALL_RUN_TABLES =
      List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES, Table.SUMMARY, Table.HISTOGRAMS);

  private SimulateJob() {
  }

  /**
   * What a simulate run wrote.
   *
   * @param run the final {@code runs} record
   * @param pathRows rows written to {@code paths}
   * @param eventRows rows written to {@code events}
   * @param sampleRows rows written to {@code samples}
   * @param chunks chunks of the run
   * @param reusedChunks chunks an earlier attempt had committed, kept rather than recomputed
   * @param partitions Spark partitions per chunk
   * @param elapsed wall time
   */
  public record Result(RunRecord run, long pathRows, long eventRows, long sampleRows, int chunks,
      int reusedChunks, int partitions, Duration elapsed) {
  }

  /**
   * Runs the simulation of {@code scenario} as run {@code runId} under {@code out}, resuming an
   * interrupted run of the same id and config when there is one (see
   * {@link #run(SparkSession, ResolvedScenario, OutputLayout, String, Integer, PathBlocks, boolean, PrintStream)}).
   */
  public static Result run(SparkSession spark, ResolvedScenario scenario, OutputLayout out,
      String runId, Integer partitions, PathBlocks blocks, PrintStream console) {
    return run(spark, scenario, out, runId, partitions, blocks, false, console, ChunkListener.NONE);
  }

  /**
   * Runs the simulation of {@code scenario} as run {@code runId} under {@code out}.
   *
   * <p>Resume: when the run's {@code runs} row is {@code running} or {@code failed} and has the
   * same config hash, chunk size and code version, chunks with a valid commit marker (whose row
   * counts still match the data) are kept and every other chunk's directories are deleted and
   * recomputed. Otherwise (no row, a {@code complete} row, another config, or {@code fresh}) the
   * run's data and markers are deleted first, so a rerun replaces the run.
   *
   * @param spark the session
   * @param scenario the resolved scenario (driver side; broadcast to executors)
   * @param out the output root
   * @param runId the validated run id
   * @param partitions Spark partitions per chunk, or null for 2 x the default parallelism
   * @param blocks the block and chunk split of the run's path ids
   * @param fresh start afresh even when the run could be resumed
   * @param console where progress lines go
   * @return what was written
   */
  public static Result run(SparkSession spark, ResolvedScenario scenario, OutputLayout out,
      String runId, Integer partitions, PathBlocks blocks, boolean fresh, PrintStream console) {
    return run(spark, scenario, out, runId, partitions, blocks, fresh, console, ChunkListener.NONE);
  }

  /** {@link #run(SparkSession, ResolvedScenario, OutputLayout, String, Integer, PathBlocks, boolean, PrintStream)} with a chunk hook. */
  static Result run(SparkSession spark, ResolvedScenario scenario, OutputLayout out,
      String runId, Integer partitions, PathBlocks blocks, boolean fresh, PrintStream console,
      ChunkListener listener) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // One writer per run: nothing is read or written before this attempt owns the run id.
    try (RunOwner owner = RunOwner.acquire(jsc.hadoopConfiguration(), out, runId, fresh)) {
      return runOwned(spark, scenario, out, runId, partitions, blocks, fresh, console, listener,
          owner);
    }
  }

  /**
   * Partitions a chunk is actually split into: the request (or 2 x the default parallelism),
   * at most one per block of the largest chunk, since a partition holds whole blocks.
   */
  static int effectivePartitions(Integer requested, int defaultParallelism, PathBlocks blocks) {
    int wanted = requested != null ? requested : 2 * defaultParallelism;
    long blocksInChunk = (blocks.chunkEnd(0) - blocks.chunkStart(0) + blocks.blockPaths() - 1)
        / blocks.blockPaths();
    return (int) Math.max(1, Math.min(wanted, blocksInChunk));
  }

  private static Result runOwned(SparkSession spark, ResolvedScenario scenario, OutputLayout out,
      String runId, Integer partitions, PathBlocks blocks, boolean fresh, PrintStream console,
      ChunkListener listener, RunOwner owner) {
    long startNanos = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    int parallelism = effectivePartitions(partitions, jsc.defaultParallelism(), blocks);
    Optional<RunRecord> previous = Tables.readRunRecord(spark, out, runId);
    String freshReason = freshReason(previous, scenario, blocks, BuildInfo.version(), fresh);
    RunRecord running = RunRecord.starting(runId, scenario, blocks.chunkPaths(),
        BuildInfo.version(), spark.version(), Instant.now(), owner.attemptId());
    // Earlier attempts of this run are dead or taken over: their staged tables are debris, and
    // so are Spark's staging directories a killed driver left in the table roots.
    deleteTree(hadoop, out.stagingOfRun(runId));
    out.deleteStaleSparkStaging(hadoop, STALE_SPARK_STAGING.toMillis());
    if (freshReason != null) {
      // Markers go before the row turns running: a crash in between leaves the old row and no
      // marker, so no later attempt can take a chunk of the replaced run as committed.
      ChunkMarkers.deleteAll(hadoop, out, runId);
    }
    owner.check();
    Tables.writeRun(spark, out, running);
    OutputLayout staging = out.staging(runId, owner.attemptId());
    try {
      SortedSet<Integer> reused;
      if (freshReason != null) {
        if (previous.isPresent()) {
          console.printf(Locale.ROOT, "unwind: starting run %s afresh: %s%n", runId, freshReason);
        }
        for (Table t : ALL_RUN_TABLES) {
          out.deleteRun(hadoop, t, runId);
        }
        reused = new TreeSet<>();
      } else {
        reused = keepCommitted(spark, out, runId, scenario, blocks, previous.get(), owner, console);
        console.printf(Locale.ROOT, "unwind: resuming run %s: %s of %d already committed; computing %d%n",
            runId, reused.isEmpty() ? "no chunk" : "chunks " + ranges(reused), blocks.chunkCount(),
            blocks.chunkCount() - reused.size());
      }
      long remainingPaths = 0;
      for (int c = 0; c < blocks.chunkCount(); c++) {
        if (!reused.contains(c)) {
          remainingPaths += blocks.chunkEnd(c) - blocks.chunkStart(c);
        }
      }
      LongAccumulator pathsDone = jsc.sc().longAccumulator("unwind.paths");
      Broadcast<ResolvedScenario> shared = jsc.broadcast(scenario);
      try (Progress progress = new Progress(jsc.sc(), pathsDone, Math.max(1, remainingPaths),
          "simulate " + runId, console, PROGRESS_EVERY)) {
        for (int c = 0; c < blocks.chunkCount(); c++) {
          if (reused.contains(c)) {
            continue;
          }
          listener.computing(c);
          writeChunk(spark, jsc, shared, staging, runId, blocks, c, parallelism, pathsDone);
          owner.check();
          moveIntoPlace(hadoop, staging, out, runId, c);
          commitChunk(spark, out, runId, scenario, blocks, c, owner);
          listener.committed(c);
        }
      } finally {
        shared.unpersist();
      }
      // Counted from what was written (Parquet footers), exact even when tasks were retried.
      long eventCount = Tables.readRun(spark, out, Table.EVENTS, runId).count();
      long sampleCount = Tables.readRun(spark, out, Table.SAMPLES, runId).count();
      checkAllCommittedBy(hadoop, out, runId, blocks, owner);
      RunRecord complete = running.finish(RunStatus.COMPLETE, Instant.now());
      owner.check();
      String rowAttempt = Tables.readRunRecord(spark, out, runId).map(RunRecord::attemptId).orElse(null);
      if (!owner.attemptId().equals(rowAttempt)) {
        throw new RunOwnershipException("run '" + runId + "': the runs row names attempt "
            + rowAttempt + ", not this attempt " + owner.attemptId() + "; stopped without "
            + "marking the run complete");
      }
      // The commit point of the whole run: readers use complete runs only.
      Tables.writeRun(spark, out, complete);
      return new Result(complete, scenario.paths() * scenario.strategies().size(), eventCount,
          sampleCount, blocks.chunkCount(), reused.size(), parallelism,
          Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (RunOwnershipException e) {
      // The run belongs to another attempt now: this one writes nothing more, not even failed.
      throw e;
    } catch (Exception e) {
      // Exception, not RuntimeException: Scala code throws SparkException (checked in Java's
      // eyes) without declaring it. The precise rethrow keeps this method's signature unchecked.
      try {
        // A stalled attempt whose run was taken over fails here, marking nothing.
        owner.check();
      } catch (RunOwnershipException lost) {
        lost.addSuppressed(e);
        throw lost;
      }
      markFailed(spark, out, running, owner, e);
      NonFiniteOutputException nonFinite = causeOf(e, NonFiniteOutputException.class);
      if (nonFinite != null) {
        // One line naming the path, strategy and column rather than Spark's task report.
        nonFinite.addSuppressed(e);
        throw nonFinite;
      }
      throw e;
    } finally {
      deleteTreeQuietly(hadoop, staging.root());
      deleteIfEmptyQuietly(hadoop, out.stagingOfRun(runId));
    }
  }

  private static void deleteIfEmptyQuietly(Configuration hadoop, String dir) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      if (fs.exists(p) && fs.listStatus(p).length == 0) {
        fs.delete(p, false);
      }
    } catch (IOException | RuntimeException e) {
      // Another attempt staged something meanwhile: its directory stays.
    }
  }

  /** Spark staging directories older than this in a table root are a killed driver's debris. */
  private static final Duration STALE_SPARK_STAGING = Duration.ofMinutes(10);

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * Moves chunk {@code chunk}'s directories of every chunked table from the attempt's staging
   * layout into the output: one rename per strategy and table (atomic on HDFS and local disks,
   * a copy on object stores), after the ownership check, so a stalled attempt's late writes
   * land in its own staging directory, never over another attempt's chunk.
   */
  private static void moveIntoPlace(Configuration hadoop, OutputLayout staging, OutputLayout out,
      String runId, int chunk) {
    for (Table t : CHUNKED_TABLES) {
      org.apache.hadoop.fs.Path stagedRun = new org.apache.hadoop.fs.Path(staging.run(t, runId));
      try {
        FileSystem fs = stagedRun.getFileSystem(hadoop);
        if (!fs.exists(stagedRun)) {
          continue;
        }
        for (FileStatus strategy : fs.listStatus(stagedRun)) {
          String name = strategy.getPath().getName();
          if (!strategy.isDirectory() || !name.startsWith("strategy=")) {
            continue;
          }
          org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(strategy.getPath(),
              "chunk=" + chunk);
          if (!fs.exists(src)) {
            continue;
          }
          org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(
              out.chunk(t, runId, name.substring("strategy=".length()), chunk));
          fs.delete(dst, true);
          fs.mkdirs(dst.getParent());
          if (!fs.rename(src, dst)) {
            throw new IOException("rename " + src + " -> " + dst + " returned false");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot move chunk " + chunk + " of " + t.dirName()
            + " into place", e);
      }
    }
  }

  /** Fails unless every chunk has a marker of this attempt (checked before {@code complete}). */
  private static void checkAllCommittedBy(Configuration hadoop, OutputLayout out, String runId,
      PathBlocks blocks, RunOwner owner) {
    Map<Integer, ChunkMarker> markers = ChunkMarkers.read(hadoop, out, runId);
    for (int c = 0; c < blocks.chunkCount(); c++) {
      ChunkMarker m = markers.get(c);
      if (m == null || !owner.attemptId().equals(m.attemptId())) {
        owner.check();
        throw new IllegalStateException("run '" + runId + "': chunk " + c + " has "
            + (m == null ? "no marker" : "a marker of attempt " + m.attemptId())
            + " at the end of attempt " + owner.attemptId());
      }
    }
  }

  private static void deleteTree(Configuration hadoop, String dir) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      if (fs.exists(p)) {
        fs.delete(p, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }

  private static void deleteTreeQuietly(Configuration hadoop, String dir) {
    try {
      deleteTree(hadoop, dir);
    } catch (RuntimeException e) {
      // Debris the next attempt of the run deletes.
    }
  }

  /**
   * Why a run must start afresh rather than resume the earlier attempt {@code previous}, or null
   * when it can resume: only a {@code running} or {@code failed} attempt of the same config
   * (hash), chunk size and code version is resumed, since only then are its committed chunks
   * exactly the rows this run would write.
   */
  static String freshReason(Optional<RunRecord> previous, ResolvedScenario scenario,
      PathBlocks blocks, String codeVersion, boolean fresh) {
    if (fresh) {
      return "--fresh given";
    }
    if (previous.isEmpty()) {
      return "no earlier attempt";
    }
    RunRecord p = previous.get();
    if (p.status() == RunStatus.COMPLETE) {
      return "replacing the complete run";
    }
    if (!scenario.configHash().equals(p.configHash())) {
      return "the " + p.status().key() + " attempt had another config (hash "
          + abbreviate(p.configHash()) + ", now " + abbreviate(scenario.configHash()) + ")";
    }
    if (p.chunkPaths() != blocks.chunkPaths()) {
      return "the " + p.status().key() + " attempt used --chunk-paths " + p.chunkPaths()
          + ", now " + blocks.chunkPaths();
    }
    if (!Objects.equals(p.codeVersion(), codeVersion)) {
      return "the " + p.status().key() + " attempt ran unwind " + p.codeVersion() + ", now " + codeVersion;
    }
    return null;
  }

  private static String abbreviate(String hash) {
    return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
  }

  /**
   * Keeps the chunks the earlier attempt {@code previous} committed and deletes the rest: markers
   * of another attempt, config or split are dropped, every chunk directory without a valid
   * marker is deleted in every table, and a marked chunk whose files are not exactly the files
   * its marker lists (length and SHA-256) or whose row counts no longer match is deleted too,
   * naming the damaged file. The chunks kept are adopted: their markers name this attempt.
   */
  private static SortedSet<Integer> keepCommitted(SparkSession spark, OutputLayout out,
      String runId, ResolvedScenario scenario, PathBlocks blocks, RunRecord previous,
      RunOwner owner, PrintStream console) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // Derived from all chunks: stale until the resumed run is aggregated again.
    out.deleteRun(hadoop, Table.SUMMARY, runId);
    out.deleteRun(hadoop, Table.HISTOGRAMS, runId);
    SortedSet<Integer> keep = new TreeSet<>();
    for (ChunkMarker m : ChunkMarkers.read(hadoop, out, runId).values()) {
      if (m.chunk() < blocks.chunkCount() && m.configHash().equals(scenario.configHash())
          && (previous.attemptId() == null || previous.attemptId().equals(m.attemptId()))
          && m.chunkPaths() == blocks.chunkPaths() && m.pathStart() == blocks.chunkStart(m.chunk())
          && m.pathEnd() == blocks.chunkEnd(m.chunk())
          && m.pathRows() == expectedPathRows(scenario, blocks, m.chunk())) {
        keep.add(m.chunk());
      } else {
        ChunkMarkers.delete(hadoop, out, runId, m.chunk());
      }
    }
    for (Table t : CHUNKED_TABLES) {
      out.deleteChunksExcept(hadoop, t, runId, keep);
    }
    Map<Integer, ChunkMarker> markers = ChunkMarkers.read(hadoop, out, runId);
    SortedMap<String, FileStatus> present = ChunkFiles.list(hadoop, out, runId);
    for (int c : List.copyOf(keep)) {
      ChunkMarker m = markers.get(c);
      String damage = m == null ? "its marker vanished" : ChunkFiles.problem(hadoop, out, m, present);
      if (damage == null && !countsMatch(spark, out, runId, m)) {
        damage = "row counts differ from the marker's";
      }
      if (damage != null) {
        console.printf(Locale.ROOT, "unwind: run %s chunk %d is recomputed: %s%n", runId, c, damage);
        ChunkMarkers.delete(hadoop, out, runId, c);
        keep.remove(c);
      }
    }
    for (Table t : CHUNKED_TABLES) {
      out.deleteChunksExcept(hadoop, t, runId, keep);
    }
    for (int c : keep) {
      owner.check();
      ChunkMarkers.write(hadoop, out, markers.get(c).withAttempt(owner.attemptId()));
    }
    return keep;
  }

  private static boolean countsMatch(SparkSession spark, OutputLayout out, String runId, ChunkMarker m) {
    try {
      return Tables.countChunk(spark, out, Table.PATHS, runId, m.chunk()) == m.pathRows()
          && Tables.countChunk(spark, out, Table.EVENTS, runId, m.chunk()) == m.eventRows()
          && Tables.countChunk(spark, out, Table.SAMPLES, runId, m.chunk()) == m.sampleRows();
    } catch (Exception e) {
      // An unreadable file in a marked chunk (Spark throws the checked SparkException, Hadoop a
      // ChecksumException): the chunk is recomputed rather than trusted.
      return false;
    }
  }

  private static long expectedPathRows(ResolvedScenario scenario, PathBlocks blocks, int chunk) {
    return (blocks.chunkEnd(chunk) - blocks.chunkStart(chunk)) * scenario.strategies().size();
  }

  /**
   * Commits chunk {@code chunk}: counts what its three tables hold (from the files, so exact
   * whatever tasks were retried), checks the paths count, digests every file, and, if this
   * attempt still owns the run, writes the marker.
   */
  private static void commitChunk(SparkSession spark, OutputLayout out, String runId,
      ResolvedScenario scenario, PathBlocks blocks, int chunk, RunOwner owner) {
    long pathRows = Tables.countChunk(spark, out, Table.PATHS, runId, chunk);
    long expected = expectedPathRows(scenario, blocks, chunk);
    if (pathRows != expected) {
      throw new IllegalStateException("run '" + runId + "' chunk " + chunk + ": paths holds "
          + pathRows + " rows, expected " + expected);
    }
    long eventRows = Tables.countChunk(spark, out, Table.EVENTS, runId, chunk);
    long sampleRows = Tables.countChunk(spark, out, Table.SAMPLES, runId, chunk);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<ChunkMarker.DataFile> files = ChunkFiles.digest(hadoop, out, runId, chunk);
    owner.check();
    ChunkMarkers.write(hadoop, out, new ChunkMarker(runId, chunk, scenario.configHash(),
        blocks.chunkPaths(), blocks.chunkStart(chunk), blocks.chunkEnd(chunk), pathRows,
        eventRows, sampleRows, owner.attemptId(), files));
  }

  /** {@code 0-3, 5, 7-8}: a sorted set of chunk numbers as ranges. */
  static String ranges(SortedSet<Integer> chunks) {
    StringBuilder sb = new StringBuilder();
    Integer first = null;
    Integer last = null;
    for (int c : chunks) {
      if (last != null && c == last + 1) {
        last = c;
        continue;
      }
      appendRange(sb, first, last);
      first = c;
      last = c;
    }
    appendRange(sb, first, last);
    return sb.toString();
  }

  private static void appendRange(StringBuilder sb, Integer first, Integer last) {
    if (first == null) {
      return;
    }
    if (sb.length() > 0) {
      sb.append(", ");
    }
    sb.append(first);
    if (!first.equals(last)) {
      sb.append('-').append(last);
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
      RunOwner owner, Exception cause) {
    try {
      owner.check();
      Tables.writeRun(spark, out, running.finish(RunStatus.FAILED, Instant.now()));
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
