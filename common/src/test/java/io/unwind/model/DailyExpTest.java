package io.unwind.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.rng.PathRandom;
import org.junit.jupiter.api.Test;

class DailyExpTest {
  @Test
  void exp_dailyRange_withinTwoUlpsOfMathExp() {
    // Deterministic sweep plus random points: the claim is an error bound, not a distribution.
    PathRandom random = PathRandom.forPath(17, 0);
    double worst = 0;
    for (int k = 0; k < 200_000; k++) {
      double x = k < 100_000
          ? -DailyExp.POLYNOMIAL_RANGE + 2 * DailyExp.POLYNOMIAL_RANGE * k / 99_999
          : 0.02 * random.nextNormal();
      double exact = Math.exp(x);
      worst = Math.max(worst, Math.abs(DailyExp.exp(x) - exact) / Math.ulp(exact));
    }
    assertThat(worst).as("largest error in ulps, seed 17").isLessThanOrEqualTo(2.0);
  }

  @Test
  void exp_outsidePolynomialRange_isMathExp() {
    for (double x : new double[] {0.1250001, -0.13, 1, -5, 700, -745, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThat(Double.valueOf(DailyExp.exp(x))).as("x = %s", x).isEqualTo(Double.valueOf(Math.exp(x)));
    }
  }

  @Test
  void exp_zero_isOne() {
    assertThat(DailyExp.exp(0.0)).isEqualTo(1.0);
    assertThat(DailyExp.exp(-0.0)).isEqualTo(1.0);
  }
}
