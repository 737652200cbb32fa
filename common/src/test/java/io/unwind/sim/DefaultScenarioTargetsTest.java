package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.config.StrategyKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default scenario ({@code conf/baseline.conf}) against the targets it was fitted to meet
 * (VALIDATION.md): long-run facts about a 60/40 book and the realised vol of the subject.
 *
 * <p>Each test fails only when the target is outside a 99.9 % confidence interval of the
 * estimate from {@value #PATHS} ten-year paths (fixed seed), so a default that meets its target
 * fails by chance at most once in a thousand runs of a new seed; with the fixed seed the outcome
 * is deterministic. The intervals: order-statistic (binomial) bounds for the median, Wilson for
 * a probability, mean ± z·s/√n for an average.
 */
class DefaultScenarioTargetsTest {

  private static final Path BASELINE = Path.of("..", "conf", "baseline.conf");
  private static final int PATHS = 4000;
  private static final long SEED = 20261206L;
  /** Two-sided 99.9 % normal quantile. */
  private static final double Z = 3.2905;

  private static double[] sixtyFortyAnnualReturn;
  private static double[] sixtyFortyTerminal;
  private static double[] leveredVol;
  private static int years;

  @BeforeAll
  static void simulate() {
    ResolvedScenario s = ScenarioLoader.loadFile(BASELINE, Map.of(
        "strategies", "[levered-erc, sixty-forty]", "seed", Long.toString(SEED),
        "sample-every", "0"));
    years = s.horizonDays() / 252;
    PathSimulator sim = new PathSimulator(s);
    PathWorkspace ws = sim.newWorkspace();
    int levered = s.strategies().indexOf(StrategyKind.LEVERED_ERC);
    int sixtyForty = s.strategies().indexOf(StrategyKind.SIXTY_FORTY);
    sixtyFortyAnnualReturn = new double[PATHS];
    sixtyFortyTerminal = new double[PATHS];
    leveredVol = new double[PATHS];
    for (int p = 0; p < PATHS; p++) {
      sim.simulate(p, ws);
      double r = ws.result(sixtyForty).terminalReturn();
      sixtyFortyTerminal[p] = r;
      sixtyFortyAnnualReturn[p] = Math.pow(Math.max(1.0 + r, 0.0), 1.0 / years) - 1.0;
      leveredVol[p] = ws.result(levered).realizedVol();
    }
  }

  @Test
  void sixtyForty_medianAnnualReturnOverTenYears_between5And9Percent() {
    assertThat(years).isEqualTo(10);
    double[] sorted = sixtyFortyAnnualReturn.clone();
    Arrays.sort(sorted);
    // Ranks of a 99.9 % interval for the median: n/2 -+ z sqrt(n)/2.
    int half = (int) Math.ceil(Z * Math.sqrt(PATHS) / 2.0);
    double low = sorted[PATHS / 2 - half];
    double high = sorted[PATHS / 2 + half];
    assertThat(high).as("upper 99.9 %% bound of the median, seed %d", SEED).isGreaterThanOrEqualTo(0.05);
    assertThat(low).as("lower 99.9 %% bound of the median, seed %d", SEED).isLessThanOrEqualTo(0.09);
  }

  @Test
  void sixtyForty_chanceOfNominalTenYearLoss_atMost5Percent() {
    int losses = 0;
    for (double r : sixtyFortyTerminal) {
      losses += r < 0 ? 1 : 0;
    }
    double p = (double) losses / PATHS;
    double z2 = Z * Z;
    double lower = (p + z2 / (2 * PATHS) - Z * Math.sqrt(p * (1 - p) / PATHS + z2 / (4.0 * PATHS * PATHS)))
        / (1 + z2 / PATHS);
    assertThat(lower).as("lower Wilson 99.9 %% bound of P(loss) = %s, seed %d", p, SEED)
        .isLessThanOrEqualTo(0.05);
  }

  @Test
  void leveredErc_averageRealisedVol_between9And12Percent() {
    double mean = Arrays.stream(leveredVol).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(leveredVol).map(v -> (v - mean) * (v - mean)).sum() / (PATHS - 1));
    double halfWidth = Z * sd / Math.sqrt(PATHS);
    assertThat(mean + halfWidth).as("average realised vol %s, seed %d", mean, SEED)
        .isGreaterThanOrEqualTo(0.09);
    assertThat(mean - halfWidth).as("average realised vol %s, seed %d", mean, SEED)
        .isLessThanOrEqualTo(0.12);
  }
}
