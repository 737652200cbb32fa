package io.unwind.jobs.cli;

/** The process exit codes of {@code unwind}. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A failure while running (the run's status row is marked failed). */
  public static final int FAILURE = 1;
  /** Bad input: arguments, config, files. Nothing was written. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {
  }
}
