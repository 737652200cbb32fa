package io.unwind.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The defaults resource and the loader's lists of known keys stay in step. */
class DefaultsResourceTest {

  private final Config defaults = ScenarioLoader.defaults();

  @Test
  void defaults_sections_defineEveryKnownKey() {
    assertThat(defaults.getObject("scenario.strategy").keySet())
        .isEqualTo(ScenarioDefinition.STRATEGY_KEYS);
    assertThat(defaults.getObject("scenario.margin").keySet())
        .isEqualTo(ScenarioDefinition.MARGIN_KEYS);
    assertThat(defaults.getObject("scenario.market").keySet())
        .isEqualTo(ScenarioDefinition.MARKET_KEYS);
  }

  @Test
  void defaults_topLevel_allButRequiredKeys() {
    Set<String> expected = new HashSet<>(ScenarioDefinition.TOP_KEYS);
    expected.removeAll(Set.of("name", "assets", "regimes"));

    assertThat(defaults.getObject("scenario").keySet()).isEqualTo(expected);
    assertThat(ScenarioDefinition.ASSET_KEYS).containsAll(defaults.getObject("asset").keySet());
    assertThat(ScenarioDefinition.REGIME_KEYS).containsAll(defaults.getObject("regime").keySet());
  }

  @Test
  void defaults_developerKeys_asAgreed() {
    assertThat(defaults.getDouble("scenario.strategy.variance-floor")).isEqualTo(1e-8);
    assertThat(defaults.getString("scenario.market.sale-order")).isEqualTo("pro-rata");
  }
}
