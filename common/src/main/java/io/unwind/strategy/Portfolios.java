package io.unwind.strategy;

/**
 * Portfolio risk from a covariance block: volatility and Euler risk contributions.
 * Allocation-free.
 */
public final class Portfolios {
  private Portfolios() {
  }

  /**
   * The portfolio volatility {@code sqrt(w^T S w)}.
   *
   * @param cov covariance storage
   * @param off index of S[0][0] (row-major n x n)
   * @param n dimension
   * @param w weights, length &ge; n
   * @return the volatility, in the units of S's square root
   */
  public static double volatility(double[] cov, int off, int n, double[] w) {
    double variance = 0;
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      double sw = 0;
      for (int j = 0; j < n; j++) {
        sw += cov[row + j] * w[j];
      }
      variance += w[i] * sw;
    }
    return Math.sqrt(Math.max(variance, 0));
  }

  /**
   * Euler risk contributions {@code out_i = w_i (S w)_i / sigma_p}; they sum to sigma_p because
   * volatility is homogeneous of degree one in w. With sigma_p = 0 every contribution is 0.
   *
   * @param cov covariance storage
   * @param off index of S[0][0] (row-major n x n)
   * @param n dimension
   * @param w weights, length &ge; n; not modified
   * @param out modified: receives the contributions in {@code out[0..n)}; must not be {@code w}
   */
  public static void riskContributions(double[] cov, int off, int n, double[] w, double[] out) {
    double variance = 0;
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      double sw = 0;
      for (int j = 0; j < n; j++) {
        sw += cov[row + j] * w[j];
      }
      out[i] = w[i] * sw;
      variance += out[i];
    }
    final double vol = Math.sqrt(Math.max(variance, 0));
    final double inverse = vol > 0 ? 1 / vol : 0;
    for (int i = 0; i < n; i++) {
      out[i] *= inverse;
    }
  }

  /**
   * The quadratic form {@code x^T S x} reading only the lower triangle of a symmetric S:
   * {@code sum_i x_i (S_ii x_i + 2 sum_{j<i} S_ij x_j)}, n(n+1)/2 multiply-adds instead of n^2.
   * Not clamped: round-off can make it slightly negative for a singular S.
   *
   * @param cov covariance storage; only entries on or below the diagonal are read
   * @param off index of S[0][0] (row-major n x n)
   * @param n dimension
   * @param x the vector, length &ge; n; not modified
   * @return {@code x^T S x}
   */
  public static double quadraticFormLower(double[] cov, int off, int n, double[] x) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      final double xi = x[i];
      double offDiagonal = 0;
      for (int j = 0; j < i; j++) {
        offDiagonal += cov[row + j] * x[j];
      }
      sum += xi * (cov[row + i] * xi + 2 * offDiagonal);
    }
    return sum;
  }
}
