package io.unwind.metrics;

import java.math.BigDecimal;

/**
 * The count, exact sum and exact sum of squares of the observations beyond a VaR: everything
 * expected shortfall and its interval need besides the VaR itself ({@link TailLevels#finish}).
 *
 * <p>The sums are exact ({@link ExactSum}), so they do not depend on the order the observations
 * arrive in or on how parts are merged. Not thread-safe.
 */
public final class TailSums implements Mergeable<TailSums> {

  private static final long serialVersionUID = 1L;

  private long count;
  private final ExactSum sum;
  private final ExactSum squares;

  /** Empty sums. */
  public TailSums() {
    this(0, new ExactSum(), new ExactSum());
  }

  private TailSums(long count, ExactSum sum, ExactSum squares) {
    this.count = count;
    this.sum = sum;
    this.squares = squares;
  }

  /** Adds one observation (finite). */
  public TailSums accept(double x) {
    count++;
    sum.add(x);
    squares.addProduct(x, x);
    return this;
  }

  /** Merges a disjoint part into this; {@code other} is not modified. */
  public TailSums combine(TailSums other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine sums with themselves");
    }
    count += other.count;
    sum.add(other.sum);
    squares.add(other.squares);
    return this;
  }

  /** A copy that shares nothing mutable with this one. */
  public TailSums copy() {
    return new TailSums(count, sum.copy(), squares.copy());
  }

  /** Observations added. */
  public long count() {
    return count;
  }

  /** Σx, exactly. */
  BigDecimal sum() {
    return sum.toBigDecimal();
  }

  /** Σx², exactly. */
  BigDecimal sumOfSquares() {
    return squares.toBigDecimal();
  }
}
