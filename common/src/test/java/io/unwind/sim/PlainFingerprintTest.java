package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import java.nio.file.Path;
import java.util.Map;
import io.unwind.config.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * Plain sampling gives bit for bit the numbers the kernel gave before the {@code sampling}
 * section existed: fingerprints of the raw bits of every strategy's result (as {@code KernelRun}
 * folds them), recorded on the kernel before sampling (commit c885682 for the small scenario;
 * 1f9cc4b, the same kernel with the default refitted to 2007-2025 prices, for the default).
 */
class PlainFingerprintTest {

  static long fingerprint(PathSimulator simulator, long paths) {
    PathWorkspace ws = simulator.newWorkspace();
    long h = 17;
    for (long id = 0; id < paths; id++) {
      simulator.simulate(id, ws);
      for (int j = 0; j < ws.strategyCount(); j++) {
        PathResult r = ws.result(j);
        double[] fields = {r.terminalReturn(), r.maxDrawdown(), r.realizedVol(), r.avgLeverage(),
            r.maxLeverage(), r.forcedSales(), r.impactCost(), r.financingCost(), r.tradingCost(),
            r.shortfall(), r.driftPnl()};
        for (double f : fields) {
          h = 31 * h + Double.doubleToRawLongBits(f);
        }
        h = 31 * h + r.marginCalls() * 7919L + r.deleveragingDays() * 104729L
            + r.maxCascadeRounds() + r.defaultDay();
        for (int d : r.daysPerRegime()) {
          h = 31 * h + d;
        }
      }
      h = 31 * h + ws.events().size();
    }
    return h;
  }

  @Test
  void simulate_plainSampling_fingerprintOfTheKernelBeforeSampling() {
    ResolvedScenario small = KernelScenarios.load(KernelScenarios.TWO_REGIMES, "horizon-days = 252");
    ResolvedScenario baseline = ScenarioLoader.loadFile(Path.of("..", "conf", "baseline.conf"),
        Map.of("horizon-days", "504"));
    long smallPrint = fingerprint(new PathSimulator(small), 40);
    long baselinePrint = fingerprint(new PathSimulator(baseline), 20);
    System.out.printf("fingerprints small=%016x baseline=%016x%n", smallPrint, baselinePrint);
    assertThat(String.format("%016x", smallPrint)).isEqualTo("f08c2579991bae3e");
    assertThat(String.format("%016x", baselinePrint)).isEqualTo("5cca2947d60c4d5d");
  }
}
