package io.unwind.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ImpactModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PriceImpactTest {

  @Test
  void logImpact_sqrtLaw_matchesClosedForm() {
    // Y sigma sqrt(Q/V): Y = 0.8, sigma = 2 %, Q/V = 0.25 -> 0.8 * 0.02 * 0.5
    assertThat(PriceImpact.logImpact(ImpactModel.SQRT, 0.8, 0.02, 0.25)).isCloseTo(0.008, within(1e-15));
    assertThat(PriceImpact.logImpact(ImpactModel.EXPONENTIAL, 0.8, 0.02, 0.25)).isCloseTo(0.004, within(1e-15));
    assertThat(PriceImpact.logImpact(ImpactModel.NONE, 0.8, 0.02, 0.25)).isZero();
  }

  @ParameterizedTest
  @EnumSource(ImpactModel.class)
  void averagePriceFactor_anyModel_equalsNumericalAverageOfPrice(ImpactModel model) {
    // sold side, bought side (negative: net bought), across zero, and either order
    double[][] ranges = {{0.0, 2.7}, {0.3, 2.7}, {5.0, 5.0 + 1e-7}, {1e-9, 3e-9}, {40, 900},
        {-2.7, 0.0}, {-2.7, -0.3}, {-5.0 - 1e-7, -5.0}, {-3e-9, -1e-9}, {-1.2, 0.7}, {2.7, 0.3},
        {0.7, -1.2}};
    for (double[] r : ranges) {
      int steps = 400_000;
      double sum = 0;
      for (int k = 0; k < steps; k++) {
        double x = Math.min(r[0], r[1]) + (k + 0.5) * Math.abs(r[1] - r[0]) / steps;
        sum += Math.exp(-PriceImpact.logImpact(model, 1.3, 0.037, x));
      }
      // midpoint rule: error well below 1e-9 here (the sqrt kink at 0 costs ~1e-10)
      assertThat(PriceImpact.averagePriceFactor(model, 1.3, 0.037, r[0], r[1]))
          .as("range [%s, %s]", r[0], r[1]).isCloseTo(sum / steps, within(1e-9));
    }
  }

  @ParameterizedTest
  @EnumSource(ImpactModel.class)
  void logImpact_boughtVolume_isMinusTheSoldImpact(ImpactModel model) {
    for (double x : new double[] {1e-12, 0.3, 2.5, 700}) {
      assertThat(PriceImpact.logImpact(model, 1.1, 0.02, -x))
          .isEqualTo(-PriceImpact.logImpact(model, 1.1, 0.02, x));
    }
  }

  @ParameterizedTest
  @EnumSource(ImpactModel.class)
  void averagePriceFactor_emptyInterval_equalsPointPrice(ImpactModel model) {
    assertThat(PriceImpact.averagePriceFactor(model, 1.0, 0.02, 0.5, 0.5))
        .isCloseTo(Math.exp(-PriceImpact.logImpact(model, 1.0, 0.02, 0.5)), within(1e-15));
  }

  @ParameterizedTest
  @EnumSource(value = ImpactModel.class, names = {"SQRT", "EXPONENTIAL"})
  void sell_splitIntoPieces_endsAtSamePriceAsOneSale(ImpactModel model) {
    Book once = book(model);
    Book split = book(model);
    once.sell(0, 0.9);
    for (int k = 0; k < 9; k++) {
      split.sell(0, 0.1);
    }
    // marked price depends on cumulative volume only
    assertThat(split.price(0)).isCloseTo(once.price(0), within(1e-14));
    // execution at the exact average price: proceeds of the pieces add up to the whole sale's
    assertThat(split.cash()).isCloseTo(once.cash(), within(1e-12));
  }

  private static Book book(ImpactModel model) {
    Book b = new Book(new double[] {2.0});
    b.reset(new double[] {1.5}, model, 1.0, 10, 0);
    b.openDay(new double[] {1.0}, 0, 0.5, new double[] {0.03}, 0);
    return b;
  }
}
