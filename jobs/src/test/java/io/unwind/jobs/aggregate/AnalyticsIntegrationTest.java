package io.unwind.jobs.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.UnwindCli;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import io.unwind.metrics.TailEstimate;
import io.unwind.metrics.TailEstimates;
import io.unwind.metrics.TailLevels;
import io.unwind.metrics.TailSums;
import io.unwind.summary.Metrics;
import io.unwind.summary.PairedMetric;
import io.unwind.summary.SummaryMetrics;
import io.unwind.summary.SummaryRow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's analytics end to end in the shared local[2] session: small runs of
 * {@code conf/margin-spiral.conf} (400 paths, half a year, calls and cascades fire) at 1 and 5
 * partitions, a run where levered-erc and no-impact are the same strategy, and a closed-form run.
 */
class AnalyticsIntegrationTest {
  private static final int PATHS = 400;
  private static final SparkSession SPARK = SharedSpark.session();

  @TempDir
  static Path tmp;

  private static OutputLayout out;
  private static String runOutput;

  private static void cli(StringWriter stdout, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--out", tmp.resolve("out").toString(), "--set", "sample-every=0"));
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext((app, master) -> SPARK, new PrintWriter(stdout, true),
        new PrintWriter(err, true), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int code = UnwindCli.execute(ctx, all.toArray(new String[0]));
    assertThat(code).as("exit code of %s; stderr:%n%s", all, err).isEqualTo(ExitCodes.OK);
  }

  private static String conf(String name) {
    return Path.of(System.getProperty("unwind.home"), "conf", name).toString();
  }

  @BeforeAll
  static void runOnce() throws Exception {
    out = OutputLayout.of(tmp.resolve("out").toString());
    String spiral = conf("margin-spiral.conf");
    StringWriter stdout = new StringWriter();
    cli(stdout, "run", "--config", spiral, "--paths", "" + PATHS, "--set", "horizon-days=126",
        "--run-id", "s1", "--partitions", "1");
    runOutput = stdout.toString();
    cli(new StringWriter(), "run", "--config", spiral, "--paths", "" + PATHS, "--set", "horizon-days=126",
        "--run-id", "s5", "--partitions", "5");
    cli(new StringWriter(), "run", "--config", spiral, "--paths", "200", "--set", "horizon-days=63",
        "--set", "strategies=[levered-erc, no-impact]", "--set", "market.impact=none", "--run-id", "same");
    Path closedForm = tmp.resolve("closed-form.conf");
    Files.writeString(closedForm, String.join("\n",
        "name = closed-form", "horizon-days = 63", "seed = 7",
        "assets = [{ name = a, class = equity, depth = 10, haircut-floor = 0.1 }]",
        "regimes { only { mean = [0.05], vol = [0.2], corr = [[1]] } }",
        "strategy { vol-target = 5.0, max-leverage = 1, cost-bps = 0, short-rate = 0 }",
        "margin { enabled = false }", "market { impact = none }",
        "strategies = [unlevered-erc]"));
    cli(new StringWriter(), "run", "--config", closedForm.toString(), "--paths", "4000",
        "--run-id", "cf", "--partitions", "3");
  }

  private static List<SummaryRow> summary(String runId) {
    return Tables.readRun(SPARK, out, Table.SUMMARY, runId).collectAsList().stream()
        .map(SummaryRows::fromRow)
        .sorted(Comparator.comparing(SummaryRow::strategy).thenComparing(SummaryRow::metric)
            .thenComparing(r -> Objects.toString(r.condition()))
            .thenComparing(r -> r.level() == null ? -1.0 : r.level()))
        .toList();
  }

  private static SummaryRow find(List<SummaryRow> rows, String strategy, String metric,
      String condition, Double level) {
    return rows.stream()
        .filter(r -> r.strategy().equals(strategy) && r.metric().equals(metric)
            && Objects.equals(r.condition(), condition) && Objects.equals(r.level(), level))
        .findFirst()
        .orElseThrow(() -> new AssertionError(strategy + " " + metric + " " + condition + " " + level));
  }

  @Test
  void summary_everyNewMetric_presentForEveryStrategy() {
    List<SummaryRow> rows = summary("s1");
    RunRecord run = Tables.readRunRecord(SPARK, out, "s1").orElseThrow();
    Dataset<Row> paths = Tables.readRun(SPARK, out, Table.PATHS, "s1");
    for (String s : run.strategies()) {
      for (String p : List.of(Metrics.DEFAULT_PROB, Metrics.MARGIN_CALL_PROB, Metrics.DELEVERAGING_PROB,
          Metrics.CASCADE_GT1_PROB, Metrics.CASCADE_GT3_PROB, Metrics.CASCADE_GT5_PROB)) {
        SummaryRow r = find(rows, s, p, null, null);
        assertThat(r.value()).as("%s %s", s, p).isBetween(0.0, 1.0);
        assertThat(r.ciLow()).as("%s %s", s, p).isBetween(0.0, r.value());
        assertThat(r.ciHigh()).as("%s %s", s, p).isBetween(r.value(), 1.0);
        assertThat(r.n()).isEqualTo(PATHS);
      }
      for (double q : Metrics.QUANTILE_LEVELS) {
        assertThat(find(rows, s, Metrics.FORCED_SALES_Q, null, q).value()).isGreaterThanOrEqualTo(0.0);
        assertThat(find(rows, s, Metrics.IMPACT_COST_Q, null, q).n()).isEqualTo(PATHS);
      }
      for (String regime : run.regimes()) {
        // The conditional tails' N is counted independently here, from the paths table.
        long visited = paths.filter(col("strategy").equalTo(s))
            .filter(col("regime_days").getItem(regime).gt(0)).count();
        if (visited > 0) {
          for (double a : Metrics.CONDITIONAL_LEVELS) {
            SummaryRow var = find(rows, s, Metrics.LOSS_VAR_GIVEN_VISITED, Metrics.VISITED + regime, a);
            SummaryRow es = find(rows, s, Metrics.LOSS_ES_GIVEN_VISITED, Metrics.VISITED + regime, a);
            assertThat(var.n()).as("%s visited %s", s, regime).isEqualTo(visited);
            assertThat(var.value()).isLessThanOrEqualTo(es.value());
          }
        }
        SummaryRow all = find(rows, s, Metrics.REGIME_SHARE_ALL, Metrics.REGIME + regime, null);
        SummaryRow worst = find(rows, s, Metrics.REGIME_SHARE_WORST1PCT, Metrics.REGIME + regime, 0.99);
        assertThat(all.value()).isBetween(0.0, 1.0);
        assertThat(worst.value()).isBetween(0.0, 1.0);
        assertThat(worst.n()).isEqualTo(4); // 400 − ⌈0.99·400⌉
      }
      double shares = run.regimes().stream()
          .mapToDouble(g -> find(rows, s, Metrics.REGIME_SHARE_ALL, Metrics.REGIME + g, null).value()).sum();
      assertThat(shares).isCloseTo(1.0, within(1e-12));
    }
    for (String a : List.of(Metrics.ATTRIBUTION_VOL_ERROR, Metrics.ATTRIBUTION_CASCADE,
        Metrics.ATTRIBUTION_LEVERAGE)) {
      SummaryRow mean = rows.stream().filter(r -> r.metric().equals(a + Metrics.MEAN)).findFirst().orElseThrow();
      assertThat(mean.strategy()).isEqualTo("levered-erc");
      for (double level : Metrics.ATTRIBUTION_LEVELS) {
        SummaryRow es = find(rows, "levered-erc", a + Metrics.ES, mean.condition(), level);
        assertThat(es.ciLow()).isLessThanOrEqualTo(es.value());
      }
    }
    assertThat(find(rows, "levered-erc", Metrics.IMPACT_LOSS_SHARE, "vs:no-impact", 0.99).n()).isEqualTo(4);
  }

  @Test
  void summary_marginSpiral_hasCallsAndDeleveraging() {
    List<SummaryRow> rows = summary("s1");
    // The scenario exists to make calls fire: a test of the fixture, so the checks above mean something.
    assertThat(find(rows, "levered-erc", Metrics.MARGIN_CALL_PROB, null, null).value()).isPositive();
    long deleveraged = Tables.readRun(SPARK, out, Table.PATHS, "s1")
        .filter(col("strategy").equalTo("levered-erc")).filter(col("deleveraging_episodes").gt(0)).count();
    assertThat(find(rows, "levered-erc", Metrics.DELEVERAGING_PROB, null, null).value())
        .isEqualTo(deleveraged / (double) PATHS);
  }

  @Test
  void attribution_mean_equalsTheMeanOfPerPathDifferencesJoinedByPathId() {
    Dataset<Row> paths = Tables.readRun(SPARK, out, Table.PATHS, "s1");
    Dataset<Row> a = paths.filter(col("strategy").equalTo("levered-erc")).select(col("path_id"),
        col("terminal_return").as("ra"));
    Dataset<Row> b = paths.filter(col("strategy").equalTo("oracle-erc")).select(col("path_id"),
        col("terminal_return").as("rb"));
    double expected = a.join(b, "path_id").collectAsList().stream()
        .mapToDouble(r -> -r.getDouble(1) + r.getDouble(2)).sum() / PATHS;
    SummaryRow mean = find(summary("s1"), "levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.MEAN,
        "vs:oracle-erc", null);
    assertThat(mean.value()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void attribution_driftAndShockParts_addUpPerPathAndInTheSummary() {
    Dataset<Row> paths = Tables.readRun(SPARK, out, Table.PATHS, "s1");
    Dataset<Row> a = paths.filter(col("strategy").equalTo("levered-erc")).select(col("path_id"),
        col("terminal_return").as("ra"), col("drift_pnl").as("da"));
    Dataset<Row> b = paths.filter(col("strategy").equalTo("oracle-erc")).select(col("path_id"),
        col("terminal_return").as("rb"), col("drift_pnl").as("db"));
    double driftSum = 0;
    double shockSum = 0;
    boolean driftMatters = false;
    for (Row r : a.join(b, "path_id").collectAsList()) {
      double difference = PairedMetric.difference(-r.getDouble(1), -r.getDouble(3));
      double drift = PairedMetric.driftPart(r.getDouble(2), r.getDouble(4));
      double shock = PairedMetric.shockPart(difference, drift);
      assertThat(drift + shock).as("path %d", r.getLong(0)).isCloseTo(difference, within(1e-12));
      assertThat(drift).isEqualTo(-(r.getDouble(2) - r.getDouble(4)));
      driftMatters |= Math.abs(drift) > 1e-6;
      driftSum += drift;
      shockSum += shock;
    }
    assertThat(driftMatters).as("the oracle's drift P&L differs from levered-erc's").isTrue();
    List<SummaryRow> rows = summary("s1");
    String vs = "vs:oracle-erc";
    double total = find(rows, "levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.MEAN, vs, null).value();
    SummaryRow drift = find(rows, "levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.DRIFT_MEAN, vs, null);
    SummaryRow shock = find(rows, "levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.SHOCK_MEAN, vs, null);
    assertThat(drift.value()).isCloseTo(driftSum / PATHS, within(1e-12));
    assertThat(shock.value()).isCloseTo(shockSum / PATHS, within(1e-12));
    assertThat(drift.value() + shock.value()).isCloseTo(total, within(1e-12));
    assertThat(drift.ciLow()).isLessThanOrEqualTo(drift.value());
    assertThat(drift.ciHigh()).isGreaterThanOrEqualTo(drift.value());
  }

  @Test
  void attribution_pairedStandardError_smallerThanUnpaired() {
    List<SummaryRow> rows = summary("s1");
    for (String[] pair : new String[][] {{Metrics.ATTRIBUTION_VOL_ERROR, "vs:oracle-erc"},
        {Metrics.ATTRIBUTION_CASCADE, "vs:no-impact"}, {Metrics.ATTRIBUTION_LEVERAGE, "vs:unlevered-erc"}}) {
      double paired = find(rows, "levered-erc", pair[0] + Metrics.PAIRED_SE, pair[1], null).value();
      double unpaired = find(rows, "levered-erc", pair[0] + Metrics.UNPAIRED_SE, pair[1], null).value();
      assertThat(paired).as(pair[0]).isLessThan(unpaired);
    }
  }

  @Test
  void attribution_strategyAgainstItsTwin_exactlyZeroWithZeroWidth() {
    List<SummaryRow> rows = summary("same");
    // With impact off, no-impact is levered-erc: every per-path difference is 0.
    SummaryRow mean = find(rows, "levered-erc", Metrics.ATTRIBUTION_CASCADE + Metrics.MEAN, "vs:no-impact", null);
    assertThat(mean.value()).isZero();
    assertThat(mean.ciLow()).isZero();
    assertThat(mean.ciHigh()).isZero();
    for (double level : Metrics.ATTRIBUTION_LEVELS) {
      SummaryRow es = find(rows, "levered-erc", Metrics.ATTRIBUTION_CASCADE + Metrics.ES, "vs:no-impact", level);
      assertThat(List.of(es.value(), es.ciLow(), es.ciHigh())).containsOnly(0.0);
      assertThat(find(rows, "levered-erc", Metrics.IMPACT_LOSS_SHARE, "vs:no-impact", level).value()).isZero();
    }
    assertThat(find(rows, "levered-erc", Metrics.ATTRIBUTION_CASCADE + Metrics.PAIRED_SE, "vs:no-impact", null)
        .value()).isZero();
    assertThat(rows).noneMatch(r -> r.metric().startsWith(Metrics.ATTRIBUTION_VOL_ERROR));
  }

  @Test
  void summaryAndHistograms_oneOrFivePartitions_identicalBits() {
    List<SummaryRow> one = summary("s1");
    List<SummaryRow> five = summary("s5");
    assertThat(five).hasSameSizeAs(one);
    for (int i = 0; i < one.size(); i++) {
      // Record equality compares the Double components with equals: bitwise (doubleToLongBits).
      assertThat(five.get(i)).isEqualTo(one.get(i));
    }
    List<Row> h1 = Tables.readRun(SPARK, out, Table.HISTOGRAMS, "s1").drop("run_id")
        .orderBy("strategy", "quantity", "bin").collectAsList();
    List<Row> h5 = Tables.readRun(SPARK, out, Table.HISTOGRAMS, "s5").drop("run_id")
        .orderBy("strategy", "quantity", "bin").collectAsList();
    assertThat(h5).isEqualTo(h1);
  }

  @Test
  void summary_tinyCollectLimit_sameBitsInMorePasses() {
    // A collect limit of 2 makes the selection histogram nearly every key range down to a pair:
    // many more passes, the same order statistics, so the same rows bit for bit.
    AggregateJob.Result tiny = AggregateJob.run(SPARK, out, "s5", 2);
    assertThat(tiny.passes()).isGreaterThan(AggregateJob.run(SPARK, out, "s1").passes());
    assertThat(summary("s5")).isEqualTo(summary("s1"));
  }

  /** The rows of run s1 as per-strategy lists of (path id, loss, drawdown, forced, impact, days). */
  private static Map<String, List<Row>> pathsByStrategy(String runId) {
    return Tables.readRun(SPARK, out, Table.PATHS, runId)
        .select("strategy", "path_id", "terminal_return", "max_drawdown", "forced_sales", "impact_cost",
            "regime_days")
        .orderBy("path_id").collectAsList().stream()
        .collect(java.util.stream.Collectors.groupingBy(r -> r.getString(0)));
  }

  private static void assertRows(List<SummaryRow> rows, String strategy, String metric, String condition,
      List<TailEstimate> expected) {
    for (TailEstimate e : expected) {
      SummaryRow r = find(rows, strategy, metric, condition, e.level());
      // the job clips intervals to what the metric can be (a loss VaR's upper end at 1)
      SummaryRow x = SummaryMetrics.clipped(new SummaryRow(strategy, metric, condition, e.level(),
          e.value(), e.ciLow(), e.ciHigh(), e.n()));
      assertThat(new double[] {r.value(), r.ciLow(), r.ciHigh()})
          .as("%s %s %s %s", strategy, metric, condition, e.level())
          .isEqualTo(new double[] {x.value(), x.ciLow(), x.ciHigh()});
      assertThat(r.n()).isEqualTo(e.n());
    }
  }

  /**
   * VaR and ES of {@code values} (with their path ids) by the textbook route: sort everything,
   * read the order statistics, sum exactly what lies beyond each VaR ({@link TailLevels}' formulas).
   */
  private static TailEstimates sortedTail(List<Obs> observations, double... levels) {
    List<Obs> sorted = new ArrayList<>(observations);
    sorted.sort(Comparator.comparing(Obs::value, Double::compare).thenComparingLong(Obs::pathId));
    TailLevels tail = TailLevels.of(sorted.size(), levels);
    TailSums[] beyond = new TailSums[tail.size()];
    for (int l = 0; l < beyond.length; l++) {
      beyond[l] = new TailSums();
      for (long rank = tail.varRank(l) + 1; rank <= sorted.size(); rank++) {
        beyond[l].accept(sorted.get((int) rank - 1).value());
      }
    }
    return tail.finish(rank -> sorted.get((int) rank - 1).value(), beyond);
  }

  /** One path's value of a column. */
  private record Obs(double value, long pathId) {
  }

  private static List<Obs> column(List<Row> rows, java.util.function.ToDoubleFunction<Row> value) {
    return rows.stream().map(r -> new Obs(value.applyAsDouble(r), r.getLong(1))).toList();
  }

  @Test
  void summary_tailsAndQuantiles_equalTheSortedDefinitionsBitForBit() {
    // The job selects order statistics in passes (RankSelection) and sums the tails in memory
    // independent of N; here every path is sorted and the tails summed directly. Same definitions,
    // same bits.
    List<SummaryRow> rows = summary("s1");
    RunRecord run = Tables.readRunRecord(SPARK, out, "s1").orElseThrow();
    Map<String, List<Row>> byStrategy = pathsByStrategy("s1");
    double[] tail = {0.95, 0.99, 0.995, 0.999};
    double[] quantiles = {0.5, 0.9, 0.99};
    for (String s : run.strategies()) {
      List<Row> p = byStrategy.get(s);
      TailEstimates loss = sortedTail(column(p, r -> -r.getDouble(2)), tail);
      TailEstimates drawdown = sortedTail(column(p, r -> r.getDouble(3)), tail);
      assertRows(rows, s, Metrics.LOSS_VAR, null, loss.valueAtRisk());
      assertRows(rows, s, Metrics.LOSS_ES, null, loss.expectedShortfall());
      assertRows(rows, s, Metrics.DRAWDOWN_VAR, null, drawdown.valueAtRisk());
      assertRows(rows, s, Metrics.DRAWDOWN_ES, null, drawdown.expectedShortfall());
      assertRows(rows, s, Metrics.FORCED_SALES_Q, null,
          sortedTail(column(p, r -> r.getDouble(4)), quantiles).valueAtRisk());
      assertRows(rows, s, Metrics.IMPACT_COST_Q, null,
          sortedTail(column(p, r -> r.getDouble(5)), quantiles).valueAtRisk());
      for (String regime : run.regimes()) {
        List<Row> visitors = p.stream().filter(r -> {
          Integer d = r.<String, Integer>getJavaMap(6).get(regime);
          return d != null && d > 0;
        }).toList();
        if (visitors.isEmpty()) {
          continue;
        }
        TailEstimates t = sortedTail(column(visitors, r -> -r.getDouble(2)), 0.95, 0.99);
        assertRows(rows, s, Metrics.LOSS_VAR_GIVEN_VISITED, Metrics.VISITED + regime, t.valueAtRisk());
        assertRows(rows, s, Metrics.LOSS_ES_GIVEN_VISITED, Metrics.VISITED + regime, t.expectedShortfall());
      }
    }
  }

  @Test
  void attribution_esAndImpactShare_equalTheSortedDefinitions() {
    List<SummaryRow> rows = summary("s1");
    Map<String, List<Row>> byStrategy = pathsByStrategy("s1");
    List<Row> levered = byStrategy.get("levered-erc");
    for (String[] pair : new String[][] {{Metrics.ATTRIBUTION_VOL_ERROR, "oracle-erc"},
        {Metrics.ATTRIBUTION_CASCADE, "no-impact"}, {Metrics.ATTRIBUTION_LEVERAGE, "unlevered-erc"}}) {
      List<Row> other = byStrategy.get(pair[1]);
      List<Obs> d = new ArrayList<>();
      for (int i = 0; i < PATHS; i++) {
        assertThat(other.get(i).getLong(1)).isEqualTo(levered.get(i).getLong(1));
        d.add(new Obs(PairedMetric.difference(-levered.get(i).getDouble(2),
            -other.get(i).getDouble(2)), levered.get(i).getLong(1)));
      }
      assertRows(rows, "levered-erc", pair[0] + Metrics.ES, Metrics.VERSUS + pair[1],
          sortedTail(d, 0.95, 0.99).expectedShortfall());
    }
    // The impact share over levered-erc's worst (1 − α)N paths, by a plain sort.
    List<Row> noImpact = byStrategy.get("no-impact");
    Integer[] order = new Integer[PATHS];
    java.util.Arrays.setAll(order, i -> i);
    java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -levered.get(i).getDouble(2))
        .thenComparingLong(i -> levered.get(i).getLong(1)));
    for (double level : Metrics.ATTRIBUTION_LEVELS) {
      int k = PATHS - (int) Math.ceil(level * PATHS - 1e-9);
      double lossSum = 0;
      double impactSum = 0;
      for (int j = PATHS - k; j < PATHS; j++) {
        lossSum += -levered.get(order[j]).getDouble(2);
        impactSum += -levered.get(order[j]).getDouble(2) + noImpact.get(order[j]).getDouble(2);
      }
      SummaryRow share = find(rows, "levered-erc", Metrics.IMPACT_LOSS_SHARE, "vs:no-impact", level);
      assertThat(share.n()).isEqualTo(k);
      assertThat(share.value()).as("share at %s", level).isCloseTo(impactSum / lossSum, within(1e-12));
    }
  }

  @Test
  void regimeShareWorst1pct_equalsTheMeanOverTheWorstPathsBySort() {
    List<SummaryRow> rows = summary("s1");
    RunRecord run = Tables.readRunRecord(SPARK, out, "s1").orElseThrow();
    Map<String, List<Row>> byStrategy = pathsByStrategy("s1");
    int k = PATHS - (int) Math.ceil(Metrics.WORST_LEVEL * PATHS - 1e-9);
    for (String s : run.strategies()) {
      List<Row> p = new ArrayList<>(byStrategy.get(s));
      p.sort(Comparator.<Row>comparingDouble(r -> -r.getDouble(2)).thenComparingLong(r -> r.getLong(1)));
      for (String regime : run.regimes()) {
        double sum = 0;
        for (Row r : p.subList(PATHS - k, PATHS)) {
          Map<String, Integer> days = r.getJavaMap(6);
          int total = days.values().stream().mapToInt(Integer::intValue).sum();
          sum += days.getOrDefault(regime, 0) / (double) total;
        }
        SummaryRow share = find(rows, s, Metrics.REGIME_SHARE_WORST1PCT, Metrics.REGIME + regime,
            Metrics.WORST_LEVEL);
        assertThat(share.n()).isEqualTo(k);
        assertThat(share.value()).as("%s %s", s, regime).isCloseTo(sum / k, within(1e-12));
      }
    }
  }

  @Test
  void histograms_countsSumToPathsPerStrategyAndQuantity() {
    List<Row> sums = Tables.readRun(SPARK, out, Table.HISTOGRAMS, "s1")
        .groupBy("strategy", "quantity").sum("count").collectAsList();
    RunRecord run = Tables.readRunRecord(SPARK, out, "s1").orElseThrow();
    assertThat(sums).hasSize(run.strategies().size() * 4);
    assertThat(sums).allSatisfy(r -> assertThat(r.getLong(2)).as("%s %s", r.get(0), r.get(1)).isEqualTo(PATHS));
    // Rounds: integer bins, and the bin of 0 rounds counts the paths without any sale round.
    long noSales = Tables.readRun(SPARK, out, Table.PATHS, "s1")
        .filter(col("strategy").equalTo("levered-erc")).filter(col("max_cascade_rounds").equalTo(0)).count();
    Row zero = Tables.readRun(SPARK, out, Table.HISTOGRAMS, "s1")
        .filter(col("strategy").equalTo("levered-erc")).filter(col("quantity").equalTo("max_cascade_rounds"))
        .filter(col("bin").equalTo(0)).first();
    assertThat(zero.<Double>getAs("bin_low")).isZero();
    assertThat(zero.<Double>getAs("bin_high")).isEqualTo(1.0);
    assertThat(zero.<Long>getAs("count")).isEqualTo(noSales);
  }

  @Test
  void run_printsHeadlinesAfterTheTable() {
    assertThat(runOutput).containsSubsequence("P(margin call)", "levered-erc: 99 % ES of the",
        "Not knowing the regime (levered-erc against oracle-erc", "comes from the regimes' drifts");
  }

  @Test
  void closedForm_lossVarAndEs_matchTheLognormalInsideTheirIntervals() {
    // X ~ Normal(μT, σ²T) exactly (one asset, one regime, leverage 1, no costs, no margin).
    NormalDistribution std = new NormalDistribution(null, 0, 1);
    double m = 0.05 * 63 / 252;
    double s = 0.2 * Math.sqrt(63 / 252.0);
    List<SummaryRow> rows = summary("cf");
    for (double a : List.of(0.95, 0.99)) {
      double z = std.inverseCumulativeProbability(1 - a);
      double var = 1 - Math.exp(m + s * z);
      double es = 1 - Math.exp(m + s * s / 2) * std.cumulativeProbability(z - s) / (1 - a);
      SummaryRow v = find(rows, "unlevered-erc", Metrics.LOSS_VAR, null, a);
      SummaryRow e = find(rows, "unlevered-erc", Metrics.LOSS_ES, null, a);
      // Inside the intervals widened to 4.5 standard errors (half-width / 1.96 each side): odds of
      // a false failure about 7e-6 per check.
      double k = 4.5 / 1.96;
      assertThat(var).as("VaR %s seed 7", a).isBetween(v.value() - k * (v.value() - v.ciLow()),
          v.value() + k * (v.ciHigh() - v.value()));
      assertThat(es).as("ES %s seed 7", a).isBetween(e.value() - k * (e.value() - e.ciLow()),
          e.value() + k * (e.ciHigh() - e.value()));
    }
  }
}
