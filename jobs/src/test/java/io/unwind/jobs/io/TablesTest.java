package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.StrategyKind;
import io.unwind.jobs.spark.SharedSpark;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.SampleLog;
import io.unwind.sim.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablesTest {
  private static final String[] REGIMES = {"calm", "crisis"};

  @TempDir
  Path tmp;

  private final SparkSession spark = SharedSpark.session();

  private static PathResult result(long pathId, StrategyKind kind, boolean defaulted) {
    return new PathResult(pathId, kind, defaulted ? -1.0 : 0.01 * pathId, 0.2, 0.1, 2.5, 3.0,
        2, 3, 4, 0.5, 0.01, 0.02, 0.003, defaulted, defaulted ? 77 : -1, defaulted ? 0.1 : 0.0,
        new int[] {100, 26}, 0.04, 1.5, 2, 1);
  }

  private void writePaths(OutputLayout out, String runId, long... ids) {
    RowMapper mapper = new RowMapper(runId, REGIMES);
    List<Row> rows = new ArrayList<>();
    for (long id : ids) {
      PathResult[] results = {result(id, StrategyKind.LEVERED_ERC, id == 1), result(id, StrategyKind.SIXTY_FORTY, false)};
      rows.addAll(mapper.paths(PathOutput.of(id, results, new EventLog(), new SampleLog()), 0));
    }
    // Through an RDD, as the simulate job does: Spark's row encoder is stricter about external
    // types (e.g. maps) than the local-list path.
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2);
    Tables.write(spark.createDataFrame(rdd, Schemas.PATHS), out, Table.PATHS);
  }

  @Test
  void path_roundTrip_valuesNullDefaultDayAndRegimeMapSurvive() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    writePaths(out, "r1", 0, 1);
    List<Row> rows = Tables.readRun(spark, out, Table.PATHS, "r1")
        .where("strategy = 'levered-erc'").orderBy("path_id").collectAsList();
    assertThat(rows).hasSize(2);
    Row healthy = rows.get(0);
    Row dead = rows.get(1);
    assertThat(healthy.<Object>getAs("default_day")).isNull();
    assertThat(dead.<Integer>getAs("default_day")).isEqualTo(77);
    assertThat(dead.<Boolean>getAs("defaulted")).isTrue();
    assertThat(dead.<Double>getAs("terminal_return")).isEqualTo(-1.0);
    assertThat(healthy.getJavaMap(healthy.fieldIndex("regime_days"))).isEqualTo(Map.of("calm", 100, "crisis", 26));
    assertThat(healthy.<String>getAs("run_id")).isEqualTo("r1");
    assertThat(healthy.<Integer>getAs("chunk")).isEqualTo(0);
  }

  @Test
  void write_paths_hivePartitionDirectoriesByRunStrategyChunk() throws Exception {
    OutputLayout out = OutputLayout.of(tmp.toString());
    writePaths(out, "r1", 0, 1);
    assertThat(tmp.resolve("paths/run_id=r1/strategy=levered-erc/chunk=0")).isDirectory();
    assertThat(tmp.resolve("paths/run_id=r1/strategy=sixty-forty/chunk=0")).isDirectory();
    try (Stream<Path> files = Files.walk(tmp.resolve("paths"))) {
      assertThat(files.map(Path::toString).filter(f -> f.endsWith(".parquet")))
          .isNotEmpty().allMatch(f -> f.contains(".zstd."));
    }
  }

  @Test
  void read_inferredSchema_matchesDeclaredNamesTypesAndComments() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    writePaths(out, "r1", 0);
    // Read without the declared schema: what an analyst's session sees.
    StructType inferred = spark.read().parquet(out.table(Table.PATHS)).schema();
    assertThat(inferred.fieldNames()).containsExactly(Schemas.PATHS.fieldNames());
    for (StructField declared : Schemas.PATHS.fields()) {
      StructField actual = inferred.apply(declared.name());
      if (Table.PATHS.partitionColumns().contains(declared.name())) {
        continue; // partition values are untyped strings in directory names
      }
      assertThat(actual.dataType()).as(declared.name()).isEqualTo(declared.dataType());
      assertThat(Schemas.comment(actual)).as(declared.name()).isEqualTo(Schemas.comment(declared));
    }
  }

  @Test
  void write_rerunOfOneRun_replacesItAndLeavesTheOtherRun() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    writePaths(out, "a", 0, 1, 2);
    writePaths(out, "b", 0, 1);
    writePaths(out, "a", 5);
    assertThat(Tables.readRun(spark, out, Table.PATHS, "a").count()).isEqualTo(2);
    assertThat(Tables.readRun(spark, out, Table.PATHS, "a").where("path_id = 5").count()).isEqualTo(2);
    assertThat(Tables.readRun(spark, out, Table.PATHS, "b").count()).isEqualTo(4);
  }

  @Test
  void eventsAndSamples_mapper_namesRegimesTriggersAndStrategies() {
    EventLog events = new EventLog();
    events.add(StrategyKind.LEVERED_ERC, 12, 1, Trigger.MARGIN_CALL).rounds(3).converged(true)
        .equityBefore(0.8).equityAfter(0.7).grossBefore(2.4).grossAfter(1.5).sold(0.3)
        .impactCost(0.01).defaulted(false);
    events.add(StrategyKind.ORACLE_ERC, 13, 0, Trigger.VOL_TARGET).rounds(1).converged(true)
        .equityBefore(0.9).equityAfter(0.9).grossBefore(2.0).grossAfter(1.8).sold(0.1)
        .impactCost(0.0).defaulted(false);
    SampleLog samples = new SampleLog();
    samples.add(StrategyKind.LEVERED_ERC, 0, 0, 1.0, 3.0);
    RowMapper mapper = new RowMapper("r1", REGIMES);
    PathOutput output = PathOutput.of(42, new PathResult[0], events, samples);
    events.clear(); // the copy must not alias the kernel's buffers, which the next path reuses
    samples.clear();
    List<Row> eventRows = mapper.events(output, 3);
    List<Row> sampleRows = mapper.samples(output, 3);
    OutputLayout out = OutputLayout.of(tmp.toString());
    Tables.write(spark.createDataFrame(eventRows, Schemas.EVENTS), out, Table.EVENTS);
    Tables.write(spark.createDataFrame(sampleRows, Schemas.SAMPLES), out, Table.SAMPLES);

    Dataset<Row> e = Tables.readRun(spark, out, Table.EVENTS, "r1").orderBy("day");
    List<Row> er = e.collectAsList();
    assertThat(er).extracting(r -> r.<String>getAs("trigger")).containsExactly("margin_call", "vol_target");
    assertThat(er).extracting(r -> r.<String>getAs("regime")).containsExactly("crisis", "calm");
    assertThat(er).extracting(r -> r.<String>getAs("strategy")).containsExactly("levered-erc", "oracle-erc");
    assertThat(er).extracting(r -> r.<Integer>getAs("chunk")).containsOnly(3);
    assertThat(er.get(0).<Double>getAs("gross_after")).isEqualTo(1.5);
    List<Row> sr = Tables.readRun(spark, out, Table.SAMPLES, "r1").collectAsList();
    assertThat(sr).singleElement().satisfies(r -> {
      assertThat(r.<Long>getAs("path_id")).isEqualTo(42L);
      assertThat(r.<Double>getAs("leverage")).isEqualTo(3.0);
    });
  }

  @Test
  void readRun_runNeverWritten_isEmptyWithTheSchema() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    Dataset<Row> none = Tables.readRun(spark, out, Table.EVENTS, "nothing");
    assertThat(none.count()).isZero();
    assertThat(none.schema().fieldNames()).containsExactly(Schemas.EVENTS.fieldNames());
  }

  @Test
  void writeRun_runningThenComplete_leavesOneRowWithTheLastStatus() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    Instant start = Instant.parse("2026-01-02T03:04:05Z");
    RunRecord running = new RunRecord("r1", "baseline", "d", "a = 1\n", "abc123", 7L, 300L, 126,
        List.of("x", "y"), List.of("calm"), List.of("levered-erc"), 1000L, "0.1", "4.2.0", start,
        null, RunStatus.RUNNING);
    Tables.writeRun(spark, out, running);
    assertThat(Tables.readRunRecord(spark, out, "r1")).contains(running);
    RunRecord done = running.finish(RunStatus.COMPLETE, start.plusSeconds(60));
    Tables.writeRun(spark, out, done);
    assertThat(Tables.readRun(spark, out, Table.RUNS, "r1").count()).isEqualTo(1);
    assertThat(Tables.readRunRecord(spark, out, "r1")).contains(done);
    assertThat(Tables.readRunRecord(spark, out, "other")).isEmpty();
  }
}
