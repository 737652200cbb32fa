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
   * Not clamped: round-off can make it slightly negative for a singular S. For six assets it runs
   * the same arithmetic written out (quadraticFormLowerSix, bit for bit the same).
   *
   * @param cov covariance storage; only entries on or below the diagonal are read
   * @param off index of S[0][0] (row-major n x n)
   * @param n dimension
   * @param x the vector, length &ge; n; not modified
   * @return {@code x^T S x}
   */
  public static double quadraticFormLower(double[] cov, int off, int n, double[] x) {
    if (n == 6) {
      return quadraticFormLowerSix(cov, off, x);
    }
    return quadraticFormLowerLoops(cov, off, n, x);
  }

  /** {@link #quadraticFormLower} for any n, in loops; package-private for the tests. */
  static double quadraticFormLowerLoops(double[] cov, int off, int n, double[] x) {
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

  /**
   * {@link #quadraticFormLower} for n = 6, bit for bit: the same products summed in the loops'
   * order, the total from +0.0 as theirs. (The loops' row sums also start from +0.0; that can
   * change only the sign of a zero row sum, which cannot reach a total that starts from +0.0.)
   * The path kernel's daily vol check runs it once per strategy per path-day; written out, C2
   * keeps it free of the triangular loops' control (measured in BENCHMARKS.md, "Fixed-size
   * forms").
   */
  private static double quadraticFormLowerSix(double[] c, int o, double[] x) {
    final double x0 = x[0];
    final double x1 = x[1];
    final double x2 = x[2];
    final double x3 = x[3];
    final double x4 = x[4];
    final double x5 = x[5];
    // Row i of the block starts at o + 6i; its diagonal entry is o + 7i.
    double sum = 0.0 + x0 * (c[o] * x0);
    sum += x1 * (c[o + 7] * x1 + 2 * (c[o + 6] * x0));
    sum += x2 * (c[o + 14] * x2 + 2 * (c[o + 12] * x0 + c[o + 13] * x1));
    sum += x3 * (c[o + 21] * x3 + 2 * (c[o + 18] * x0 + c[o + 19] * x1 + c[o + 20] * x2));
    sum += x4 * (c[o + 28] * x4
        + 2 * (c[o + 24] * x0 + c[o + 25] * x1 + c[o + 26] * x2 + c[o + 27] * x3));
    sum += x5 * (c[o + 35] * x5
        + 2 * (c[o + 30] * x0 + c[o + 31] * x1 + c[o + 32] * x2 + c[o + 33] * x3 + c[o + 34] * x4));
    return sum;
  }
}
