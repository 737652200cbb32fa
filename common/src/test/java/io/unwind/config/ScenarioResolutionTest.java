package io.unwind.config;

import static io.unwind.config.Scenarios.ONE_REGIME;
import static io.unwind.config.Scenarios.THREE_REGIMES;
import static io.unwind.config.Scenarios.load;
import static io.unwind.config.Scenarios.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution into flat arrays, checked against closed forms and independent arithmetic. */
class ScenarioResolutionTest {

  /** The test file's numbers, written out again independently of the loader. */
  private static final double[][] VOL = {{0.10, 0.05, 0.15}, {0.45, 0.10, 0.35}, {0.20, 0.07, 0.18}};
  private static final double[][] MEAN = {{0.08, 0.03, 0.02}, {-0.4, 0.08, -0.3}, {0.0, 0.04, 0.0}};
  private static final double[][][] CORR = {
      {{1, -0.3, 0.1}, {-0.3, 1, 0}, {0.1, 0, 1}},
      {{1, -0.2, 0.5}, {-0.2, 1, -0.25}, {0.5, -0.25, 1}},
      {{1, -0.4, 0.3}, {-0.4, 1, -0.1}, {0.3, -0.1, 1}}};

  @Test
  void loadText_regimes_indexedByName() {
    ResolvedScenario s = load(THREE_REGIMES);

    assertThat(s.regimeNames()).containsExactly("calm", "crisis", "stressed");
    assertThat(s.assetNames()).containsExactly("eq", "bd", "cm");
    assertThat(s.assetClasses()).containsExactly(AssetClass.EQUITY, AssetClass.BOND,
        AssetClass.COMMODITY);
  }

  @Test
  void loadText_dailyTransition_rowsSumToOneAndGiveExpectedStay() {
    ResolvedScenario s = load(THREE_REGIMES);
    int k = s.regimeCount();
    double[] p = s.dailyTransition();
    double[] expected = {60, 20, 40};

    for (int from = 0; from < k; from++) {
      double sum = 0;
      for (int to = 0; to < k; to++) {
        assertThat(p[from * k + to]).isBetween(0.0, 1.0);
        sum += p[from * k + to];
      }
      assertThat(sum).as("row %d", from).isCloseTo(1.0, within(1e-15));
      // Geometric stay: mean length 1 / (1 - p_stay).
      assertThat(1.0 / (1.0 - p[from * k + from])).isCloseTo(expected[from], within(1e-9));
      assertThat(s.expectedDays()[from]).isEqualTo(expected[from]);
    }
    // calm leaves to stressed : crisis as 0.9 : 0.1, stressed to calm : crisis as 2 : 1.
    int calm = s.regimeIndex("calm");
    int crisis = s.regimeIndex("crisis");
    int stressed = s.regimeIndex("stressed");
    assertThat(p[calm * k + stressed]).isCloseTo(0.9 / 60, within(1e-15));
    assertThat(p[calm * k + crisis]).isCloseTo(0.1 / 60, within(1e-15));
    assertThat(p[stressed * k + calm]).isCloseTo(2.0 / 3 / 40, within(1e-15));
    assertThat(p[crisis * k + calm]).isZero();
  }

