package io.unwind.strategy;

/**
 * Equal-risk-contribution (ERC, "risk parity") weights: every asset contributes the same share of
 * the portfolio's volatility. Allocation-free after construction; not thread-safe (one per
 * workspace).
 *
 * <p>Implementation note. ERC weights are {@code w = y / sum(y)} where y minimises the strictly
 * convex function {@code f(y) = 1/2 y^T S y - b sum_i log(y_i)}, {@code b = 1/n}, over y &gt; 0
 * (Spinu 2013, "An algorithm for computing risk parity weights", SSRN 2297383): its first-order
 * condition {@code y_i (S y)_i = b} says every risk contribution is equal, and at the optimum
 * {@code y^T S y = 1}. We minimise f by Newton's method with gradient {@code g = S y - b / y} and
 * Hessian {@code H = S + diag(b / y^2)}, solving {@code H d = g} by an in-place Cholesky on
 * workspace arrays. Step length: {@code n f} is self-concordant, so once the Newton decrement
 * {@code lambda = sqrt(n g^T d)} is at most 0.25 full steps converge quadratically (Spinu's rule).
 * Farther out Spinu damps the step to {@code 1/(1 + lambda)}; we instead try the full step and
 * halve it until it keeps every {@code y_i > 0} and meets the Armijo sufficient-decrease
 * condition, which keeps global convergence (f is convex and bounded below on the orthant) and
 * measured about half the iterations from a cold start.
 * The start is the previous solution (warm start) or inverse volatility, rescaled by
 * {@code 1/sqrt(y^T S y)}, the optimal scale along that ray. Should Newton fail (a Cholesky
 * breakdown or the iteration limit), cyclical coordinate descent on the same f takes over
 * (Griveau-Billion, Richard, Roncalli 2013, "A fast algorithm for computing high-dimensional risk
 * parity portfolios", arXiv:1311.4057): each coordinate solves
 * {@code S_ii y_i^2 + c_i y_i - b = 0}, {@code c_i = sum_{j != i} S_ij y_j}, for its positive root.
 *
 * <p>Convergence: {@code max_i |RC_i / sum_j RC_j - 1/n| <= 1e-8} with {@code RC_i = y_i (S y)_i}.
 */
public final class ErcSolver {
  /** Stopping tolerance on relative risk contributions. */
  public static final double TOLERANCE = 1e-8;
  private static final int MAX_NEWTON = 100;
  private static final int MAX_SWEEPS = 20_000;
  private static final int MAX_HALVINGS = 60;
  /** Sufficient-decrease constant of the Armijo line search (Nocedal and Wright 2006, eq. 3.4). */
  private static final double ARMIJO = 1e-4;
  /**
   * Decrement below which full Newton steps are taken: inside the quadratic-convergence region of
   * self-concordant functions, lambda &lt; (3 - sqrt 5)/2 ~ 0.38 (Nesterov and Nemirovskii 1994).
   */
  private static final double DAMPING_THRESHOLD = 0.25;

  private final int capacity;
  // y/trial and sy/trialSy swap roles when a Newton step is accepted (no copying, no allocation).
  private double[] y;
  private double[] sy;
  private double[] trial;
  private double[] trialSy;
  private final double[] grad;
  private final double[] step;
  private final double[] hessian;
  private final double[] inverseDiagonal;
  private int iterations;

