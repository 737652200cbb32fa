package io.unwind.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.jobs.aggregate.AggregateJob;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.summary.Metrics;
import io.unwind.summary.SummaryRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
  @Test
  void runLine_sampling_namesTheTiltWithoutThePilotsVectorsOrMatrix() {
    assertThat(SummaryTable.RunLine.sampling("importance tilt=pilot shock-shift=0.035"
        + " shift=[[0.01, 0.02], [0.03, 0.04]] q=[[0.9, 0.1], [0.2, 0.8]]"))
        .isEqualTo(", importance sampling (tilt=pilot shock-shift=0.035)");
    assertThat(SummaryTable.RunLine.sampling("importance tilt=given entry=[1.0, 3.0]"
        + " stay=[1.0, 1.0] shock-shift=0.0 q=[[0.9, 0.1], [0.2, 0.8]]"))
        .isEqualTo(", importance sampling (tilt=given entry=[1.0, 3.0] stay=[1.0, 1.0]"
            + " shock-shift=0.0)");
    assertThat(SummaryTable.RunLine.sampling("plain")).isEmpty();
  }

  @Test
  void cell_tailMetric_percentWithOneDecimalAndInterval() {
    assertThat(SummaryTable.cell(new SummaryRow("s", Metrics.LOSS_ES, 0.99, 0.4123, 0.39, 0.4311, 10)))
        .isEqualTo("41.2% [39.0, 43.1]");
  }

  @Test
  void cell_rareProbability_notRoundedToZero() {
    assertThat(SummaryTable.cell(new SummaryRow("s", Metrics.DEFAULT_PROB, null, 0.00004, 0.00001, 0.0002, 100_000)))
        .isEqualTo("0.004% [0.001, 0.020]");
  }

  @Test
  void cell_unboundedSide_showsNotAvailable() {
    assertThat(SummaryTable.cell(new SummaryRow("s", Metrics.LOSS_VAR, 0.999, 0.5, 0.4,
        Double.POSITIVE_INFINITY, 100))).isEqualTo("50.0% [40.0, n/a]");
    assertThat(SummaryTable.cell(new SummaryRow("s", Metrics.LOSS_ES, 0.999, 0.5,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 100))).isEqualTo("50.0% [n/a, n/a]");
  }

  @Test
  void render_twoStrategies_sideBySideInRunOrder() {
    RunRecord run = new RunRecord("r", "baseline", null, "c", "h", 1, 100, 252, List.of("a"),
        List.of("calm"), List.of("levered-erc", "sixty-forty"), 100, "v", "s", Instant.EPOCH,
        Instant.EPOCH, RunStatus.COMPLETE);
    List<SummaryRow> rows = List.of(
        new SummaryRow("sixty-forty", Metrics.LOSS_VAR, 0.99, 0.2, 0.1, 0.3, 100),
        new SummaryRow("levered-erc", Metrics.LOSS_VAR, 0.99, 0.4, 0.3, 0.5, 100),
        new SummaryRow("levered-erc", Metrics.LOSS_VAR, 0.95, 0.9, 0.8, 0.95, 100));
    String table = SummaryTable.render(new AggregateJob.Result(run, rows, Duration.ZERO));
    String varLine = table.lines().filter(l -> l.startsWith("loss VaR 99%")).findFirst().orElseThrow();
    assertThat(varLine).containsSubsequence("40.0% [30.0, 50.0]", "20.0% [10.0, 30.0]");
    assertThat(table.lines().filter(l -> l.startsWith("loss ES 99%")).findFirst().orElseThrow()).contains("-");
    assertThat(table.indexOf("levered-erc")).isLessThan(table.indexOf("sixty-forty"));
  }
}
