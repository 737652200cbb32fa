package io.unwind.summary;

import java.io.Serializable;

/**
 * The range a metric's value can take, exactly: losses are at most 1 (equity is floored at 0 at a
 * default; what lenders lose is {@code shortfall}), drawdowns, probabilities and shares lie in
 * [0, 1], sales and counts are non-negative. Confidence intervals are clipped to it: an interval
 * that says a loss ES may be 101.9 % of start equity only says it may be 100 %.
 *
 * @param low the least value, or −∞
 * @param high the largest value, or +∞
 */
public record Bounds(double low, double high) implements Serializable {
  /** No bound: intervals are written as estimated. */
  public static final Bounds NONE = new Bounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  /** A loss: at most the whole start equity. */
  public static final Bounds LOSS = new Bounds(Double.NEGATIVE_INFINITY, 1.0);
  /** A probability, share or drawdown. */
  public static final Bounds UNIT = new Bounds(0.0, 1.0);
  /** An amount or count. */
  public static final Bounds NON_NEGATIVE = new Bounds(0.0, Double.POSITIVE_INFINITY);

  /** The row with its interval's ends clipped to this range (a null end stays null). */
  public SummaryRow clip(SummaryRow row) {
    if (this.equals(NONE)) {
      return row;
    }
    Double ciLow = row.ciLow() == null ? null : Math.min(Math.max(row.ciLow(), low), high);
    Double ciHigh = row.ciHigh() == null ? null : Math.max(Math.min(row.ciHigh(), high), low);
    return new SummaryRow(row.strategy(), row.metric(), row.condition(), row.level(), row.value(),
        ciLow, ciHigh, row.n());
  }
}
