package io.unwind.jobs.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Schemas;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Summarises a complete run: reads its {@code paths} rows and writes its {@code summary} and
 * {@code histograms} (replacing earlier ones of the same run).
 *
 * <p>Two scans of {@code paths}, the driver never sees a path row:
 * <ol>
 *   <li>a count pass (a Spark aggregation over {@code strategy} and {@code regime_days}): per
 *       strategy its rows and, per regime, the paths that visited it, the N the conditional
 *       tails need up front;
 *   <li>the pass: rows are shuffled by {@code path_id} and sorted within each partition, so a
 *       path's rows under every strategy arrive together (pairing for the attribution is by path
 *       id); each partition folds them into one {@link RunStatistics}, and the partial
 *       statistics are merged in a tree ({@code treeReduce}), so the driver receives a few
 *       merged accumulators rather than one per partition.
 * </ol>
 * Every accumulator is exact, so the summary is the same bits for any partitioning.
 */
public final class AggregateJob {
  /** The cascade-rounds histogram's range when the run's config does not say (DESIGN's default). */
  static final int DEFAULT_MAX_ROUNDS = 50;

  private static final String[] COLUMNS = {"path_id", "strategy", "terminal_return", "max_drawdown",
      "defaulted", "margin_calls", "deleveraging_days", "max_cascade_rounds", "forced_sales",
      "impact_cost", "regime_days"};

  private AggregateJob() {
  }

  /**
   * What the aggregate job produced.
   *
   * @param run the run's record
   * @param rows the summary rows, in strategy order then metric order, attribution last
   * @param histograms the histogram rows, in strategy order then quantity and bin order
   * @param elapsed wall time
   */
  public record Result(RunRecord run, List<SummaryRow> rows, List<HistogramRow> histograms,
      Duration elapsed) {
    public Result {
      rows = List.copyOf(rows);
      histograms = List.copyOf(histograms);
    }

    /** A result without histograms (e.g. for printing a summary read back from the table). */
    public Result(RunRecord run, List<SummaryRow> rows, Duration elapsed) {
      this(run, rows, List.of(), elapsed);
    }
  }

  /**
   * Aggregates run {@code runId} under {@code out}.
   *
   * @throws IncompleteRunException when the run is missing or its status is not complete
   */
  public static Result run(SparkSession spark, OutputLayout out, String runId) {
    long startNanos = System.nanoTime();
    RunRecord run = Tables.readRunRecord(spark, out, runId).orElseThrow(() -> new IncompleteRunException(
        "run '" + runId + "': not found under " + out.table(Table.RUNS) + "; run 'unwind simulate' first"));
    if (run.status() != RunStatus.COMPLETE) {
      throw new IncompleteRunException("run '" + runId + "': status is " + run.status().key()
          + ", must be complete to aggregate; rerun 'unwind simulate' for it");
    }
    Dataset<Row> paths = Tables.readRun(spark, out, Table.PATHS, runId)
        .select(columns());
    RunStatistics.Plan plan = new RunStatistics.Plan(run.paths(), run.strategies(), run.regimes(),
        countVisits(paths, run), maxRounds(run));
    int partitions = Math.max(1, paths.javaRDD().getNumPartitions());
    RunStatistics merged = paths.repartition(partitions, col("path_id"))
        .sortWithinPartitions("path_id")
        .javaRDD()
        .mapPartitions(new FoldPartition(plan))
        .treeReduce(RunStatistics::combine);
    long[] counts = merged.counts();
    for (int s = 0; s < counts.length; s++) {
      if (counts[s] != run.paths()) {
        throw new IllegalStateException("run '" + runId + "': paths holds " + counts[s]
            + " rows of strategy " + run.strategies().get(s) + ", expected " + run.paths());
      }
    }
    List<SummaryRow> rows = merged.summary();
    List<HistogramRow> histograms = merged.histograms();
    Tables.write(spark.createDataFrame(rows.stream().map(r -> r.toRow(runId)).toList(), Schemas.SUMMARY)
        .coalesce(1), out, Table.SUMMARY);
    Tables.write(spark.createDataFrame(histograms.stream().map(r -> r.toRow(runId)).toList(),
        Schemas.HISTOGRAMS).coalesce(1), out, Table.HISTOGRAMS);
    return new Result(run, rows, histograms, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private static Column[] columns() {
    Column[] c = new Column[COLUMNS.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = col(COLUMNS[i]);
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

  /** The scenario's {@code market.max-rounds}, read from the run's canonical config. */
  static int maxRounds(RunRecord run) {
    try {
      Config config = ConfigFactory.parseString(run.config());
      return config.hasPath("market.max-rounds") ? config.getInt("market.max-rounds") : DEFAULT_MAX_ROUNDS;
    } catch (ConfigException e) {
      return DEFAULT_MAX_ROUNDS;
    }
  }

  /**
   * Folds one partition's rows, sorted by path id, into one {@link RunStatistics}: consecutive
   * rows of the same path id are that path under every strategy.
   */
  private static final class FoldPartition implements FlatMapFunction<Iterator<Row>, RunStatistics> {
    private static final long serialVersionUID = 1L;
    private final RunStatistics.Plan plan;

    FoldPartition(RunStatistics.Plan plan) {
      this.plan = plan;
    }

    @Override
    public Iterator<RunStatistics> call(Iterator<Row> rows) {
      RunStatistics stats = new RunStatistics(plan);
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
        long pathId = r.getLong(0);
        if (filled > 0 && pathId != current) {
          flush(stats, group, filled, current);
          filled = 0;
        }
        current = pathId;
        Integer s = strategyIndex.get(r.getString(1));
        if (s == null || group[s] != null) {
          throw new IllegalStateException("path " + pathId + ": unexpected or repeated strategy "
              + r.getString(1) + " (run strategies " + plan.strategies() + ")");
        }
        group[s] = outcome(r, pathId);
        filled++;
      }
      if (filled > 0) {
        flush(stats, group, filled, current);
      }
      return List.of(stats).iterator();
    }

    private void flush(RunStatistics stats, PathOutcome[] group, int filled, long pathId) {
      if (filled != group.length) {
        throw new IllegalStateException("path " + pathId + " has rows of " + filled + " of the "
            + group.length + " strategies " + plan.strategies());
      }
      stats.accept(group); // not kept: the outcomes are read at once
      java.util.Arrays.fill(group, null);
    }

    private PathOutcome outcome(Row r, long pathId) {
      Map<String, Integer> days = r.getJavaMap(10);
      int[] regimeDays = new int[plan.regimes().size()];
      for (int i = 0; i < regimeDays.length; i++) {
        Integer d = days.get(plan.regimes().get(i));
        regimeDays[i] = d == null ? 0 : d;
      }
      return new PathOutcome(pathId, -r.getDouble(2), r.getDouble(3), r.getBoolean(4), r.getInt(5),
          r.getInt(6), r.getInt(7), r.getDouble(8), r.getDouble(9), regimeDays);
    }
  }
}
