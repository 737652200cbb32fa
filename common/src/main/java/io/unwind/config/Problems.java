package io.unwind.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the problems of one scenario so that they are reported together.
 *
 * <p>Remembers which keys already have a problem: a key whose value could not be read (wrong
 * type) is not also reported for breaking a range rule with its placeholder value.
 */
final class Problems {

  private final List<String> messages = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();

  /** Records {@code "key: detail"}. */
  void add(String key, String detail) {
    keys.add(key);
    messages.add(key + ": " + detail);
  }

  /** Records a problem that belongs to no single key (a parse error, a missing file). */
  void addGeneral(String message) {
    messages.add(message);
  }

  /** Whether {@code key} already has a problem. */
  boolean has(String key) {
    return keys.contains(key);
  }

  /** Whether {@code key} or an enclosing key ({@code a} for {@code a.b}, {@code a[0]}) has a problem. */
  boolean hasAt(String key) {
    if (keys.contains(key)) {
      return true;
    }
    for (int i = key.length() - 1; i > 0; i--) {
      char c = key.charAt(i);
      if ((c == '.' || c == '[') && keys.contains(key.substring(0, i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether no problem was found. */
  boolean isEmpty() {
    return messages.isEmpty();
  }

  /** The problems so far. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  /** Throws the gathered problems, if any. */
  void throwIfAny() {
    if (!messages.isEmpty()) {
      throw new InvalidScenarioException(messages);
    }
  }

  /** Formats a number the way a user wrote it: integers without a trailing {@code .0}. */
  static String show(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
