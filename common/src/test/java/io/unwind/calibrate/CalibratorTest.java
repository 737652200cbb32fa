package io.unwind.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibratorTest {

  private static final long SEED = 31;
  private static final String[] HEADER = {"Date", "S&P 500", "EURO STOXX 50", "US Treasury 10Y"};

  @TempDir
  static Path dir;
  static Path csv;
  static RegimeSimulator.Path simulated;
  static CalibrationResult result;

  @BeforeAll
  static void calibrateOnce() throws IOException {
    RegimeSimulator sim = TestModels.TWO_REGIMES;
    simulated = sim.simulate(5000, SEED);
    csv = TestModels.writeCsv(dir, HEADER, simulated.returns(), sim.assets);
    CalibrationRequest request = new CalibrationRequest(csv, 2, Frequency.DAILY, ',', null, null,
        MissingValues.DROP_ROW, 2, SEED, 1e-7, 1000);
    result = Calibrator.calibrate(request);
  }

  @Test
  void calibrate_twoRegimeCsv_recoversTheSimulatedModel() {
    // Same design and tolerances as BaumWelchTest (T = 5000, >= 4 standard errors each); the CSV
    // round trip (prices rounded to 1e-10) moves log returns by < 1e-12.
    RegimeSimulator sim = TestModels.TWO_REGIMES;
    assertThat(result.observations()).isEqualTo(5000);
    assertThat(result.regimeNames()).containsExactly("calm", "crisis");
    for (int k = 0; k < 2; k++) {
      double[] vol = result.annualVol(k);
      for (int j = 0; j < 3; j++) {
        assertThat(vol[j]).as("seed %d regime %d asset %d", SEED, k, j)
            .isCloseTo(sim.annualVol[k * 3 + j], within(0.1 * sim.annualVol[k * 3 + j]));
      }
      assertThat(result.expectedDays(k)).as("seed %d regime %d stay", SEED, k)
          .isCloseTo(sim.expectedStay(k), within(0.25 * sim.expectedStay(k)));
    }
    assertThat(result.assetNames()).containsExactly("S_P_500", "EURO_STOXX_50", "US_Treasury_10Y");
  }

  @Test
  void calibrate_twoRegimeCsv_viterbiPathMatchesTheSimulatedRegimes() {
    // Regimes four times apart in vol over three assets: a decoded day is wrong mostly near a
    // switch. 85 % is far below the ~95 % seen (seed 31); a failure means decoding is broken.
    int agree = 0;
    for (int s = 0; s < result.observations(); s++) {
      agree += result.viterbiPath()[s] == simulated.states()[s] ? 1 : 0;
    }
    assertThat(agree / (double) result.observations()).as("seed %d", SEED).isGreaterThan(0.85);
  }

  @Test
  void viterbiCsv_oneRowPerReturn_withRegimeNames() {
    String[] lines = result.viterbiCsv().split("\n");
    assertThat(lines).hasSize(5001);
    assertThat(lines[0]).isEqualTo("date,regime");
    LocalDate[] dates = TestModels.weekdays(5001);
    assertThat(lines[1]).isEqualTo(dates[1] + "," + result.regimeNames()[result.viterbiPath()[0]]);
    assertThat(lines[5000]).startsWith(dates[5000] + ",");
    for (int i = 1; i < lines.length; i++) {
      assertThat(lines[i].split(",")[1]).isIn("calm", "crisis");
    }
  }

  @Test
  void report_bicForNeighbours_isMinusTwoLogLikelihoodPlusPenalty() {
    List<ModelScore> scores = result.scores();
    assertThat(scores).extracting(ModelScore::regimes).containsExactly(1, 2, 3);
    for (ModelScore s : scores) {
      // p = (K-1) + K(K-1) + K n + K n(n+1)/2 with n = 3, counted by hand.
      int expectedP = (s.regimes() - 1) + s.regimes() * (s.regimes() - 1) + 3 * s.regimes() + 6 * s.regimes();
      assertThat(s.freeParameters()).isEqualTo(expectedP);
      assertThat(s.bic()).isCloseTo(-2 * s.logLikelihood() + expectedP * Math.log(5000), within(1e-6));
    }
    // Two true regimes: one regime fits far worse; the fitted K's likelihood is the result's.
    assertThat(scores.get(1).logLikelihood()).isEqualTo(result.logLikelihood());
    assertThat(scores.get(0).bic()).isGreaterThan(scores.get(1).bic());
    String report = result.report();
    assertThat(report).contains("K=1", "K=2", "K=3", "log-likelihood", "calm", "crisis",
        "stay (days)", "stationary", "viterbi", "correlations, crisis", "0 values forward-filled",
        "US_Treasury_10Y");
    assertThat(report.lines().filter(l -> l.contains("<- lowest")).count()).isEqualTo(1);
  }

  @Test
  void logLikelihoodTrace_endToEnd_neverDecreasesAndEndsAtTheResult() {
    double[] trace = result.logLikelihoodTrace();
    for (int i = 1; i < trace.length; i++) {
      assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-9 * Math.abs(trace[i - 1]));
    }
    assertThat(trace[trace.length - 1]).isEqualTo(result.logLikelihood());
  }

  @Test
  void toScenarioHocon_noBase_parsesWithRegimesOfTheRightShape() {
    Config config = ConfigFactory.parseString(result.toScenarioHocon("calibrated", null)).resolve();

    assertThat(config.getString("name")).isEqualTo("calibrated");
    assertThat(config.getConfigList("assets")).extracting(c -> c.getString("name"))
        .containsExactly("S_P_500", "EURO_STOXX_50", "US_Treasury_10Y");
    // No base and no --class: every column is other, with its class defaults.
    assertThat(config.getConfigList("assets")).extracting(c -> c.getString("class"))
        .containsExactly("other", "other", "other");
    assertThat(config.getConfigList("assets")).extracting(c -> c.getDouble("depth"))
        .containsOnly(ScenarioWriter.ClassDefaults.OTHER.depth);
    assertThat(config.getObject("regimes").keySet()).containsExactlyInAnyOrder("calm", "crisis");
    for (int k = 0; k < 2; k++) {
      Config regime = config.getConfig("regimes." + result.regimeNames()[k]);
      assertThat(regime.getDoubleList("mean")).hasSize(3);
      assertThat(regime.getDoubleList("vol")).hasSize(3);
      List<Double> vol = regime.getDoubleList("vol");
      for (int j = 0; j < 3; j++) {
        assertThat(vol.get(j)).isCloseTo(result.annualVol(k)[j], within(1e-5 * result.annualVol(k)[j]));
      }
      assertCorrelationMatrix(regime.getList("corr").unwrapped(), 3);
      assertThat(regime.getInt("dof")).isZero();
      assertThat(regime.getDouble("funding-spread")).isPositive();
      assertThat(regime.getDouble("expected-days"))
          .isCloseTo(result.expectedDays(k), within(1e-5 * result.expectedDays(k)));
      String other = result.regimeNames()[1 - k];
      assertThat(regime.getObject("exits").keySet()).containsExactly(other);
      assertThat(regime.getDouble("exits." + other)).isEqualTo(1.0);
    }
    assertThat(config.hasPath("strategy")).isFalse();
    // The 60/40 cannot run without an equity and a bond: left out of the defaults' list.
    assertThat(config.getStringList("strategies"))
        .containsExactly("levered-erc", "oracle-erc", "no-impact", "unlevered-erc");
  }

  @Test
  void toScenario_classesGiven_keepSixtyFortyAndUseTheClassDefaults() {
    ScenarioText written = result.toScenario("classed", null,
        Map.of("s_p_500", "equity", "US_TREASURY_10Y", "Bond"));
    Config config = ConfigFactory.parseString(written.text()).resolve();

    assertThat(config.getConfigList("assets")).extracting(c -> c.getString("class"))
        .containsExactly("equity", "other", "bond");
    assertThat(config.getConfigList("assets")).extracting(c -> c.getDouble("haircut-floor"))
        .containsExactly(ScenarioWriter.ClassDefaults.EQUITY.haircutFloor,
            ScenarioWriter.ClassDefaults.OTHER.haircutFloor, ScenarioWriter.ClassDefaults.BOND.haircutFloor);
    assertThat(config.hasPath("strategies")).isFalse();
    assertThat(written.notes()).singleElement().asString().contains("EURO_STOXX_50", "class other");
    assertThat(written.text()).contains("class defaults (equity 40 / 0.15, bond 60 / 0.02");
  }

  @Test
  void toScenario_noClasses_notesWhichStrategyIsLeftOutAndHowToKeepIt() {
    ScenarioText written = result.toScenario("plain", null, Map.of());

    assertThat(written.notes()).anySatisfy(note -> assertThat(note)
        .contains("sixty-forty left out", "--class S_P_500=equity", "=bond"));
    assertThat(written.text()).contains("# sixty-forty left out");
  }

  @Test
  void toScenario_badClass_namesTheOptionAndTheRule() {
    assertThatThrownBy(() -> result.toScenario("x", null, Map.of("gold", "equity")))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("--class gold=equity").hasMessageContaining("no column gold");
    assertThatThrownBy(() -> result.toScenario("x", null, Map.of("S_P_500", "stocks")))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("unknown class stocks").hasMessageContaining("equity, bond");
  }

  @SuppressWarnings("unchecked")
  static void assertCorrelationMatrix(List<Object> rows, int n) {
    assertThat(rows).hasSize(n);
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) {
      List<Number> row = (List<Number>) rows.get(i);
      assertThat(row).hasSize(n);
      c[i] = row.stream().mapToDouble(Number::doubleValue).toArray();
    }
    for (int i = 0; i < n; i++) {
      assertThat(c[i][i]).isEqualTo(1.0);
      for (int j = 0; j < n; j++) {
        assertThat(c[i][j]).isEqualTo(c[j][i]).isBetween(-1.0, 1.0);
      }
    }
    // Positive definite: commons-math3 refuses a Cholesky factor otherwise.
    new CholeskyDecomposition(new Array2DRowRealMatrix(c), 0.0, 1e-12);
  }

  @Test
  void toScenarioHocon_withBase_copiesSectionsAssetsAndFundingSpreads() {
    String base = """
        name = baseline
        description = "the base"
        paths = 5000
        horizon-days = 504
        seed = 7
        sample-every = 0
        initial-regime = inflation
        assets = [
          { name = s_p_500, class = equity, depth = 55, haircut-floor = 0.2 }
          { name = gold, class = commodity, depth = 10, haircut-floor = 0.1 }
        ]
        regimes {
          calm { funding-spread = 0.003 }
          inflation { funding-spread = 0.05 }
        }
        strategy { vol-target = 0.12, max-leverage = 3.0 }
        margin { enabled = true, z = 2.33 }
        market { impact = sqrt, crowd = 20 }
        strategies = [levered-erc, sixty-forty]
        """;

    String hocon = result.toScenarioHocon("my-fit", base);
    Config config = ConfigFactory.parseString(hocon).resolve();

    assertThat(config.getString("name")).isEqualTo("my-fit");
    assertThat(config.getInt("paths")).isEqualTo(5000);
    assertThat(config.getInt("horizon-days")).isEqualTo(504);
    assertThat(config.getDouble("strategy.vol-target")).isEqualTo(0.12);
    assertThat(config.getBoolean("margin.enabled")).isTrue();
    assertThat(config.getString("market.impact")).isEqualTo("sqrt");
    // The base knows s_p_500 (as S_P_500, ignoring case) but no bond: its 60/40 is left out.
    assertThat(config.getStringList("strategies")).containsExactly("levered-erc");
    Config kept = ConfigFactory.parseString(result.toScenario("my-fit", base,
        Map.of("us_treasury_10y", "bond")).text()).resolve();
    assertThat(kept.getStringList("strategies")).containsExactly("levered-erc", "sixty-forty");
    assertThat(kept.getConfigList("assets").get(0).getString("name")).isEqualTo("S_P_500");
    // The base's starting regime does not exist in the fit.
    assertThat(config.getString("initial-regime")).isEqualTo("stationary");
    Config spx = config.getConfigList("assets").get(0);
    assertThat(spx.getInt("depth")).isEqualTo(55);
    assertThat(spx.getDouble("haircut-floor")).isEqualTo(0.2);
    assertThat(config.getConfigList("assets")).hasSize(3);
    assertThat(config.getDouble("regimes.calm.funding-spread")).isEqualTo(0.003);
    assertThat(config.getDouble("regimes.crisis.funding-spread")).isEqualTo(ScenarioWriter.CRISIS_SPREAD);
    assertThat(config.hasPath("regimes.inflation")).isFalse();
  }

  @Test
  void toScenarioHocon_baseNotHocon_throwsInputError() {
    assertThatThrownBy(() -> result.toScenarioHocon("x", "strategy { vol-target = "))
        .isInstanceOf(CalibrationInputException.class).hasMessageContaining("base scenario");
  }

  @Test
  void toScenarioHocon_regimeThatNeverLeaves_throwsNamingTheRegime() {
    HmmParameters p = result.parameters();
    double[] a = {1.0, 0.0, 0.2, 0.8};
    HmmParameters absorbing = new HmmParameters(2, 3, p.initial(), a, p.mean(), p.covariance());
    CalibrationResult stuck = new CalibrationResult(result.source(), result.frequency(),
        result.columns(), result.assetNames(), result.regimeNames(), result.dates(), absorbing,
        result.fit(), result.viterbiPath(), result.scores(), 0, 0, 0, SEED, 1e-7);

    assertThat(stuck.expectedDays(0)).isInfinite();
    assertThatThrownBy(() -> stuck.toScenarioHocon("x", null))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("regime calm").hasMessageContaining("never leaves");
  }

  @Test
  void calibrate_weekly_resamplesToLastDayOfEachIsoWeekAndScalesStays() throws IOException {
    RegimeSimulator sim = TestModels.TWO_REGIMES;
    RegimeSimulator.Path path = sim.simulate(3000, 41);
    Path weeklyDir = Files.createDirectories(dir.resolve("weekly"));
    Path file = TestModels.writeCsv(weeklyDir, HEADER, path.returns(), 3);
    LocalDate[] days = TestModels.weekdays(3001);
    Set<Long> weeks = new HashSet<>();
    for (LocalDate d : days) {
      weeks.add(d.get(IsoFields.WEEK_BASED_YEAR) * 100L + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    CalibrationRequest request = new CalibrationRequest(file, 2, Frequency.WEEKLY, ',', "date",
        "yyyy-MM-dd", MissingValues.DROP_ROW, 1, 41, 1e-7, 500);

    CalibrationResult weekly = Calibrator.calibrate(request);

    assertThat(weekly.observations()).isEqualTo(weeks.size() - 1);
    LocalDate[] weekEnds = weekly.dates();
    for (int i = 0; i < weekEnds.length - 1; i++) {
      // The simulated calendar has every weekday, so a complete week's last price is a Friday.
      assertThat(weekEnds[i].getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY);
    }
    // The file's last week may be partial: its last price is the file's last date.
    assertThat(weekEnds[weekEnds.length - 1]).isEqualTo(days[3000]);
    double leave = 1 - weekly.parameters().transition(0, 0);
    assertThat(weekly.expectedDays(0)).isCloseTo(5 / leave, within(1e-9 / leave));
    // Weekly vol annualises with sqrt(52): the calmer regime's vol is of the calm regime's order.
    assertThat(weekly.annualVol(0)[0]).isBetween(0.05, 0.35);
  }

  @Test
  void calibrate_sameSeed_givesIdenticalResults() {
    CalibrationRequest request = new CalibrationRequest(csv, 2, Frequency.DAILY, ',', null, null,
        MissingValues.DROP_ROW, 2, SEED, 1e-7, 1000);
    CalibrationResult again = Calibrator.calibrate(request);
    assertThat(again.parameters().covariance()).containsExactly(result.parameters().covariance());
    assertThat(again.viterbiCsv()).isEqualTo(result.viterbiCsv());
  }

  @Test
  void toScenarioHocon_oneAndFourRegimes_namesRegimesAndWritesStaysOnlyWhenSwitching() {
    for (int k : new int[] {1, 4}) {
      CalibrationRequest request = new CalibrationRequest(csv, k, Frequency.DAILY, ',', null, null,
          MissingValues.DROP_ROW, 1, SEED, 1e-6, 300);
      CalibrationResult fit = Calibrator.calibrate(request);
      Config config = ConfigFactory.parseString(fit.toScenarioHocon("k" + k, null)).resolve();

      assertThat(config.getObject("regimes").keySet()).hasSize(k);
      for (int r = 1; r <= k; r++) {
        Config regime = config.getConfig("regimes.regime-" + r);
        assertCorrelationMatrix(regime.getList("corr").unwrapped(), 3);
        assertThat(regime.hasPath("expected-days")).isEqualTo(k > 1);
        assertThat(regime.hasPath("exits")).isEqualTo(k > 1);
        if (k > 1) {
          double sum = 0;
          for (String to : regime.getObject("exits").keySet()) {
            assertThat(to).isNotEqualTo("regime-" + r);
            assertThat(regime.getDouble("exits." + to)).isPositive();
            sum += regime.getDouble("exits." + to);
          }
          assertThat(sum).isCloseTo(1.0, within(1e-5));
        }
      }
      assertThat(fit.scores()).extracting(ModelScore::regimes)
          .containsExactly(k == 1 ? new Integer[] {1, 2} : new Integer[] {3, 4, 5});
    }
  }
}
