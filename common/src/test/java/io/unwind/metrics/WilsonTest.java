package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonTest {

  /**
   * Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
   * seven methods", Statistics in Medicine 17:857–872, Table I, method 3 (score interval without
   * continuity correction), quoted to 4 decimals.
   */
  private static final double[][] NEWCOMBE_TABLE_I = {
      // successes, n, lower, upper
      {81, 263, 0.2553, 0.3662},
      {15, 148, 0.0624, 0.1605},
      {0, 20, 0.0000, 0.1611},
      {1, 29, 0.0061, 0.1718},
  };

  @Test
  void interval_newcombeExamples_matchPublishedTable() {
    for (double[] row : NEWCOMBE_TABLE_I) {
      ProportionEstimate e = Wilson.interval((long) row[0], (long) row[1]);
      assertThat(e.value()).isEqualTo(row[0] / row[1]);
      assertThat(e.ciLow()).as("%s/%s low", row[0], row[1]).isCloseTo(row[2], within(5e-5));
      assertThat(e.ciHigh()).as("%s/%s high", row[0], row[1]).isCloseTo(row[3], within(5e-5));
    }
  }

  @Test
  void interval_edgeCases_areExactlyZeroOrOneAtTheBoundary() {
    // Closed form at s = 0: upper = z² / (n + z²); at s = n, lower = n / (n + z²).
    double z2 = Wilson.Z_95 * Wilson.Z_95;
    ProportionEstimate none = Wilson.interval(0, 10);
    assertThat(none.value()).isEqualTo(0.0);
    assertThat(none.ciLow()).isEqualTo(0.0);
    assertThat(none.ciHigh()).isCloseTo(z2 / (10 + z2), within(1e-15));
    assertThat(none.ciHigh()).isCloseTo(0.2775, within(5e-5));
    ProportionEstimate all = Wilson.interval(10, 10);
    assertThat(all.ciHigh()).isEqualTo(1.0);
    assertThat(all.ciLow()).isCloseTo(10 / (10 + z2), within(1e-15));
    assertThat(all.ciLow()).isCloseTo(0.7225, within(5e-5));
  }

  @Test
  void interval_symmetry_swapsEnds() {
    // Swapping successes and failures mirrors the interval around 1/2.
    ProportionEstimate a = Wilson.interval(37, 1000);
    ProportionEstimate b = Wilson.interval(963, 1000);
    assertThat(a.ciLow()).isCloseTo(1 - b.ciHigh(), within(1e-15));
    assertThat(a.ciHigh()).isCloseTo(1 - b.ciLow(), within(1e-15));
  }

  @Test
  void interval_invalidInput_isRejected() {
    assertThatThrownBy(() -> Wilson.interval(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Wilson.interval(11, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Wilson.interval(-1, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void proportionAccumulator_splitAndCombine_equalsSinglePass() {
    ProportionAccumulator all = new ProportionAccumulator();
    ProportionAccumulator first = new ProportionAccumulator();
    ProportionAccumulator second = new ProportionAccumulator();
    for (int i = 0; i < 263; i++) {
      boolean hit = i % 263 < 81;
      all.accept(hit);
      (i < 100 ? first : second).accept(hit);
    }
    ProportionAccumulator merged = new ProportionAccumulator().combine(second).combine(first);
    assertThat(merged.successes()).isEqualTo(81);
    assertThat(merged.count()).isEqualTo(263);
    assertThat(merged.finish()).isEqualTo(all.finish());
    assertThat(merged.finish().ciLow()).isCloseTo(0.2553, within(5e-5));
    assertThatThrownBy(() -> new ProportionAccumulator().finish())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void upperForNoSuccess_integerN_theIntervalsUpperEnd() {
    for (long n : new long[] {1, 7, 320, 100_000}) {
      assertThat(Wilson.upperForNoSuccess(n, Wilson.Z_95)).as("n = %s", n)
          .isCloseTo(Wilson.interval(0, n).ciHigh(), within(1e-15));
    }
    assertThatThrownBy(() -> Wilson.upperForNoSuccess(0.0, Wilson.Z_95))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
