package io.unwind.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PremiaMeansTest {

  /**
   * The stationary arithmetic mean return of asset i under log drifts {@code mu}, written out
   * independently of {@link PremiaMeans}: {@code sum_s pi_s (mu_s + vol_s^2 / 2)}.
   */
  private static double stationaryArithmeticMean(double[] stationary, double[][] mu,
      double[][] vol, int i) {
    double m = 0;
    for (int s = 0; s < stationary.length; s++) {
      m += stationary[s] * (mu[s][i] + 0.5 * vol[s][i] * vol[s][i]);
    }
    return m;
  }

  @Test
  void means_anyModel_stationaryArithmeticMeanIsShortRatePlusPremium() {
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    for (int trial = 0; trial < 200; trial++) {
      int k = 1 + random.nextInt(5);
      int n = 1 + random.nextInt(7);
      double[] pi = new double[k];
      double total = 0;
      for (int s = 0; s < k; s++) {
        pi[s] = random.nextDouble() + 1e-3;
        total += pi[s];
      }
      for (int s = 0; s < k; s++) {
        pi[s] /= total;
      }
      double[][] fitted = new double[k][n];
      double[][] vol = new double[k][n];
      for (int s = 0; s < k; s++) {
        for (int i = 0; i < n; i++) {
          fitted[s][i] = random.nextDouble() * 1.2 - 0.6;
          vol[s][i] = 0.01 + random.nextDouble() * 0.6;
        }
      }
      double[] premium = new double[n];
      for (int i = 0; i < n; i++) {
        premium[i] = random.nextDouble() * 0.08;
      }
      double shortRate = random.nextDouble() * 0.05;
      double shrink = random.nextDouble();
      double[][] mu = PremiaMeans.means(pi, fitted, vol, shortRate, premium, shrink);
      for (int i = 0; i < n; i++) {
        assertThat(stationaryArithmeticMean(pi, mu, vol, i))
            .as("trial %d asset %d", trial, i).isCloseTo(shortRate + premium[i], within(1e-12));
        // Each pair of regimes keeps shrink times its fitted difference: the character.
        for (int s = 1; s < k; s++) {
          assertThat(mu[s][i] - mu[0][i])
              .isCloseTo(shrink * (fitted[s][i] - fitted[0][i]), within(1e-12));
        }
      }
    }
  }

  @Test
  void means_shrinkZero_everyRegimeSharesOneDrift() {
    double[] pi = {0.7, 0.3};
    double[][] fitted = {{0.2}, {-0.4}};
    double[][] vol = {{0.1}, {0.4}};
    double[][] mu = PremiaMeans.means(pi, fitted, vol, 0.03, new double[] {0.05}, 0.0);
    // 0.03 + 0.05 - (0.7 * 0.005 + 0.3 * 0.08) = 0.08 - 0.0275
    assertThat(mu[0][0]).isCloseTo(0.0525, within(1e-15));
    assertThat(mu[1][0]).isCloseTo(0.0525, within(1e-15));
  }

  @Test
  void means_shrinkOutsideUnitInterval_isRejected() {
    double[][] one = {{0.1}};
    assertThatThrownBy(() -> PremiaMeans.means(new double[] {1}, one, one, 0, new double[] {0}, 1.5))
        .hasMessageContaining("shrink");
  }
}
