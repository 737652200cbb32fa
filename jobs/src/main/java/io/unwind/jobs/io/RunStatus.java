package io.unwind.jobs.io;

import io.unwind.config.Keyed;

/** Life cycle of a run, the {@code runs.status} column. Readers use {@link #COMPLETE} runs only. */
public enum RunStatus implements Keyed {
  /** Written first: the run's tables may be partial. */
  RUNNING("running"),
  /** Written last: every table of the run is in place. */
  COMPLETE("complete"),
  /** The run stopped on an error; its tables may be partial. */
  FAILED("failed");

  private final String key;

  RunStatus(String key) {
    this.key = key;
  }

  /** The column value. */
  @Override
  public String key() {
    return key;
  }

  /** The status with this column value, or {@code null}. */
  public static RunStatus fromKey(String key) {
    return Keyed.fromKey(RunStatus.class, key);
  }
}
