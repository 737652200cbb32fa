package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.aggregate.SummaryRows;
import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.UnwindCli;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import io.unwind.summary.Metrics;
import io.unwind.summary.SummaryRow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulate and aggregate jobs end to end on a small baseline (300 paths, half a year), in the
 * shared local[2] session: schemas, row counts, layout, partition-count independence, reruns,
 * chunking, the runs row and the summary.
 */
class SimulateIntegrationTest {
  private static final int PATHS = 300;
  private static final Map<String, String> SMALL = Map.of(
      "paths", Integer.toString(PATHS), "horizon-days", "126", "sample-every", "100");

  @TempDir
  static Path tmp;

  private static OutputLayout out;
  private static ResolvedScenario scenario;
  private static String runOutput;
  private static final SparkSession SPARK = SharedSpark.session();

  private static int cli(StringWriter stdout, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--out", tmp.toString(), "--set", "horizon-days=126", "--set", "sample-every=100"));
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext((app, master) -> SPARK, new PrintWriter(stdout, true),
        new PrintWriter(err, true), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int code = UnwindCli.execute(ctx, all.toArray(new String[0]));
    assertThat(code).as("exit code of %s; stderr:%n%s", all, err).isEqualTo(ExitCodes.OK);
    return code;
  }

  @BeforeAll
  static void runOnce() {
    out = OutputLayout.of(tmp.toString());
    scenario = ScenarioLoader.loadFile(Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"), SMALL);
    StringWriter stdout = new StringWriter();
    cli(stdout, "run", "--paths", "300", "--run-id", "p1", "--partitions", "1");
    runOutput = stdout.toString();
    cli(new StringWriter(), "simulate", "--paths", "300", "--run-id", "p7", "--partitions", "7");
  }

  private static List<Row> sortedPaths(String runId) {
    return Tables.readRun(SPARK, out, Table.PATHS, runId).drop("run_id", "chunk")
        .orderBy("strategy", "path_id").collectAsList();
  }

  @Test
  void paths_rowCount_isPathsTimesStrategies() {
    assertThat(Tables.readRun(SPARK, out, Table.PATHS, "p1").count())
        .isEqualTo((long) PATHS * scenario.strategies().size());
    assertThat(Tables.readRun(SPARK, out, Table.PATHS, "p1").select("path_id").distinct().count())
        .isEqualTo(PATHS);
  }

  @Test
  void tables_inferredSchemas_equalTheDeclaredOnes() {
    for (Table t : List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES, Table.RUNS, Table.SUMMARY)) {
      StructType inferred = SPARK.read().parquet(out.table(t)).schema();
      assertThat(inferred.fieldNames()).as(t.dirName()).containsExactly(t.schema().fieldNames());
      for (StructField declared : t.schema().fields()) {
        if (!t.partitionColumns().contains(declared.name())) {
          assertThat(inferred.apply(declared.name()).dataType()).as(t + "." + declared.name())
              .isEqualTo(declared.dataType());
        }
      }
    }
  }

  @Test
  void layout_everyStrategyHasItsPartitionDirectory() {
    for (var kind : scenario.strategies()) {
      assertThat(tmp.resolve("paths/run_id=p1/strategy=" + kind.key() + "/chunk=0")).isDirectory();
      assertThat(tmp.resolve("samples/run_id=p1/strategy=" + kind.key() + "/chunk=0")).isDirectory();
    }
    assertThat(tmp.resolve("runs/run_id=p1")).isDirectory();
    assertThat(tmp.resolve("summary/run_id=p1")).isDirectory();
  }

  @Test
  void partitions_seven_reallyRanSevenTasks() {
    // 300 paths make 300 blocks of one path, so --partitions 7 spreads them over 7 tasks: the
    // identical-rows test below compares genuinely different splits.
    assertThat(PathBlocks.of(PATHS).blocksOfChunk(0)).hasSizeGreaterThanOrEqualTo(7);
    long files;
    try (Stream<Path> s = Files.walk(tmp.resolve("paths/run_id=p7/strategy=" + scenario.strategies().get(0).key()))) {
      files = s.filter(f -> f.toString().endsWith(".parquet")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(files).isEqualTo(7);
  }

  @Test
  void paths_onePartitionOrSeven_identicalSortedRows() {
    List<Row> one = sortedPaths("p1");
    List<Row> seven = sortedPaths("p7");
    assertThat(one).hasSize(PATHS * scenario.strategies().size());
    assertThat(seven).isEqualTo(one);
  }

  @Test
  void events_onePartitionOrSeven_identicalSortedRows() {
    Dataset<Row> a = Tables.readRun(SPARK, out, Table.EVENTS, "p1").drop("run_id");
    Dataset<Row> b = Tables.readRun(SPARK, out, Table.EVENTS, "p7").drop("run_id");
    // Not two empty tables: the comparison must cover rows.
    assertThat(a.count()).as("events of p1").isPositive().isEqualTo(b.count());
    assertThat(a.exceptAll(b).count()).isZero();
    assertThat(b.exceptAll(a).count()).isZero();
  }

  @Test
  void samples_onlyPathsDivisibleBySampleEvery_everyDay() {
    Dataset<Row> s = Tables.readRun(SPARK, out, Table.SAMPLES, "p1");
    assertThat(s.select("path_id").distinct().orderBy("path_id").collectAsList())
        .extracting(r -> r.getLong(0)).containsExactly(0L, 100L, 200L);
    // Day 0 to the horizon, per sampled path and strategy.
    assertThat(s.count()).isEqualTo(3L * scenario.strategies().size() * (scenario.horizonDays() + 1));
  }

  @Test
  void runs_rowIsCompleteWithTheConfigHash() {
    RunRecord run = Tables.readRunRecord(SPARK, out, "p1").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.configHash()).isEqualTo(scenario.configHash()).matches("[0-9a-f]{64}");
    assertThat(run.config()).isEqualTo(scenario.canonicalConfig());
    assertThat(run.paths()).isEqualTo(PATHS);
    assertThat(run.steps()).isEqualTo(126);
    assertThat(run.finished()).isAfterOrEqualTo(run.started());
    assertThat(run.sparkVersion()).isEqualTo(SPARK.version());
  }

  @Test
  void parquetFooter_carriesTheConfigHash() throws Exception {
    Path file;
    try (Stream<Path> files = Files.walk(tmp.resolve("paths/run_id=p1"))) {
      file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Configuration conf = new Configuration();
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
      Map<String, String> kv = reader.getFooter().getFileMetaData().getKeyValueMetaData();
      assertThat(kv.get("org.apache.spark.sql.parquet.row.metadata"))
          .contains(Tables.CONFIG_HASH_KEY).contains(scenario.configHash());
      assertThat(reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec().name()).isEqualTo("ZSTD");
    }
  }

  @Test
  void summary_everyMetricLevelAndStrategy_withVarNotAboveEs() {
    List<SummaryRow> rows = Tables.readRun(SPARK, out, Table.SUMMARY, "p1").collectAsList().stream()
        .map(SummaryRows::fromRow).toList();
    for (var kind : scenario.strategies()) {
      for (double level : Metrics.TAIL_LEVELS) {
        for (String[] pair : new String[][] {{Metrics.LOSS_VAR, Metrics.LOSS_ES},
            {Metrics.DRAWDOWN_VAR, Metrics.DRAWDOWN_ES}}) {
          SummaryRow var = find(rows, kind.key(), pair[0], level);
          SummaryRow es = find(rows, kind.key(), pair[1], level);
          assertThat(var.value()).as("%s %s %s", kind, pair[0], level).isLessThanOrEqualTo(es.value());
          assertThat(var.n()).isEqualTo(PATHS);
        }
      }
      for (String p : List.of(Metrics.DEFAULT_PROB, Metrics.MARGIN_CALL_PROB)) {
        SummaryRow r = find(rows, kind.key(), p, null);
        assertThat(r.value()).isBetween(0.0, 1.0);
        assertThat(r.ciLow()).isLessThanOrEqualTo(r.value());
      }
    }
    // Independent check of one number: the 95 % loss VaR from the paths rows by a full sort.
    String subject = scenario.strategies().get(0).key();
    List<Double> losses = Tables.readRun(SPARK, out, Table.PATHS, "p1").where("strategy = '" + subject + "'")
        .selectExpr("-terminal_return").collectAsList().stream().map(r -> r.getDouble(0)).sorted().toList();
    double var95 = losses.get((int) Math.ceil(0.95 * PATHS) - 1);
    assertThat(find(rows, subject, Metrics.LOSS_VAR, 0.95).value()).isCloseTo(var95, within(0.0));
  }

  @Test
  void run_printsTheSideBySideTableAndWhereTheOutputIs() {
    assertThat(runOutput).contains("loss VaR 99%").contains("P(default)").contains("Output: " + out.root());
    for (var kind : scenario.strategies()) {
      assertThat(runOutput).contains(kind.key());
    }
  }

  @Test
  void chunks_threeChunksOfOneHundred_sameRowsAsOneChunk() {
    SimulateJob.Result r = SimulateJob.run(SPARK, scenario, out, "c3", 2, new PathBlocks(PATHS, 50, 100),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(r.chunks()).isEqualTo(3);
    String kind = scenario.strategies().get(0).key();
    for (int c = 0; c < 3; c++) {
      assertThat(tmp.resolve("paths/run_id=c3/strategy=" + kind + "/chunk=" + c)).isDirectory();
    }
    assertThat(Tables.readRun(SPARK, out, Table.PATHS, "c3").where("chunk = 2 and path_id < 200").count()).isZero();
    assertThat(sortedPaths("c3")).isEqualTo(sortedPaths("p1"));
  }

  @Test
  void rerun_smallerRunSameId_leavesExactlyOneCopyAndOtherRunsUntouched() {
    long p1Before = Tables.readRun(SPARK, out, Table.PATHS, "p1").count();
    cli(new StringWriter(), "simulate", "--paths", "300", "--run-id", "again", "--chunk-paths", "1000");
    cli(new StringWriter(), "simulate", "--paths", "120", "--run-id", "again");
    assertThat(Tables.readRun(SPARK, out, Table.PATHS, "again").count())
        .isEqualTo(120L * scenario.strategies().size());
    assertThat(Tables.readRun(SPARK, out, Table.PATHS, "again").where("path_id >= 120").count()).isZero();
    assertThat(Tables.readRun(SPARK, out, Table.PATHS, "p1").count()).isEqualTo(p1Before);
    assertThat(Tables.readRun(SPARK, out, Table.RUNS, "again").count()).isEqualTo(1);
    assertThat(Tables.readRunRecord(SPARK, out, "again").orElseThrow().paths()).isEqualTo(120);
  }

  private static SummaryRow find(List<SummaryRow> rows, String strategy, String metric, Double level) {
    return rows.stream()
        .filter(r -> r.strategy().equals(strategy) && r.metric().equals(metric) && Objects.equals(r.level(), level))
        .findFirst().orElseThrow(() -> new AssertionError(strategy + " " + metric + " " + level));
  }

}
