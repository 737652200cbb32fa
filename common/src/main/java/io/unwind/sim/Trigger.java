package io.unwind.sim;

/** Why a strategy sold on a day that the {@code events} table records. */
public enum Trigger {
  /** Equity fell below the margin requirement: forced sales, possibly a cascade. */
  MARGIN_CALL,
  /** The daily check found estimated book vol above target by more than the band: a vol-driven sale. */
  VOL_TARGET;

  /** The value written to the {@code trigger} column. */
  public String key() {
    return this == MARGIN_CALL ? "margin_call" : "vol_target";
  }
}
