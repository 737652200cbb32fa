package io.unwind.config;

/** Asset class of a scenario asset; the 60/40 benchmark puts 60 % in equity and 40 % in bond. */
public enum AssetClass {
  EQUITY, BOND, CREDIT, COMMODITY, OTHER;

  /** The lower-case name used in scenario files. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
