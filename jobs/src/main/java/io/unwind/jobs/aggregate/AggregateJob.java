package io.unwind.jobs.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.unwind.config.InvalidScenarioException;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.io.ChunkFiles;
import io.unwind.jobs.io.ChunkMarker;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Schemas;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.metrics.RankSelection;
import io.unwind.summary.HistogramRow;
import io.unwind.summary.PathOutcome;
import io.unwind.summary.RunStatistics;
import io.unwind.summary.SummaryPlan;
import io.unwind.summary.SummaryRow;
import io.unwind.summary.SummaryRun;
import io.unwind.summary.SummarySelection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Summarises a complete run: reads its {@code paths} rows and writes its {@code summary} and
 * {@code histograms} (replacing earlier ones of the same run).
 *
 * <p>Several scans of {@code paths}; neither the driver nor an executor holds data that grows
 * with the number of paths:
 * <ol>
 *   <li>a count pass (a Spark aggregation over {@code strategy} and {@code regime_days}): per
 *       strategy its rows and, per regime, the paths that visited it, the N the conditional
 *       tails need up front;
 *   <li>rows are shuffled by {@code path_id} and sorted within each partition, so a path's rows
 *       under every strategy arrive together (pairing for the attribution is by path id). The
 *       shuffle is written once; every later pass reads its files again;
 *   <li>selection passes ({@link SummarySelection}, usually three): each partition feeds every
 *       path to one pass of histograms and collected keys, merged in a tree ({@code treeReduce}),
 *       until every order statistic the summary's metrics read is found ({@link SummaryPlan});
 *   <li>the fold: each partition folds its paths into one {@link RunStatistics} (counts, exact
 *       sums, and the sums beyond each selected VaR), merged in a tree;
 *   <li>an importance-sampled run only: a second selection finds the VaR intervals' ends, whose
 *       levels depend on the fold's sums.
 * </ol>
 * What is summarised and how is {@code common}'s ({@code io.unwind.summary}); this class is the
 * wiring. Every accumulator is exact, so the summary is the same bits for any partitioning.
 *
 * <p>An importance-sampled run is summarised by the weighted estimators, each path weighing
 * {@code exp(log_weight)}; one whose weights are all exactly 1 by the plain ones.
 */
public final class AggregateJob {
  /**
   * The {@code paths} columns read, in this order, each named by its constant in lower case; a
   * row's field is read at its constant's ordinal.
   */
  private enum Read {
    PATH_ID, STRATEGY, TERMINAL_RETURN, MAX_DRAWDOWN, DEFAULTED, MARGIN_CALLS, DELEVERAGING_DAYS,
    MAX_CASCADE_ROUNDS, FORCED_SALES, IMPACT_COST, REGIME_DAYS, DRIFT_PNL, VOLUNTARY_SALES,
    DELEVERAGING_EPISODES, MULTI_ROUND_EPISODES,
    /** The path's log likelihood ratio, read (last) for an importance-sampled run only. */
    LOG_WEIGHT;

    final int at = ordinal();

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private AggregateJob() {
  }

  /**
   * What the aggregate job produced.
   *
   * @param run the run's record
   * @param rows the summary rows, in strategy order then metric order, attribution last
   * @param histograms the histogram rows, in strategy order then quantity and bin order
   * @param elapsed wall time
   * @param passes scans of the shuffled paths: the selection passes and the final one (0 for a
   *     result read back from the table)
   */
  public record Result(RunRecord run, List<SummaryRow> rows, List<HistogramRow> histograms,
      Duration elapsed, int passes) {
    public Result {
      rows = List.copyOf(rows);
      histograms = List.copyOf(histograms);
    }

    /** A result without histograms (e.g. for printing a summary read back from the table). */
    public Result(RunRecord run, List<SummaryRow> rows, Duration elapsed) {
      this(run, rows, List.of(), elapsed, 0);
    }
  }

  /**
   * Aggregates run {@code runId} under {@code out}.
   *
   * @throws IncompleteRunException when the run is missing or its status is not complete
   */
  public static Result run(SparkSession spark, OutputLayout out, String runId) {
    return run(spark, out, runId, RankSelection.DEFAULT_COLLECT_LIMIT);
  }

