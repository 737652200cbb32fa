package io.unwind.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaTest {
  @Test
  void decayForHalfLife_afterHalfLifeSteps_weightHalves() {
    for (double h : new double[] {1, 10, 30, 252.5}) {
      assertThat(Math.pow(Ewma.decayForHalfLife(h), h)).isCloseTo(0.5, within(1e-14));
    }
  }

  @Test
  void update_matchesDefinitionAndStaysSymmetric() {
    double[] cov = {9, 4, 1, 1, 3, 3, 2, 9, 4, 1};
    double[] before = cov.clone();
    double[] r = {0.5, -2};
    double lambda = 0.9;
    Ewma.update(cov, 3, 2, lambda, r);
    assertThat(cov[3]).isCloseTo(0.9 * 1 + 0.1 * 0.25, within(1e-15));
    assertThat(cov[4]).isCloseTo(0.9 * 3 + 0.1 * -1, within(1e-15));
    assertThat(cov[5]).isEqualTo(cov[4]);
    assertThat(cov[6]).isCloseTo(0.9 * 2 + 0.1 * 4, within(1e-15));
    assertThat(cov[0]).isEqualTo(before[0]);
    assertThat(cov[7]).isEqualTo(before[7]);
  }

  @Test
  void update_manyDraws_convergesToOuterProductMean() {
    // Alternating +r and -r keeps r r^T constant, so the estimate converges geometrically to it.
    double[] cov = new double[4];
    double[] r = {0.01, -0.02};
    double lambda = Ewma.decayForHalfLife(5);
    for (int t = 0; t < 400; t++) {
      r[0] = -r[0];
      r[1] = -r[1];
      Ewma.update(cov, 0, 2, lambda, r);
    }
    assertThat(cov[0]).isCloseTo(1e-4, within(1e-15));
    assertThat(cov[1]).isCloseTo(-2e-4, within(1e-15));
    assertThat(cov[1]).isEqualTo(cov[2]);
    assertThat(cov[3]).isCloseTo(4e-4, within(1e-15));
  }
  @Test
  void updateLowerObserved_sameAsObservedThenUpdateLower_bitForBit() {
    // The fused close must be the two-step close exactly: same lower triangle, same returns, and
    // the returned maximum equal to the largest updated variance.
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261124L);
    int n = 5;
    double lambda = Ewma.decayForHalfLife(30);
    double scale = Math.sqrt(252);
    double[] fused = new double[n * n];
    double[] stepwise = new double[n * n];
    for (int i = 0; i < n; i++) {
      fused[i * n + i] = 0.01 * (i + 1);
      stepwise[i * n + i] = fused[i * n + i];
    }
    double[] logReturns = new double[3 * n];
    double[] impactChange = new double[n];
    double[] rFused = new double[n];
    double[] rStep = new double[n];
    for (int day = 0; day < 200; day++) {
      for (int k = 0; k < logReturns.length; k++) {
        logReturns[k] = 0.02 * (random.nextDouble() - 0.5);
      }
      for (int i = 0; i < n; i++) {
        impactChange[i] = day % 3 == 0 ? 1e-4 * random.nextDouble() : 0.0;
      }
      int off = n * (day % 3);
      double max = Ewma.updateLowerObserved(fused, n, lambda, logReturns, off, impactChange, scale,
          rFused);
      for (int i = 0; i < n; i++) {
        rStep[i] = (logReturns[off + i] - impactChange[i]) * scale;
      }
      Ewma.updateLower(stepwise, 0, n, lambda, rStep);
      double expectedMax = 0;
      for (int i = 0; i < n; i++) {
        expectedMax = Math.max(expectedMax, stepwise[i * n + i]);
      }
      assertThat(rFused).as("day %d", day).containsExactly(rStep);
      assertThat(fused).as("day %d", day).containsExactly(stepwise);
      assertThat(max).as("day %d", day).isEqualTo(expectedMax);
    }
  }

  @Test
  void updateLowerObserved_sixAssets_sameAsLoopsBitForBit() {
    // Six assets run a written-out form; it must be the loops' arithmetic exactly, bit for bit:
    // the whole block (the upper triangle untouched), the returns and the running maximum, over
    // days with and without impact, zero returns and zero variances (ties in the maximum).
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261124L);
    int n = 6;
    double scale = Math.sqrt(252);
    for (int trial = 0; trial < 50; trial++) {
      double lambda = trial == 0 ? Ewma.decayForHalfLife(30) : random.nextDouble();
      double[] six = new double[n * n];
      for (int k = 0; k < six.length; k++) {
        six[k] = trial % 5 == 0 ? 0.0 : random.nextDouble() - 0.5;
      }
      double[] loops = six.clone();
      double[] logReturns = new double[4 * n];
      double[] impactChange = new double[n];
      double[] rSix = new double[n];
      double[] rLoops = new double[n];
      for (int day = 0; day < 100; day++) {
        for (int k = 0; k < logReturns.length; k++) {
          logReturns[k] = day % 7 == 0 ? 0.0 : 0.05 * (random.nextDouble() - 0.5);
        }
        for (int i = 0; i < n; i++) {
          impactChange[i] = day % 3 == 0 ? 1e-3 * random.nextDouble() : 0.0;
        }
        int off = n * (day % 4);
        double maxSix = Ewma.updateLowerObserved(six, n, lambda, logReturns, off, impactChange,
            scale, rSix);
        double maxLoops = Ewma.updateLowerObservedLoops(loops, n, lambda, logReturns, off,
            impactChange, scale, rLoops);
        String where = "trial " + trial + " day " + day;
        assertThat(NumericsFixtures.rawBits(rSix)).as(where).containsExactly(NumericsFixtures.rawBits(rLoops));
        assertThat(NumericsFixtures.rawBits(six)).as(where).containsExactly(NumericsFixtures.rawBits(loops));
        assertThat(NumericsFixtures.rawBits(maxSix)).as(where)
            .containsExactly(NumericsFixtures.rawBits(maxLoops));
      }
    }
  }

}
