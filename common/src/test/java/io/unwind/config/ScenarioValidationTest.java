package io.unwind.config;

import static io.unwind.config.Scenarios.THREE_REGIMES;
import static io.unwind.config.Scenarios.load;
import static io.unwind.config.Scenarios.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule reports a problem naming the key, the value and the rule. */
class ScenarioValidationTest {

  private static List<String> problems(String text, Map<String, String> overrides) {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> load(text, overrides));
    assertThat(e).as("scenario should be rejected").isNotNull();
    assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), e.problems()));
    return e.problems();
  }

  /** A fourth regime, appended after the text: HOCON merges it into {@code regimes}. */
  private static final String PANIC = """
      regimes.panic {
        mean = [-0.4, 0.08, -0.3]
        vol = [0.45, 0.10, 0.35]
        corr = [[1, -0.2, 0.5], [-0.2, 1, -0.25], [0.5, -0.25, 1]]
        expected-days = 10
        exits { crisis = 1 }
      }
      """;

  private static final String TWO_ASSETS = "[{ name = eq, class = equity }, { name = eq2, class = equity }, { name = cm, class = commodity }]";

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        // key to set, value, key named in the problem, fragment of the problem
        Arguments.of("regimes.calm.corr", "[[1, -0.3, 1.3], [-0.3, 1, 0], [1.3, 0, 1]]",
            "regimes.calm.corr", "entry [0][2] = 1.3 must lie in [-1, 1]"),
        Arguments.of("regimes.calm.corr", "[[1, -0.3, 0.1], [-0.3, 1, 0], [0.2, 0, 1]]",
            "regimes.calm.corr", "must be symmetric"),
        Arguments.of("regimes.calm.corr", "[[0.9, -0.3, 0.1], [-0.3, 1, 0], [0.1, 0, 1]]",
            "regimes.calm.corr", "diagonal entry [0][0] = 0.9 must be 1"),
        Arguments.of("regimes.calm.corr", "[[1, 0], [0, 1], [0, 0]]",
            "regimes.calm.corr", "must be square"),
        Arguments.of("regimes.calm.corr", "[[1, 0], [0, 1]]",
            "regimes.calm.corr", "has 2 rows; must be 3 x 3"),
        Arguments.of("regimes.calm.corr", "[[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]",
            "regimes.calm.corr", "not positive definite"),
        Arguments.of("regimes.calm.vol", "[0.1, 0.05]", "regimes.calm.vol",
            "has 2 entries; must have one per asset (3)"),
        Arguments.of("regimes.calm.mean", "[0.1, 0.05, 0, 0]", "regimes.calm.mean",
            "has 4 entries"),
        Arguments.of("regimes.calm.vol", "[0.1, 0, 0.15]", "regimes.calm.vol",
            "entry [1] = 0 must be > 0"),
        Arguments.of("regimes.calm.vol", "[0.1, -0.05, 0.15]", "regimes.calm.vol",
            "entry [1] = -0.05 must be > 0"),
        Arguments.of("assets", "[{ name = eq, class = equity }, { name = bd, class = bond }, { name = eq, class = commodity }]",
            "assets[2].name", "eq duplicates the name of assets[0]"),
        Arguments.of("assets", "[{ name = eq, class = stock }, { name = bd, class = bond }, { name = cm }]",
            "assets[eq].class", "stock must be one of equity | bond | credit | commodity | other"),
        Arguments.of("assets", "[{ name = eq, class = equity, depth = 0 }, { name = bd, class = bond }, { name = cm }]",
            "assets[eq].depth", "0 must be > 0"),
        Arguments.of("assets", "[{ name = eq, class = equity, haircut-floor = 1 }, { name = bd, class = bond }, { name = cm }]",
            "assets[eq].haircut-floor", "1 must lie in [0, 1)"),
        Arguments.of("assets", "[{ name = eq, class = equity, haircut-floor = -0.1 }, { name = bd, class = bond }, { name = cm }]",
            "assets[eq].haircut-floor", "-0.1 must lie in [0, 1)"),
        Arguments.of("assets", "[]", "assets", "must list at least one asset"),
        Arguments.of("regimes.calm.exits.crsis", "1", "regimes.calm.exits.crsis",
            "unknown regime crsis"),
        Arguments.of("regimes.calm.exits.calm", "1", "regimes.calm.exits.calm",
            "cannot exit to itself"),
        Arguments.of("regimes.calm.exits.crisis", "0", "regimes.calm.exits.crisis",
            "0 must be > 0"),
        Arguments.of("regimes.calm.exits.crisis", "-2", "regimes.calm.exits.crisis",
            "-2 must be > 0"),
        Arguments.of("regimes.calm.expected-days", "0.5", "regimes.calm.expected-days",
            "0.5 must be at least 1"),
        Arguments.of("regimes.crisis.dof", "2", "regimes.crisis.dof", "2 must be 0 (Gaussian) or > 2"),
        Arguments.of("regimes.crisis.dof", "0.5", "regimes.crisis.dof", "0.5 must be 0"),
        Arguments.of("regimes.crisis.dof", "-3", "regimes.crisis.dof", "-3 must be 0"),
        Arguments.of("regimes.crisis.funding-spread", "-0.01", "regimes.crisis.funding-spread",
            "-0.01 must be at least 0"),
        Arguments.of("paths", "0", "paths", "0 must be at least 1"),
        Arguments.of("horizon-days", "0", "horizon-days", "0 must be at least 1"),
        Arguments.of("sample-every", "-1", "sample-every", "-1 must be at least 0"),
        Arguments.of("initial-regime", "panic", "initial-regime",
            "panic must be stationary or a regime name (calm, crisis, stressed)"),
        Arguments.of("strategy.vol-target", "0", "strategy.vol-target", "0 must be > 0"),
        Arguments.of("strategy.max-leverage", "0.5", "strategy.max-leverage", "0.5 must be at least 1"),
        Arguments.of("strategy.rebalance-days", "0", "strategy.rebalance-days", "0 must be at least 1"),
        Arguments.of("strategy.vol-band", "-0.1", "strategy.vol-band", "-0.1 must be at least 0"),
        Arguments.of("strategy.ewma-halflife-days", "0", "strategy.ewma-halflife-days", "0 must be > 0"),
        Arguments.of("strategy.cost-bps", "-1", "strategy.cost-bps", "-1 must be at least 0"),
        Arguments.of("strategy.variance-floor", "0", "strategy.variance-floor", "0 must be > 0"),
        Arguments.of("margin.z", "-1", "margin.z", "-1 must be at least 0"),
        Arguments.of("margin.mpor-days", "0", "margin.mpor-days", "0 must be > 0"),
        Arguments.of("margin.buffer", "-0.25", "margin.buffer", "-0.25 must be at least 0"),
        Arguments.of("market.impact", "linear", "market.impact",
            "linear must be one of sqrt | exponential | none"),
        Arguments.of("market.impact-coefficient", "-1", "market.impact-coefficient", "-1 must be at least 0"),
        Arguments.of("market.crowd", "-5", "market.crowd", "-5 must be at least 0"),
        Arguments.of("market.persistence", "1.5", "market.persistence", "1.5 must lie in [0, 1]"),
        Arguments.of("market.max-rounds", "0", "market.max-rounds", "0 must be at least 1"),
        Arguments.of("market.sale-order", "random", "market.sale-order",
            "random must be one of pro-rata | most-liquid-first"),
        Arguments.of("strategies", "[]", "strategies", "must list at least one strategy"),
        Arguments.of("strategies", "[levered-erc, momentum]", "strategies[1]",
            "momentum is not a strategy"),
        Arguments.of("strategies", "[levered-erc, oracle-erc, levered-erc]", "strategies[2]",
            "levered-erc is listed twice"),
        Arguments.of("assets", TWO_ASSETS, "strategies",
            "sixty-forty needs at least one asset of class equity and one of class bond"),
        // bounds from the engine's arrays and from sane markets (issue 20 case 9, issue 15 item 6)
        Arguments.of("horizon-days", "2147483647", "horizon-days", "2147483647 must be at most 25200"),
        Arguments.of("paths", "1000000000000", "paths", "1000000000000 must be at most 1000000000"),
        Arguments.of("market.max-rounds", "2147483647", "market.max-rounds",
            "2147483647 must be at most 1000"),
        Arguments.of("market.crowd", "1e308", "market.crowd", "must be at most 10000"),
        Arguments.of("market.impact-coefficient", "1e308", "market.impact-coefficient",
            "must be at most 100"),
        Arguments.of("regimes.calm.vol", "[10.1, 14.6, 4.7]", "regimes.calm.vol",
            "entries [0] = 10.1, [1] = 14.6 must be at most 5 (annual vol as a fraction: 0.15 = 15 %);"
                + " the values look like percentages: divide them by 100"),
        Arguments.of("regimes.calm.mean", "[50, 0.03, 0.02]", "regimes.calm.mean",
            "entries [0] = 50 must be within +-5"),
        Arguments.of("regimes.crisis.funding-spread", "100", "regimes.crisis.funding-spread",
            "100 must be at most 1 (annual spread as a fraction: 0.15 = 15 %); 100 looks like a "
                + "percentage: write 1"),
        Arguments.of("strategy.short-rate", "-5", "strategy.short-rate",
            "-5 must lie in [-1, 1] (annual rate as a fraction: 0.02 = 2 %); -5 looks like a "
                + "percentage: write -0.05"),
        Arguments.of("strategy.ewma-halflife-days", "0.01", "strategy.ewma-halflife-days",
            "0.01 must be at least 1"),
        Arguments.of("strategy.vol-target", "10", "strategy.vol-target",
            "10 must be at most 5 (annual vol as a fraction: 0.15 = 15 %); 10 looks like a percentage"),
        Arguments.of("strategy.max-leverage", "1e6", "strategy.max-leverage", "must be at most 100"),
        Arguments.of("assets", "[{ name = eq, class = equity, depth = 1e-9 }, { name = bd, class = bond }, { name = cm }]",
            "assets[eq].depth", "must lie in [0.001, 1000000]"),
        // wrong types: key + value + expected type
        Arguments.of("paths", "abc", "paths", "\"abc\" must be an integer"),
        Arguments.of("paths", "1.5", "paths", "1.5 must be an integer"),
        Arguments.of("strategy.vol-target", "high", "strategy.vol-target", "\"high\" must be a number"),
        Arguments.of("margin.enabled", "maybe", "margin.enabled", "\"maybe\" must be a boolean"),
        Arguments.of("regimes.calm.vol", "0.1", "regimes.calm.vol", "0.1 must be a list of numbers"),
        Arguments.of("regimes.calm.vol", "[0.1, x, 0.2]", "regimes.calm.vol",
            "entry [1] = \"x\" must be a number"),
        Arguments.of("strategies", "levered-erc", "strategies", "\"levered-erc\" must be a list of strings"),
        Arguments.of("market", "5", "market", "5 must be an object"),
        // unknown keys, at every level
        Arguments.of("pathz", "10", "pathz", "unknown key"),
        Arguments.of("strategy.vol-targt", "0.1", "strategy.vol-targt", "unknown key"),
        Arguments.of("margin.haircut", "0.1", "margin.haircut", "unknown key"),
        Arguments.of("market.crowed", "10", "market.crowed", "unknown key"),
        Arguments.of("regimes.calm.volatility", "[0.1, 0.1, 0.1]", "regimes.calm.volatility", "unknown key"),
        Arguments.of("assets", "[{ name = eq, class = equity, liquidity = 3 }, { name = bd, class = bond }, { name = cm }]",
            "assets[eq].liquidity", "unknown key"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("brokenRules")
  void loadText_brokenRule_problemNamesKeyValueAndRule(String key, String value,
      String expectedKey, String expectedFragment) {
    List<String> problems = problems(THREE_REGIMES, sets(key, value));

    assertThat(problems).anySatisfy(p -> {
      assertThat(p).startsWith(expectedKey + ": ");
      assertThat(p).contains(expectedFragment);
    });
  }

  @Test
  void loadText_oneMistake_oneProblem() {
    // A value of the wrong type must not also be reported for breaking a range rule.
    assertThat(problems(THREE_REGIMES, sets("paths", "abc"))).hasSize(1);
  }

  @Test
  void loadText_manyMistakes_allGatheredTogether() {
    List<String> problems = problems(THREE_REGIMES, sets(
        "paths", "0",
        "regimes.calm.corr", "[[1, -0.3, 1.3], [-0.3, 1, 0], [1.3, 0, 1]]",
        "market.impact", "linear",
        "strategy.vol-targt", "0.1",
        "margin.buffer", "-1"));

    assertThat(problems).hasSize(5);
    assertThat(problems).anyMatch(p -> p.startsWith("paths:"))
        .anyMatch(p -> p.startsWith("regimes.calm.corr:"))
        .anyMatch(p -> p.startsWith("market.impact:"))
        .anyMatch(p -> p.startsWith("strategy.vol-targt:"))
        .anyMatch(p -> p.startsWith("margin.buffer:"));
  }

  @Test
  void loadText_missingRequiredKeys_eachNamed() {
    List<String> problems = problems("paths = 10", Map.of());

    assertThat(problems).anyMatch(p -> p.startsWith("name: is required"))
        .anyMatch(p -> p.startsWith("assets: is required"))
        .anyMatch(p -> p.startsWith("regimes: is required"));
  }

  @Test
  void loadText_missingExpectedDaysAndExitsWithSeveralRegimes_problems() {
    String text = THREE_REGIMES.replace("expected-days = 40", "")
        .replace("exits { stressed = 1 }", "");

    List<String> problems = problems(text, Map.of());

    assertThat(problems).anyMatch(p -> p.startsWith("regimes.stressed.expected-days: is required"))
        .anyMatch(p -> p.startsWith("regimes.crisis.exits: is required"))
        .hasSize(2);
  }

  @Test
  void loadText_missingRegimeVol_problemNamesKey() {
    String text = THREE_REGIMES.replace("vol = [0.45, 0.10, 0.35]", "");

    assertThat(problems(text, Map.of())).containsExactly(
        "regimes.crisis.vol: is required (a list of numbers)");
  }

  @Test
  void loadText_chainWithTwoClosedGroupsAndStationaryStart_problem() {
    // calm <-> stressed and crisis <-> panic never meet: two stationary distributions.
    String text = THREE_REGIMES
        .replace("exits { stressed = 1 }", "exits { panic = 1 }")
        .replace("exits { stressed = 0.9, crisis = 0.1 }", "exits { stressed = 1 }")
        .replace("exits { calm = 2, crisis = 1 }", "exits { calm = 1 }")
        + PANIC;
    assertThat(text).contains("exits { panic = 1 }");

    List<String> problems = problems(text, Map.of());

    assertThat(problems).singleElement().asString()
        .startsWith("initial-regime: stationary needs a unique stationary distribution")
        .contains("{calm, stressed}").contains("{crisis, panic}");
  }

  @Test
  void loadText_chainWithTwoClosedGroupsAndNamedStart_accepted() {
    String text = THREE_REGIMES
        .replace("exits { stressed = 1 }", "exits { panic = 1 }")
        .replace("exits { stressed = 0.9, crisis = 0.1 }", "exits { stressed = 1 }")
        .replace("exits { calm = 2, crisis = 1 }", "exits { calm = 1 }")
        + PANIC;

    ResolvedScenario s = load(text, sets("initial-regime", "calm"));

    // Starting in calm the chain never reaches crisis or panic.
    assertThat(s.stationary()[s.regimeIndex("crisis")]).isCloseTo(0.0,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.stationary()[s.regimeIndex("calm")] + s.stationary()[s.regimeIndex("stressed")])
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void loadText_singleRegimeWithExpectedDays_problem() {
    String text = Scenarios.ONE_REGIME.replace("corr = [[1, -0.2], [-0.2, 1]]",
        "corr = [[1, -0.2], [-0.2, 1]], expected-days = 30");

    assertThat(problems(text, Map.of())).singleElement().asString()
        .startsWith("regimes.only.expected-days: 30 cannot apply");
  }

  @Test
  void loadText_malformedHocon_problemGivesOriginAndLine() {
    String text = "name = x\npaths = 10\nregimes {\n  calm { vol = [0.1, 0.2 }\n";

    List<String> problems = problems(text, Map.of());

    assertThat(problems).singleElement().asString().startsWith("test.conf line 4: ");
  }

  @Test
  void loadText_malformedInclude_problemGivesIncludedFileAndLine() {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadText("include \"base.conf\"\nname = x", "top.conf",
            name -> name.equals("base.conf") ? "a = 1\nb = [\n" : null, Map.of()));

    assertThat(e.problems()).singleElement().asString().startsWith("base.conf line ");
  }

  @Test
  void loadText_missingInclude_problemNamesInclude() {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadText("include \"base.conf\"\n" + THREE_REGIMES, "top.conf",
            name -> null, Map.of()));

    assertThat(e.problems()).singleElement().asString()
        .isEqualTo("top.conf: include \"base.conf\": file not found");
  }

  @Test
  void loadFile_missingFile_problemNamesPath() {
    java.nio.file.Path missing = java.nio.file.Path.of("no", "such", "scenario.conf");

    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadFile(missing, Map.of()));

    assertThat(e.problems()).singleElement().asString().contains(missing.toString())
        .contains("not found");
  }

  @Test
  void loadText_badOverrideValue_problemNamesSet() {
    List<String> problems = problems(THREE_REGIMES, sets("paths", "[1, 2"));

    assertThat(problems).singleElement().asString().startsWith("--set paths=[1, 2: ");
  }

  @Test
  void loadText_overrideBreakingRule_validated() {
    assertThat(problems(THREE_REGIMES, sets("regimes.crisis.vol", "[0.5, -0.1, 0.3]")))
        .containsExactly("regimes.crisis.vol: entry [1] = -0.1 must be > 0");
  }

  @Test
  void loadText_overrideWithBadKeyPath_problemNamesSet() {
    assertThat(problems(THREE_REGIMES, sets("market..crowd", "5"))).singleElement().asString()
        .startsWith("--set market..crowd=5: market..crowd is not a valid key path");
  }

  @Test
  void loadText_symmetricCorrelationWithOneBadPair_oneProblem() {
    assertThat(problems(THREE_REGIMES,
        sets("regimes.calm.corr", "[[1, -0.3, 1.3], [-0.3, 1, 0], [1.3, 0, 1]]")))
        .containsExactly("regimes.calm.corr: entry [0][2] = 1.3 must lie in [-1, 1]");
  }
}
