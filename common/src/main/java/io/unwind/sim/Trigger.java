package io.unwind.sim;

/** Why a strategy sold on a day that the {@code events} table records. */
public enum Trigger {
  /** Equity fell below the margin requirement: forced sales, possibly a cascade. */
  MARGIN_CALL,
  /** The daily check found estimated book vol above target by more than the band: a vol-driven sale. */
  VOL_TARGET,
  /**
   * Equity was gone before any call could be met (an overnight gap, or a day's trading costs at
   * the close): the rest was liquidated. A call that ends in default is a {@link #MARGIN_CALL}
   * row with {@code defaulted} set.
   */
  DEFAULT;

  /** The value written to the {@code trigger} column. */
  public String key() {
    switch (this) {
      case MARGIN_CALL:
        return "margin_call";
      case VOL_TARGET:
        return "vol_target";
      default:
        return "default";
    }
  }
}
