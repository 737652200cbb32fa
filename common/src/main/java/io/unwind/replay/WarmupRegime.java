package io.unwind.replay;

import io.unwind.config.ResolvedScenario;
import java.util.Arrays;

/**
 * Appends the day-0 pseudo-regime that carries a replay's warm-up estimate into the kernel.
 *
 * <p>The kernel starts every strategy's EWMA estimate, and sizes its first book, on the covariance
 * of the day-0 regime. A replay puts its warm-up estimate there as an extra regime
 * {@value HistoryReplay#WARMUP_REGIME} (index K) that only day 0 is in; no day t &ge; 1 is, so its
 * drift, Cholesky factor, funding spread and transitions are never read (they are zero, the
 * calmest regime's spread, and a row that leaves at once). The oracle sizes its day-0 book on the
 * same estimate, since on day 0 it has not seen a regime of the history yet.
 */
final class WarmupRegime {

  private WarmupRegime() {
  }

  /** {@code s} with one more regime whose annual covariance is {@code covariance} (n x n). */
  static ResolvedScenario append(ResolvedScenario s, double[] covariance) {
    int n = s.assetCount();
    int k = s.regimeCount();
    int m = k + 1;
    String[] names = Arrays.copyOf(s.regimeNames(), m);
    names[k] = HistoryReplay.WARMUP_REGIME;
    double[] transition = new double[m * m];
    for (int i = 0; i < k; i++) {
      System.arraycopy(s.dailyTransition(), i * k, transition, i * m, k);
    }
    System.arraycopy(s.stationary(), 0, transition, k * m, k);
    double[] vol = Arrays.copyOf(s.annualVol(), m * n);
    double[] corr = Arrays.copyOf(s.correlation(), m * n * n);
    for (int i = 0; i < n; i++) {
      vol[k * n + i] = Math.sqrt(covariance[i * n + i]);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = vol[k * n + i] * vol[k * n + j];
        corr[k * n * n + i * n + j] = i == j ? 1.0 : d > 0 ? covariance[i * n + j] / d : 0.0;
      }
    }
    double[] cov = Arrays.copyOf(s.annualCovariance(), m * n * n);
    System.arraycopy(covariance, 0, cov, k * n * n, n * n);
    double[] spread = Arrays.copyOf(s.fundingSpread(), m);
    spread[k] = s.fundingSpread()[0];
    return new ResolvedScenario(s.name(), s.description(), s.paths(), s.horizonDays(), s.seed(),
        s.sampleEvery(), k, s.assetNames(), s.assetClasses(), s.depth(), s.haircutFloor(), names,
        transition, Arrays.copyOf(s.stationary(), m), append(s.expectedDays(), 1.0),
        Arrays.copyOf(s.annualMean(), m * n), vol, corr, cov, Arrays.copyOf(s.dailyDrift(), m * n),
        Arrays.copyOf(s.dailyCholesky(), m * n * n), Arrays.copyOf(s.dof(), m), spread,
        s.strategy(), s.margin(), s.market(), s.strategies(), s.canonicalConfig(), s.configHash());
  }

  private static double[] append(double[] a, double v) {
    double[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }
}
