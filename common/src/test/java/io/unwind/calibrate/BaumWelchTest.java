package io.unwind.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.junit.jupiter.api.Test;

class BaumWelchTest {

  /** Relative tolerance on the log-likelihood for "never decreases": rounding only. */
  private static final double MONOTONE_TOLERANCE = 1e-9;

  // Tolerances: vols within 10 %, correlations within 0.1, expected stays within 25 %.
  // Sampling spread, measured as the RMS error over 40 independent replications of each test's
  // design (seeds 100..139; the fully observed bound sqrt(p_ii / exits) agrees within ~20 %):
  //   two regimes, T = 5000:    stays 6.3 % / 5.0 %, vols <= 2.0 %, correlations <= 0.020
  //   three regimes, T = 12000: stays 5.7 % / 5.1 % / 5.4 %, vols <= 1.9 %, correlations <= 0.018
  // so every tolerance is at least 4 standard errors: each comparison fails by chance with odds
  // below 1 in 15,000 (normal tails), and a whole test below about 1 in 1,000.

  @Test
  void fit_twoRegimeDailySimulation_recoversVolsCorrelationsAndStays() {
    long seed = 11;
    RegimeSimulator sim = TestModels.TWO_REGIMES;
    RegimeSimulator.Path path = sim.simulate(5000, seed);

    HmmFit fit = BaumWelch.fit(path.returns(), sim.assets, sim.regimes, 3, seed, 1e-7, 1000);

    assertRecovered(sim, fit.parameters().orderedByVolatility(), seed);
    assertThat(fit.converged()).as("seed %d", seed).isTrue();
  }

  @Test
  void fit_threeRegimeDailySimulation_recoversVolsCorrelationsAndStays() {
    long seed = 12;
    RegimeSimulator sim = TestModels.THREE_REGIMES;
    RegimeSimulator.Path path = sim.simulate(12000, seed);

    HmmFit fit = BaumWelch.fit(path.returns(), sim.assets, sim.regimes, 3, seed, 1e-7, 1000);

    assertRecovered(sim, fit.parameters().orderedByVolatility(), seed);
  }

  static void assertRecovered(RegimeSimulator sim, HmmParameters p, long seed) {
    int n = sim.assets;
    for (int k = 0; k < sim.regimes; k++) {
      for (int j = 0; j < n; j++) {
        double vol = p.volatility(k, j) * Math.sqrt(sim.periodsPerYear);
        double truth = sim.annualVol[k * n + j];
        assertThat(vol).as("seed %d regime %d asset %d vol", seed, k, j)
            .isCloseTo(truth, within(0.10 * truth));
      }
      double[] corr = p.correlation(k);
      for (int i = 0; i < n * n; i++) {
        assertThat(corr[i]).as("seed %d regime %d corr[%d]", seed, k, i)
            .isCloseTo(sim.corr[k * n * n + i], within(0.1));
      }
      double stay = 1 / (1 - p.transition(k, k));
      assertThat(stay).as("seed %d regime %d expected stay", seed, k)
          .isCloseTo(sim.expectedStay(k), within(0.25 * sim.expectedStay(k)));
    }
  }

  @Test
  void fit_anySeedOrRegimeCount_logLikelihoodNeverDecreases() {
    // Includes over-fitting (4 regimes on 2-regime data), where a regime may try to collapse.
    for (long seed = 1; seed <= 4; seed++) {
      RegimeSimulator sim = seed % 2 == 0 ? TestModels.TWO_REGIMES : TestModels.THREE_REGIMES;
      RegimeSimulator.Path path = sim.simulate(2000, seed);
      for (int k = 2; k <= 4; k++) {
        HmmFit fit = BaumWelch.fit(path.returns(), sim.assets, k, 1, seed, 1e-12, 300);
        assertNonDecreasing(fit.objectiveTrace(), "objective", seed, k);
        assertNonDecreasing(fit.logLikelihoodTrace(), "log-likelihood", seed, k);
        assertThat(fit.logLikelihoodTrace().length).as("seed %d K %d", seed, k)
            .isEqualTo(fit.iterations() + 1);
      }
    }
  }

