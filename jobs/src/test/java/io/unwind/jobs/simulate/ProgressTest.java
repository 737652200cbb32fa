package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void line_halfwayAfterTenSeconds_ratesAndEtaFromElapsedTime() {
    // 50,000 of 100,000 in 10 s: 5,000 paths/s, 10 s left.
    String line = Progress.line("simulate x", 50_000, 100_000, 10_000_000_000L);
    assertThat(line).isEqualTo("simulate x: 50,000 / 100,000 paths (50.0 %), 5,000 paths/s, ETA 0:10");
  }

  @Test
  void line_nothingDone_hasNoEta() {
    assertThat(Progress.line("s", 0, 10, 1_000_000_000L)).endsWith("ETA -");
  }

  @Test
  void clock_overAnHour_showsHours() {
    assertThat(Progress.clock(3_725)).isEqualTo("1:02:05");
    assertThat(Progress.clock(65)).isEqualTo("1:05");
  }
}
