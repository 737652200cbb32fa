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
        "us_treasury_long", "commodities", "us_high_yield");
    assertThat(s.regimeNames()).containsExactlyInAnyOrder("calm", "rate-shock", "stressed",
        "crisis");
    assertThat(ScenarioLoader.describe(s)).contains(s.name());
  }

  @Test
  void baseline_regimes_matchTheFitOnRealPricesAndThePremia() {
    ResolvedScenario s = ScenarioLoader.loadFile(CONF.resolve("baseline.conf"), Map.of());
    int n = s.assetCount();

    assertThat(s.paths()).isEqualTo(100_000);
    assertThat(s.horizonDays()).isEqualTo(2520);
    assertThat(s.seed()).isEqualTo(20261124L);
    assertThat(s.sampleEvery()).isEqualTo(1000);
    // Crisis vols of the weekly 4-state fit to the 2007-2025 ETF prices (conf/history/).
    int crisis = s.regimeIndex("crisis");
    assertThat(java.util.Arrays.copyOfRange(s.annualVol(), crisis * n, crisis * n + n))
        .containsExactly(0.4451, 0.4911, 0.1147, 0.2516, 0.3750, 0.3242);
    // Expected stays: fitted weekly durations x 5 days.
    assertThat(s.expectedDays()[s.regimeIndex("calm")]).isEqualTo(51.4);
    assertThat(s.expectedDays()[crisis]).isEqualTo(31.9);
    assertThat(s.stationary()[crisis]).isBetween(0.07, 0.085);

    // The rate shock: stocks and bonds positively correlated, long bonds losing.
    int shock = s.regimeIndex("rate-shock");
    assertThat(s.correlation()[shock * n * n + 2]).isPositive();
    assertThat(s.correlation()[shock * n * n + 3]).isPositive();
    assertThat(s.annualMean()[shock * n + 3]).isNegative();
    // Crises: equities, commodities and high yield lose; Treasuries gain.
    for (int i : new int[] {0, 1, 4, 5}) {
      assertThat(s.annualMean()[crisis * n + i]).isNegative();
    }
    assertThat(s.annualMean()[crisis * n + 2]).isPositive();

    // Means from premia: the stationary arithmetic mean of each asset is the short rate plus its
    // premium, to the 4 decimals the file keeps (6 terms, each rounded by at most 5e-5).
    List<? extends com.typesafe.config.Config> assets = com.typesafe.config.ConfigFactory
        .parseFile(CONF.resolve("baseline.conf").toFile()).getConfigList("assets");
    for (int i = 0; i < n; i++) {
      assertThat(assets.get(i).getString("name")).isEqualTo(s.assetNames()[i]);
      double mean = 0;
      for (int r = 0; r < s.regimeCount(); r++) {
        double vol = s.annualVol()[r * n + i];
        mean += s.stationary()[r] * (s.annualMean()[r * n + i] + 0.5 * vol * vol);
      }
      assertThat(mean).as("asset %s", s.assetNames()[i])
          .isCloseTo(s.strategy().shortRate() + assets.get(i).getDouble("premium"), within(3e-4));
    }
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
    int r = base.regimeIndex("rate-shock");
    int calm = base.regimeIndex("calm");

    assertThat(shock.annualVol()[r * n + 2]).isGreaterThan(1.5 * base.annualVol()[r * n + 2]);
    assertThat(shock.annualVol()[r * n + 3]).isGreaterThan(1.5 * base.annualVol()[r * n + 3]);
    assertThat(shock.annualVol()[calm * n + 2]).isEqualTo(base.annualVol()[calm * n + 2]);
    assertThat(shock.stationary()[r]).isGreaterThan(base.stationary()[r]);
  }
}
