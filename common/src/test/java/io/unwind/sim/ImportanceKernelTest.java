package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import org.junit.jupiter.api.Test;

/** The kernel under importance sampling: the tilted chain, its log weight, and tilt 1 = plain. */
class ImportanceKernelTest {

  @Test
  void simulate_tiltOfOne_plainNumbersBitForBitAndWeightZero() {
    ResolvedScenario plain = KernelScenarios.load(KernelScenarios.TWO_REGIMES, "horizon-days = 252");
    ResolvedScenario one = KernelScenarios.load(KernelScenarios.TWO_REGIMES, "horizon-days = 252",
        "sampling.method = importance", "sampling.tilt = given", "sampling.entry.crisis = 1",
        "sampling.stay.crisis = 1", "sampling.stay.calm = 1");
    assertThat(one.sampling().isWeighted()).isTrue();
    assertThat(PlainFingerprintTest.fingerprint(new PathSimulator(one), 30))
        .isEqualTo(PlainFingerprintTest.fingerprint(new PathSimulator(plain), 30));
    PathSimulator sim = new PathSimulator(one);
    PathWorkspace ws = sim.newWorkspace();
    for (long id = 0; id < 30; id++) {
      sim.simulate(id, ws);
      assertThat(ws.logWeight()).isEqualTo(0.0);
    }
  }

  @Test
  void simulate_importance_logWeightIsTheSumOfLogRatiosAlongTheRegimePath() {
    ResolvedScenario s = KernelScenarios.load(KernelScenarios.TWO_REGIMES, "horizon-days = 252",
        "sampling.method = importance", "sampling.volatile-entry = 4");
    PathSimulator sim = new PathSimulator(s);
    PathWorkspace ws = sim.newWorkspace();
    double[] p = s.dailyTransition();
    double[] q = s.sampling().transition();
    int k = s.regimeCount();
    int nonZero = 0;
    for (long id = 0; id < 50; id++) {
      sim.simulate(id, ws);
      double expected = Math.log(s.stationary()[ws.regime(0)] / s.sampling().initial()[ws.regime(0)]);
      for (int t = 1; t <= s.horizonDays(); t++) {
        int at = ws.regime(t - 1) * k + ws.regime(t);
        expected += Math.log(p[at] / q[at]);
      }
      assertThat(ws.logWeight()).as("path %d", id).isCloseTo(expected,
          org.assertj.core.api.Assertions.within(1e-9));
      assertThat(Double.isFinite(ws.logWeight())).isTrue();
      nonZero += ws.logWeight() != 0.0 ? 1 : 0;
    }
    assertThat(nonZero).isEqualTo(50);
  }

  @Test
  void simulate_importance_crisisDaysMoreOftenAndTheMeanWeightIsOne() {
    // Weights depend on the regime path alone: one cheap strategy suffices.
    int paths = 4000;
    ResolvedScenario plain = KernelScenarios.load(KernelScenarios.TWO_REGIMES,
        "horizon-days = 126", "strategies = [sixty-forty]", "sample-every = 0");
    ResolvedScenario tilted = KernelScenarios.load(KernelScenarios.TWO_REGIMES,
        "horizon-days = 126", "strategies = [sixty-forty]", "sample-every = 0",
        "sampling.method = importance");
    double plainCrisisDays = 0;
    double tiltedCrisisDays = 0;
    double sumW = 0;
    double sumW2 = 0;
    PathSimulator a = new PathSimulator(plain);
    PathSimulator b = new PathSimulator(tilted);
    PathWorkspace wa = a.newWorkspace();
    PathWorkspace wb = b.newWorkspace();
    int crisis = plain.regimeIndex("crisis");
    for (long id = 0; id < paths; id++) {
      a.simulate(id, wa);
      b.simulate(id, wb);
      plainCrisisDays += wa.result(0).daysPerRegime()[crisis];
      tiltedCrisisDays += wb.result(0).daysPerRegime()[crisis];
      double w = Math.exp(wb.logWeight());
      sumW += w;
      sumW2 += w * w;
    }
    assertThat(tiltedCrisisDays).isGreaterThan(1.5 * plainCrisisDays);
    double mean = sumW / paths;
    double se = Math.sqrt((sumW2 / paths - mean * mean) / (paths - 1));
    // Seed 42 (the scenario's); |mean - 1| > 4 se by chance: about 6 in 100,000 runs.
    assertThat(Math.abs(mean - 1.0)).as("mean weight %.4f, se %.4f", mean, se)
        .isLessThan(4 * se);
    assertThat(se).isGreaterThan(0.0);
  }
}
