package io.unwind.jobs.cli;

/**
 * Input the user must fix (a missing file, a bad run id, a bad option value): exit code 2, one
 * message naming the option or key, the value and the rule.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the message the user sees. */
  public BadInputException(String message) {
    super(message);
  }

  /** An exception with the message the user sees and the underlying cause. */
  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