  /** As {@link #run(SparkSession, OutputLayout, String)}, collecting key ranges of at most {@code collectLimit}. */
  static Result run(SparkSession spark, OutputLayout out, String runId, int collectLimit) {
    long startNanos = System.nanoTime();
    RunRecord run = Tables.readRunRecord(spark, out, runId).orElseThrow(() -> new IncompleteRunException(
        "run '" + runId + "': not found under " + out.table(Table.RUNS) + "; run 'unwind simulate' first"));
    if (run.status() != RunStatus.COMPLETE) {
      throw new IncompleteRunException("run '" + runId + "': status is " + run.status().key()
          + ", must be complete to aggregate; rerun 'unwind simulate' for it");
    }
    // Refused before anything is deleted: a run whose recorded config no longer loads keeps its
    // summary.
    ResolvedScenario scenario = scenario(run);
    // Summary and histograms of an earlier aggregate go first and the summary is written last:
    // a summary is there only when all of this aggregate is, and only of data that passed the
    // check below (a run found damaged keeps no summary of what it held before).
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    out.deleteRun(hadoop, Table.SUMMARY, runId);
    out.deleteRun(hadoop, Table.HISTOGRAMS, runId);
    verifyData(spark, out, run);
    boolean importance = scenario.sampling().isWeighted();
    Dataset<Row> paths = Tables.readRun(spark, out, Table.PATHS, runId)
        .select(columns(importance));
    // A run whose every weight is exactly 1 (e.g. sampling.tilt = given with every multiplier 1)
    // drew its paths from the scenario's own chain: the plain estimators summarise it, bit for bit
    // plain sampling's summary.
    boolean weighted = importance
        && !paths.filter(col(Read.LOG_WEIGHT.column()).notEqual(0.0)).isEmpty();
    SummaryRun summaryRun = new SummaryRun(run.paths(), run.strategies(), run.regimes(),
        countVisits(paths, run), scenario.market().maxRounds(), weighted);
    int partitions = Math.max(1, paths.javaRDD().getNumPartitions());
    // One RDD for every pass: its shuffle files are written once and read by each pass.
    JavaRDD<Row> byPath = paths.repartition(partitions, col("path_id"))
        .sortWithinPartitions("path_id")
        .javaRDD();
    SummaryPlan plan = SummaryPlan.of(summaryRun);
    SummarySelection vars = select(byPath, plan.selection(collectLimit));
    RunStatistics merged = byPath.mapPartitions(new FoldPartition(plan, vars))
        .treeReduce(RunStatistics::combine);
    long[] counts = merged.counts();
    for (int s = 0; s < counts.length; s++) {
      if (counts[s] != run.paths()) {
        throw new IllegalStateException("run '" + runId + "': paths holds " + counts[s]
            + " rows of strategy " + run.strategies().get(s) + ", expected " + run.paths());
      }
    }
    SummarySelection ends = select(byPath, merged.intervalSelection(collectLimit));
    List<SummaryRow> rows = merged.summary(ends);
    List<HistogramRow> histograms = merged.histograms();
    Tables.write(spark.createDataFrame(histograms.stream().map(r -> SummaryRows.toRow(r, runId))
        .toList(), Schemas.HISTOGRAMS).coalesce(1), out, Table.HISTOGRAMS);
    Tables.write(spark.createDataFrame(rows.stream().map(r -> SummaryRows.toRow(r, runId)).toList(),
        Schemas.SUMMARY).coalesce(1), out, Table.SUMMARY);
    return new Result(run, rows, histograms, Duration.ofNanos(System.nanoTime() - startNanos),
        vars.passes() + 1 + ends.passes());
  }

  /**
   * The run's resolved scenario, from its canonical config by the loader {@code simulate} used:
   * every setting the summary reads ({@code market.max-rounds}, the sampling method) comes from it.
   */
  static ResolvedScenario scenario(RunRecord run) {
    try {
      return ScenarioLoader.loadText(run.config(), "run '" + run.runId() + "' (runs.config)", null,
          Map.of());
    } catch (InvalidScenarioException e) {
      throw new IncompleteRunException("run '" + run.runId() + "': its recorded config does not "
          + "load: " + String.join("; ", e.problems()));
    }
  }

  /** Advances {@code selection} pass by pass over the paths until it is done; returns it. */
  private static SummarySelection select(JavaRDD<Row> byPath, SummarySelection selection) {
    while (!selection.isDone()) {
      SummarySelection.Pass pass = byPath.mapPartitions(new SelectPartition(selection))
          .treeReduce(SummarySelection.Pass::combine);
      selection.advance(pass);
    }
    return selection;
  }

