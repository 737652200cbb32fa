package io.unwind.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.calibrate.Frequency;
import io.unwind.sim.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text keys of every keyed enum: they are spelled in scenario files and stored in Parquet
 * columns, so they are pinned here letter for letter, and each must read back as its constant.
 */
class KeyedTest {

  @Test
  void keys_areTheSpellingsFilesAndTablesUse() {
    assertThat(Keyed.keys(StrategyKind.class)).containsExactly("levered-erc", "oracle-erc",
        "no-impact", "unlevered-erc", "sixty-forty");
    assertThat(Keyed.keys(AssetClass.class)).containsExactly("equity", "bond", "credit",
        "commodity", "other");
    assertThat(Keyed.keys(ImpactModel.class)).containsExactly("sqrt", "exponential", "none");
    assertThat(Keyed.keys(SaleOrder.class)).containsExactly("pro-rata", "most-liquid-first");
    assertThat(Keyed.keys(SamplingSettings.Method.class)).containsExactly("plain", "importance");
    assertThat(Keyed.keys(Trigger.class)).containsExactly("margin_call", "vol_target", "default");
    assertThat(Keyed.keys(Frequency.class)).containsExactly("daily", "weekly");
  }

  @Test
  void fromKey_everyKey_readsBackItsConstant() {
    for (StrategyKind k : StrategyKind.values()) {
      assertThat(StrategyKind.fromKey(k.key())).isSameAs(k);
    }
    for (AssetClass k : AssetClass.values()) {
      assertThat(AssetClass.fromKey(k.key())).isSameAs(k);
    }
    for (ImpactModel k : ImpactModel.values()) {
      assertThat(ImpactModel.fromKey(k.key())).isSameAs(k);
    }
    for (SaleOrder k : SaleOrder.values()) {
      assertThat(SaleOrder.fromKey(k.key())).isSameAs(k);
    }
    for (SamplingSettings.Method k : SamplingSettings.Method.values()) {
      assertThat(SamplingSettings.Method.fromKey(k.key())).isSameAs(k);
    }
    for (Trigger k : Trigger.values()) {
      assertThat(Trigger.fromKey(k.key())).isSameAs(k);
    }
  }

  @Test
  void fromKey_otherSpellingOrConstantName_isNull() {
    for (String other : List.of("LEVERED-ERC", "LEVERED_ERC", "levered_erc", " levered-erc", "")) {
      assertThat(StrategyKind.fromKey(other)).as(other).isNull();
    }
    assertThat(SaleOrder.fromKey("pro_rata")).isNull();
    assertThat(Trigger.fromKey("margin-call")).isNull();
    assertThat(Keyed.fromKey(AssetClass.class, null)).isNull();
  }
}