  @Test
  void loadText_stationary_solvesBalanceEquations() {
    ResolvedScenario s = load(THREE_REGIMES);
    int k = s.regimeCount();
    double[] pi = s.stationary();
    double[] p = s.dailyTransition();

    double total = 0;
    for (int j = 0; j < k; j++) {
      double next = 0;
      for (int i = 0; i < k; i++) {
        next += pi[i] * p[i * k + j];
      }
      assertThat(next).as("(pi P)[%d]", j).isCloseTo(pi[j], within(1e-12));
      assertThat(pi[j]).isPositive();
      total += pi[j];
    }
    assertThat(total).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void loadText_twoRegimes_stationaryMatchesClosedForm() {
    // Two states: pi_a = q / (p + q) with p = P(a->b) = 1/e_a and q = P(b->a) = 1/e_b, so the
    // shares are proportional to the expected stays.
    String pair = ONE_REGIME.replace("corr = [[1, -0.2], [-0.2, 1]]",
        "corr = [[1, -0.2], [-0.2, 1]], expected-days = 50, exits { b = 1 }")
        + "regimes.b { mean = [0, 0], vol = [0.2, 0.1], corr = [[1, 0], [0, 1]], "
        + "expected-days = 25, exits { only = 1 } }";

    ResolvedScenario two = load(pair);

    assertThat(two.stationary()[two.regimeIndex("only")]).isCloseTo(50.0 / 75.0, within(1e-12));
    assertThat(two.stationary()[two.regimeIndex("b")]).isCloseTo(25.0 / 75.0, within(1e-12));
  }

  @Test
  void loadText_reducibleChainWithNamedStart_longRunSharesOfItsGroup() {
    // calm <-> stressed never reach crisis, which still drains into stressed: crisis is transient.
    String text = THREE_REGIMES
        .replace("exits { stressed = 0.9, crisis = 0.1 }", "exits { stressed = 1 }")
        .replace("exits { calm = 2, crisis = 1 }", "exits { calm = 1 }");

    ResolvedScenario s = load(text, sets("initial-regime", "calm"));

    int calm = s.regimeIndex("calm");
    assertThat(s.initialRegime()).isEqualTo(calm);
    assertThat(s.stationary()[s.regimeIndex("crisis")]).isCloseTo(0.0, within(1e-12));
    // Cesaro mean over 200,000 days: error of order (stay / days) ~ 1e-4.
    assertThat(s.stationary()[calm]).isCloseTo(60.0 / 100.0, within(1e-3));
  }

  @Test
  void loadText_covarianceDriftAndCholesky_matchIndependentArithmetic() {
    ResolvedScenario s = load(THREE_REGIMES);
    int n = 3;
    for (int r = 0; r < 3; r++) {
      double[] l = s.dailyCholesky();
      int base = r * n * n;
      for (int i = 0; i < n; i++) {
        assertThat(s.dailyDrift()[r * n + i]).isCloseTo(MEAN[r][i] / 252.0, within(1e-15));
        assertThat(s.annualVol()[r * n + i]).isEqualTo(VOL[r][i]);
        for (int j = 0; j < n; j++) {
          double sigma = VOL[r][i] * CORR[r][i][j] * VOL[r][j];
          assertThat(s.annualCovariance()[base + i * n + j]).isCloseTo(sigma, within(1e-15));
          assertThat(s.correlation()[base + i * n + j]).isEqualTo(CORR[r][i][j]);
          if (j > i) {
            assertThat(l[base + i * n + j]).as("upper triangle").isZero();
          }
          double llt = 0;
          for (int m = 0; m < n; m++) {
            llt += l[base + i * n + m] * l[base + j * n + m];
          }
          assertThat(llt).as("regime %d (L L^T)[%d][%d]", r, i, j)
              .isCloseTo(sigma / 252.0, within(1e-12));
        }
      }
    }
  }

  @Test
  void loadText_singleRegime_needsNoStayOrExits() {
    ResolvedScenario s = load(ONE_REGIME);

    assertThat(s.regimeCount()).isEqualTo(1);
    assertThat(s.dailyTransition()).containsExactly(1.0);
    assertThat(s.stationary()).containsExactly(1.0);
    assertThat(s.expectedDays()[0]).isInfinite();
    assertThat(s.initialRegime()).isEqualTo(-1);
  }

  @Test
  void loadText_defaults_filledFromResource() {
    ResolvedScenario s = load(ONE_REGIME);

    assertThat(s.paths()).isEqualTo(100_000);
    assertThat(s.horizonDays()).isEqualTo(2520);
    assertThat(s.strategy().varianceFloor()).isEqualTo(1e-8);
    assertThat(s.market().saleOrder()).isEqualTo(SaleOrder.PRO_RATA);
    assertThat(s.market().impact()).isEqualTo(ImpactModel.SQRT);
    assertThat(s.depth()).containsExactly(20.0, 20.0);
    assertThat(s.haircutFloor()).containsExactly(0.10, 0.10);
    assertThat(s.dof()).containsExactly(0.0);
    assertThat(s.strategies()).containsExactly(StrategyKind.values());
  }

  @Test
  void loadText_overrides_appliedInOrderAsHocon() {
    ResolvedScenario s = load(THREE_REGIMES, sets(
        "regimes.crisis.vol", "[0.5, 0.2, 0.4]",
        "paths", "1000",
        "paths", "2000",
        "market.impact", "none",
        "market", "{ crowd = 50 }",
        "market.sale-order", "most-liquid-first",
        "strategies", "[levered-erc, no-impact]"));

    int crisis = s.regimeIndex("crisis");
    assertThat(s.annualVol()).startsWith(0.10, 0.05, 0.15);
    assertThat(java.util.Arrays.copyOfRange(s.annualVol(), crisis * 3, crisis * 3 + 3))
        .containsExactly(0.5, 0.2, 0.4);
    assertThat(s.paths()).isEqualTo(2000);
    // An object merges into the section, as a repeated HOCON key does.
    assertThat(s.market().impact()).isEqualTo(ImpactModel.NONE);
    assertThat(s.market().crowd()).isEqualTo(50.0);
    assertThat(s.market().saleOrder()).isEqualTo(SaleOrder.MOST_LIQUID_FIRST);
    assertThat(s.strategies()).containsExactly(StrategyKind.LEVERED_ERC, StrategyKind.NO_IMPACT);
  }

  @Test
  void canonicalHash_keyOrderWhitespaceCommentsAndNumberSpelling_unchanged() {
    String reordered = """
        # the same scenario, written differently
        regimes {
          stressed { exits { crisis = 1, calm = 2 }, expected-days = 40, funding-spread = 0.0040
            corr = [[1, -0.4, 0.3], [-0.4, 1, -0.1], [0.3, -0.1, 1]], vol = [0.2, 0.07, 0.18]
            mean = [0, 0.04, 0] }
          crisis { dof = 5, exits.stressed = 1, expected-days = 20, vol = [0.45, 0.1, 0.35]
            mean = [-0.4, 0.08, -0.3], corr = [[1, -0.2, 0.5], [-0.2, 1, -0.25], [0.5, -0.25, 1]] }
          calm { exits { crisis = 0.1, stressed = 0.9 }, expected-days = 60
            corr = [[1.0, -0.3, 0.1], [-0.3, 1, 0], [0.1, 0, 1]], vol = [0.1, 0.05, 0.15],
            mean = [0.08, 0.03, 0.02] }
        }
        assets = [
          { class = equity, haircut-floor = 0.15, name = eq, depth = 40 },
          { depth = 80, name = bd, class = bond, haircut-floor = 0.02 },
          { name = cm, class = commodity, depth = 10.0, haircut-floor = 0.12 }   // trailing comment
        ]
        sample-every = 0, seed = 7, horizon-days = 252, paths = 1000, name = test
        """;

    ResolvedScenario a = load(THREE_REGIMES);
    ResolvedScenario b = load(reordered);

    assertThat(b.canonicalConfig()).isEqualTo(a.canonicalConfig());
    assertThat(b.configHash()).isEqualTo(a.configHash()).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(a.canonicalConfig()).doesNotContain("#").doesNotContain("\n");
  }

  @Test
  void canonicalHash_valueChanged_differs() {
    ResolvedScenario a = load(THREE_REGIMES);
    ResolvedScenario viaSet = load(THREE_REGIMES, sets("regimes.calm.vol", "[0.1, 0.05, 0.16]"));
    ResolvedScenario viaDefault = load(THREE_REGIMES, sets("market.crowd", "21"));
    ResolvedScenario viaFile = load(THREE_REGIMES.replace("vol = [0.10, 0.05, 0.15]",
        "vol = [0.10, 0.05, 0.16]"));

    assertThat(viaSet.configHash()).isNotEqualTo(a.configHash());
    assertThat(viaDefault.configHash()).isNotEqualTo(a.configHash());
    // The same value reached by a --set or by editing the file is the same scenario.
    assertThat(viaFile.configHash()).isEqualTo(viaSet.configHash());
  }

  @Test
  void canonicalHash_isSha256OfCanonicalText() throws Exception {
    ResolvedScenario s = load(THREE_REGIMES);
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
        .digest(s.canonicalConfig().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(s.configHash()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
    // Defaults are part of the resolved config, so changing one changes the hash.
    assertThat(s.canonicalConfig()).contains("\"variance-floor\":1.0E-8")
        .contains("\"sale-order\":\"pro-rata\"");
  }

  @Test
  void resolvedScenario_javaSerialisation_roundTrips() throws Exception {
    ResolvedScenario s = load(THREE_REGIMES);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    Object copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertThat(copy).isInstanceOf(ResolvedScenario.class).isNotSameAs(s);
    assertThat(copy).usingRecursiveComparison().isEqualTo(s);
    assertThat(((ResolvedScenario) copy).dailyCholesky()).containsExactly(s.dailyCholesky());
  }

  @Test
  void describe_resolvedScenario_showsAssetsRegimesAndSettings() {
    ResolvedScenario s = load(THREE_REGIMES);

    String text = ScenarioLoader.describe(s);

    assertThat(text).contains("scenario test", "eq", "bd", "cm", "calm", "crisis", "stressed",
        "0.983333", "expected-days", "stationary", "vol-target 0.1", "impact sqrt",
        "sale-order pro-rata", "levered-erc", s.configHash());
    assertThat(ScenarioLoader.describe(load(ONE_REGIME))).contains("forever", "100.00 %");
  }

  @Test
  void define_file_keepsFileSpelling() {
    ScenarioDefinition d = ScenarioLoader.define(THREE_REGIMES, "t", n -> null, Map.of());

    assertThat(d.regimeNames()).isEqualTo(List.of("calm", "crisis", "stressed"));
    assertThat(d.assets().get(0).assetClass()).isEqualTo("equity");
    assertThat(d.regimes().get(0).exits()).containsEntry("stressed", 0.9);
  }
}
