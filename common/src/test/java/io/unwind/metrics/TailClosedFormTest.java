package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.util.Map;
import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * VaR and ES of the kernel's loss against closed forms: a one-asset, one-regime, unlevered,
 * costless, margin-free scenario, whose terminal log return is exactly Normal(μT, σ²T), so that
 * loss = 1 − exp(X) has VaR_α = 1 − exp(m + s·z_{1−α}) and
 * ES_α = 1 − exp(m + s²/2)·Φ(z_{1−α} − s)/(1 − α) (m = μT, s = σ√T; the partial expectation of a
 * lognormal). The ES formula is itself checked against numerical integration of the tail.
 */
class TailClosedFormTest {
  private static final double MU = 0.05;
  private static final double SIGMA = 0.2;
  private static final int DAYS = 63;
  private static final double T = DAYS / 252.0;
  private static final NormalDistribution STD = new NormalDistribution(null, 0, 1);

  /** Text as a user writes it; vol-target 5 with max-leverage 1 holds leverage at exactly 1. */
  private static ResolvedScenario scenario(long seed, int paths) {
    String text = String.join("\n",
        "name = closed-form", "paths = " + paths, "horizon-days = " + DAYS, "seed = " + seed,
        "sample-every = 0",
        "assets = [{ name = a, class = equity, depth = 10, haircut-floor = 0.1 }]",
        "regimes { only { mean = [" + MU + "], vol = [" + SIGMA + "], corr = [[1]] } }",
        "strategy { vol-target = 5.0, max-leverage = 1, cost-bps = 0, short-rate = 0 }",
        "margin { enabled = false }",
        "market { impact = none }",
        "strategies = [unlevered-erc]");
    return ScenarioLoader.loadText(text, "closed-form test", name -> null, Map.of());
  }

  static double trueVar(double alpha) {
    double m = MU * T;
    double s = SIGMA * Math.sqrt(T);
    return 1 - Math.exp(m + s * STD.inverseCumulativeProbability(1 - alpha));
  }

  static double trueEs(double alpha) {
    double m = MU * T;
    double s = SIGMA * Math.sqrt(T);
    double z = STD.inverseCumulativeProbability(1 - alpha);
    return 1 - Math.exp(m + s * s / 2) * STD.cumulativeProbability(z - s) / (1 - alpha);
  }

  private static TailEstimates simulate(long seed, int paths, double... levels) {
    PathSimulator sim = new PathSimulator(scenario(seed, paths));
    PathWorkspace ws = sim.newWorkspace();
    TailAccumulator tail = TailAccumulator.of(paths, levels);
    for (long id = 0; id < paths; id++) {
      sim.simulate(id, ws);
      tail.accept(ws.result(0).loss(), id);
    }
    return tail.finish();
  }

  @Test
  void trueEs_closedForm_equalsNumericalIntegrationOfTheTail() {
    double m = MU * T;
    double s = SIGMA * Math.sqrt(T);
    for (double alpha : new double[] {0.95, 0.99, 0.999}) {
      // ES = E[L | X ≤ q] = ∫_{-∞}^{q} (1 − e^x) φ((x − m)/s)/s dx / (1 − α), q the (1 − α)-quantile of X.
      double q = m + s * STD.inverseCumulativeProbability(1 - alpha);
      double integral = new SimpsonIntegrator(1e-12, 1e-14, 3, 30).integrate(10_000_000,
          x -> (1 - Math.exp(x)) * STD.density((x - m) / s) / s, m - 12 * s, q);
      assertThat(trueEs(alpha)).as("alpha %s", alpha).isCloseTo(integral / (1 - alpha), within(1e-9));
    }
  }

  @Test
  void finish_kernelLosses_matchClosedFormsWithinTheirIntervals() {
    long seed = 20261124L;
    TailEstimates t = simulate(seed, 20_000, TailAccumulator.standardLevels());
    for (double alpha : TailAccumulator.standardLevels()) {
      // 4.5 standard errors, each read off the 95 % interval (half-width / 1.96) on the side of the
      // truth: a false failure has odds of about 7e-6 per check, 6e-5 for the eight.
      check(t.var(alpha), trueVar(alpha), seed, "VaR");
      check(t.es(alpha), trueEs(alpha), seed, "ES");
    }
  }

  private static void check(TailEstimate e, double truth, long seed, String what) {
    double halfWidth = truth >= e.value() ? e.ciHigh() - e.value() : e.value() - e.ciLow();
    double tolerance = 4.5 * halfWidth / MomentAccumulator.Z_95;
    assertThat(e.value()).as("%s at %s, seed %d, interval [%s, %s]", what, e.level(), seed,
        e.ciLow(), e.ciHigh()).isCloseTo(truth, within(tolerance));
  }

  @Test
  void finish_twoHundredSeeds_intervalsCoverTheTruthNinetyToNinetyNinePercent() {
    // Coverage of nominal 95 % intervals over 200 independent seeds of 2,000 paths of 63 days.
    // If a true coverage is 0.95, the count of covering seeds is Binomial(200, 0.95):
    // P(count < 180) = 1.2e-3 and P(count > 198) = 4.0e-4 (exact binomial sums), so a false
    // failure per check has odds of about 1.6e-3 (about 6e-3 for the four). The VaR interval is conservative (coverage ≥ 95 %),
    // the ES interval asymptotic with 100 (α = 0.95) and 20 (α = 0.99) tail paths.
    double[] levels = {0.95, 0.99};
    int seeds = 200;
    int[][] covered = new int[2][levels.length];
    for (long seed = 1; seed <= seeds; seed++) {
      TailEstimates t = simulate(seed, 2_000, levels);
      for (int l = 0; l < levels.length; l++) {
        TailEstimate var = t.var(levels[l]);
        TailEstimate es = t.es(levels[l]);
        covered[0][l] += var.ciLow() <= trueVar(levels[l]) && trueVar(levels[l]) <= var.ciHigh() ? 1 : 0;
        covered[1][l] += es.ciLow() <= trueEs(levels[l]) && trueEs(levels[l]) <= es.ciHigh() ? 1 : 0;
      }
    }
    for (int l = 0; l < levels.length; l++) {
      assertThat(covered[0][l]).as("VaR %s interval covered %d of seeds 1..%d", levels[l], covered[0][l], seeds)
          .isBetween(180, 198);
      assertThat(covered[1][l]).as("ES %s interval covered %d of seeds 1..%d", levels[l], covered[1][l], seeds)
          .isBetween(180, 198);
    }
  }
}
