package io.unwind.calibrate;

import io.unwind.config.ResolvedScenario;

/**
 * Regime drifts set from stated long-run premia instead of in-sample means.
 *
 * <p>A fitted HMM's regime means say two things: each regime's <em>character</em> (a crisis
 * loses, a rate shock hurts bonds, a calm market grinds up) and, through their stationary average,
 * the <em>level</em> of returns over the fitted window. The level is the unreliable part: a
 * window with two crashes and no full recovery, or one long bull market, moves it by several
 * points a year. So the level comes from premia a validator can check against the literature, and
 * the character from the fit:
 *
 * <pre>
 *   mu[s][i] = c_i + shrink * (fitted[s][i] - sum_r pi_r fitted[r][i])
 *   c_i such that  sum_s pi_s (mu[s][i] + vol[s][i]^2 / 2) = shortRate + premium_i
 * </pre>
 *
 * where {@code mu} is the annual drift of log returns (the scenario's {@code mean}),
 * {@code vol[s][i]^2 / 2} turns it into the arithmetic expected return of the regime, and
 * {@code pi} is the stationary distribution of the scenario's regime chain. The stationary
 * arithmetic mean of every asset therefore equals the short rate plus its premium exactly; each
 * regime keeps its fitted deviation from the average, scaled by {@code shrink} (1 keeps it,
 * 0 gives every regime the same drift). A regime's deviation acts only while the regime lasts, so
 * its expected cumulative effect is the deviation times the expected stay: bounded, with the
 * stationary mean restored over the long run.
 */
public final class PremiaMeans {

  private PremiaMeans() {
  }

  /**
   * Annual log drifts per regime and asset.
   *
   * @param stationary stationary share of each regime (sums to 1)
   * @param fittedMean fitted annual log drift, {@code [regime][asset]}
   * @param vol annual volatility, {@code [regime][asset]}
   * @param shortRate annual short rate the premia are over
   * @param premium annual arithmetic excess return over the short rate, per asset
   * @param shrink how much of each regime's fitted deviation to keep, in [0, 1]
   * @return new drifts, {@code [regime][asset]}
   */
  public static double[][] means(double[] stationary, double[][] fittedMean, double[][] vol,
      double shortRate, double[] premium, double shrink) {
    int k = stationary.length;
    int n = premium.length;
    if (fittedMean.length != k || vol.length != k) {
      throw new IllegalArgumentException("premia: " + k + " regimes in the stationary distribution, "
          + fittedMean.length + " in the means, " + vol.length + " in the vols");
    }
    if (!(shrink >= 0 && shrink <= 1)) {
      throw new IllegalArgumentException("premia: shrink must be in [0, 1], got " + shrink);
    }
    double[][] mu = new double[k][n];
    for (int i = 0; i < n; i++) {
      double fittedAverage = 0;
      double halfVariance = 0;
      for (int s = 0; s < k; s++) {
        fittedAverage += stationary[s] * fittedMean[s][i];
        halfVariance += stationary[s] * 0.5 * vol[s][i] * vol[s][i];
      }
      // sum_s pi_s (c + shrink * dev_s) = c because the deviations average to zero under pi.
      double level = shortRate + premium[i] - halfVariance;
      for (int s = 0; s < k; s++) {
        mu[s][i] = level + shrink * (fittedMean[s][i] - fittedAverage);
      }
    }
    return mu;
  }

  /**
   * {@link #means} for a resolved scenario: its regimes' stationary distribution (of the daily
   * chain its stays and exits give), vols, current means (taken as the fitted ones) and short rate.
   */
  public static double[][] means(ResolvedScenario fitted, double[] premium, double shrink) {
    int k = fitted.regimeCount();
    int n = fitted.assetCount();
    double[][] mean = new double[k][n];
    double[][] vol = new double[k][n];
    for (int s = 0; s < k; s++) {
      for (int i = 0; i < n; i++) {
        mean[s][i] = fitted.annualMean()[s * n + i];
        vol[s][i] = fitted.annualVol()[s * n + i];
      }
    }
    return means(fitted.stationary(), mean, vol, fitted.strategy().shortRate(), premium, shrink);
  }
}
