package io.unwind.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped scenario files in {@code conf/} load, validate and say what they claim. */
class ConfFilesTest {

  /** Maven runs tests in the module directory; the scenario files sit beside it. */
  private static final Path CONF = Path.of("..", "conf");

  static Stream<Path> confFiles() throws IOException {
    try (Stream<Path> files = Files.list(CONF)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
      assertThat(list).extracting(p -> p.getFileName().toString())
          .contains("baseline.conf", "crowded.conf", "bond-vol-shock.conf")
          .doesNotContain("base.conf");
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("confFiles")
  void loadFile_shippedScenario_validates(Path file) {
    ResolvedScenario s = ScenarioLoader.loadFile(file, Map.of());

    assertThat(s.name() + ".conf").isEqualTo(file.getFileName().toString());
    assertThat(s.assetNames()).containsExactly("us_equity", "eu_equity", "us_treasury_10y",
        "de_bund_10y", "commodities", "us_high_yield");
    assertThat(s.regimeNames()).containsExactlyInAnyOrder("calm", "stressed", "crisis",
        "inflation-shock");
    assertThat(ScenarioLoader.describe(s)).contains(s.name());
  }

  @Test
  void baseline_regimes_matchReferenceFitAndDesign() {
    ResolvedScenario s = ScenarioLoader.loadFile(CONF.resolve("baseline.conf"), Map.of());
    int n = s.assetCount();

    assertThat(s.paths()).isEqualTo(100_000);
    assertThat(s.horizonDays()).isEqualTo(2520);
    assertThat(s.seed()).isEqualTo(20261124L);
    assertThat(s.sampleEvery()).isEqualTo(1000);
    // Vols of the reference fit (shared/reference/regimes-6asset.json), crisis regime.
    int crisis = s.regimeIndex("crisis");
    assertThat(java.util.Arrays.copyOfRange(s.annualVol(), crisis * n, crisis * n + n))
        .containsExactly(0.438, 0.5324, 0.0946, 0.0804, 0.3238, 0.2861);
    // Expected stays: fitted weekly durations 12.08, 7.56, 3.77 weeks x 5 days, rounded.
    assertThat(s.expectedDays()[s.regimeIndex("calm")]).isEqualTo(60.0);
    assertThat(s.expectedDays()[s.regimeIndex("stressed")]).isEqualTo(38.0);
    assertThat(s.expectedDays()[crisis]).isEqualTo(19.0);

    int shock = s.regimeIndex("inflation-shock");
    assertThat(s.stationary()[shock]).isBetween(0.04, 0.06);
    assertThat(s.expectedDays()[shock]).isGreaterThanOrEqualTo(63.0);
    // Stocks and bonds fall together, positively correlated; commodities rise.
    assertThat(s.annualMean()[shock * n]).isNegative();
    assertThat(s.annualMean()[shock * n + 2]).isNegative();
    assertThat(s.annualMean()[shock * n + 4]).isPositive();
    assertThat(s.correlation()[shock * n * n + 2]).isCloseTo(0.5, within(0.1));
    // Treasuries rally in a crisis.
    assertThat(s.annualMean()[crisis * n + 2]).isPositive();
  }

  @Test
  void crowded_overridesBaseline_largerCrowdThinnerMarkets() {
    ResolvedScenario base = ScenarioLoader.loadFile(CONF.resolve("baseline.conf"), Map.of());
    ResolvedScenario crowded = ScenarioLoader.loadFile(CONF.resolve("crowded.conf"), Map.of());

    assertThat(crowded.market().crowd()).isGreaterThan(base.market().crowd());
    for (int i = 0; i < base.assetCount(); i++) {
      assertThat(crowded.depth()[i]).isLessThan(base.depth()[i]);
    }
    assertThat(crowded.annualCovariance()).containsExactly(base.annualCovariance());
  }

  @Test
  void bondVolShock_raisesBondVolsInTheShockOnly() {
    ResolvedScenario base = ScenarioLoader.loadFile(CONF.resolve("baseline.conf"), Map.of());
    ResolvedScenario shock = ScenarioLoader.loadFile(CONF.resolve("bond-vol-shock.conf"), Map.of());
    int n = base.assetCount();
    int r = base.regimeIndex("inflation-shock");
    int calm = base.regimeIndex("calm");

    assertThat(shock.annualVol()[r * n + 2]).isGreaterThan(1.5 * base.annualVol()[r * n + 2]);
    assertThat(shock.annualVol()[r * n + 3]).isGreaterThan(1.5 * base.annualVol()[r * n + 3]);
    assertThat(shock.annualVol()[calm * n + 2]).isEqualTo(base.annualVol()[calm * n + 2]);
    assertThat(shock.stationary()[r]).isGreaterThan(base.stationary()[r]);
  }
}
