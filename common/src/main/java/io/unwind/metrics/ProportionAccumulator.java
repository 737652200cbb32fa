package io.unwind.metrics;


/**
 * Mergeable count of paths on which an event happened (default, margin call, deep cascade, ...).
 *
 * <p>Counts are integers, so {@link #combine} is exact and order-independent. Not thread-safe.
 */
public final class ProportionAccumulator implements Mergeable<ProportionAccumulator> {

  private static final long serialVersionUID = 1L;

  private long trials;
  private long successes;

  /** Creates an empty accumulator. */
  public ProportionAccumulator() {
    // empty: no trials
  }

  /**
   * Records one path.
   *
   * @param happened whether the event happened on it
   * @return this
   */
  public ProportionAccumulator accept(boolean happened) {
    trials++;
    if (happened) {
      successes++;
    }
    return this;
  }

  /**
   * Merges another part into this one; {@code other} is not modified.
   *
   * @return this
   */
  public ProportionAccumulator combine(ProportionAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    trials += other.trials;
    successes += other.successes;
    return this;
  }

  /** Paths recorded. */
  public long count() {
    return trials;
  }

  /** Paths on which the event happened. */
  public long successes() {
    return successes;
  }

  /**
   * The proportion with its 95 % Wilson interval ({@link Wilson}).
   *
   * @throws IllegalStateException if nothing was recorded
   */
  public ProportionEstimate finish() {
    if (trials == 0) {
      throw new IllegalStateException("Cannot estimate a proportion from no paths");
    }
    return Wilson.interval(successes, trials);
  }
}
