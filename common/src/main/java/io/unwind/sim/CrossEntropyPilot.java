package io.unwind.sim;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.SamplingSettings;
import io.unwind.config.StrategyKind;
import io.unwind.metrics.WeightedTailAccumulator;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sampling.tilt = auto}: a seeded cross-entropy pilot that picks the regime chain q under
 * which the subject's loss tail is sampled.
 *
 * <p>The method of Rubinstein and Kroese (The Cross-Entropy Method, Springer 2004, ch. 3; for
 * Markov chains, de Boer, Kroese, Mannor and Rubinstein 2005, "A tutorial on the cross-entropy
 * method", Annals of Operations Research 134:19–67, doi:10.1007/s10479-005-5724-z, §3): with q
 * the current chain, simulate the pilot's paths under q, call elite the paths whose subject loss
 * is at least {@code gamma = min(VaR_level, the (1 - rho) sample quantile)} (VaR_level the
 * weighted estimate from these paths; the sample quantile makes the level rise over iterations
 * when the tail is rare under q), and set
 * {@code q'(s, t) = sum_elite w_i n_i(s, t) / sum_elite w_i n_i(s, .)}, with {@code n_i(s, t)}
 * path i's count of s → t transitions and {@code w_i} its likelihood ratio p/q. That maximises the
 * weighted log likelihood of the elite paths, the cross-entropy proxy for the zero-variance
 * density of the tail. Rows the elite never leave keep q's; then
 * {@code q ← smoothing q' + (1 - smoothing) q}, and a floor {@code q ← 0.99 q + 0.01 p} keeps
 * every transition p allows possible (the log ratio of a day is at most log 100). Only the subject
 * (levered-erc, or the first strategy) runs.
 *
 * <p>With a shock shift ({@code sampling.shock-shift > 0}) the pilot also fits, in the same
 * iterations and on the same elite, the mean shift of each regime's standard normal shocks: the
 * cross-entropy estimate of a normal family's mean is the elite's weighted mean draw, so
 * {@code -a'_s = sum_elite w_i Z_i(s) / sum_elite w_i n_i(s)} with {@code Z_i(s)} the sum of path
 * i's n-vectors of (shifted) normals on its regime-s days and {@code n_i(s)} their number; then
 * {@code a ← smoothing a' + (1 - smoothing) a}. It starts from {@code shock-shift} times the
 * direction in which the regime's ERC book loses. Fitting direction and size per regime is what
 * lifts the tail's variance reduction: 97 % of that variance lies within regime paths, so the
 * regime chain alone cannot reach it (BENCHMARKS.md, "Importance sampling").
 *
 * <p>Deterministic for a scenario: iteration j simulates path ids {@code -(j M + i) - 1}, disjoint
 * from the run's ids 0..N-1, on the run's seed, in one thread.
 */
public final class CrossEntropyPilot {

  /** Share of the pilot paths that is at least elite while the target level is not reached. */
  static final double RHO = 0.1;
  /** Share of p mixed into q so that no transition p allows becomes impossible. */
  static final double FLOOR = 0.01;

  private CrossEntropyPilot() {
  }

  /**
   * The scenario under the chain the pilot found (tilt {@code pilot}); a scenario that does not
   * ask for the pilot is returned as it is.
   */
  public static ResolvedScenario tune(ResolvedScenario scenario) {
    SamplingSettings sampling = scenario.sampling();
    if (!sampling.needsPilot()) {
      return scenario;
    }
    SamplingSettings.Pilot pilot = sampling.pilot();
    int k = scenario.regimeCount();
    double[] p = scenario.dailyTransition();
    double[] q = p.clone();
    if (k == 1) {
      return scenario.withTransition(SamplingSettings.PILOT, nan(k), nan(k), q);
    }
    List<StrategyKind> kinds = scenario.strategies();
    StrategyKind subject = kinds.contains(StrategyKind.LEVERED_ERC)
        ? StrategyKind.LEVERED_ERC : kinds.get(0);
    ResolvedScenario only = scenario.withStrategies(List.of(subject));
    int m = pilot.paths();
    int n = scenario.assetCount();
    boolean fitShift = sampling.shockShift() > 0;
    double[] shift = null;
    double[] loss = new double[m];
    double[] logWeight = new double[m];
    int[][] counts = new int[m][k * k];
    double[][] normals = fitShift ? new double[m][] : null;
    for (int iteration = 0; iteration < pilot.iterations(); iteration++) {
      ResolvedScenario current = only.withTransition(SamplingSettings.PILOT, nan(k), nan(k), q);
      if (shift != null) {
        current = current.withShiftVectors(shift);
      }
      PathSimulator simulator = new PathSimulator(current);
      simulator.recordNormals(fitShift);
      if (shift == null && fitShift) {
        shift = simulator.shiftVectors();
      }
      PathWorkspace ws = simulator.newWorkspace();
      WeightedTailAccumulator tail = WeightedTailAccumulator.of(m, pilot.level());
      for (int i = 0; i < m; i++) {
        long pathId = -((long) iteration * m + i) - 1;
        simulator.simulate(pathId, ws);
        loss[i] = ws.result(0).loss();
        logWeight[i] = ws.logWeight();
        Arrays.fill(counts[i], 0);
        for (int t = 1; t <= scenario.horizonDays(); t++) {
          counts[i][ws.regime(t - 1) * k + ws.regime(t)]++;
        }
        if (fitShift) {
          normals[i] = ws.normalSum.clone();
        }
        tail.accept(loss[i], Math.exp(logWeight[i]), pathId);
      }
      double level = tail.finish().var(pilot.level()).value();
      double[] sorted = loss.clone();
      Arrays.sort(sorted);
      double gamma = Math.min(level, sorted[(int) Math.floor((1.0 - RHO) * m)]);
      q = update(p, q, loss, logWeight, counts, gamma, k, pilot.smoothing());
      if (fitShift) {
        shift = updateShift(shift, loss, logWeight, counts, normals, gamma, k, n,
            pilot.smoothing());
      }
    }
    ResolvedScenario tuned = scenario.withTransition(SamplingSettings.PILOT, nan(k), nan(k), q);
    return shift == null ? tuned : tuned.withShiftVectors(shift);
  }

  /**
   * One cross-entropy step for the shocks' mean shift: per regime the elite's weighted mean
   * normal vector (its negative is the new shift), smoothed; a regime no elite path visits keeps
   * its shift.
   */
  static double[] updateShift(double[] shift, double[] loss, double[] logWeight, int[][] counts,
      double[][] normals, double gamma, int k, int n, double smoothing) {
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < loss.length; i++) {
      if (loss[i] >= gamma) {
        top = Math.max(top, logWeight[i]);
      }
    }
    double[] sum = new double[k * n];
    double[] days = new double[k];
    for (int i = 0; i < loss.length; i++) {
      if (loss[i] >= gamma) {
        double w = Math.exp(logWeight[i] - top);
        for (int s = 0; s < k; s++) {
          int visits = 0;
          for (int from = 0; from < k; from++) {
            visits += counts[i][from * k + s];
          }
          days[s] += w * visits;
          for (int j = 0; j < n; j++) {
            sum[s * n + j] += w * normals[i][s * n + j];
          }
        }
      }
    }
    double[] next = shift.clone();
    for (int s = 0; s < k; s++) {
      if (days[s] > 0) {
        for (int j = 0; j < n; j++) {
          int at = s * n + j;
          next[at] = smoothing * (-sum[at] / days[s]) + (1.0 - smoothing) * shift[at];
        }
      }
    }
    return next;
  }

  /** One cross-entropy step: the elite's weighted transition frequencies, smoothed and floored. */
  static double[] update(double[] p, double[] q, double[] loss, double[] logWeight, int[][] counts,
      double gamma, int k, double smoothing) {
    // Weights only enter as ratios within a row: scale by the largest elite log weight.
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < loss.length; i++) {
      if (loss[i] >= gamma) {
        top = Math.max(top, logWeight[i]);
      }
    }
    double[] flows = new double[k * k];
    for (int i = 0; i < loss.length; i++) {
      if (loss[i] >= gamma) {
        double w = Math.exp(logWeight[i] - top);
        for (int j = 0; j < k * k; j++) {
          flows[j] += w * counts[i][j];
        }
      }
    }
    double[] next = new double[k * k];
    for (int s = 0; s < k; s++) {
      double row = 0;
      for (int t = 0; t < k; t++) {
        row += flows[s * k + t];
      }
      for (int t = 0; t < k; t++) {
        int at = s * k + t;
        double estimate = row > 0 ? flows[at] / row : q[at];
        double smoothed = smoothing * estimate + (1.0 - smoothing) * q[at];
        next[at] = (1.0 - FLOOR) * smoothed + FLOOR * p[at];
      }
    }
    return next;
  }

  private static double[] nan(int k) {
    double[] out = new double[k];
    Arrays.fill(out, Double.NaN);
    return out;
  }
}