  /**
   * Checks that the run's data is exactly what its attempt committed: a marker of the run's
   * attempt and config for every chunk, every data file listed in a marker with its length and
   * SHA-256 (no file missing, changed or added), and each table's row count equal to the sum
   * over the markers. (Parquet page checksums are verified on every read besides, see
   * {@link io.unwind.jobs.spark.Sessions}.)
   *
   * @throws IncompleteRunException naming the damaged chunk or file
   */
  static void verifyData(SparkSession spark, OutputLayout out, RunRecord run) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String runId = run.runId();
    Map<Integer, ChunkMarker> markers = ChunkMarkers.read(hadoop, out, runId);
    SortedMap<String, FileStatus> present = ChunkFiles.list(hadoop, out, runId);
    long pathRows = 0;
    long eventRows = 0;
    long sampleRows = 0;
    int chunks = run.chunkCount();
    for (int c = 0; c < chunks; c++) {
      ChunkMarker m = markers.get(c);
      String damage;
      if (m == null) {
        damage = "chunk " + c + " has no commit marker";
      } else if (run.attemptId() != null && !run.attemptId().equals(m.attemptId())) {
        damage = "chunk " + c + " was committed by attempt " + m.attemptId()
            + ", the runs row names attempt " + run.attemptId();
      } else if (!m.configHash().equals(run.configHash())) {
        damage = "chunk " + c + " was written with config " + m.configHash()
            + ", the runs row names " + run.configHash();
      } else {
        damage = ChunkFiles.problem(hadoop, out, m, present);
      }
      if (damage != null) {
        throw damaged(run, damage);
      }
      pathRows += m.pathRows();
      eventRows += m.eventRows();
      sampleRows += m.sampleRows();
    }
    for (String file : present.keySet()) {
      int c = ChunkFiles.chunkOf(file);
      if (c < 0 || c >= chunks) {
        throw damaged(run, file + ": outside the run's " + chunks + " chunks");
      }
    }
    long[] expected = {pathRows, eventRows, sampleRows};
    for (int i = 0; i < ChunkFiles.CHUNKED.size(); i++) {
      Table t = ChunkFiles.CHUNKED.get(i);
      long counted;
      try {
        counted = Tables.readRun(spark, out, t, runId).count();
      } catch (Exception e) {
        throw damaged(run, t.dirName() + " cannot be read: " + firstLine(e));
      }
      if (counted != expected[i]) {
        throw damaged(run, t.dirName() + " holds " + counted + " rows, the markers say "
            + expected[i]);
      }
    }
  }

  private static IncompleteRunException damaged(RunRecord run, String what) {
    return new IncompleteRunException("run '" + run.runId() + "' is damaged: " + what
        + "; rerun 'unwind simulate' for it (a resume recomputes the damaged chunks)");
  }

  /** An exception's message, shortened to its first line (Spark's carry a task report). */
  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The columns read, {@code log_weight} last for an importance-sampled run. */
  private static Column[] columns(boolean importance) {
    Read[] read = Read.values();
    Column[] c = new Column[importance ? read.length : Read.LOG_WEIGHT.at];
    for (int i = 0; i < c.length; i++) {
      c[i] = col(read[i].column());
    }
    return c;
  }

  /**
   * The count pass: per strategy, its rows (checked against the run's path count, a missing
   * chunk fails here before the long pass) and per regime the paths with a day in it.
   */
  private static Map<String, long[]> countVisits(Dataset<Row> paths, RunRecord run) {
    List<String> regimes = run.regimes();
    List<Column> aggregates = new ArrayList<>();
    for (String regime : regimes) {
      aggregates.add(sum(when(col("regime_days").getItem(regime).gt(0), 1L).otherwise(0L)));
    }
    List<Row> counted = paths.groupBy("strategy")
        .agg(count(lit(1)), aggregates.toArray(new Column[0]))
        .collectAsList();
    Map<String, long[]> visited = new HashMap<>();
    Map<String, Long> rows = new HashMap<>();
    for (Row r : counted) {
      long[] v = new long[regimes.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.isNullAt(i + 2) ? 0L : r.getLong(i + 2);
      }
      visited.put(r.getString(0), v);
      rows.put(r.getString(0), r.getLong(1));
    }
    for (String strategy : run.strategies()) {
      long n = rows.getOrDefault(strategy, 0L);
      if (n != run.paths()) {
        throw new IllegalStateException("run '" + run.runId() + "': paths holds " + n
            + " rows of strategy " + strategy + ", expected " + run.paths());
      }
    }
    return visited;
  }

