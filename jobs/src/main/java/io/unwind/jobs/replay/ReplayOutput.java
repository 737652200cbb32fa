package io.unwind.jobs.replay;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.ChunkFiles;
import io.unwind.jobs.io.ChunkMarker;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.PathOutput;
import io.unwind.jobs.io.RowMapper;
import io.unwind.jobs.io.RunOwner;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Schemas;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.replay.EpisodeReport;
import io.unwind.replay.StrategyOutcome;
import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a replay run: {@code paths}, {@code events}, {@code samples} (chunk 0) through
 * {@link RowMapper} and {@link Tables#write}, the {@code episodes} rows, the chunk's marker (files,
 * lengths and SHA-256, row counts) and then the {@code runs} row (complete last, so a reader never
 * sees half a run), all under the run's owner lock like simulate's.
 */
public final class ReplayOutput {

  private ReplayOutput() {
  }

  /**
   * @param scenario the scenario of the written paths (its horizon, path count and regimes)
   * @param eventRegimes regime names of events and samples (the scenario's, then warm-up)
   * @param paths the paths, in path-id order
   * @param episodes the episodes and the whole, or empty
   * @param partitions Spark partitions of each table's rows (the rows do not depend on it)
   */
  public static void write(SparkSession spark, OutputLayout out, String runId,
      ResolvedScenario scenario, String[] eventRegimes, List<PathOutput> paths,
      List<EpisodeReport> episodes, int partitions, String codeVersion) {
    Instant started = Instant.now();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // One writer per run id, as for simulate: a second replay (or simulate) of the id while this
    // one runs is refused, and the chunk marker and runs row name this attempt.
    try (RunOwner owner = RunOwner.acquire(hadoop, out, runId, false)) {
      writeOwned(spark, hadoop, out, runId, scenario, eventRegimes, paths, episodes, partitions,
          codeVersion, started, owner);
    }
  }

  private static void writeOwned(SparkSession spark, Configuration hadoop, OutputLayout out,
      String runId, ResolvedScenario scenario, String[] eventRegimes, List<PathOutput> paths,
      List<EpisodeReport> episodes, int partitions, String codeVersion, Instant started,
      RunOwner owner) {
    long pathCount = Math.max(1, paths.size());
    RunRecord run = RunRecord.starting(runId, scenario, pathCount, codeVersion,
        spark.version(), started, owner.attemptId());
    Tables.writeRun(spark, out, run);
    // A rerun of the id replaces the earlier one whole (it may have had other strategies or paths).
    ChunkMarkers.deleteAll(hadoop, out, runId);
    for (Table t : new Table[] {Table.PATHS, Table.EVENTS, Table.SAMPLES, Table.EPISODES,
        Table.SUMMARY, Table.HISTOGRAMS}) {
      out.deleteRun(hadoop, t, runId);
    }
    RowMapper pathMapper = new RowMapper(runId, scenario.regimeNames());
    RowMapper dayMapper = new RowMapper(runId, eventRegimes);
    List<Row> pathRows = new ArrayList<>();
    List<Row> eventRows = new ArrayList<>();
    List<Row> sampleRows = new ArrayList<>();
    for (PathOutput p : paths) {
      pathRows.addAll(pathMapper.paths(p, 0));
      eventRows.addAll(dayMapper.events(p, 0));
      sampleRows.addAll(dayMapper.samples(p, 0));
    }
    write(spark, out, Table.PATHS, Schemas.PATHS, pathRows, partitions);
    write(spark, out, Table.EVENTS, Schemas.EVENTS, eventRows, partitions);
    write(spark, out, Table.SAMPLES, Schemas.SAMPLES, sampleRows, partitions);
    List<Row> episodeRows = new ArrayList<>();
    for (EpisodeReport e : episodes) {
      for (StrategyOutcome o : e.strategies().values()) {
        episodeRows.add(RowFactory.create(e.episode().name(), Date.valueOf(e.episode().start()),
            Date.valueOf(e.episode().end()), Date.valueOf(e.firstDay()), Date.valueOf(e.lastDay()),
            o.days(), o.maxDrawdown(), o.totalReturn(), o.realizedVol(), o.avgLeverage(),
            o.minLeverage(), o.maxLeverage(), o.deleveragingDays(), o.forcedSales(),
            o.marginCalls(), o.impactCost(), o.defaulted(), runId, o.strategy().key()));
      }
    }
    write(spark, out, Table.EPISODES, Schemas.EPISODES, episodeRows, partitions);
    // The one chunk's marker, with every data file's length and SHA-256, as simulate commits one:
    // aggregate verifies a replay run like any other.
    List<ChunkMarker.DataFile> files = ChunkFiles.digest(hadoop, out, runId, 0);
    owner.check();
    ChunkMarkers.write(hadoop, out, new ChunkMarker(runId, 0, scenario.configHash(), pathCount, 0,
        pathCount, pathRows.size(), eventRows.size(), sampleRows.size(), owner.attemptId(), files));
    owner.check();
    Tables.writeRun(spark, out, run.finish(RunStatus.COMPLETE, Instant.now()));
  }

  private static void write(SparkSession spark, OutputLayout out, Table table, StructType schema,
      List<Row> rows, int partitions) {
    Tables.write(spark.createDataFrame(rows, schema).repartition(partitions), out, table);
  }
}
