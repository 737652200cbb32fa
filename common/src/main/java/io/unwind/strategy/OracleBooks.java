package io.unwind.strategy;

import io.unwind.config.ResolvedScenario;

/**
 * The ERC book of every regime on that regime's true annual covariance: what the oracle variant
 * holds and what {@code explain} reports, computed once per scenario in one place.
 *
 * <p>Regime s's weights (summing to 1) start at {@code s * n} of {@link #weights()}; its book's
 * annual vol is {@code vol()[s]}. The arrays are shared: treat them as read-only.
 *
 * @param n assets
 * @param weights K x n ERC weights, regime-major
 * @param vol K annual vol of each regime's ERC book on its own covariance
 */
public record OracleBooks(int n, double[] weights, double[] vol) {

  /**
   * Solves ERC on each regime's true covariance (guarded against a non-positive-definite matrix
   * and tiny variances exactly as the kernel guards its estimate).
   *
   * @throws IllegalStateException if ERC does not converge on a regime's covariance (which a
   *     validated, positive-definite scenario never causes)
   */
  public static OracleBooks of(ResolvedScenario scenario) {
    int n = scenario.assetCount();
    int k = scenario.regimeCount();
    double[] weights = new double[k * n];
    double[] vol = new double[k];
    ErcSolver solver = new ErcSolver(n);
    CovarianceGuard guard = new CovarianceGuard(n);
    double[] cov = new double[n * n];
    double[] w = new double[n];
    for (int s = 0; s < k; s++) {
      System.arraycopy(scenario.annualCovariance(), s * n * n, cov, 0, n * n);
      guard.ensurePositiveDefinite(cov, 0, n, scenario.strategy().varianceFloor());
      java.util.Arrays.fill(w, 0.0);
      if (!solver.solve(cov, 0, w)) {
        throw new IllegalStateException(
            "ERC did not converge on the covariance of regime " + scenario.regimeNames()[s]);
      }
      System.arraycopy(w, 0, weights, s * n, n);
      vol[s] = Portfolios.volatility(cov, 0, n, w);
    }
    return new OracleBooks(n, weights, vol);
  }

  /** A copy of regime s's weights. */
  public double[] weightsOf(int s) {
    return java.util.Arrays.copyOfRange(weights, s * n, (s + 1) * n);
  }
}
