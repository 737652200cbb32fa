package io.unwind.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How enum constants are spelled in scenario files: lower case, {@code _} as {@code -}
 * ({@code MOST_LIQUID_FIRST} is {@code most-liquid-first}).
 */
final class FileKeys {

  static final List<String> IMPACT = keys(ImpactModel.values());
  static final List<String> SALE_ORDER = keys(SaleOrder.values());
  static final List<String> ASSET_CLASS = keys(AssetClass.values());
  static final List<String> STRATEGY = keys(StrategyKind.values());
  static final List<String> SAMPLING_METHOD = keys(SamplingSettings.Method.values());
  static final List<String> SAMPLING_TILT = List.of(SamplingSettings.VOLATILE,
      SamplingSettings.GIVEN, SamplingSettings.AUTO);

  private FileKeys() {
  }

  /** The file spelling of {@code e}. */
  static String key(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} spelled {@code key} in files, or {@code null}. */
  static <E extends Enum<E>> E parse(Class<E> type, String key) {
    for (E e : type.getEnumConstants()) {
      if (key(e).equals(key)) {
        return e;
      }
    }
    return null;
  }

  /** The strategy spelled {@code key}, or {@code null}; exact spelling, unlike {@link StrategyKind#fromKey}. */
  static StrategyKind strategy(String key) {
    return parse(StrategyKind.class, key);
  }

  private static List<String> keys(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> e : values) {
      out.add(key(e));
    }
    return List.copyOf(out);
  }
}
