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
    double[] loss = new double[m];
    double[] logWeight = new double[m];
    int[][] counts = new int[m][k * k];
    for (int iteration = 0; iteration < pilot.iterations(); iteration++) {
      ResolvedScenario current = only.withTransition(SamplingSettings.PILOT, nan(k), nan(k), q);
      PathSimulator simulator = new PathSimulator(current);
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
        tail.accept(loss[i], Math.exp(logWeight[i]), pathId);
      }
      double level = tail.finish().var(pilot.level()).value();
      double[] sorted = loss.clone();
      Arrays.sort(sorted);
      double gamma = Math.min(level, sorted[(int) Math.floor((1.0 - RHO) * m)]);
      q = update(p, q, loss, logWeight, counts, gamma, k, pilot.smoothing());
    }
    return scenario.withTransition(SamplingSettings.PILOT, nan(k), nan(k), q);
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
