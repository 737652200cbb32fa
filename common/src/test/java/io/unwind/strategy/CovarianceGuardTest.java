package io.unwind.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.rng.PathRandom;
import org.junit.jupiter.api.Test;

class CovarianceGuardTest {
  private static final long SEED = 7L;

  @Test
  void ensurePositiveDefinite_positiveDefinite_leavesItUntouched() {
    PathRandom rng = PathRandom.forPath(SEED, 0);
    CovarianceGuard guard = new CovarianceGuard(12);
    for (int n = 1; n <= 12; n++) {
      double[] cov = NumericsFixtures.randomCovariance(rng, n);
      double[] before = cov.clone();
      assertThat(guard.ensurePositiveDefinite(cov, 0, n, 1e-10)).isFalse();
      assertThat(cov).containsExactly(before);
    }
  }

  @Test
  void ensurePositiveDefinite_randomIndefinite_repairsToSymmetricPositiveDefinite() {
    PathRandom rng = PathRandom.forPath(SEED, 1);
    CovarianceGuard guard = new CovarianceGuard(10);
    for (int rep = 0; rep < 50; rep++) {
      int n = 2 + rep % 9;
      // Random symmetric matrix with positive diagonal: usually indefinite.
      double[] cov = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double v = i == j ? 0.01 + rng.nextUniform() : rng.nextNormal();
          cov[i * n + j] = v;
          cov[j * n + i] = v;
        }
      }
      boolean wasPd = NumericsFixtures.choleskyOrNull(cov, 0, n) != null;
      boolean repaired = guard.ensurePositiveDefinite(cov, 0, n, 1e-6);
      assertThat(repaired).as("rep %d seed %d", rep, SEED).isEqualTo(!wasPd);
      assertThat(NumericsFixtures.choleskyOrNull(cov, 0, n)).as("rep %d seed %d", rep, SEED).isNotNull();
      for (int i = 0; i < n; i++) {
        assertThat(cov[i * n + i]).isGreaterThanOrEqualTo(1e-6);
        for (int j = 0; j < n; j++) {
          assertThat(cov[i * n + j]).isEqualTo(cov[j * n + i]);
        }
      }
    }
  }

  @Test
  void ensurePositiveDefinite_impossibleCorrelations_staysCloseToInput() {
    double[] corr = {1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1};
    double[] cov = NumericsFixtures.covariance(new double[] {1, 1, 1}, corr);
    double[] before = cov.clone();
    assertThat(new CovarianceGuard(3).ensurePositiveDefinite(cov, 0, 3, 1e-8)).isTrue();
    // Clipping only the negative eigenvalue moves entries by at most |lambda_min| (here about 0.8).
    double[] l = NumericsFixtures.choleskyOrNull(cov, 0, 3);
    assertThat(l).isNotNull();
    for (int i = 0; i < 9; i++) {
      assertThat(cov[i]).isCloseTo(before[i], within(0.8));
    }
  }

  @Test
  void ensurePositiveDefinite_tinyVariance_flooredAndSolvable() {
    double[] cov = {0.04, 0, 0, 0, 1e-30, 0, 0, 0, 0.01};
    CovarianceGuard guard = new CovarianceGuard(3);
    assertThat(guard.ensurePositiveDefinite(cov, 0, 3, 1e-8)).isFalse();
    assertThat(cov[4]).isEqualTo(1e-8);
    double[] w = new double[3];
    assertThat(new ErcSolver(3).solve(cov, 0, w)).isTrue();
    // Diagonal: inverse vol, so the floored asset gets sigma_0 / sigma_1 = 2000 times asset 0's weight.
    assertThat(w[1] / w[0]).isCloseTo(0.2 / 1e-4, within(1e-6));
  }

  @Test
  void ensurePositiveDefinite_nonFinite_fallsBackToDiagonal() {
    double[] cov = {0.04, Double.NaN, Double.NaN, 0.09};
    assertThat(new CovarianceGuard(2).ensurePositiveDefinite(cov, 0, 2, 1e-8)).isTrue();
    assertThat(cov).containsExactly(0.04, 0, 0, 0.09);
  }

  @Test
  void ensurePositiveDefinite_atOffset_touchesOnlyItsBlock() {
    double[] store = {9, 9, 1, 2, 2, 1, 9};
    assertThat(new CovarianceGuard(2).ensurePositiveDefinite(store, 2, 2, 1e-8)).isTrue();
    assertThat(store[0]).isEqualTo(9);
    assertThat(store[1]).isEqualTo(9);
    assertThat(store[6]).isEqualTo(9);
    assertThat(NumericsFixtures.choleskyOrNull(store, 2, 2)).isNotNull();
  }
}
