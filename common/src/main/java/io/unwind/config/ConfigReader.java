package io.unwind.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from a {@link Config} that record a problem instead of throwing.
 *
 * <p>Every read takes a path relative to this reader's config and reports problems under
 * {@code prefix + path}, so an asset entry's keys read as {@code assets[us_equity].depth}. A read
 * that fails returns a placeholder ({@code NaN}, {@code 0}, {@code null}); the key then has a
 * problem and validation skips it.
 */
final class ConfigReader {

  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

  private final Config config;
  private final Problems problems;
  private final String prefix;

  ConfigReader(Config config, Problems problems, String prefix) {
    this.config = config;
    this.problems = problems;
    this.prefix = prefix;
  }

  /** The key under which problems of {@code path} are reported. */
  String label(String path) {
    return prefix.isEmpty() ? path : prefix + "." + path;
  }

  /** Whether {@code path} is present (a {@code null} value counts as present). */
  boolean has(String path) {
    try {
      return config.hasPathOrNull(path);
    } catch (ConfigException e) {
      return false;
    }
  }

  /** The value at {@code path}, or {@code null} with a problem when it is missing or null. */
  private ConfigValue value(String path, String expected) {
    String key = label(path);
    if (problems.hasAt(key)) {
      return null;
    }
    try {
      if (!config.hasPathOrNull(path)) {
        problems.add(key, "is required (" + expected + ")");
        return null;
      }
      if (config.getIsNull(path)) {
        problems.add(key, "null must be " + expected);
        return null;
      }
      return config.getValue(path);
    } catch (ConfigException e) {
      problems.add(key, e.getMessage());
      return null;
    }
  }

  /** A string; numbers and booleans are taken as their text, as HOCON does. */
  String string(String path) {
    ConfigValue v = value(path, "a string");
    if (v == null) {
      return null;
    }
    return scalarText(label(path), v, "a string");
  }

  private String scalarText(String key, ConfigValue v, String expected) {
    ConfigValueType t = v.valueType();
    if (t == ConfigValueType.STRING || t == ConfigValueType.NUMBER
        || t == ConfigValueType.BOOLEAN) {
      return String.valueOf(v.unwrapped());
    }
    problems.add(key, render(v) + " must be " + expected);
    return null;
  }

  /** A finite number, or {@code NaN} with a problem. */
  double number(String path) {
    ConfigValue v = value(path, "a number");
    return v == null ? Double.NaN : toNumber(label(path), v, "a number");
  }

  /** A whole number that fits a {@code long}, or {@code 0} with a problem. */
  long integer(String path) {
    ConfigValue v = value(path, "an integer");
    if (v == null) {
      return 0;
    }
    String key = label(path);
    if (v.unwrapped() instanceof Long || v.unwrapped() instanceof Integer) {
      return ((Number) v.unwrapped()).longValue();
    }
    double d = toNumber(key, v, "an integer");
    if (Double.isNaN(d)) {
      return 0;
    }
    if (d != Math.rint(d) || Math.abs(d) > 9.0e18) {
      problems.add(key, render(v) + " must be an integer");
      return 0;
    }
    return (long) d;
  }

