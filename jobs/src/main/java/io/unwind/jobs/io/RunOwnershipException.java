package io.unwind.jobs.io;

/**
 * Another attempt owns the run: it is being written by a live attempt (the new one stops before
 * writing anything), or it was taken over (the old one stops before its next commit and writes
 * nothing more, not even a {@code failed} row). Exit code 2 with one message naming the attempt.
 */
public final class RunOwnershipException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with the message the user sees. */
  public RunOwnershipException(String message) {
    super(message);
  }
}
