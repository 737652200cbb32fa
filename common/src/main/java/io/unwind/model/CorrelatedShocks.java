package io.unwind.model;

/**
 * Correlates independent unit shocks with a lower-triangular Cholesky factor. Allocation-free.
 */
public final class CorrelatedShocks {
  private CorrelatedShocks() {
  }

  /**
   * Computes {@code out = L z}, where L is the lower-triangular row-major n x n block of
   * {@code cholesky} starting at {@code lOffset} (entries above the diagonal are not read).
   *
   * @param cholesky flat storage holding L
   * @param lOffset index of L[0][0]
   * @param n dimension
   * @param z independent shocks, length &ge; n; not modified
   * @param out modified: receives L z in {@code out[0..n)}; must not be {@code z}
   */
  public static void apply(double[] cholesky, int lOffset, int n, double[] z, double[] out) {
    for (int i = 0; i < n; i++) {
      final int row = lOffset + i * n;
      double sum = 0;
      for (int j = 0; j <= i; j++) {
        sum += cholesky[row + j] * z[j];
      }
      out[i] = sum;
    }
  }
}
