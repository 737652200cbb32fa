package io.unwind.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.rng.PathRandom;
import io.unwind.strategy.NumericsFixtures;
import org.junit.jupiter.api.Test;

class RegimeChainTest {
  private static final long SEED = 99L;
  private static final double[] TRANSITION = {
      0.95, 0.04, 0.01,
      0.03, 0.95, 0.02,
      0.00, 0.10, 0.90};

  @Test
  void next_longChain_occupancyMatchesStationaryDistribution() {
    int k = 3;
    double[] pi = NumericsFixtures.stationaryByPowerIteration(TRANSITION, k);
    int batches = 200;
    int batchLength = 10_000; // >> mixing time (~1/(1 - 0.95) = 20 days), so batch means are near independent
    double[][] batchShare = new double[k][batches];
    PathRandom rng = PathRandom.forPath(SEED, 0);
    int state = RegimeChain.draw(pi, rng.nextUniform());
    for (int b = 0; b < batches; b++) {
      for (int t = 0; t < batchLength; t++) {
        state = RegimeChain.next(TRANSITION, k, state, rng.nextUniform());
        batchShare[state][b] += 1.0 / batchLength;
      }
    }
    for (int s = 0; s < k; s++) {
      double mean = 0;
      for (double v : batchShare[s]) {
        mean += v / batches;
      }
      double var = 0;
      for (double v : batchShare[s]) {
        var += (v - mean) * (v - mean) / (batches - 1);
      }
      double se = Math.sqrt(var / batches);
      // Batch-means SE accounts for autocorrelation; 4.5 SE: false failure ~1e-5 per state.
      assertThat(mean).as("regime %d share, seed %d", s, SEED).isCloseTo(pi[s], within(4.5 * se));
    }
  }

  @Test
  void next_longChain_meanStayMatchesGeometric() {
    int k = 3;
    PathRandom rng = PathRandom.forPath(SEED, 1);
    long[] stays = new long[k];
    long[] totalDays = new long[k];
    int state = 0;
    int run = 1;
    for (int t = 0; t < 2_000_000; t++) {
      int next = RegimeChain.next(TRANSITION, k, state, rng.nextUniform());
      if (next == state) {
        run++;
      } else {
        stays[state]++;
        totalDays[state] += run;
        state = next;
        run = 1;
      }
    }
    for (int s = 0; s < k; s++) {
      double p = TRANSITION[s * k + s];
      // Sojourns are i.i.d. geometric: mean 1/(1-p), sd sqrt(p)/(1-p). 4.5 SE: false failure ~7e-6.
      double se = Math.sqrt(p) / (1 - p) / Math.sqrt(stays[s]);
      assertThat((double) totalDays[s] / stays[s]).as("regime %d stay, seed %d", s, SEED)
          .isCloseTo(1 / (1 - p), within(4.5 * se));
    }
  }

  @Test
  void next_zeroProbability_neverDrawnEvenAtRoundOff() {
    // Row 2 has no way to regime 0; u just below 1 with a row summing to slightly less than 1.
    double[] t = {0.5, 0.5, 0, 0.3, 0.3, 0.4, 0, 0.1, 0.9 - 1e-15};
    assertThat(RegimeChain.next(t, 3, 2, 0.0)).isEqualTo(1);
    assertThat(RegimeChain.next(t, 3, 2, Math.nextDown(1.0))).isEqualTo(2);
    assertThat(RegimeChain.next(t, 3, 0, Math.nextDown(1.0))).isEqualTo(1);
    assertThat(RegimeChain.draw(new double[] {0, 1, 0}, 0.999)).isEqualTo(1);
    assertThat(RegimeChain.draw(new double[] {0.25, 0.75}, 0.25)).isEqualTo(1);
    assertThat(RegimeChain.draw(new double[] {0.25, 0.75}, 0.2499)).isZero();
  }
}
