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
}
