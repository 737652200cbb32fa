package io.unwind.calibrate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Parameters of a K-state hidden Markov model with multivariate Gaussian emissions, per period.
 *
 * <p>Arrays are stored regime-major and row-major: regime {@code k}'s mean starts at
 * {@code k * n}, its covariance at {@code k * n * n}. The arrays are shared, not copied; treat them
 * as read-only.
 *
 * @param regimes number of regimes K
 * @param assets number of assets n
 * @param initial K probabilities of the first observation's regime
 * @param transition K x K row-stochastic transition matrix per period (row = from)
 * @param mean K x n mean return per period
 * @param covariance K x n x n covariance of returns per period
 */
public record HmmParameters(
    int regimes, int assets, double[] initial, double[] transition, double[] mean,
    double[] covariance) {

  /** Checks shapes and that probabilities are finite and non-negative. */
  public HmmParameters {
    if (regimes < 1 || assets < 1) {
      throw new IllegalArgumentException("regimes and assets must be positive: " + regimes + ", " + assets);
    }
    checkLength(initial, regimes, "initial");
    checkLength(transition, regimes * regimes, "transition");
    checkLength(mean, regimes * assets, "mean");
    checkLength(covariance, regimes * assets * assets, "covariance");
    for (double p : transition) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("transition probabilities must lie in [0, 1]: " + p);
      }
    }
  }

  private static void checkLength(double[] a, int length, String name) {
    if (a == null || a.length != length) {
      throw new IllegalArgumentException(name + " must have length " + length);
    }
  }

  /** Transition probability from regime {@code from} to regime {@code to} in one period. */
  public double transition(int from, int to) {
    return transition[from * regimes + to];
  }

  /** Standard deviation of asset {@code j}'s return per period in regime {@code k}. */
  public double volatility(int k, int j) {
    return Math.sqrt(covariance[(k * assets + j) * assets + j]);
  }

  /** Average over assets of the per-period volatility in regime {@code k}: the ordering key. */
  public double averageVolatility(int k) {
    double sum = 0;
    for (int j = 0; j < assets; j++) {
      sum += volatility(k, j);
    }
    return sum / assets;
  }

  /** Correlation matrix of regime {@code k}, n x n row-major, exactly symmetric with unit diagonal. */
  public double[] correlation(int k) {
    int n = assets;
    double[] c = new double[n * n];
    int base = k * n * n;
    for (int i = 0; i < n; i++) {
      c[i * n + i] = 1.0;
      for (int j = 0; j < i; j++) {
        double rho = covariance[base + i * n + j] / Math.sqrt(covariance[base + i * n + i] * covariance[base + j * n + j]);
        c[i * n + j] = rho;
        c[j * n + i] = rho;
      }
    }
    return c;
  }

  /**
   * Stationary distribution of the transition matrix: solves {@code pi A = pi, sum(pi) = 1}.
   *
   * <p>Returns {@code null} when the chain has no unique stationary distribution (e.g. two
   * absorbing regimes), which makes the linear system singular.
   */
  public double[] stationary() {
    int k = regimes;
    if (k == 1) {
      return new double[] {1.0};
    }
    // (A^T - I) pi = 0 with the last equation replaced by sum(pi) = 1.
    RealMatrix m = new Array2DRowRealMatrix(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        m.setEntry(i, j, transition(j, i) - (i == j ? 1.0 : 0.0));
      }
    }
    double[] rhs = new double[k];
    for (int j = 0; j < k; j++) {
      m.setEntry(k - 1, j, 1.0);
    }
    rhs[k - 1] = 1.0;
    LUDecomposition lu = new LUDecomposition(m, 1e-12);
    if (!lu.getSolver().isNonSingular()) {
      return null;
    }
    double[] pi = lu.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(rhs)).toArray();
    for (int i = 0; i < k; i++) {
      pi[i] = Math.max(0.0, pi[i]);
    }
    double sum = Arrays.stream(pi).sum();
    for (int i = 0; i < k; i++) {
      pi[i] /= sum;
    }
    return pi;
  }

  /**
   * Number of free parameters, for BIC: {@code (K-1)} initial, {@code K(K-1)} transition,
   * {@code K n} means and {@code K n(n+1)/2} covariances.
   */
  public int freeParameters() {
    return freeParameters(regimes, assets);
  }

  /** Free parameters of a K-state, n-asset full-covariance Gaussian HMM. */
  public static int freeParameters(int regimes, int assets) {
    return (regimes - 1) + regimes * (regimes - 1) + regimes * assets
        + regimes * assets * (assets + 1) / 2;
  }

  /**
   * The same model with regimes relabelled: new regime {@code a} is old regime {@code order[a]}.
   */
  public HmmParameters permuted(int[] order) {
    int k = regimes;
    int n = assets;
    double[] pi = new double[k];
    double[] a = new double[k * k];
    double[] mu = new double[k * n];
    double[] cov = new double[k * n * n];
    for (int r = 0; r < k; r++) {
      int old = order[r];
      pi[r] = initial[old];
      for (int c = 0; c < k; c++) {
        a[r * k + c] = transition[old * k + order[c]];
      }
      System.arraycopy(mean, old * n, mu, r * n, n);
      System.arraycopy(covariance, old * n * n, cov, r * n * n, n * n);
    }
    return new HmmParameters(k, n, pi, a, mu, cov);
  }

  /**
   * The order that sorts regimes from calmest to most volatile by {@link #averageVolatility(int)}.
   *
   * <p>Relabelling by this order removes EM's label switching: two fits that found the same
   * optimum from different starts have the same parameters after {@link #permuted(int[])}.
   */
  public int[] calmToVolatileOrder() {
    return IntStream.range(0, regimes).boxed()
        .sorted(Comparator.comparingDouble(this::averageVolatility))
        .mapToInt(Integer::intValue).toArray();
  }

  /** This model relabelled from calmest to most volatile. */
  public HmmParameters orderedByVolatility() {
    return permuted(calmToVolatileOrder());
  }

  /**
   * The model for returns multiplied per asset by {@code scale} (e.g. back from standardised
   * units): means scale by {@code s_j}, covariances by {@code s_i s_j}; probabilities stay.
   */
  public HmmParameters rescaled(double[] scale) {
    int n = assets;
    double[] mu = mean.clone();
    double[] cov = covariance.clone();
    for (int r = 0; r < regimes; r++) {
      for (int i = 0; i < n; i++) {
        mu[r * n + i] *= scale[i];
        for (int j = 0; j < n; j++) {
          cov[(r * n + i) * n + j] *= scale[i] * scale[j];
        }
      }
    }
    return new HmmParameters(regimes, n, initial.clone(), transition.clone(), mu, cov);
  }
}
