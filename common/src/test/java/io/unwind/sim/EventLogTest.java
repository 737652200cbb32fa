package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.StrategyKind;
import org.junit.jupiter.api.Test;

class EventLogTest {

  @Test
  void add_pastTheInitialCapacityAndAfterClear_keepsEveryColumnOfEveryRow() {
    EventLog log = new EventLog();
    StrategyKind[] kinds = StrategyKind.values();
    Trigger[] triggers = Trigger.values();
    for (int pass = 0; pass < 2; pass++) {
      log.clear();
      // 64 rows before the first growth: 300 grows it three times
      for (int i = 0; i < 300; i++) {
        log.add(kinds[i % kinds.length], i + 1, i % 4, triggers[i % triggers.length])
            .rounds(i % 7).converged(i % 2 == 0).equityBefore(i + 0.25).equityAfter(i + 0.5)
            .grossBefore(2 * i + 0.125).grossAfter(2 * i).sold(i / 8.0).impactCost(i / 16.0)
            .defaulted(i % 3 == 0);
      }
      assertThat(log.size()).isEqualTo(300);
      for (int i = 0; i < 300; i++) {
        assertThat(log.strategy(i)).isEqualTo(kinds[i % kinds.length]);
        assertThat(log.day(i)).isEqualTo(i + 1);
        assertThat(log.regime(i)).isEqualTo(i % 4);
        assertThat(log.trigger(i)).isEqualTo(triggers[i % triggers.length]);
        assertThat(log.rounds(i)).isEqualTo(i % 7);
        assertThat(log.converged(i)).isEqualTo(i % 2 == 0);
        assertThat(log.equityBefore(i)).isEqualTo(i + 0.25);
        assertThat(log.equityAfter(i)).isEqualTo(i + 0.5);
        assertThat(log.grossBefore(i)).isEqualTo(2 * i + 0.125);
        assertThat(log.grossAfter(i)).isEqualTo(2.0 * i);
        assertThat(log.sold(i)).isEqualTo(i / 8.0);
        assertThat(log.impactCost(i)).isEqualTo(i / 16.0);
        assertThat(log.defaulted(i)).isEqualTo(i % 3 == 0);
      }
    }
  }

  @Test
  void add_columnsNotSet_areZeroEvenOverAnEarlierPathsRow() {
    EventLog log = new EventLog();
    log.add(StrategyKind.LEVERED_ERC, 5, 1, Trigger.MARGIN_CALL).rounds(4).converged(true)
        .sold(0.3).defaulted(true);
    log.clear();
    log.add(StrategyKind.ORACLE_ERC, 9, 0, Trigger.VOL_TARGET).equityBefore(0.9);
    assertThat(log.size()).isEqualTo(1);
    assertThat(log.strategy(0)).isEqualTo(StrategyKind.ORACLE_ERC);
    assertThat(log.rounds(0)).isZero();
    assertThat(log.converged(0)).isFalse();
    assertThat(log.defaulted(0)).isFalse();
    assertThat(log.sold(0)).isZero();
    assertThat(log.equityBefore(0)).isEqualTo(0.9);
  }

  @Test
  void sampleLogAdd_pastTheInitialCapacity_keepsEveryRow() {
    SampleLog log = new SampleLog();
    for (int i = 0; i < 2500; i++) {
      log.add(StrategyKind.SIXTY_FORTY, i, i % 3, 1.0 + i, 0.5 * i);
    }
    assertThat(log.size()).isEqualTo(2500);
    for (int i = 0; i < 2500; i++) {
      assertThat(log.strategy(i)).isEqualTo(StrategyKind.SIXTY_FORTY);
      assertThat(log.day(i)).isEqualTo(i);
      assertThat(log.regime(i)).isEqualTo(i % 3);
      assertThat(log.nav(i)).isEqualTo(1.0 + i);
      assertThat(log.leverage(i)).isEqualTo(0.5 * i);
    }
  }
}
