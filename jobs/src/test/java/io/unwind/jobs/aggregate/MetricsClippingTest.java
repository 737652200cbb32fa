package io.unwind.jobs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Confidence intervals never leave what the metric can be (issue 15 item 7). */
class MetricsClippingTest {

  private static SummaryRow row(String metric, Double low, Double high) {
    return new SummaryRow("levered-erc", metric, null, 0.99, 0.99, low, high, 1000);
  }

  @Test
  void clipped_lossEsAboveAllEquity_upperEndAtOne() {
    // the "loss ES 100.0 % [98.1, 101.9]"
    SummaryRow r = Metrics.clipped(row(Metrics.LOSS_ES, 0.981, 1.019));
    assertThat(r.ciLow()).isEqualTo(0.981);
    assertThat(r.ciHigh()).isEqualTo(1.0);
    assertThat(r.value()).isEqualTo(0.99);
    assertThat(Metrics.clipped(row(Metrics.LOSS_VAR, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY)).ciHigh()).isEqualTo(1.0);
  }

  @Test
  void clipped_probabilitiesAndDrawdowns_withinZeroAndOne() {
    for (String metric : new String[] {Metrics.DRAWDOWN_ES, Metrics.MARGIN_CALL_PROB,
        Metrics.MULTI_ROUND_EPISODE_SHARE, Metrics.FORCED_SALE_SHARE, Metrics.REGIME_SHARE_ALL}) {
      SummaryRow r = Metrics.clipped(row(metric, -0.02, 1.3));
      assertThat(r.ciLow()).as(metric).isZero();
      assertThat(r.ciHigh()).as(metric).isEqualTo(1.0);
    }
    SummaryRow sales = Metrics.clipped(row(Metrics.FORCED_SALES_Q, -0.5, 2.0));
    assertThat(sales.ciLow()).isZero();
    assertThat(sales.ciHigh()).isEqualTo(2.0);
  }

  @Test
  void clipped_unboundedMetricOrMissingInterval_unchanged() {
    SummaryRow attribution = row(Metrics.ATTRIBUTION_VOL_ERROR + Metrics.MEAN, -3.0, 4.0);
    assertThat(Metrics.clipped(attribution)).isEqualTo(attribution);
    SummaryRow noInterval = row(Metrics.LOSS_ES, null, null);
    assertThat(Metrics.clipped(noInterval)).isEqualTo(noInterval);
  }
}