  /**
   * Walks one partition's rows, sorted by path id, as path groups: consecutive rows of the same
   * path id are that path under every strategy; each group is folded into one accumulator.
   */
  private abstract static class GroupFold<T> implements FlatMapFunction<Iterator<Row>, T> {
    private static final long serialVersionUID = 1L;
    final SummaryRun plan;

    GroupFold(SummaryRun plan) {
      this.plan = plan;
    }

    /** A fresh accumulator for the partition. */
    abstract T start();

    /** Folds one path (the outcomes are not kept: read them at once). */
    abstract void accept(T acc, PathOutcome[] group);

    @Override
    public Iterator<T> call(Iterator<Row> rows) {
      T acc = start();
      Map<String, Integer> strategyIndex = new HashMap<>();
      for (int s = 0; s < plan.strategies().size(); s++) {
        strategyIndex.put(plan.strategies().get(s), s);
      }
      int strategies = plan.strategies().size();
      PathOutcome[] group = new PathOutcome[strategies];
      int filled = 0;
      long current = Long.MIN_VALUE;
      while (rows.hasNext()) {
        Row r = rows.next();
        long pathId = r.getLong(Read.PATH_ID.at);
        if (filled > 0 && pathId != current) {
          flush(acc, group, filled, current);
          filled = 0;
        }
        current = pathId;
        Integer s = strategyIndex.get(r.getString(Read.STRATEGY.at));
        if (s == null || group[s] != null) {
          throw new IllegalStateException("path " + pathId + ": unexpected or repeated strategy "
              + r.getString(Read.STRATEGY.at) + " (run strategies " + plan.strategies() + ")");
        }
        group[s] = outcome(r, pathId);
        filled++;
      }
      if (filled > 0) {
        flush(acc, group, filled, current);
      }
      return List.of(acc).iterator();
    }

    private void flush(T acc, PathOutcome[] group, int filled, long pathId) {
      if (filled != group.length) {
        throw new IllegalStateException("path " + pathId + " has rows of " + filled + " of the "
            + group.length + " strategies " + plan.strategies());
      }
      accept(acc, group);
      java.util.Arrays.fill(group, null);
    }

    private PathOutcome outcome(Row r, long pathId) {
      Map<String, Integer> days = r.getJavaMap(Read.REGIME_DAYS.at);
      int[] regimeDays = new int[plan.regimes().size()];
      for (int i = 0; i < regimeDays.length; i++) {
        Integer d = days.get(plan.regimes().get(i));
        regimeDays[i] = d == null ? 0 : d;
      }
      return new PathOutcome(pathId, -r.getDouble(Read.TERMINAL_RETURN.at),
          r.getDouble(Read.MAX_DRAWDOWN.at), r.getBoolean(Read.DEFAULTED.at),
          r.getInt(Read.MARGIN_CALLS.at), r.getInt(Read.DELEVERAGING_DAYS.at),
          r.getInt(Read.MAX_CASCADE_ROUNDS.at), r.getDouble(Read.FORCED_SALES.at),
          r.getDouble(Read.IMPACT_COST.at), regimeDays, r.getDouble(Read.DRIFT_PNL.at),
          r.getDouble(Read.VOLUNTARY_SALES.at), r.getInt(Read.DELEVERAGING_EPISODES.at),
          r.getInt(Read.MULTI_ROUND_EPISODES.at),
          r.length() > Read.LOG_WEIGHT.at ? Math.exp(r.getDouble(Read.LOG_WEIGHT.at)) : 1.0);
    }
  }

  /** One selection pass over a partition. */
  private static final class SelectPartition extends GroupFold<SummarySelection.Pass> {
    private static final long serialVersionUID = 1L;
    private final SummarySelection selection;

    SelectPartition(SummarySelection selection) {
      super(selection.plan().run());
      this.selection = selection;
    }

    @Override
    SummarySelection.Pass start() {
      return selection.pass();
    }

    @Override
    void accept(SummarySelection.Pass pass, PathOutcome[] group) {
      pass.accept(group);
    }
  }

  /** The fold over a partition: every statistic, the tails summed beyond the selected VaRs. */
  private static final class FoldPartition extends GroupFold<RunStatistics> {
    private static final long serialVersionUID = 1L;
    private final SummaryPlan summary;
    private final SummarySelection vars;

    FoldPartition(SummaryPlan summary, SummarySelection vars) {
      super(summary.run());
      this.summary = summary;
      this.vars = vars;
    }

    @Override
    RunStatistics start() {
      return new RunStatistics(summary, vars);
    }

    @Override
    void accept(RunStatistics stats, PathOutcome[] group) {
      stats.accept(group);
    }
  }
}
