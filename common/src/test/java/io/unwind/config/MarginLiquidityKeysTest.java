package io.unwind.config;

import static io.unwind.config.Scenarios.THREE_REGIMES;
import static io.unwind.config.Scenarios.load;
import static io.unwind.config.Scenarios.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keys of issue 15's margin and liquidity model: regimes' margin and depth multipliers and
 * the fund's liquidity floor; defaults, resolution, and a problem naming key, value and rule.
 */
class MarginLiquidityKeysTest {

  @Test
  void load_keysAbsent_defaultsReproduceTheBrokersRuleAndUnscaledMarkets() {
    ResolvedScenario s = load(THREE_REGIMES);
    assertThat(s.margin().liquidityFloor()).isZero();
    assertThat(s.marginMultiplier()).hasSize(s.regimeCount()).containsOnly(1.0);
    assertThat(s.depthMultiplier()).hasSize(s.regimeCount()).containsOnly(1.0);
  }

  @Test
  void load_keysSet_resolvedPerRegimeInNameOrder() {
    ResolvedScenario s = load(THREE_REGIMES, sets("regimes.crisis.margin-multiplier", "2.5",
        "regimes.crisis.depth-multiplier", "0.4", "margin.liquidity-floor", "1.5"));
    int crisis = s.regimeIndex("crisis");
    int calm = s.regimeIndex("calm");
    assertThat(s.marginMultiplier()[crisis]).isEqualTo(2.5);
    assertThat(s.depthMultiplier()[crisis]).isEqualTo(0.4);
    assertThat(s.marginMultiplier()[calm]).isEqualTo(1.0);
    assertThat(s.margin().liquidityFloor()).isEqualTo(1.5);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "regimes.crisis.margin-multiplier | 0    | 0 must be > 0",
      "regimes.crisis.margin-multiplier | -1.5 | -1.5 must be > 0",
      "regimes.calm.depth-multiplier    | 0    | 0 must be > 0",
      "margin.liquidity-floor           | -0.5 | -0.5 must be at least 0",
      "regimes.calm.depth-multiplier    | thin | \"thin\" must be a number"})
  void load_badValue_problemNamesKeyValueAndRule(String key, String value, String rule) {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> load(THREE_REGIMES, sets(key, value)));
    assertThat(e).as("%s = %s must be rejected", key, value).isNotNull();
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p).startsWith(key + ": ");
      assertThat(p).contains(rule);
    });
  }
}
