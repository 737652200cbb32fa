package io.unwind.metrics;

import java.io.Serializable;
import java.util.List;

/**
 * Exact, mergeable quantiles of a per-path quantity (median, 90 %, 99 % of forced sales, impact
 * cost) with distribution-free 95 % intervals.
 *
 * <p>This reuses {@link TailAccumulator}: the α-quantile is its VaR, the upper empirical quantile
 * {@code x(⌈αN⌉)} in the (value, pathId) order, and the interval is the same order-statistic
 * interval from Binomial(N, α) ranks. It is therefore exact and independent of the partitioning.
 * The price is memory: it keeps the largest {@code ⌈(1 − α_min)N⌉} values plus the interval's
 * margin, about N/2 pairs (16 bytes each) for a median. The aggregate job therefore reads its
 * quantiles from a {@link SelectedTail} instead: the same bits from a few passes over the data, in
 * memory independent of N.
 *
 * <p>Not thread-safe.
 */
public final class QuantileAccumulator implements Serializable {

  private static final long serialVersionUID = 1L;

  private final TailAccumulator tail;

  private QuantileAccumulator(TailAccumulator tail) {
    this.tail = tail;
  }

  /**
   * Creates an empty accumulator for a quantity observed on exactly {@code n} paths.
   *
   * @param n total observations across all parts
   * @param levels quantile levels in (0, 1), distinct
   */
  public static QuantileAccumulator of(long n, double... levels) {
    return new QuantileAccumulator(TailAccumulator.of(n, levels));
  }

  /** Adds one path's value; see {@link TailAccumulator#accept}. */
  public QuantileAccumulator accept(double value, long pathId) {
    tail.accept(value, pathId);
    return this;
  }

  /** Merges another part; see {@link TailAccumulator#combine}. */
  public QuantileAccumulator combine(QuantileAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    tail.combine(other.tail);
    return this;
  }

  /** Observations accepted so far. */
  public long count() {
    return tail.count();
  }

  /**
   * The quantiles, levels ascending, each with its order-statistic 95 % interval.
   *
   * @throws IllegalStateException unless exactly N observations were accepted
   */
  public List<TailEstimate> finish() {
    return tail.finish().valueAtRisk();
  }
}
