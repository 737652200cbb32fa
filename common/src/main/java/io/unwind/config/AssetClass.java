package io.unwind.config;

/** Asset class of a scenario asset; the 60/40 benchmark puts 60 % in equity and 40 % in bond. */
public enum AssetClass implements Keyed {
  EQUITY("equity"),
  BOND("bond"),
  CREDIT("credit"),
  COMMODITY("commodity"),
  OTHER("other");

  private final String key;

  AssetClass(String key) {
    this.key = key;
  }

  /** The name used in scenario files ({@code assets[i].class}). */
  @Override
  public String key() {
    return key;
  }

  /** The class spelled {@code key} in scenario files, or {@code null}. */
  public static AssetClass fromKey(String key) {
    return Keyed.fromKey(AssetClass.class, key);
  }
}
