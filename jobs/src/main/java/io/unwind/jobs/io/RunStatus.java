package io.unwind.jobs.io;

import java.util.Locale;

/** Life cycle of a run, the {@code runs.status} column. Readers use {@link #COMPLETE} runs only. */
public enum RunStatus {
  /** Written first: the run's tables may be partial. */
  RUNNING,
  /** Written last: every table of the run is in place. */
  COMPLETE,
  /** The run stopped on an error; its tables may be partial. */
  FAILED;

  /** The column value. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with this column value. */
  public static RunStatus fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
