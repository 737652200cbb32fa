package io.unwind.strategy;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Keeps covariance estimates usable by the ERC solver: floors tiny variances and repairs
 * matrices that are not positive definite. One per workspace; not thread-safe.
 *
 * <p>"Positive definite" here means numerically so: an in-place Cholesky succeeds with every
 * pivot above {@value #PIVOT_RELATIVE} times its diagonal entry. The check is allocation-free; the
 * repair (eigenvalue clipping, Higham 1988 style, doi:10.1016/0024-3795(88)90223-6 for the
 * nearest-PSD idea) allocates, which is acceptable because an EWMA of outer products is positive
 * semi-definite by construction and needs repair only after round-off or degenerate returns.
 */
public final class CovarianceGuard {
  /** Smallest accepted Cholesky pivot squared, relative to the diagonal entry. */
  static final double PIVOT_RELATIVE = 1e-12;
  /** Eigenvalues are clipped to at least this share of the largest one (plus the variance floor). */
  private static final double EIGEN_RELATIVE = 1e-10;
  private static final int REPAIR_ATTEMPTS = 6;

  private final int capacity;
  private final double[] work;

  /**
   * A guard for blocks up to n x n.
   *
   * @param n largest dimension guarded
   */
  public CovarianceGuard(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Cannot size a covariance guard for " + n + " assets, the value must be positive");
    }
    this.capacity = n;
    this.work = new double[n * n];
  }

  /**
   * Floors the diagonal at {@code varianceFloor}, then, if the block is not positive definite,
   * repairs it in place by eigenvalue clipping, keeping it symmetric. Never leaves a non-PD block:
   * if clipping does not succeed (or the block holds non-finite numbers) it falls back to the
   * diagonal of floored variances. Flooring alone does not count as a repair.
   *
   * @param cov modified: the covariance block
   * @param off index of cov[0][0] (row-major n x n, full symmetric)
   * @param n dimension, at most the constructor's
   * @param varianceFloor smallest variance accepted, &gt; 0, in the units of cov
   * @return true if the block was not positive definite and was repaired
   */
  public boolean ensurePositiveDefinite(double[] cov, int off, int n, double varianceFloor) {
    if (n > capacity) {
      throw new IllegalArgumentException("Cannot guard a " + n + "-asset covariance with a guard sized for " + capacity);
    }
    if (!(varianceFloor > 0) || Double.isInfinite(varianceFloor)) {
      throw new IllegalArgumentException(
          "Cannot floor variances at " + varianceFloor + ", the value must be positive and finite");
    }
    boolean finite = true;
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(cov[row + j])) {
          finite = false;
        }
      }
      if (!(cov[row + i] >= varianceFloor)) {
        cov[row + i] = varianceFloor;
      }
    }
    if (!finite) {
      diagonalFallback(cov, off, n, varianceFloor);
      return true;
    }
    if (isPositiveDefinite(cov, off, n)) {
      return false;
    }
    repairByClipping(cov, off, n, varianceFloor);
    return true;
  }

  /**
   * Whether the block passes the numerical positive-definiteness test (allocation-free).
   *
   * @param cov covariance storage; not modified
   * @param off index of cov[0][0]
   * @param n dimension, at most the constructor's
   * @return true if the Cholesky factorisation succeeds with healthy pivots
   */
  public boolean isPositiveDefinite(double[] cov, int off, int n) {
    System.arraycopy(cov, off, work, 0, n * n);
    for (int j = 0; j < n; j++) {
      final int rowJ = j * n;
      double d = work[rowJ + j];
      for (int k = 0; k < j; k++) {
        d -= work[rowJ + k] * work[rowJ + k];
      }
      if (!(d > PIVOT_RELATIVE * cov[off + rowJ + j])) {
        return false;
      }
      final double ljj = Math.sqrt(d);
      work[rowJ + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        final int rowI = i * n;
        // Read the upper triangle of the input: a non-symmetric block is judged on its lower part.
        double s = work[rowI + j];
        for (int k = 0; k < j; k++) {
          s -= work[rowI + k] * work[rowJ + k];
        }
        work[rowI + j] = s / ljj;
      }
    }
    return true;
  }

  private void repairByClipping(double[] cov, int off, int n, double varianceFloor) {
    RealMatrix m = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m.setEntry(i, j, 0.5 * (cov[off + i * n + j] + cov[off + j * n + i]));
      }
    }
    EigenDecomposition eigen = new EigenDecomposition(m);
    double[] values = eigen.getRealEigenvalues();
    RealMatrix vectors = eigen.getV();
    double largest = 0;
    for (double v : values) {
      largest = Math.max(largest, Math.abs(v));
    }
    double clip = Math.max(varianceFloor, EIGEN_RELATIVE * largest);
    for (int attempt = 0; attempt < REPAIR_ATTEMPTS; attempt++, clip *= 100) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            s += vectors.getEntry(i, k) * Math.max(values[k], clip) * vectors.getEntry(j, k);
          }
          cov[off + i * n + j] = s;
          cov[off + j * n + i] = s;
        }
      }
      for (int i = 0; i < n; i++) {
        final int ii = off + i * n + i;
        if (!(cov[ii] >= varianceFloor)) {
          cov[ii] = varianceFloor;
        }
      }
      if (isPositiveDefinite(cov, off, n)) {
        return;
      }
    }
    diagonalFallback(cov, off, n, varianceFloor);
  }

  private static void diagonalFallback(double[] cov, int off, int n, double varianceFloor) {
    // A non-finite variance means the estimate broke down; give that asset the largest finite
    // variance seen rather than the floor, so it does not look like the safest asset.
    double largestFinite = varianceFloor;
    for (int i = 0; i < n; i++) {
      double v = cov[off + i * n + i];
      if (Double.isFinite(v)) {
        largestFinite = Math.max(largestFinite, v);
      }
    }
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      for (int j = 0; j < n; j++) {
        if (i != j) {
          cov[row + j] = 0;
        } else if (!Double.isFinite(cov[row + j])) {
          cov[row + j] = largestFinite;
        } else if (!(cov[row + j] >= varianceFloor)) {
          cov[row + j] = varianceFloor;
        }
      }
    }
  }
}
