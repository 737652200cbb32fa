package io.unwind.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.summary.Metrics;
import io.unwind.summary.SummaryRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Headlines on hand-built summary rows: the sentences quote the rows they are built from. */
class HeadlinesTest {
  private static final List<String> STRATEGIES = List.of("levered-erc", "oracle-erc", "no-impact",
      "unlevered-erc", "sixty-forty");

  private static List<SummaryRow> rows() {
    List<SummaryRow> r = new ArrayList<>();
    r.add(new SummaryRow("levered-erc", Metrics.LOSS_ES, 0.99, 0.41, 0.39, 0.43, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.LOSS_ES, 0.95, 0.30, 0.29, 0.31, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.DEFAULT_PROB, null, 0.032, 0.031, 0.033, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.MARGIN_CALL_PROB, null, 0.12, 0.118, 0.122, 100_000));
    r.add(new SummaryRow("sixty-forty", Metrics.LOSS_ES, 0.99, 0.25, 0.24, 0.26, 100_000));
    String vs = Metrics.VERSUS + "oracle-erc";
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.MEAN, vs, null, 0.012, 0.011, 0.013, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.DRIFT_MEAN, vs, null, 0.009, 0.0085, 0.0095, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.SHOCK_MEAN, vs, null, 0.003, 0.002, 0.004, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.ES, vs, 0.99, 0.061, 0.058, 0.064, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.DELEVERAGING_PROB, null, 0.29, 0.287, 0.293, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.MULTI_ROUND_EPISODE_SHARE, null, 0.94, 0.93, 0.95, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.FORCED_SALE_SHARE, null, 0.002, 0.001, 0.003, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.ES, vs, 0.95, 0.03, 0.02, 0.04, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.PAIRED_SE, vs, null, 0.0005, null, null, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_VOL_ERROR + Metrics.UNPAIRED_SE, vs, null, 0.005, null, null, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.REGIME_SHARE_ALL, "regime:calm", null, 0.5, 0.49, 0.51, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.REGIME_SHARE_WORST1PCT, "regime:calm", 0.99, 0.2, 0.18, 0.22, 1000));
    r.add(new SummaryRow("levered-erc", Metrics.REGIME_SHARE_ALL, "regime:crisis", null, 0.08, 0.07, 0.09, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.REGIME_SHARE_WORST1PCT, "regime:crisis", 0.99, 0.4, 0.38, 0.42, 1000));
    return r;
  }

  @Test
  void of_fullSummary_quotesTailDefaultAttributionAndRegime() {
    List<String> h = Headlines.of(rows(), STRATEGIES, 2520);
    assertThat(h.get(0)).isEqualTo("levered-erc: 99 % ES of the 10-year loss 41.0 % [39.0 %, 43.0 %] "
        + "of start equity; 3.2 % [3.1 %, 3.3 %] of paths default; 12.0 % meet at least one margin call.");
    assertThat(h.get(1)).isEqualTo("For comparison, 99 % ES of the same loss: sixty-forty 25.0 %.");
    // the regime attribution says how much of its mean is the timing of drifts, not vol
    assertThat(h).anySatisfy(s -> assertThat(s).startsWith("Not knowing the regime")
        .contains("on the same paths) adds 1.2 % [1.1 %, 1.3 %]").contains("6.1 % [5.8 %, 6.4 %]")
        .contains("where it adds most").contains("of the mean, 0.90 % [0.85 %, 0.95 %] comes from the regimes' drifts")
        .contains("and 0.30 % [0.20 %, 0.40 %] from the shocks"));
    assertThat(h).contains("levered-erc: 29.0 % [28.7 %, 29.3 %] of paths have a deleveraging "
        + "episode (gross cut below half its ten-day high); 94.0 % [93.0 %, 95.0 %] of episodes "
        + "take more than one sale round; margin calls forced 0.20 % [0.10 %, 0.30 %] of "
        + "everything it sold, the vol target and the schedule the rest.");
    // SE ratio 10: 100x as many independent paths.
    assertThat(h).anySatisfy(s -> assertThat(s).contains("levered-erc − oracle-erc is 0.050 %")
        .contains("against 0.50 %").contains("(100x"));
    // Crisis: 40 % of the worst paths' days against 8 %, ratio 5; calm is under-represented.
    assertThat(h.get(h.size() - 1)).isEqualTo("levered-erc's worst 1 % of paths spent 40.0 % of their "
        + "days in the crisis regime, against 8.0 % over all paths.");
  }

  @Test
  void of_negativeMeanAttribution_saysItReducesTheLossAndStillCostsInTheTail() {
    List<SummaryRow> r = rows();
    String vs = Metrics.VERSUS + "unlevered-erc";
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_LEVERAGE + Metrics.MEAN, vs, null, -0.349, -0.352, -0.346, 100_000));
    r.add(new SummaryRow("levered-erc", Metrics.ATTRIBUTION_LEVERAGE + Metrics.ES, vs, 0.99, 0.292, 0.289, 0.295, 100_000));
    List<String> h = Headlines.of(r, STRATEGIES, 2520);
    assertThat(h).anySatisfy(s -> assertThat(s).startsWith("Leverage")
        .contains("reduce the loss by 34.9 % [34.6 %, 35.2 %] of start equity on average")
        .contains("yet add 29.2 % [28.9 %, 29.5 %]")
        .doesNotContainPattern("-[0-9]"));
  }

  @Test
  void of_missingAttributions_leavesTheirSentencesOut() {
    List<SummaryRow> only = List.of(new SummaryRow("sixty-forty", Metrics.LOSS_ES, 0.99, 0.25,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 50));
    List<String> h = Headlines.of(only, List.of("sixty-forty"), 126);
    assertThat(h).containsExactly("sixty-forty: 99 % ES of the 126-day loss 25.0 % [n/a, n/a] of start equity.");
  }

  @Test
  void of_noRows_noSentences() {
    assertThat(Headlines.of(List.of(), STRATEGIES, 252)).isEmpty();
  }

  @Test
  void pct_rareProbability_keepsDigits() {
    assertThat(Headlines.pct(0.00004)).isEqualTo("0.004 %");
    assertThat(Headlines.pct(0.0)).isEqualTo("0.0 %");
    // the Wilson upper bound for 0 defaults in a million paths, 3.8e-6, must not read as zero
    assertThat(Headlines.pct(3.8e-6)).isEqualTo("0.0004 %");
    assertThat(Headlines.pct(0.0005)).isEqualTo("0.050 %");
    assertThat(Headlines.pct(-0.05)).isEqualTo("-5.0 %");
  }
}
