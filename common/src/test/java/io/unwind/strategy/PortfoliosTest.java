package io.unwind.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PortfoliosTest {
  @Test
  void quadraticFormLower_randomBlocks_matchesFullProduct() {
    // Against the definition sum_ij x_i S_ij x_j on the full symmetric block, for the loops (n = 5)
    // and the written-out six-asset form; the relative round-off of these sums is below 1e-14.
    SplittableRandom random = new SplittableRandom(7L);
    for (int n : new int[] {1, 2, 5, 6, 7}) {
      for (int trial = 0; trial < 200; trial++) {
        int off = n * n * (trial % 3);
        double[] cov = symmetricBlocks(random, n, 3);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = random.nextDouble() - 0.3;
        }
        double expected = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            expected += x[i] * cov[off + i * n + j] * x[j];
            scale += Math.abs(x[i] * cov[off + i * n + j] * x[j]);
          }
        }
        assertThat(Portfolios.quadraticFormLower(cov, off, n, x)).as("n %d trial %d", n, trial)
            .isCloseTo(expected, within(1e-14 * scale));
      }
    }
  }

  @Test
  void quadraticFormLower_sixAssets_sameAsLoopsBitForBit() {
    // The vol check's written-out six-asset form must be the loops' arithmetic exactly, at any
    // block offset (the oracle reads the regime's block), with zero and negative-zero entries.
    SplittableRandom random = new SplittableRandom(20261124L);
    int n = 6;
    for (int trial = 0; trial < 5_000; trial++) {
      int off = n * n * (trial % 3);
      double[] cov = symmetricBlocks(random, n, 3);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(6);
        x[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : random.nextDouble() * 3 - 1;
      }
      if (trial % 10 == 0) {
        java.util.Arrays.fill(cov, off, off + n * n, trial % 20 == 0 ? 0.0 : -0.0);
      }
      double six = Portfolios.quadraticFormLower(cov, off, n, x);
      double loops = Portfolios.quadraticFormLowerLoops(cov, off, n, x);
      assertThat(NumericsFixtures.rawBits(six)).as("trial %d: %s vs %s", trial, six, loops)
          .containsExactly(NumericsFixtures.rawBits(loops));
    }
  }

  /** {@code blocks} random symmetric n x n blocks, back to back. */
  private static double[] symmetricBlocks(SplittableRandom random, int n, int blocks) {
    double[] cov = new double[blocks * n * n];
    for (int b = 0; b < blocks; b++) {
      int off = b * n * n;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double v = i == j ? random.nextDouble() : random.nextDouble() - 0.5;
          cov[off + i * n + j] = v;
          cov[off + j * n + i] = v;
        }
      }
    }
    return cov;
  }
}
