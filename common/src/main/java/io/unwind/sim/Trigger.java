package io.unwind.sim;

import io.unwind.config.Keyed;

/** Why a strategy sold on a day that the {@code events} table records. */
public enum Trigger implements Keyed {
  /** Equity fell below the margin requirement: forced sales, possibly a cascade. */
  MARGIN_CALL("margin_call"),
  /** The daily check found estimated book vol above target by more than the band: a vol-driven sale. */
  VOL_TARGET("vol_target"),
  /**
   * Equity was gone before any call could be met (an overnight gap, or a day's trading costs at
   * the close): the rest was liquidated. A call that ends in default is a {@link #MARGIN_CALL}
   * row with {@code defaulted} set.
   */
  DEFAULT("default");

  private final String key;

  Trigger(String key) {
    this.key = key;
  }

  /** The value written to the {@code trigger} column. */
  @Override
  public String key() {
    return key;
  }

  /** The trigger with this column value, or {@code null}. */
  public static Trigger fromKey(String key) {
    return Keyed.fromKey(Trigger.class, key);
  }
}
