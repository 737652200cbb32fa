package io.unwind.strategy;

/**
 * Exponentially weighted moving-average covariance (RiskMetrics 1996). Allocation-free.
 */
public final class Ewma {
  private Ewma() {
  }

  /**
   * The decay {@code lambda = 2^(-1/h)} whose weights halve every {@code h} observations.
   *
   * @param halfLifeDays half-life h in observations (trading days), &gt; 0
   * @return lambda in (0, 1)
   */
  public static double decayForHalfLife(double halfLifeDays) {
    if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
      throw new IllegalArgumentException(
          "Cannot use half-life " + halfLifeDays + ", the value must be positive and finite");
    }
    return Math.pow(2.0, -1.0 / halfLifeDays);
  }

  /**
   * Updates {@code cov <- lambda cov + (1 - lambda) r r^T} on the full n x n block at {@code off}.
   * The zero-mean form is deliberate: daily means are negligible next to daily vols and
   * estimating them adds noise. The result is exactly symmetric if the input is, because IEEE
   * multiplication commutes.
   *
   * @param cov modified: the covariance block
   * @param off index of cov[0][0]
   * @param n dimension
   * @param lambda decay in [0, 1]
   * @param r the day's returns, length &ge; n; not modified
   */
  public static void update(double[] cov, int off, int n, double lambda, double[] r) {
    final double weight = 1 - lambda;
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      final double wri = weight * r[i];
      for (int j = 0; j < n; j++) {
        cov[row + j] = lambda * cov[row + j] + wri * r[j];
      }
    }
  }

  /**
   * As {@link #update} on the lower triangle only ({@code j <= i}): the form the path kernel keeps
   * its estimate in, since every reader of the estimate there takes the lower triangle (or the
   * diagonal) and a symmetric copy is made only when a solver needs one
   * ({@link #mirrorLower}). Costs n(n+1)/2 instead of n^2 multiply-adds.
   *
   * @param cov modified: the lower triangle of the block; entries above the diagonal untouched
   * @param off index of cov[0][0]
   * @param n dimension
   * @param lambda decay in [0, 1]
   * @param r the day's returns, length &ge; n; not modified
   */
  public static void updateLower(double[] cov, int off, int n, double lambda, double[] r) {
    final double weight = 1 - lambda;
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      final double wri = weight * r[i];
      for (int j = 0; j <= i; j++) {
        cov[row + j] = lambda * cov[row + j] + wri * r[j];
      }
    }
  }

  /**
   * The path kernel's close in one pass: forms the day's observed annualised returns
   * {@code r_i = (logReturn[off + i] - impactChange[i]) * scale}, updates the lower triangle with
   * them exactly as {@link #updateLower} does (row i needs only r_0..r_i, so each row follows its
   * return), and returns the largest variance on the updated diagonal.
   *
   * <p>For six assets, the reference universe, it runs the same arithmetic written out
   * (updateLowerObservedSix, bit for bit the same); any other n runs the loops.
   *
   * @param cov modified: the lower triangle of the n x n block at index 0
   * @param n dimension
   * @param lambda decay in [0, 1]
   * @param logReturn exogenous log returns, read at {@code [off, off + n)}
   * @param off index of the day's first return
   * @param impactChange the day's change of log-impact per asset, read at {@code [0, n)}
   * @param scale annualisation factor, sqrt(days per year)
   * @param r modified: receives the observed returns in {@code [0, n)}
   * @return the largest diagonal entry after the update
   */
  public static double updateLowerObserved(double[] cov, int n, double lambda, double[] logReturn,
      int off, double[] impactChange, double scale, double[] r) {
    if (n == 6) {
      return updateLowerObservedSix(cov, lambda, logReturn, off, impactChange, scale, r);
    }
    return updateLowerObservedLoops(cov, n, lambda, logReturn, off, impactChange, scale, r);
  }

  /** {@link #updateLowerObserved} for any n, in loops; package-private for the tests. */
  static double updateLowerObservedLoops(double[] cov, int n, double lambda, double[] logReturn,
      int off, double[] impactChange, double scale, double[] r) {
    final double weight = 1 - lambda;
    double maxVariance = 0;
    for (int i = 0; i < n; i++) {
      final double ri = (logReturn[off + i] - impactChange[i]) * scale;
      r[i] = ri;
      final int row = i * n;
      final double wri = weight * ri;
      for (int j = 0; j <= i; j++) {
        cov[row + j] = lambda * cov[row + j] + wri * r[j];
      }
      // A plain comparison: variances here are never NaN or negative zero.
      final double variance = cov[row + i];
      maxVariance = variance > maxVariance ? variance : maxVariance;
    }
    return maxVariance;
  }

  /**
   * Copies the lower triangle of the n x n block {@code from[fromOff..]} into both triangles of
   * {@code to[toOff..]}, giving an exactly symmetric matrix.
   *
   * @param from source; only entries on or below the diagonal are read
   * @param fromOff index of from[0][0]
   * @param to modified: the full symmetric block; may not overlap {@code from}'s block
   * @param toOff index of to[0][0]
   * @param n dimension
   */
  public static void mirrorLower(double[] from, int fromOff, double[] to, int toOff, int n) {
    for (int i = 0; i < n; i++) {
      final int row = i * n;
      for (int j = 0; j <= i; j++) {
        final double v = from[fromOff + row + j];
        to[toOff + row + j] = v;
        to[toOff + j * n + i] = v;
      }
    }
  }

  /**
   * {@link #updateLowerObserved} for n = 6, bit for bit: the same operations on every entry in the
   * same order, written out.
   *
   * <p>Implementation note: the path kernel runs this once per strategy per path-day, and C2
   * leaves triangular loops whose rows are 1 to 6 long mostly as loop control (pre- and
   * post-loops, a branch per entry). Written out, the 21 entries are independent multiply-adds on
   * returns held in registers (measured in BENCHMARKS.md, "Fixed-size forms").
   */
  private static double updateLowerObservedSix(double[] c, double lambda, double[] logReturn,
      int off, double[] impactChange, double scale, double[] r) {
    final double weight = 1 - lambda;
    final double r0 = (logReturn[off] - impactChange[0]) * scale;
    final double r1 = (logReturn[off + 1] - impactChange[1]) * scale;
    final double r2 = (logReturn[off + 2] - impactChange[2]) * scale;
    final double r3 = (logReturn[off + 3] - impactChange[3]) * scale;
    final double r4 = (logReturn[off + 4] - impactChange[4]) * scale;
    final double r5 = (logReturn[off + 5] - impactChange[5]) * scale;
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
    r[5] = r5;
    final double w0 = weight * r0;
    final double w1 = weight * r1;
    final double w2 = weight * r2;
    final double w3 = weight * r3;
    final double w4 = weight * r4;
    final double w5 = weight * r5;
    // Row i of the 6 x 6 block starts at 6i; its diagonal entry is 7i.
    final double v0 = lambda * c[0] + w0 * r0;
    c[0] = v0;
    c[6] = lambda * c[6] + w1 * r0;
    final double v1 = lambda * c[7] + w1 * r1;
    c[7] = v1;
    c[12] = lambda * c[12] + w2 * r0;
    c[13] = lambda * c[13] + w2 * r1;
    final double v2 = lambda * c[14] + w2 * r2;
    c[14] = v2;
    c[18] = lambda * c[18] + w3 * r0;
    c[19] = lambda * c[19] + w3 * r1;
    c[20] = lambda * c[20] + w3 * r2;
    final double v3 = lambda * c[21] + w3 * r3;
    c[21] = v3;
    c[24] = lambda * c[24] + w4 * r0;
    c[25] = lambda * c[25] + w4 * r1;
    c[26] = lambda * c[26] + w4 * r2;
    c[27] = lambda * c[27] + w4 * r3;
    final double v4 = lambda * c[28] + w4 * r4;
    c[28] = v4;
    c[30] = lambda * c[30] + w5 * r0;
    c[31] = lambda * c[31] + w5 * r1;
    c[32] = lambda * c[32] + w5 * r2;
    c[33] = lambda * c[33] + w5 * r3;
    c[34] = lambda * c[34] + w5 * r4;
    final double v5 = lambda * c[35] + w5 * r5;
    c[35] = v5;
    // The loops' running maximum, in the same order: 0 first, then the diagonal top to bottom.
    double maxVariance = 0;
    maxVariance = v0 > maxVariance ? v0 : maxVariance;
    maxVariance = v1 > maxVariance ? v1 : maxVariance;
    maxVariance = v2 > maxVariance ? v2 : maxVariance;
    maxVariance = v3 > maxVariance ? v3 : maxVariance;
    maxVariance = v4 > maxVariance ? v4 : maxVariance;
    maxVariance = v5 > maxVariance ? v5 : maxVariance;
    return maxVariance;
  }
}
