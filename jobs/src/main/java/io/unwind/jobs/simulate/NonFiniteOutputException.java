package io.unwind.jobs.simulate;

/**
 * The kernel produced a NaN or infinite value: the chunk does not commit and the run is marked
 * {@code failed}. The message names the path id, the strategy and the column.
 */
public final class NonFiniteOutputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message locates the value. */
  public NonFiniteOutputException(String where) {
    super("non-finite kernel output at " + where
        + "; the run is marked failed (a scenario this extreme needs narrower bounds)");
  }
}
