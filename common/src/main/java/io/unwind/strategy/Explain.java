package io.unwind.strategy;

import io.unwind.config.ResolvedScenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes the {@link ExplainReport} of a resolved scenario: a pure function, no simulation.
 */
public final class Explain {
  private Explain() {
  }

  /**
   * Per regime a: ERC weights {@code w_a} on the regime's true annual covariance, leverage
   * {@code L_a = min(max-leverage, vol-target / sqrt(w_a^T S_a w_a))}, and the vol surprise
   * {@code L_a sqrt(w_a^T S_b w_a)} for every regime b.
   *
   * @param s the resolved scenario
   * @return the report
   * @throws IllegalStateException if ERC does not converge on a regime's covariance (which a
   *     validated, positive-definite scenario never causes)
   */
  public static ExplainReport of(ResolvedScenario s) {
    final int n = s.assetCount();
    final int k = s.regimeCount();
    final double[] cov = s.annualCovariance();
    final OracleBooks books = OracleBooks.of(s);
    final double volTarget = s.strategy().volTarget();
    final double maxLeverage = s.strategy().maxLeverage();
    List<ExplainReport.RegimeView> views = new ArrayList<>(k);
    for (int a = 0; a < k; a++) {
      double[] w = books.weightsOf(a);
      double bookVol = books.vol()[a];
      double leverage = Math.min(maxLeverage, volTarget / bookVol);
      double[] surprise = new double[k];
      for (int b = 0; b < k; b++) {
        surprise[b] = leverage * Portfolios.volatility(cov, b * n * n, n, w);
      }
      views.add(new ExplainReport.RegimeView(
          s.regimeNames()[a], s.stationary()[a], s.expectedDays()[a], w, leverage, surprise));
    }
    return new ExplainReport(Arrays.asList(s.assetNames()), views);
  }
}
