package io.unwind.jobs.aggregate;

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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Summarises a complete run: reads its {@code paths} rows, folds each partition into one
 * {@link StrategyStatistics} per strategy, brings only those accumulators to the driver, merges
 * them and writes the run's {@code summary} (replacing an earlier summary of the same run).
 */
public final class AggregateJob {
  private AggregateJob() {
  }

  /**
   * What the aggregate job produced.
   *
   * @param run the run's record
   * @param rows the summary rows, in strategy order then metric order
   * @param elapsed wall time
   */
  public record Result(RunRecord run, List<SummaryRow> rows, Duration elapsed) {
    public Result {
      rows = List.copyOf(rows);
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
    List<Map<String, StrategyStatistics>> parts = Tables.readRun(spark, out, Table.PATHS, runId)
        .select("strategy", "path_id", "terminal_return", "max_drawdown", "defaulted", "margin_calls")
        .javaRDD()
        .mapPartitions(new FoldPartition(run.paths()))
        .collect();
    Map<String, StrategyStatistics> merged = new HashMap<>();
    for (Map<String, StrategyStatistics> part : parts) {
      part.forEach((strategy, stats) -> merged.merge(strategy, stats, StrategyStatistics::combine));
    }
    List<SummaryRow> rows = new ArrayList<>();
    for (String strategy : run.strategies()) {
      StrategyStatistics stats = merged.get(strategy);
      if (stats == null || stats.count() != run.paths()) {
        throw new IllegalStateException("run '" + runId + "': paths holds "
            + (stats == null ? 0 : stats.count()) + " rows of strategy " + strategy + ", expected "
            + run.paths());
      }
      rows.addAll(stats.summary(strategy));
    }
    List<Row> summaryRows = rows.stream().map(r -> r.toRow(runId)).toList();
    Tables.write(spark.createDataFrame(summaryRows, Schemas.SUMMARY).coalesce(1), out, Table.SUMMARY);
    return new Result(run, rows, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Folds one partition's rows into one accumulator per strategy: the only thing collected. */
  private static final class FoldPartition
      implements FlatMapFunction<Iterator<Row>, Map<String, StrategyStatistics>> {
    private static final long serialVersionUID = 1L;
    private final long paths;

    FoldPartition(long paths) {
      this.paths = paths;
    }

    @Override
    public Iterator<Map<String, StrategyStatistics>> call(Iterator<Row> rows) {
      Map<String, StrategyStatistics> byStrategy = new HashMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        byStrategy.computeIfAbsent(r.getString(0), s -> new StrategyStatistics(paths))
            .accept(r.getLong(1), -r.getDouble(2), r.getDouble(3), r.getBoolean(4), r.getInt(5) > 0);
      }
      return List.of(byStrategy).iterator();
    }
  }
}
