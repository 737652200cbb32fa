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
    if (n == 6) {
      applySix(cholesky, lOffset, z, out);
      return;
    }
    applyLoops(cholesky, lOffset, n, z, out);
  }

  /** {@link #apply} for any n, in loops; package-private for the tests. */
  static void applyLoops(double[] cholesky, int lOffset, int n, double[] z, double[] out) {
    for (int i = 0; i < n; i++) {
      final int row = lOffset + i * n;
      double sum = 0;
      for (int j = 0; j <= i; j++) {
        sum += cholesky[row + j] * z[j];
      }
      out[i] = sum;
    }
  }

  /**
   * {@link #apply} for n = 6, bit for bit: each row's products summed from +0.0 in column order,
   * as the loops do, written out (the path kernel draws every path-day's shocks through it; see
   * BENCHMARKS.md, "Fixed-size forms").
   */
  private static void applySix(double[] l, int o, double[] z, double[] out) {
    final double z0 = z[0];
    final double z1 = z[1];
    final double z2 = z[2];
    final double z3 = z[3];
    final double z4 = z[4];
    final double z5 = z[5];
    // Row i of L starts at o + 6i.
    out[0] = 0.0 + l[o] * z0;
    out[1] = 0.0 + l[o + 6] * z0 + l[o + 7] * z1;
    out[2] = 0.0 + l[o + 12] * z0 + l[o + 13] * z1 + l[o + 14] * z2;
    out[3] = 0.0 + l[o + 18] * z0 + l[o + 19] * z1 + l[o + 20] * z2 + l[o + 21] * z3;
    out[4] = 0.0 + l[o + 24] * z0 + l[o + 25] * z1 + l[o + 26] * z2 + l[o + 27] * z3
        + l[o + 28] * z4;
    out[5] = 0.0 + l[o + 30] * z0 + l[o + 31] * z1 + l[o + 32] * z2 + l[o + 33] * z3
        + l[o + 34] * z4 + l[o + 35] * z5;
  }
}
