package io.unwind.calibrate;

/** What to do with an empty or {@code NA} price cell. */
public enum MissingValues {
  /** Drop every row with a missing price (its date is still checked for order). */
  DROP_ROW,
  /** Replace a missing price by the same asset's price on the previous row; the first row must be complete. */
  FORWARD_FILL
}