  private static void assertNonDecreasing(double[] trace, String what, long seed, int k) {
    for (int i = 1; i < trace.length; i++) {
      assertThat(trace[i] - trace[i - 1])
          .as("seed %d K %d %s at iteration %d: %s -> %s", seed, k, what, i, trace[i - 1], trace[i])
          .isGreaterThanOrEqualTo(-MONOTONE_TOLERANCE * Math.abs(trace[i - 1]));
    }
  }

  @Test
  void fit_bestStart_logLikelihoodMatchesIndependentEvaluation() {
    RegimeSimulator sim = TestModels.TWO_REGIMES;
    RegimeSimulator.Path path = sim.simulate(1500, 5);

    HmmFit fit = BaumWelch.fit(path.returns(), sim.assets, 2, 2, 5, 1e-7, 500);

    double direct = BaumWelch.logLikelihood(fit.parameters(), path.returns());
    assertThat(fit.logLikelihood()).isCloseTo(direct, within(1e-9 * Math.abs(direct)));
    double[] trace = fit.logLikelihoodTrace();
    assertThat(trace[trace.length - 1]).isEqualTo(fit.logLikelihood());
  }

  @Test
  void orderedByVolatility_differentSeeds_giveTheSameOrderedParameters() {
    RegimeSimulator sim = TestModels.THREE_REGIMES;
    RegimeSimulator.Path path = sim.simulate(4000, 21);
    HmmParameters reference = null;
    boolean labelsSwitched = false;
    for (long seed = 1; seed <= 6; seed++) {
      HmmFit fit = BaumWelch.fit(path.returns(), sim.assets, 3, 1, seed, 1e-11, 2000);
      int[] order = fit.parameters().calmToVolatileOrder();
      labelsSwitched |= order[0] != 0 || order[1] != 1;
      HmmParameters ordered = fit.parameters().orderedByVolatility();
      if (reference == null) {
        reference = ordered;
        continue;
      }
      assertSameParameters(ordered, reference, 1e-4, "seed " + seed);
    }
    // Seeded k-means++ puts the calm regime first only by chance: the raw labels did differ.
    assertThat(labelsSwitched).isTrue();
  }

  @Test
  void orderedByVolatility_anyRelabelling_givesIdenticalParameters() {
    RegimeSimulator sim = TestModels.THREE_REGIMES;
    HmmFit fit = BaumWelch.fit(sim.simulate(1500, 3).returns(), sim.assets, 3, 1, 3, 1e-7, 500);
    HmmParameters ordered = fit.parameters().orderedByVolatility();
    int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (int[] perm : perms) {
      HmmParameters relabelled = ordered.permuted(perm).orderedByVolatility();
      assertSameParameters(relabelled, ordered, 0.0, java.util.Arrays.toString(perm));
    }
    for (int k = 1; k < 3; k++) {
      assertThat(ordered.averageVolatility(k)).isGreaterThan(ordered.averageVolatility(k - 1));
    }
  }

  private static void assertSameParameters(HmmParameters a, HmmParameters b, double rel, String what) {
    assertArraysClose(a.transition(), b.transition(), rel, what + " transition");
    assertArraysClose(a.mean(), b.mean(), rel, what + " mean");
    assertArraysClose(a.covariance(), b.covariance(), rel, what + " covariance");
  }

