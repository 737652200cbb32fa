package io.unwind.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.rng.PathRandom;
import io.unwind.strategy.NumericsFixtures;
import org.junit.jupiter.api.Test;

class CorrelatedShocksTest {
  private static final long SEED = 314L;

  @Test
  void apply_gaussianShocks_sampleCovarianceMatchesConfig() {
    double[] vol = {0.10, 0.20, 0.05, 0.30};
    double[] corr = {
        1, 0.6, -0.3, 0.2,
        0.6, 1, -0.1, 0.5,
        -0.3, -0.1, 1, 0.0,
        0.2, 0.5, 0.0, 1};
    int n = 4;
    double[] cov = NumericsFixtures.covariance(vol, corr);
    // Cholesky factor from commons-math3, stored at an offset to exercise lOffset.
    double[] l = NumericsFixtures.choleskyOrNull(cov, 0, n);
    double[] store = new double[5 + n * n];
    System.arraycopy(l, 0, store, 5, n * n);
    int samples = 400_000;
    PathRandom rng = PathRandom.forPath(SEED, 0);
    double[] z = new double[n];
    double[] x = new double[n];
    double[] sum = new double[n];
    double[] cross = new double[n * n];
    for (int s = 0; s < samples; s++) {
      rng.nextShocks(0, z, 0, n);
      CorrelatedShocks.apply(store, 5, n, z, x);
      for (int i = 0; i < n; i++) {
        sum[i] += x[i];
        for (int j = 0; j < n; j++) {
          cross[i * n + j] += x[i] * x[j];
        }
      }
    }
    double[] sd = new double[n];
    for (int i = 0; i < n; i++) {
      double mean = sum[i] / samples;
      sd[i] = Math.sqrt(cross[i * n + i] / samples - mean * mean);
      // SE of a normal sample sd: sigma / sqrt(2N). 4.5 SE: false failure ~7e-6 each (16 checks: ~1e-4).
      assertThat(sd[i]).as("vol %d, seed %d", i, SEED).isCloseTo(vol[i], within(4.5 * vol[i] / Math.sqrt(2.0 * samples)));
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double c = (cross[i * n + j] / samples - sum[i] / samples * sum[j] / samples) / (sd[i] * sd[j]);
        double rho = corr[i * n + j];
        // SE of a sample correlation ~ (1 - rho^2)/sqrt(N).
        assertThat(c).as("corr %d,%d, seed %d", i, j, SEED)
            .isCloseTo(rho, within(4.5 * (1 - rho * rho) / Math.sqrt(samples) + 1e-12));
      }
    }
  }

  @Test
  void apply_upperTriangleGarbage_ignored() {
    double[] l = {2, 99, 1, 3};
    double[] out = new double[2];
    CorrelatedShocks.apply(l, 0, 2, new double[] {1, 10}, out);
    assertThat(out).containsExactly(2, 31);
  }

  @Test
  void apply_sixAssets_sameAsLoopsBitForBit() {
    // Six assets run a written-out form; it must be the loops' arithmetic exactly (raw bits, so
    // the sign of a zero counts too), at any offset, for shocks with zeros and negative zeros.
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261124L);
    int n = 6;
    double[] store = new double[3 + 2 * n * n];
    double[] z = new double[n];
    double[] six = new double[n];
    double[] loops = new double[n];
    for (int trial = 0; trial < 5_000; trial++) {
      for (int k = 0; k < store.length; k++) {
        store[k] = trial % 50 == 0 ? -0.0 : random.nextDouble() * 2 - 1;
      }
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(6);
        z[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : random.nextGaussian();
      }
      int offset = trial % 3 == 0 ? 3 : 3 + n * n;
      CorrelatedShocks.apply(store, offset, n, z, six);
      CorrelatedShocks.applyLoops(store, offset, n, z, loops);
      assertThat(NumericsFixtures.rawBits(six)).as("trial %d", trial)
          .containsExactly(NumericsFixtures.rawBits(loops));
    }
  }
}
