package io.unwind.jobs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.UnwindCli;
import io.unwind.jobs.io.OutputLayout;
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
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's weighted summary end to end through {@code unwind run --set sampling.method=importance}
 * in the shared local[2] session: a closed-form scenario (one regime, lognormal returns, shocks
 * tilted by the shock shift) at 1 and 3 partitions, the baseline over one year plain and
 * importance-sampled, and a tilt that changes nothing.
 */
class ImportanceSummaryIntegrationTest {
  private static final SparkSession SPARK = SharedSpark.session();
  /** 4.5 standard errors: a false failure about 7e-6 per two-sided check. */
  private static final double K = 4.5;

  @TempDir
  static Path tmp;

  private static OutputLayout out;
  private static String importanceOutput;

  private static String cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--out", tmp.resolve("out").toString(), "--set", "sample-every=0"));
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext((app, master) -> SPARK, new PrintWriter(stdout, true),
        new PrintWriter(err, true), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int code = UnwindCli.execute(ctx, all.toArray(new String[0]));
    assertThat(code).as("exit code of %s; stderr:%n%s", all, err).isEqualTo(ExitCodes.OK);
    return stdout.toString();
  }

  @BeforeAll
  static void runOnce() throws Exception {
    out = OutputLayout.of(tmp.resolve("out").toString());
    Path closedForm = tmp.resolve("closed-form.conf");
    Files.writeString(closedForm, String.join("\n",
        "name = closed-form", "horizon-days = 63", "seed = 7",
        "assets = [{ name = a, class = equity, depth = 10, haircut-floor = 0.1 }]",
        "regimes { only { mean = [0.05], vol = [0.2], corr = [[1]] } }",
        "strategy { vol-target = 5.0, max-leverage = 1, cost-bps = 0, short-rate = 0 }",
        "margin { enabled = false }", "market { impact = none }",
        "strategies = [unlevered-erc]"));
    importanceOutput = cli("run", "--config", closedForm.toString(), "--paths", "4000",
        "--run-id", "cf3", "--partitions", "3", "--set", "sampling.method=importance",
        "--set", "sampling.tilt=given", "--set", "sampling.shock-shift=0.1");
    cli("run", "--config", closedForm.toString(), "--paths", "4000", "--run-id", "cf1",
        "--partitions", "1", "--set", "sampling.method=importance", "--set", "sampling.tilt=given",
        "--set", "sampling.shock-shift=0.1");
    cli("run", "--paths", "2000", "--set", "horizon-days=252", "--run-id", "plain");
    cli("run", "--paths", "2000", "--set", "horizon-days=252", "--run-id", "tilted",
        "--set", "sampling.method=importance", "--set", "sampling.pilot.paths=500");
    cli("run", "--paths", "300", "--set", "horizon-days=126", "--run-id", "plain300");
    cli("run", "--paths", "300", "--set", "horizon-days=126", "--run-id", "untilted",
        "--set", "sampling.method=importance", "--set", "sampling.tilt=given",
        "--set", "sampling.shock-shift=0");
  }

  private static List<SummaryRow> summary(String runId) {
    return Tables.readRun(SPARK, out, Table.SUMMARY, runId).collectAsList().stream()
        .map(SummaryRows::fromRow)
        .sorted(Comparator.comparing(SummaryRow::strategy).thenComparing(SummaryRow::metric)
            .thenComparing(r -> Objects.toString(r.condition()))
            .thenComparing(r -> r.level() == null ? -1.0 : r.level()))
        .toList();
  }

  private static SummaryRow find(List<SummaryRow> rows, String strategy, String metric, Double level) {
    return rows.stream()
        .filter(r -> r.strategy().equals(strategy) && r.metric().equals(metric)
            && r.condition() == null && Objects.equals(r.level(), level))
        .findFirst()
        .orElseThrow(() -> new AssertionError(strategy + " " + metric + " " + level));
  }

