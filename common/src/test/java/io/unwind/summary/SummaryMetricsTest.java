package io.unwind.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The list of metrics: every name documented in README, intervals never leaving what a metric can
 * be.
 */
class SummaryMetricsTest {

  /** README's sections on the summary and histograms tables, up to the next heading each. */
  private static String readmeSections() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    StringBuilder b = new StringBuilder();
    for (String heading : List.of("### The `summary` table", "### The `histograms` table")) {
      int from = readme.indexOf(heading);
      assertThat(from).as("README has a section %s", heading).isNotNegative();
      int to = readme.indexOf("\n### ", from + heading.length());
      b.append(readme, from, to < 0 ? readme.length() : to);
    }
    return b.toString();
  }

  @Test
  void everySpecName_isDocumentedInReadme() throws IOException {
    String doc = readmeSections();
    List<String> missing = new ArrayList<>();
    for (MetricSpec spec : SummaryMetrics.ALL) {
      for (String name : spec.names()) {
        boolean documented = doc.contains("`" + name + "`");
        if (!documented && spec instanceof PairedMetric paired) {
          // the attributions are documented once for all: `<name>_mean` etc., and each prefix
          String suffix = name.substring(paired.prefix().length());
          documented = doc.contains("`" + paired.prefix() + "`") && doc.contains("`<name>" + suffix + "`");
        }
        if (!documented) {
          missing.add(name);
        }
      }
    }
    assertThat(missing).as("metric names of SummaryMetrics.ALL missing from README").isEmpty();
  }

  @Test
  void everyDocumentedMetric_isInTheList() throws IOException {
    String sections = readmeSections();
    // the metric tables follow the columns table, from the first subsection on; the histograms'
    // quantity table closes the text
    String doc = sections.substring(sections.indexOf("\n#### "));
    // the first column of the metric tables: | `name`, `name` | ...
    Matcher row = Pattern.compile("(?m)^\\| ((?:`[a-z0-9_]+`(?:, )?)+) \\|").matcher(doc);
    List<String> names = SummaryMetrics.names();
    List<String> unknown = new ArrayList<>();
    int seen = 0;
    while (row.find()) {
      Matcher name = Pattern.compile("`([a-z0-9_]+)`").matcher(row.group(1));
      while (name.find()) {
        seen++;
        String n = name.group(1);
        boolean known = names.contains(n) || SummaryMetrics.ALL.stream()
            .anyMatch(s -> s instanceof PairedMetric p && p.prefix().equals(n));
        if (!known) {
          unknown.add(n);
        }
      }
    }
    assertThat(seen).as("metric table rows found").isGreaterThan(20);
    assertThat(unknown).as("README documents metrics the list does not write").isEmpty();
  }

  @Test
  void names_areUnique() {
    List<String> names = SummaryMetrics.names();
    assertThat(names).doesNotHaveDuplicates();
  }

  private static SummaryRow row(String metric, Double low, Double high) {
    return new SummaryRow("levered-erc", metric, null, 0.99, 0.99, low, high, 1000);
  }

  @Test
  void clipped_lossEsAboveAllEquity_upperEndAtOne() {
    // "loss ES 100.0 % [98.1, 101.9]" says only that the loss may be all of start equity
    SummaryRow r = SummaryMetrics.clipped(row(Metrics.LOSS_ES, 0.981, 1.019));
    assertThat(r.ciLow()).isEqualTo(0.981);
    assertThat(r.ciHigh()).isEqualTo(1.0);
    assertThat(r.value()).isEqualTo(0.99);
    assertThat(SummaryMetrics.clipped(row(Metrics.LOSS_VAR, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY)).ciHigh()).isEqualTo(1.0);
  }

  @Test
  void clipped_probabilitiesAndDrawdowns_withinZeroAndOne() {
    for (String metric : new String[] {Metrics.DRAWDOWN_ES, Metrics.MARGIN_CALL_PROB,
        Metrics.MULTI_ROUND_EPISODE_SHARE, Metrics.FORCED_SALE_SHARE, Metrics.REGIME_SHARE_ALL}) {
      SummaryRow r = SummaryMetrics.clipped(row(metric, -0.02, 1.3));
      assertThat(r.ciLow()).as(metric).isZero();
      assertThat(r.ciHigh()).as(metric).isEqualTo(1.0);
    }
    SummaryRow sales = SummaryMetrics.clipped(row(Metrics.FORCED_SALES_Q, -0.5, 2.0));
    assertThat(sales.ciLow()).isZero();
    assertThat(sales.ciHigh()).isEqualTo(2.0);
  }

  @Test
  void clipped_unboundedMetricOrMissingInterval_unchanged() {
    SummaryRow attribution = row(Metrics.ATTRIBUTION_VOL_ERROR + Metrics.MEAN, -3.0, 4.0);
    assertThat(SummaryMetrics.clipped(attribution)).isEqualTo(attribution);
    SummaryRow noInterval = row(Metrics.LOSS_ES, null, null);
    assertThat(SummaryMetrics.clipped(noInterval)).isEqualTo(noInterval);
  }
}
