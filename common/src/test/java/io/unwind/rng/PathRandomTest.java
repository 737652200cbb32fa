package io.unwind.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PathRandomTest {
  private static final long SEED = 20261124L;

  private static double[] draws(PathRandom r, int count) {
    double[] out = new double[count];
    double[] shocks = new double[3];
    for (int i = 0; i < count; i += 4) {
      out[i] = r.nextUniform();
      out[i + 1] = r.nextNormal();
      r.nextShocks(i % 8 == 0 ? 0 : 5, shocks, 0, 3);
      out[i + 2] = shocks[0];
      out[i + 3] = shocks[2];
    }
    return out;
  }

  @Test
  void forPath_sameSeedAndPath_identicalInAnyCreationOrder() {
    double[] alone = draws(PathRandom.forPath(SEED, 17), 400);
    // Create many other streams first, interleave draws from them, then path 17 again.
    PathRandom[] others = new PathRandom[50];
    for (int k = 0; k < others.length; k++) {
      others[k] = PathRandom.forPath(SEED, 49 - k);
      draws(others[k], 40);
    }
    PathRandom again = PathRandom.forPath(SEED, 17);
    double[] interleaved = new double[400];
    double[] shocks = new double[3];
    for (int i = 0; i < 400; i += 4) {
      draws(others[i / 8], 4);
      interleaved[i] = again.nextUniform();
      interleaved[i + 1] = again.nextNormal();
      again.nextShocks(i % 8 == 0 ? 0 : 5, shocks, 0, 3);
      interleaved[i + 2] = shocks[0];
      interleaved[i + 3] = shocks[2];
    }
    assertThat(interleaved).containsExactly(alone);
  }

  @Test
  void forPath_differentPathOrSeed_differentSequences() {
    double[] base = draws(PathRandom.forPath(SEED, 0), 64);
    for (long other : new long[] {1, 2, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32}) {
      assertThat(draws(PathRandom.forPath(SEED, other), 64)).as("path %d", other).isNotEqualTo(base);
    }
    assertThat(draws(PathRandom.forPath(SEED + 1, 0), 64)).isNotEqualTo(base);
    // Streams of neighbouring paths share no value (a shifted-counter overlap would show here).
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (long path = 0; path < 100; path++) {
      PathRandom r = PathRandom.forPath(SEED, path);
      for (int i = 0; i < 100; i++) {
        assertThat(seen.add(r.provider().nextLong())).as("path %d draw %d seed %d", path, i, SEED).isTrue();
      }
    }
  }

  @Test
  void nextUniform_range_withinUnitInterval() {
    PathRandom r = PathRandom.forPath(SEED, 3);
    for (int i = 0; i < 100_000; i++) {
      assertThat(r.nextUniform()).isGreaterThanOrEqualTo(0).isLessThan(1);
    }
  }

  @Test
  void nextShocks_gaussian_unitVariance() {
    PathRandom r = PathRandom.forPath(SEED, 4);
    int n = 1_000_000;
    double[] z = new double[1];
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      r.nextShocks(0, z, 0, 1);
      sum += z[0];
      sumSq += z[0] * z[0];
    }
    // SE of the mean 1/sqrt(N); of the second moment sqrt(2/N). 4.5 SE: false failure ~7e-6 each.
    assertThat(sum / n).as("seed %d", SEED).isCloseTo(0, within(4.5 / Math.sqrt(n)));
    assertThat(sumSq / n).as("seed %d", SEED).isCloseTo(1, within(4.5 * Math.sqrt(2.0 / n)));
  }

  @Test
  void nextShocks_studentT_unitVarianceAndExcessKurtosis() {
    // nu = 12, not 8: the sample kurtosis has finite variance only if the 8th moment exists (nu > 8).
    final double nu = 12;
    // Moments of the standardised t (Student t moments E T^2k = nu^k Gamma(k+1/2)Gamma(nu/2-k)/(sqrt(pi)Gamma(nu/2))
    // times ((nu-2)/nu)^k): mu4 = 3 + 6/(nu-4), mu6 = 15 (nu-2)^2/((nu-4)(nu-6)),
    // mu8 = 105 (nu-2)^3/((nu-4)(nu-6)(nu-8)).
    double mu4 = 3 + 6 / (nu - 4);
    double mu6 = 15 * Math.pow(nu - 2, 2) / ((nu - 4) * (nu - 6));
    double mu8 = 105 * Math.pow(nu - 2, 3) / ((nu - 4) * (nu - 6) * (nu - 8));
    int n = 2_000_000;
    PathRandom r = PathRandom.forPath(SEED, 5);
    double[] x = new double[1];
    double m2 = 0;
    double m4 = 0;
    for (int i = 0; i < n; i++) {
      r.nextShocks(nu, x, 0, 1);
      double sq = x[0] * x[0];
      m2 += sq;
      m4 += sq * sq;
    }
    m2 /= n;
    m4 /= n;
    // Mean known to be 0 (symmetric), so moments about 0. SE of m2: sqrt((mu4 - 1)/N).
    double seVariance = Math.sqrt((mu4 - 1) / n);
    assertThat(m2).as("variance, seed %d", SEED).isCloseTo(1, within(4.5 * seVariance));
    // Delta method for k = m4/m2^2 at mu2 = 1: N Var = 4 mu4^2 (mu4 - 1) + (mu8 - mu4^2) - 4 mu4 (mu6 - mu4)
    // = 275 for nu = 12, so SE ~ 0.012 against an excess kurtosis of 0.75. At 4.5 SE the false-failure
    // odds are ~7e-6 under the normal approximation (somewhat more: the estimator is itself heavy-tailed).
    double seKurtosis = Math.sqrt((4 * mu4 * mu4 * (mu4 - 1) + (mu8 - mu4 * mu4) - 4 * mu4 * (mu6 - mu4)) / n);
    assertThat(m4 / (m2 * m2) - 3).as("excess kurtosis, seed %d", SEED)
        .isCloseTo(6 / (nu - 4), within(4.5 * seKurtosis));
  }

  @Test
  void nextShocks_studentTVector_sharesOneChiSquare() {
    // With one chi-square per vector, E[x1^2 x2^2] = (nu-2)/(nu-4) (1.25 at nu = 12); independent
    // draws would give 1. Var(x1^2 x2^2) = 9 (nu-2)^3/((nu-4)(nu-6)(nu-8)) - 1.25^2 = 45.3.
    final double nu = 12;
    int n = 500_000;
    PathRandom r = PathRandom.forPath(SEED, 6);
    double[] x = new double[4];
    double cross = 0;
    double product = 0;
    for (int i = 0; i < n; i++) {
      r.nextShocks(nu, x, 1, 3);
      assertThat(x[0]).isZero();
      cross += x[1] * x[1] * x[2] * x[2];
      product += x[1] * x[3];
    }
    double expected = (nu - 2) / (nu - 4);
    double se = Math.sqrt((9 * Math.pow(nu - 2, 3) / ((nu - 4) * (nu - 6) * (nu - 8)) - expected * expected) / n);
    // 4.5 SE: false-failure odds ~7e-6.
    assertThat(cross / n).as("seed %d", SEED).isCloseTo(expected, within(4.5 * se));
    // Components stay uncorrelated: Var(x1 x3) = E[x1^2 x3^2] = 1.25.
    assertThat(product / n).as("seed %d", SEED).isCloseTo(0, within(4.5 * Math.sqrt(expected / n)));
  }

  @Test
  void nextShocks_dofAtMostTwo_rejected() {
    PathRandom r = PathRandom.forPath(SEED, 7);
    double[] x = new double[2];
    assertThatThrownBy(() -> r.nextShocks(2, x, 0, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dof 2.0");
    assertThatThrownBy(() -> r.nextShocks(-3, x, 0, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextShocks_manyDistinctDof_stillDeterministic() {
    // More distinct dof values than the sampler cache holds: results must not depend on eviction.
    double[] first = new double[40];
    double[] second = new double[40];
    for (double[] out : new double[][] {first, second}) {
      PathRandom r = PathRandom.forPath(SEED, 8);
      for (int i = 0; i < 40; i++) {
        r.nextShocks(3 + (i % 13), out, i, 1);
      }
    }
    assertThat(second).containsExactly(first);
  }
}