  /** An integer that must fit an {@code int}. */
  int intValue(String path) {
    long l = integer(path);
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      problems.add(label(path), l + " must be an integer in [" + Integer.MIN_VALUE + ", "
          + Integer.MAX_VALUE + "]");
      return 0;
    }
    return (int) l;
  }

  /** A boolean ({@code true/false/yes/no/on/off} as HOCON allows). */
  boolean bool(String path) {
    ConfigValue v = value(path, "a boolean");
    if (v == null) {
      return false;
    }
    try {
      return config.getBoolean(path);
    } catch (ConfigException e) {
      problems.add(label(path), render(v) + " must be a boolean (true or false)");
      return false;
    }
  }

  /** A list of finite numbers, or {@code null} with a problem. */
  double[] numbers(String path) {
    ConfigValue v = value(path, "a list of numbers");
    if (v == null) {
      return null;
    }
    String key = label(path);
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add(key, render(v) + " must be a list of numbers");
      return null;
    }
    return toNumbers(key, (ConfigList) v, "");
  }

  /** A list of lists of finite numbers, or {@code null} with a problem. */
  double[][] matrix(String path) {
    ConfigValue v = value(path, "a list of lists of numbers");
    if (v == null) {
      return null;
    }
    String key = label(path);
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add(key, render(v) + " must be a list of lists of numbers (a matrix)");
      return null;
    }
    ConfigList rows = (ConfigList) v;
    double[][] m = new double[rows.size()][];
    boolean ok = true;
    for (int i = 0; i < rows.size(); i++) {
      ConfigValue row = rows.get(i);
      if (row.valueType() != ConfigValueType.LIST) {
        problems.add(key, "row [" + i + "] = " + render(row) + " must be a list of numbers");
        ok = false;
        continue;
      }
      m[i] = toNumbers(key, (ConfigList) row, "[" + i + "]");
      ok &= m[i] != null;
    }
    return ok ? m : null;
  }

  /** A list of strings, or {@code null} with a problem. */
  List<String> strings(String path) {
    ConfigValue v = value(path, "a list of strings");
    if (v == null) {
      return null;
    }
    String key = label(path);
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add(key, render(v) + " must be a list of strings");
      return null;
    }
    List<String> out = new ArrayList<>();
    ConfigList list = (ConfigList) v;
    for (int i = 0; i < list.size(); i++) {
      String s = scalarText(key + "[" + i + "]", list.get(i), "a string");
      if (s == null) {
        return null;
      }
      out.add(s);
    }
    return out;
  }

  /** The object at {@code path} (empty path = the root), or {@code null} with a problem. */
  ConfigObject object(String path) {
    if (path.isEmpty()) {
      return config.root();
    }
    ConfigValue v = value(path, "an object { ... }");
    if (v == null) {
      return null;
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      problems.add(label(path), render(v) + " must be an object { ... }");
      return null;
    }
    return (ConfigObject) v;
  }

  /**
   * Reports every key of the object at {@code path} that is not in {@code known}.
   *
   * @return the object, or {@code null} when it is missing or not an object
   */
  ConfigObject onlyKeys(String path, Set<String> known) {
    ConfigObject o = object(path);
    if (o == null) {
      return null;
    }
    for (String k : new TreeSet<>(o.keySet())) {
      if (!known.contains(k)) {
        String key = path.isEmpty() ? label(quote(k)) : label(path + "." + quote(k));
        problems.add(key, "unknown key; known keys here: " + String.join(", ", new TreeSet<>(known)));
      }
    }
    return o;
  }

  private double toNumber(String key, ConfigValue v, String expected) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      double d = ((Number) v.unwrapped()).doubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    } else if (v.valueType() == ConfigValueType.STRING) {
      // HOCON converts a quoted number to a number; Java's parser would also take "NaN".
      try {
        double d = Double.parseDouble(((String) v.unwrapped()).trim());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(key, render(v) + " must be " + expected);
    return Double.NaN;
  }

  private double[] toNumbers(String key, ConfigList list, String rowLabel) {
    double[] out = new double[list.size()];
    boolean ok = true;
    for (int j = 0; j < list.size(); j++) {
      ConfigValue e = list.get(j);
      double d = Double.NaN;
      if (e.valueType() == ConfigValueType.NUMBER) {
        d = ((Number) e.unwrapped()).doubleValue();
      } else if (e.valueType() == ConfigValueType.STRING) {
        try {
          d = Double.parseDouble(((String) e.unwrapped()).trim());
        } catch (NumberFormatException ex) {
          d = Double.NaN;
        }
      }
      if (!Double.isFinite(d)) {
        problems.add(key, "entry " + rowLabel + "[" + j + "] = " + render(e) + " must be a number");
        ok = false;
      }
      out[j] = d;
    }
    return ok ? out : null;
  }

  /** A value as concise HOCON/JSON text, e.g. {@code "abc"} or {@code [1,2]}. */
  static String render(ConfigValue v) {
    return v.render(CONCISE);
  }

  /** Quotes a key for a HOCON path when it needs it. */
  static String quote(String key) {
    return com.typesafe.config.ConfigUtil.joinPath(key);
  }
}
