package io.unwind.config;

import java.util.ArrayList;
import java.util.List;

/**
 * An enum constant with a fixed text key: how it is spelled in scenario files and in the output
 * tables. Keys are written out in each enum, never derived from constant names, so renaming a
 * constant cannot change a file or a Parquet column.
 */
public interface Keyed {

  /** The text key. */
  String key();

  /** The constant of {@code type} whose key is exactly {@code key}, or {@code null}. */
  static <E extends Enum<E> & Keyed> E fromKey(Class<E> type, String key) {
    for (E e : type.getEnumConstants()) {
      if (e.key().equals(key)) {
        return e;
      }
    }
    return null;
  }

  /** The keys of {@code type}'s constants, in declaration order. */
  static <E extends Enum<E> & Keyed> List<String> keys(Class<E> type) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(e.key());
    }
    return List.copyOf(out);
  }
}
