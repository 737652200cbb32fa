package io.unwind.jobs.aggregate;

/** The run to aggregate does not exist or is not complete: bad input, exit code 2. */
public final class IncompleteRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the message the user sees. */
  public IncompleteRunException(String message) {
    super(message);
  }
}
