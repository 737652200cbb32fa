package io.unwind.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unwind.config.ResolvedScenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainTest {
  /** Strict JSON: a duplicate key or anything after the document fails the parse. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String[] ASSETS = {"us_equity", "us_treasury_10y", "commodities", "us_high_yield"};
  private static final double[] CORR = {
      1, -0.3, 0.3, 0.5,
      -0.3, 1, -0.1, -0.2,
      0.3, -0.1, 1, 0.3,
      0.5, -0.2, 0.3, 1};
  private static final double[] VOL = {0.16, 0.06, 0.20, 0.08};

  private static ResolvedScenario oneRegime(double volTarget, double maxLeverage) {
    return NumericsFixtures.scenario(ASSETS, new String[] {"calm"}, VOL, CORR, new double[] {1.0},
        volTarget, maxLeverage);
  }

  /**
   * Independent ERC: gradient descent on x = log y for g(x) = 1/2 e^x' S e^x - (1/n) sum x, whose
   * gradient is the risk-contribution residual y_i (S y)_i - 1/n (a different algorithm from the
   * solver's Newton on y).
   */
  private static double[] referenceErc(double[] cov, int off, int n) {
    double[] x = new double[n];
    double[] y = new double[n];
    for (int it = 0; it < 2_000_000; it++) {
      for (int i = 0; i < n; i++) {
        y[i] = Math.exp(x[i]);
      }
      double worst = 0;
      double[] g = new double[n];
      for (int i = 0; i < n; i++) {
        double sy = 0;
        for (int j = 0; j < n; j++) {
          sy += cov[off + i * n + j] * y[j];
        }
        g[i] = y[i] * sy - 1.0 / n;
        worst = Math.max(worst, Math.abs(g[i]));
      }
      if (worst < 1e-15) {
        break;
      }
      for (int i = 0; i < n; i++) {
        x[i] -= 0.5 * g[i];
      }
    }
    double sum = 0;
    for (double v : y) {
      sum += v;
    }
    for (int i = 0; i < n; i++) {
      y[i] /= sum;
    }
    return y;
  }

  private static double quadraticVol(double[] cov, int off, int n, double[] w) {
    double v = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        v += w[i] * cov[off + i * n + j] * w[j];
      }
    }
    return Math.sqrt(v);
  }

  @Test
  void of_oneRegime_weightsMatchIndependentSolverAndBookHitsTarget() {
    ResolvedScenario s = oneRegime(0.10, 4.0);
    ExplainReport report = Explain.of(s);
    ExplainReport.RegimeView calm = report.regimes().get(0);
    double[] reference = referenceErc(s.annualCovariance(), 0, 4);
    double[] w = calm.ercWeights();
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      assertThat(w[i]).as("asset %s", ASSETS[i]).isCloseTo(reference[i], within(1e-6));
      sum += w[i];
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
    double bookVol = quadraticVol(s.annualCovariance(), 0, 4, w);
    assertThat(calm.leverageAtTarget()).isCloseTo(0.10 / bookVol, within(1e-12));
    assertThat(calm.leverageAtTarget()).isLessThan(4.0);
    assertThat(calm.volSurprise()[0]).isCloseTo(0.10, within(1e-12));
    assertThat(calm.stationaryShare()).isCloseTo(1, within(1e-15));
  }

  @Test
  void of_targetNeedsMoreThanMaxLeverage_cappedAndBelowTarget() {
    ResolvedScenario s = oneRegime(0.50, 1.5);
    ExplainReport.RegimeView calm = Explain.of(s).regimes().get(0);
    assertThat(calm.leverageAtTarget()).isEqualTo(1.5);
    double bookVol = quadraticVol(s.annualCovariance(), 0, 4, calm.ercWeights());
    assertThat(calm.volSurprise()[0]).isCloseTo(1.5 * bookVol, within(1e-12)).isLessThan(0.50);
  }

  private static ResolvedScenario threeRegimes() {
    int n = 4;
    double[] vol = new double[3 * n];
    double[] corr = new double[3 * n * n];
    double[] scale = {1, 1.8, 3.5};
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < n; i++) {
        vol[s * n + i] = VOL[i] * scale[s];
      }
      for (int i = 0; i < n * n; i++) {
        // Off-diagonal correlations drift towards +0.6 as regimes worsen.
        corr[s * n * n + i] = i % (n + 1) == 0 ? 1 : CORR[i] + s * (0.6 - CORR[i]) / 2.5;
      }
    }
    double[] transition = {0.99, 0.01, 0, 0.012, 0.98, 0.008, 0, 0.05, 0.95};
    return NumericsFixtures.scenario(
        new String[] {"us \"equity\"", "bund\\10y", "gold", "hy"},
        new String[] {"calm", "stressed", "crisis"}, vol, corr, transition, 0.10, 4.0);
  }

  @Test
  void of_threeRegimes_volSurpriseIsLeveredBookVolInEachRegime() {
    ResolvedScenario s = threeRegimes();
    ExplainReport report = Explain.of(s);
    int n = 4;
    for (int a = 0; a < 3; a++) {
      ExplainReport.RegimeView v = report.regimes().get(a);
      assertThat(v.name()).isEqualTo(s.regimeNames()[a]);
      assertThat(v.expectedDays()).isCloseTo(1 / (1 - s.dailyTransition()[a * 3 + a]), within(1e-9));
      double[] reference = referenceErc(s.annualCovariance(), a * n * n, n);
      for (int i = 0; i < n; i++) {
        assertThat(v.ercWeights()[i]).isCloseTo(reference[i], within(1e-6));
      }
      for (int b = 0; b < 3; b++) {
        double expected = v.leverageAtTarget() * quadraticVol(s.annualCovariance(), b * n * n, n, v.ercWeights());
        assertThat(v.volSurprise()[b]).as("sized in %d, market in %d", a, b).isCloseTo(expected, within(1e-12));
      }
    }
    // A book sized in calm and living in the crisis regime: risk 3.5x higher at least (vols scale
    // by 3.5 and correlations rise).
    assertThat(report.regimes().get(0).volSurprise()[2]).isGreaterThan(0.35);
  }

  @Test
  void toJson_threeRegimes_parsesWithContractStructure() throws Exception {
    ResolvedScenario s = threeRegimes();
    ExplainReport report = Explain.of(s);
    String json = report.toJson();
    assertThat(json).isEqualTo(report.toJson());
    JsonNode root = JSON.readTree(json);
    assertThat(names(root)).containsExactly("assets", "regimes");
    assertThat(texts(root.get("assets"))).containsExactly(s.assetNames());
    JsonNode regimes = root.get("regimes");
    assertThat(regimes.size()).isEqualTo(3);
    for (int a = 0; a < 3; a++) {
      JsonNode r = regimes.get(a);
      assertThat(names(r)).containsExactly(
          "name", "stationary_share", "expected_days", "erc_weights", "leverage_at_target", "vol_surprise");
      assertThat(r.get("name").textValue()).isEqualTo(s.regimeNames()[a]);
      assertThat(r.get("stationary_share").doubleValue()).isEqualTo(s.stationary()[a]);
      JsonNode weights = r.get("erc_weights");
      assertThat(names(weights)).containsExactly(s.assetNames());
      double sum = 0;
      for (int i = 0; i < 4; i++) {
        double w = weights.get(s.assetNames()[i]).doubleValue();
        assertThat(w).isEqualTo(report.regimes().get(a).ercWeights()[i]);
        sum += w;
      }
      assertThat(sum).isCloseTo(1, within(1e-12));
      JsonNode surprise = r.get("vol_surprise");
      assertThat(names(surprise)).containsExactly(s.regimeNames());
      for (int b = 0; b < 3; b++) {
        assertThat(surprise.get(s.regimeNames()[b]).doubleValue())
            .isEqualTo(report.regimes().get(a).volSurprise()[b]);
      }
    }
  }

  /** The field names of a JSON object, in document order. */
  private static List<String> names(JsonNode object) {
    assertThat(object.isObject()).as("object: %s", object).isTrue();
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The strings of a JSON array of strings. */
  private static List<String> texts(JsonNode array) {
    assertThat(array.isArray()).as("array: %s", array).isTrue();
    List<String> out = new ArrayList<>();
    for (JsonNode e : array) {
      assertThat(e.isTextual()).as("string: %s", e).isTrue();
      out.add(e.textValue());
    }
    return out;
  }

  @Test
  void toTable_threeRegimes_namesEveryAssetAndRegime() {
    ResolvedScenario s = threeRegimes();
    String table = Explain.of(s).toTable();
    for (String a : s.assetNames()) {
      assertThat(table).contains(a);
    }
    for (String r : s.regimeNames()) {
      assertThat(table).contains(r);
    }
    // Title, header, 3 rows, blank, title, header, 3 rows.
    assertThat(table.split("\n")).hasSize(11);
  }

  @Test
  void of_referenceFit_reproducesDesignStylisedFacts() throws Exception {
    // DESIGN.md: an ERC book sized to 10 % vol on calm covariances needs about 3x leverage and
    // realises roughly 45-50 % vol in the crisis regime (weekly 1999-2014 HMM fit, a golden input
    // from outside the code).
    JsonNode root;
    try (var in = ExplainTest.class.getResourceAsStream("regimes-6asset.json")) {
      root = JSON.readTree(in);
    }
    List<String> assets = texts(root.get("assets"));
    JsonNode fitted = root.get("regimes");
    int n = assets.size();
    int k = fitted.size();
    double[] vol = new double[k * n];
    double[] corr = new double[k * n * n];
    String[] names = new String[k];
    for (int r = 0; r < k; r++) {
      names[r] = fitted.get(r).get("name").textValue();
      JsonNode v = fitted.get(r).get("vol");
      JsonNode c = fitted.get(r).get("corr");
      for (int i = 0; i < n; i++) {
        vol[r * n + i] = v.get(i).doubleValue();
        for (int j = 0; j < n; j++) {
          corr[r * n * n + i * n + j] = c.get(i).get(j).doubleValue();
        }
      }
    }
    double[] transition = new double[k * k];
    for (int r = 0; r < k; r++) {
      transition[r * k + r] = 1;
    }
    ResolvedScenario s = NumericsFixtures.scenario(assets.toArray(new String[0]), names, vol, corr,
        transition, 0.10, 4.0);
    ExplainReport report = Explain.of(s);
    int calm = s.regimeIndex("calm");
    int crisis = s.regimeIndex("crisis");
    ExplainReport.RegimeView sizedInCalm = report.regimes().get(calm);
    assertThat(sizedInCalm.leverageAtTarget()).isBetween(2.6, 3.4);
    assertThat(sizedInCalm.volSurprise()[crisis]).isBetween(0.42, 0.55);
  }
}