  /**
   * A solver for up to n assets.
   *
   * @param n largest number of assets solved
   */
  public ErcSolver(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Cannot size an ERC solver for " + n + " assets, the value must be positive");
    }
    capacity = n;
    y = new double[n];
    sy = new double[n];
    trial = new double[n];
    trialSy = new double[n];
    grad = new double[n];
    step = new double[n];
    hessian = new double[n * n];
    inverseDiagonal = new double[n];
  }

  /**
   * Solves for ERC weights on the n x n covariance block at {@code cov[off..]}, where n is this
   * solver's size.
   *
   * @param cov covariance storage (row-major, full symmetric, positive definite; run it through
   *     {@link CovarianceGuard} first when it is an estimate); not modified
   * @param off index of S[0][0]
   * @param weights modified: on entry a warm start if it is a valid positive vector summing to 1
   *     (within 1e-6), otherwise ignored; on exit the ERC weights (sum 1, all &gt; 0), or the
   *     inverse-volatility fallback (equal weights if a variance is not positive) when solving failed
   * @return true if the solution met the tolerance; false if it failed to converge
   */
  public boolean solve(double[] cov, int off, double[] weights) {
    return solve(cov, off, capacity, weights);
  }

  /**
   * As {@link #solve(double[], int, double[])} for an n x n block with n at most this solver's size.
   *
   * @param cov covariance storage; not modified
   * @param off index of S[0][0]
   * @param n dimension of the block
   * @param weights modified: warm start on entry, solution on exit
   * @return true if converged
   */
  public boolean solve(double[] cov, int off, int n, double[] weights) {
    if (n > capacity || n < 1) {
      throw new IllegalArgumentException("Cannot solve ERC for " + n + " assets with a solver sized for " + capacity);
    }
    iterations = 0;
    final double budget = 1.0 / n;
    if (isValidStart(weights, n)) {
      System.arraycopy(weights, 0, y, 0, n);
    } else if (!inverseVolatility(cov, off, n, y)) {
      equalWeights(weights, n);
      return false;
    }
    if (newton(cov, off, n, budget) || coordinateDescent(cov, off, n, budget)) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += y[i];
      }
      for (int i = 0; i < n; i++) {
        weights[i] = y[i] / sum;
      }
      return true;
    }
    if (inverseVolatility(cov, off, n, y)) {
      System.arraycopy(y, 0, weights, 0, n);
    } else {
      equalWeights(weights, n);
    }
    return false;
  }

  /** Newton iterations plus coordinate-descent sweeps used by the last {@link #solve} call. */
  public int lastIterations() {
    return iterations;
  }

  private boolean newton(double[] cov, int off, int n, double budget) {
    // rescale leaves sy = S y for the rescaled y: no second product.
    if (!rescale(cov, off, n)) {
      return false;
    }
    for (int it = 0; it < MAX_NEWTON; it++) {
      int converged = convergence(n);
      if (converged > 0) {
        return true;
      }
      if (converged < 0) {
        return false;
      }
      double quadratic = 0;
      for (int i = 0; i < n; i++) {
        final double yi = y[i];
        quadratic += yi * sy[i];
        grad[i] = sy[i] - budget / yi;
        final int row = i * n;
        final int covRow = off + row;
        for (int j = 0; j < i; j++) {
          hessian[row + j] = cov[covRow + j];
        }
        hessian[row + i] = cov[covRow + i] + budget / (yi * yi);
      }
      if (!choleskySolve(n)) {
        return false;
      }
      double decrement = 0;
      for (int i = 0; i < n; i++) {
        decrement += grad[i] * step[i];
      }
      if (!(decrement > 0)) {
        return false;
      }
      // Inside the quadratic region take the full step (Spinu's rule); outside it, try the full
      // step first and backtrack on the Armijo condition, which in practice needs fewer
      // iterations than the fixed damping 1/(1 + lambda) and keeps the same global convergence.
      final boolean quadraticRegion = Math.sqrt(n * decrement) <= DAMPING_THRESHOLD;
      double t = 1;
      boolean accepted = false;
      for (int halvings = 0; halvings < MAX_HALVINGS && !accepted; halvings++, t *= 0.5) {
        double logRatio = 0;
        double ratioProduct = 1;
        boolean positive = true;
        for (int i = 0; i < n; i++) {
          final double candidate = y[i] - t * step[i];
          if (!(candidate > 0)) {
            positive = false;
            break;
          }
          trial[i] = candidate;
          ratioProduct *= candidate / y[i];
          // Fold the product into the log sum before it can overflow or underflow.
          if (ratioProduct > 1e150 || ratioProduct < 1e-150) {
            logRatio += Math.log(ratioProduct);
            ratioProduct = 1;
          }
        }
        if (!positive) {
          continue;
        }
        multiply(cov, off, n, trial, trialSy);
        if (!quadraticRegion) {
          double trialQuadratic = 0;
          for (int i = 0; i < n; i++) {
            trialQuadratic += trial[i] * trialSy[i];
          }
          logRatio += Math.log(ratioProduct);
          double change = 0.5 * (trialQuadratic - quadratic) - budget * logRatio;
          if (!(change <= -ARMIJO * t * decrement)) {
            continue;
          }
        }
        accepted = true;
      }
      if (!accepted) {
        return false;
      }
      double[] swap = y;
      y = trial;
      trial = swap;
      swap = sy;
      sy = trialSy;
      trialSy = swap;
      iterations++;
    }
    return false;
  }

  private boolean coordinateDescent(double[] cov, int off, int n, double budget) {
    for (int i = 0; i < n; i++) {
      if (!(y[i] > 0) || !Double.isFinite(y[i])) {
        if (!inverseVolatility(cov, off, n, y)) {
          return false;
        }
        break;
      }
    }
    if (!rescale(cov, off, n)) {
      return false;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      multiply(cov, off, n, y, sy);
      int converged = convergence(n);
      if (converged != 0) {
        return converged > 0;
      }
      for (int i = 0; i < n; i++) {
        final int row = off + i * n;
        final double sii = cov[row + i];
        double c = 0;
        for (int j = 0; j < n; j++) {
          if (j != i) {
            c += cov[row + j] * y[j];
          }
        }
        // Positive root of S_ii y^2 + c y - b = 0, written to avoid cancellation when c > 0.
        final double root = Math.sqrt(c * c + 4 * sii * budget);
        y[i] = c > 0 ? 2 * budget / (c + root) : (root - c) / (2 * sii);
      }
      iterations++;
    }
    return false;
  }

  /** 1 if the relative risk contributions of y (with sy = S y) are equal to tolerance, 0 if not, -1 if broken. */
  private int convergence(int n) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += y[i] * sy[i];
    }
    if (!(total > 0) || Double.isInfinite(total)) {
      return -1;
    }
    final double target = 1.0 / n;
    final double inverse = 1 / total;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs(y[i] * sy[i] * inverse - target));
    }
    if (Double.isNaN(worst)) {
      return -1;
    }
    return worst <= TOLERANCE ? 1 : 0;
  }

  /**
   * Scales y to 1/sqrt(y^T S y) times itself, the optimum of f along the ray, and leaves
   * {@code sy = S y} for the scaled y (S y is linear in y); false if impossible.
   */
  private boolean rescale(double[] cov, int off, int n) {
    multiply(cov, off, n, y, sy);
    double quadratic = 0;
    for (int i = 0; i < n; i++) {
      quadratic += y[i] * sy[i];
    }
    if (!(quadratic > 0) || Double.isInfinite(quadratic)) {
      return false;
    }
    final double scale = 1 / Math.sqrt(quadratic);
    for (int i = 0; i < n; i++) {
      y[i] *= scale;
      sy[i] *= scale;
    }
    return true;
  }

  /** {@link #choleskySolve(double[], double[], double[], double[], int)} on this solver's arrays. */
  private boolean choleskySolve(int n) {
    return choleskySolve(hessian, grad, inverseDiagonal, step, n);
  }

  /**
   * Factors the lower triangle of the n x n block {@code h} in place as L L^T and solves
   * {@code L L^T step = grad}; false on a non-positive pivot. Static and package-private so that
   * {@code LaneCholeskyBenchmark} times this very code.
   *
   * @param h modified: on entry the matrix's lower triangle (row-major), on exit L's
   * @param grad the right-hand side, read at {@code [0, n)}
   * @param inverseDiagonal modified: {@code 1 / L_jj} in {@code [0, n)}
   * @param step modified: the solution in {@code [0, n)}
   */
  static boolean choleskySolve(double[] h, double[] grad, double[] inverseDiagonal,
      double[] step, int n) {
    for (int j = 0; j < n; j++) {
      final int rowJ = j * n;
      double d = h[rowJ + j];
      for (int k = 0; k < j; k++) {
        d -= h[rowJ + k] * h[rowJ + k];
      }
      if (!(d > 0)) {
        return false;
      }
      final double ljj = Math.sqrt(d);
      h[rowJ + j] = ljj;
      final double inverse = 1 / ljj;
      inverseDiagonal[j] = inverse;
      for (int i = j + 1; i < n; i++) {
        final int rowI = i * n;
        // Lower triangle: H_ij for i > j sits at row i, column j (copied from S's lower part).
        double s = h[rowI + j];
        for (int k = 0; k < j; k++) {
          s -= h[rowI + k] * h[rowJ + k];
        }
        h[rowI + j] = s * inverse;
      }
    }
    // Forward substitution L v = grad, then back substitution L^T step = v.
    for (int i = 0; i < n; i++) {
      final int row = i * n;
      double s = grad[i];
      for (int k = 0; k < i; k++) {
        s -= h[row + k] * step[k];
      }
      step[i] = s * inverseDiagonal[i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = step[i];
      for (int k = i + 1; k < n; k++) {
        s -= h[k * n + i] * step[k];
      }
      step[i] = s * inverseDiagonal[i];
    }
    return true;
  }

  /** {@code out = S v} on the full n x n block at {@code off}; package-private for the tests. */
  static void multiply(double[] cov, int off, int n, double[] v, double[] out) {
    if (n == 6) {
      multiplySix(cov, off, v, out);
      return;
    }
    multiplyLoops(cov, off, n, v, out);
  }

  /** {@code out = S v} for any n, in loops; package-private for the tests. */
  static void multiplyLoops(double[] cov, int off, int n, double[] v, double[] out) {
    for (int i = 0; i < n; i++) {
      final int row = off + i * n;
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += cov[row + j] * v[j];
      }
      out[i] = s;
    }
  }

  private static boolean isValidStart(double[] weights, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      final double w = weights[i];
      if (!(w > 0) || Double.isInfinite(w)) {
        return false;
      }
      sum += w;
    }
    return Math.abs(sum - 1) <= 1e-6;
  }

  /** Writes inverse-vol weights (sum 1) into out; false if a variance is not positive and finite. */
  static boolean inverseVolatility(double[] cov, int off, int n, double[] out) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      final double variance = cov[off + i * n + i];
      if (!(variance > 0) || Double.isInfinite(variance)) {
        return false;
      }
      out[i] = 1 / Math.sqrt(variance);
      sum += out[i];
    }
    for (int i = 0; i < n; i++) {
      out[i] /= sum;
    }
    return true;
  }

  private static void equalWeights(double[] weights, int n) {
    for (int i = 0; i < n; i++) {
      weights[i] = 1.0 / n;
    }
  }

  /**
   * {@code out = S v} for n = 6, bit for bit the loops' sums (from +0.0, in column order), written
   * out: every Newton step and line-search trial of the kernel's rebalances multiplies by S.
   */
  private static void multiplySix(double[] c, int o, double[] v, double[] out) {
    final double v0 = v[0];
    final double v1 = v[1];
    final double v2 = v[2];
    final double v3 = v[3];
    final double v4 = v[4];
    final double v5 = v[5];
    out[0] = 0.0 + c[o] * v0 + c[o + 1] * v1 + c[o + 2] * v2
        + c[o + 3] * v3 + c[o + 4] * v4 + c[o + 5] * v5;
    out[1] = 0.0 + c[o + 6] * v0 + c[o + 7] * v1 + c[o + 8] * v2
        + c[o + 9] * v3 + c[o + 10] * v4 + c[o + 11] * v5;
    out[2] = 0.0 + c[o + 12] * v0 + c[o + 13] * v1 + c[o + 14] * v2
        + c[o + 15] * v3 + c[o + 16] * v4 + c[o + 17] * v5;
    out[3] = 0.0 + c[o + 18] * v0 + c[o + 19] * v1 + c[o + 20] * v2
        + c[o + 21] * v3 + c[o + 22] * v4 + c[o + 23] * v5;
    out[4] = 0.0 + c[o + 24] * v0 + c[o + 25] * v1 + c[o + 26] * v2
        + c[o + 27] * v3 + c[o + 28] * v4 + c[o + 29] * v5;
    out[5] = 0.0 + c[o + 30] * v0 + c[o + 31] * v1 + c[o + 32] * v2
        + c[o + 33] * v3 + c[o + 34] * v4 + c[o + 35] * v5;
  }
}
