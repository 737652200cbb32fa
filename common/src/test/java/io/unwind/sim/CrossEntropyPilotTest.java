package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.SamplingSettings;
import org.junit.jupiter.api.Test;

/** The cross-entropy pilot: deterministic, toward the subject's losses, never forbids a move. */
class CrossEntropyPilotTest {

  private static ResolvedScenario auto() {
    return KernelScenarios.load(KernelScenarios.TWO_REGIMES, "horizon-days = 252",
        "sample-every = 0", "sampling.method = importance", "sampling.tilt = auto",
        "sampling.pilot.paths = 400", "sampling.pilot.iterations = 3",
        "sampling.pilot.level = 0.95", "sampling.shock-shift = 0");
  }

  @Test
  void tune_auto_deterministicTowardCrisesAndEveryMovePossible() {
    ResolvedScenario before = auto();
    assertThat(before.sampling().needsPilot()).isTrue();
    ResolvedScenario a = CrossEntropyPilot.tune(before);
    ResolvedScenario b = CrossEntropyPilot.tune(auto());
    double[] q = a.sampling().transition();
    assertThat(q).isEqualTo(b.sampling().transition());
    assertThat(a.sampling().needsPilot()).isFalse();
    assertThat(a.sampling().tilt()).isEqualTo(SamplingSettings.PILOT);
    assertThat(a.sampling().isWeighted()).isTrue();

    double[] p = a.dailyTransition();
    int k = a.regimeCount();
    for (int s = 0; s < k; s++) {
      double row = 0;
      for (int t = 0; t < k; t++) {
        assertThat(q[s * k + t]).isGreaterThanOrEqualTo(CrossEntropyPilot.FLOOR * p[s * k + t]);
        row += q[s * k + t];
      }
      assertThat(row).isCloseTo(1.0, within(1e-12));
    }
    // levered-erc loses in crises: the pilot enters the crisis more often than p does.
    int calm = a.regimeIndex("calm");
    int crisis = a.regimeIndex("crisis");
    assertThat(q[calm * k + crisis]).isGreaterThan(p[calm * k + crisis]);
    assertThat(a.sampling().initial()[crisis]).isGreaterThan(a.stationary()[crisis]);
  }

  @Test
  void tune_withShockShift_fitsEachRegimesShiftDeterministicallyAndTheWeightsStayExact() {
    ResolvedScenario before = KernelScenarios.load(KernelScenarios.TWO_REGIMES,
        "horizon-days = 126", "sample-every = 0", "sampling.method = importance",
        "sampling.tilt = auto", "sampling.pilot.paths = 400", "sampling.pilot.iterations = 3",
        "sampling.pilot.level = 0.95", "sampling.shock-shift = 0.05");
    ResolvedScenario a = CrossEntropyPilot.tune(before);
    ResolvedScenario b = CrossEntropyPilot.tune(before);
    double[] fitted = a.sampling().shiftVectors();
    int k = a.regimeCount();
    int n = a.assetCount();
    assertThat(fitted).hasSize(k * n).isEqualTo(b.sampling().shiftVectors());
    assertThat(a.sampling().describe()).contains(" shift=[[");
    // It starts from shock-shift times the ERC book's losing direction and moves away from it.
    double[] start = new PathSimulator(a.withTransition(SamplingSettings.PILOT,
        a.sampling().entry(), a.sampling().stay(), a.sampling().transition())).shiftVectors();
    assertThat(fitted).isNotEqualTo(start);
    for (double v : fitted) {
      assertThat(v).isFinite();
    }

    // The likelihood ratio stays exact under per-regime vectors: the mean weight is 1. Seed 42
    // (the scenario's); |mean - 1| > 4 se by chance: about 6 in 100,000 runs.
    PathSimulator sim = new PathSimulator(a);
    PathWorkspace ws = sim.newWorkspace();
    int paths = 4000;
    double sumW = 0;
    double sumW2 = 0;
    for (long id = 0; id < paths; id++) {
      sim.simulate(id, ws);
      double w = Math.exp(ws.logWeight());
      sumW += w;
      sumW2 += w * w;
    }
    double mean = sumW / paths;
    double se = Math.sqrt((sumW2 / paths - mean * mean) / (paths - 1));
    assertThat(Math.abs(mean - 1.0)).as("mean weight %.4f, se %.4f", mean, se)
        .isLessThan(4 * se);
    assertThat(se).isGreaterThan(0.0);
  }

  @Test
  void tune_plainOrGivenScenario_unchanged() {
    ResolvedScenario plain = KernelScenarios.load(KernelScenarios.TWO_REGIMES);
    assertThat(CrossEntropyPilot.tune(plain)).isSameAs(plain);
  }
}
