package io.unwind.calibrate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Test-only simulator of a regime-switching Gaussian model, independent of the code under test:
 * a Markov chain over regimes and correlated normal returns per period.
 *
 * <p>Regimes are given in annual terms (vol, corr, mean) and per-period transitions, as a
 * scenario file would give them; returns are per period of {@code 1 / periodsPerYear} years.
 */
final class RegimeSimulator {

  final int regimes;
  final int assets;
  final double periodsPerYear;
  final double[] annualMean;
  final double[] annualVol;
  final double[] corr;
  final double[] transition;

  RegimeSimulator(double periodsPerYear, double[] annualMean, double[] annualVol, double[] corr,
      double[] transition) {
    this.regimes = (int) Math.round(Math.sqrt(transition.length));
    this.assets = annualVol.length / regimes;
    this.periodsPerYear = periodsPerYear;
    this.annualMean = annualMean;
    this.annualVol = annualVol;
    this.corr = corr;
    this.transition = transition;
  }

  /** Simulated path: states and row-major returns. */
  record Path(int[] states, double[] returns) {
  }

  /** Expected stay in regime k, in periods: 1 / (1 - p_kk). */
  double expectedStay(int k) {
    return 1.0 / (1.0 - transition[k * regimes + k]);
  }

  /** Stationary distribution by power iteration (independent of HmmParameters.stationary()). */
  double[] stationary() {
    double[] pi = new double[regimes];
    java.util.Arrays.fill(pi, 1.0 / regimes);
    for (int it = 0; it < 100_000; it++) {
      double[] next = new double[regimes];
      for (int i = 0; i < regimes; i++) {
        for (int j = 0; j < regimes; j++) {
          next[j] += pi[i] * transition[i * regimes + j];
        }
      }
      pi = next;
    }
    return pi;
  }

  /** Simulates {@code t} periods; the first regime is drawn from the stationary distribution. */
  Path simulate(int t, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = assets;
    double[][] chol = new double[regimes][];
    for (int k = 0; k < regimes; k++) {
      Array2DRowRealMatrix c = new Array2DRowRealMatrix(n, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c.setEntry(i, j, corr[k * n * n + i * n + j] * annualVol[k * n + i] * annualVol[k * n + j]
              / periodsPerYear);
        }
      }
      double[][] l = new CholeskyDecomposition(c).getL().getData();
      chol[k] = new double[n * n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(l[i], 0, chol[k], i * n, n);
      }
    }
    int[] states = new int[t];
    double[] returns = new double[t * n];
    int s = draw(stationary(), 0, rng);
    double[] eps = new double[n];
    for (int step = 0; step < t; step++) {
      if (step > 0) {
        s = draw(transition, s * regimes, rng);
      }
      states[step] = s;
      for (int i = 0; i < n; i++) {
        eps[i] = normal.sample();
      }
      for (int i = 0; i < n; i++) {
        double v = annualMean[s * n + i] / periodsPerYear;
        for (int j = 0; j <= i; j++) {
          v += chol[s][i * n + j] * eps[j];
        }
        returns[step * n + i] = v;
      }
    }
    return new Path(states, returns);
  }

  private int draw(double[] probs, int offset, UniformRandomProvider rng) {
    double u = rng.nextDouble();
    for (int j = 0; j < regimes - 1; j++) {
      u -= probs[offset + j];
      if (u < 0) {
        return j;
      }
    }
    return regimes - 1;
  }

  /** Daily transition matrix from expected stays (days) and exit weights per row. */
  static double[] transitionFromStays(double[] stays, double[][] exitWeights) {
    int k = stays.length;
    double[] a = new double[k * k];
    for (int i = 0; i < k; i++) {
      double leave = 1.0 / stays[i];
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += j == i ? 0 : exitWeights[i][j];
      }
      for (int j = 0; j < k; j++) {
        a[i * k + j] = j == i ? 1 - leave : leave * exitWeights[i][j] / sum;
      }
    }
    return a;
  }
}
