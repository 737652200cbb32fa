package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.Keyed;
import org.junit.jupiter.api.Test;

/** The {@code runs.status} values are stored in Parquet: pinned letter for letter. */
class RunStatusTest {

  @Test
  void keys_areTheStoredColumnValues_andReadBack() {
    assertThat(Keyed.keys(RunStatus.class)).containsExactly("running", "complete", "failed");
    for (RunStatus s : RunStatus.values()) {
      assertThat(RunStatus.fromKey(s.key())).isSameAs(s);
    }
    assertThat(RunStatus.fromKey("COMPLETE")).isNull();
  }
}