  /** The standard error behind a symmetric-ish interval: half its width over 1.96. */
  private static double se(SummaryRow r) {
    return (r.ciHigh() - r.ciLow()) / (2 * 1.959963984540054);
  }

  @Test
  void closedForm_importanceVarAndEs_withinTheirIntervalsOfTheTruth() {
    NormalDistribution std = new NormalDistribution(null, 0, 1);
    double m = 0.05 * 63 / 252;
    double s = 0.2 * Math.sqrt(63 / 252.0);
    List<SummaryRow> rows = summary("cf3");
    for (double a : List.of(0.95, 0.99, 0.999)) {
      double z = std.inverseCumulativeProbability(1 - a);
      double var = 1 - Math.exp(m + s * z);
      double es = 1 - Math.exp(m + s * s / 2) * std.cumulativeProbability(z - s) / (1 - a);
      SummaryRow v = find(rows, "unlevered-erc", Metrics.LOSS_VAR, a);
      SummaryRow e = find(rows, "unlevered-erc", Metrics.LOSS_ES, a);
      double k = K / 1.96;
      assertThat(var).as("VaR %s seed 7", a).isBetween(v.value() - k * (v.value() - v.ciLow()),
          v.value() + k * (v.ciHigh() - v.value()));
      assertThat(es).as("ES %s seed 7", a).isBetween(e.value() - k * (e.value() - e.ciLow()),
          e.value() + k * (e.ciHigh() - e.value()));
    }
  }

  @Test
  void closedForm_meanWeight_oneWithinItsStandardError() {
    List<SummaryRow> rows = summary("cf3");
    SummaryRow mean = find(rows, "unlevered-erc", Metrics.MEAN_WEIGHT, null);
    assertThat(Math.abs(mean.value() - 1.0)).as("mean weight %s seed 7", mean).isLessThan(K * se(mean));
    SummaryRow ess = find(rows, "unlevered-erc", Metrics.EFFECTIVE_SAMPLE_SIZE, null);
    assertThat(ess.value()).isGreaterThan(1.0).isLessThan(4000.0);
    assertThat(ess.n()).isEqualTo(4000);
  }

  @Test
  void importanceRun_oneOrThreePartitions_sameSummaryBitForBit() {
    assertThat(summary("cf1")).isEqualTo(summary("cf3"));
  }

  @Test
  void baseline_importanceAgreesWithPlain_withinTheirIntervals() {
    List<SummaryRow> plain = summary("plain");
    List<SummaryRow> tilted = summary("tilted");
    for (String metric : List.of(Metrics.LOSS_ES, Metrics.DRAWDOWN_ES)) {
      for (double a : List.of(0.95, 0.99)) {
        SummaryRow p = find(plain, "levered-erc", metric, a);
        SummaryRow t = find(tilted, "levered-erc", metric, a);
        // Independent samples (the tilt changes every path): the difference's standard error is
        // sqrt(se_p² + se_t²); 4.5 of them, false failure about 7e-6 per check.
        double tolerance = K * Math.hypot(se(p), se(t));
        assertThat(t.value()).as("%s %s: importance %s, plain %s", metric, a, t, p)
            .isCloseTo(p.value(), org.assertj.core.api.Assertions.within(tolerance));
      }
    }
    assertThat(find(tilted, "levered-erc", Metrics.EFFECTIVE_SAMPLE_SIZE, null).value())
        .isLessThan(2000.0);
    assertThat(plain.stream().map(SummaryRow::metric)).doesNotContain(Metrics.EFFECTIVE_SAMPLE_SIZE);
  }

  @Test
  void givenTiltOfOne_noShockShift_exactlyPlainSamplingsSummary() {
    assertThat(summary("untilted")).isEqualTo(summary("plain300"));
  }

  @Test
  void run_headlines_sayWhichSamplingRan() {
    assertThat(importanceOutput).contains("importance sampling (tilt=given")
        .contains("effective sample size").contains("mean weight");
  }
}