  private static void assertArraysClose(double[] a, double[] b, double rel, String what) {
    double scale = 0;
    for (double v : b) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).as("%s[%d]", what, i).isCloseTo(b[i], within(rel * scale));
    }
  }

  @Test
  void logLikelihood_singleRegime_equalsSumOfGaussianLogDensities() {
    double[] mean = {0.001, -0.002};
    double[] cov = {0.0004, 0.0001, 0.0001, 0.0009};
    HmmParameters p = new HmmParameters(1, 2, new double[] {1}, new double[] {1}, mean, cov);
    double[] x = TestModels.TWO_REGIMES.simulate(200, 9).returns();
    double[] x2 = new double[400];
    for (int s = 0; s < 200; s++) {
      x2[2 * s] = x[3 * s];
      x2[2 * s + 1] = x[3 * s + 1];
    }
    MultivariateNormalDistribution mvn =
        new MultivariateNormalDistribution(mean, new double[][] {{0.0004, 0.0001}, {0.0001, 0.0009}});
    double expected = 0;
    for (int s = 0; s < 200; s++) {
      expected += Math.log(mvn.density(new double[] {x2[2 * s], x2[2 * s + 1]}));
    }

    assertThat(BaumWelch.logLikelihood(p, x2)).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
  }

  @Test
  void logLikelihood_identicalTransitionRows_equalsIndependentMixture() {
    // With every row of A equal to w (and initial = w) the regimes are i.i.d. draws from w, so the
    // HMM likelihood is the product of mixture densities sum_k w_k N(x; mu_k, Sigma_k).
    double[] w = {0.7, 0.3};
    double[] mean = {0, 0, 0.001, -0.001};
    double[][] c0 = {{1e-4, 2e-5}, {2e-5, 2e-4}};
    double[][] c1 = {{9e-4, -3e-4}, {-3e-4, 16e-4}};
    double[] cov = {c0[0][0], c0[0][1], c0[1][0], c0[1][1], c1[0][0], c1[0][1], c1[1][0], c1[1][1]};
    HmmParameters p = new HmmParameters(2, 2, w.clone(), new double[] {.7, .3, .7, .3}, mean, cov);
    double[] x = new double[2 * 300];
    double[] r = TestModels.TWO_REGIMES.simulate(300, 4).returns();
    for (int s = 0; s < 300; s++) {
      x[2 * s] = r[3 * s];
      x[2 * s + 1] = r[3 * s + 2];
    }
    MultivariateNormalDistribution d0 = new MultivariateNormalDistribution(new double[] {0, 0}, c0);
    MultivariateNormalDistribution d1 = new MultivariateNormalDistribution(new double[] {0.001, -0.001}, c1);
    double expected = 0;
    for (int s = 0; s < 300; s++) {
      double[] xs = {x[2 * s], x[2 * s + 1]};
      expected += Math.log(w[0] * d0.density(xs) + w[1] * d1.density(xs));
    }

    assertThat(BaumWelch.logLikelihood(p, x)).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
  }

  @Test
  void viterbi_shortSeries_matchesBruteForceOverAllPaths() {
    RegimeSimulator sim = TestModels.THREE_REGIMES;
    double[] x = sim.simulate(7, 8).returns();
    HmmFit fit = BaumWelch.fit(sim.simulate(1500, 8).returns(), sim.assets, 3, 1, 8, 1e-7, 300);
    HmmParameters p = fit.parameters();
    int t = 7;
    int k = 3;
    int n = sim.assets;
    MultivariateNormalDistribution[] dist = new MultivariateNormalDistribution[k];
    for (int r = 0; r < k; r++) {
      double[] mu = java.util.Arrays.copyOfRange(p.mean(), r * n, r * n + n);
      double[][] c = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[i][j] = p.covariance()[r * n * n + i * n + j];
        }
      }
      dist[r] = new MultivariateNormalDistribution(mu, c);
    }
    double best = Double.NEGATIVE_INFINITY;
    int[] bestPath = null;
    int total = (int) Math.pow(k, t);
    for (int code = 0; code < total; code++) {
      int[] path = new int[t];
      int rest = code;
      for (int s = 0; s < t; s++) {
        path[s] = rest % k;
        rest /= k;
      }
      double score = Math.log(p.initial()[path[0]]);
      for (int s = 0; s < t; s++) {
        if (s > 0) {
          score += Math.log(p.transition(path[s - 1], path[s]));
        }
        score += Math.log(dist[path[s]].density(java.util.Arrays.copyOfRange(x, s * n, s * n + n)));
      }
      if (score > best) {
        best = score;
        bestPath = path;
      }
    }

    assertThat(BaumWelch.viterbi(p, x)).containsExactly(bestPath);
  }

  @Test
  void stationary_fittedChain_matchesPowerIteration() {
    RegimeSimulator sim = TestModels.THREE_REGIMES;
    HmmParameters p = new HmmParameters(3, 1, new double[] {1, 0, 0}, sim.transition,
        new double[3], new double[] {1, 2, 3});

    double[] expected = sim.stationary();

    assertThat(p.stationary()).containsExactly(expected, within(1e-12));
  }
}
