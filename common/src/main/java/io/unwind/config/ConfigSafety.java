package io.unwind.config;

import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigResolver;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scenario file may read: only its own text, the files it includes from its own
 * directory, and substitutions it defines itself.
 *
 * <ul>
 *   <li>No environment: substitutions resolve against the file alone
 *       ({@link ConfigResolveOptions#noSystem()}); a {@code ${X}} or {@code ${?X}} the file does
 *       not define is an error naming {@code X}, so a secret in the driver's environment cannot
 *       reach {@code runs.config}.
 *   <li>Includes: a relative name without {@code ..} segments, read from the including file's
 *       directory (checked again after symbolic links are followed).
 *   <li>Bounded: a file must be a regular file of at most {@value #MAX_BYTES} bytes (no
 *       {@code /dev/zero}, no FIFO), and no text may nest objects or lists deeper than
 *       {@value #MAX_NESTING} (the parser recurses once per level).
 * </ul>
 */
final class ConfigSafety {
  /** Largest scenario or include file read, bytes (the shipped scenarios are under 10 KB). */
  static final int MAX_BYTES = 1 << 20;

  /** Deepest nesting of {@code { }} and {@code [ ]} a text may have (the scenarios use 3). */
  static final int MAX_NESTING = 64;

  private ConfigSafety() {
  }

  /**
   * Resolve options that read nothing outside the config and record each substitution the
   * config does not define in {@code undefined}.
   */
  static ConfigResolveOptions resolveOptions(Set<String> undefined) {
    ConfigResolver recorder = new ConfigResolver() {
      @Override
      public ConfigValue lookup(String path) {
        undefined.add(path);
        return null;
      }

      @Override
      public ConfigResolver withFallback(ConfigResolver fallback) {
        return this;
      }
    };
    return ConfigResolveOptions.noSystem().appendResolver(recorder);
  }

  /** Adds one problem per substitution the config does not define. */
  static void reportUndefined(Set<String> undefined, String origin, Problems problems) {
    for (String path : new TreeSet<>(undefined)) {
      problems.addGeneral(origin + ": substitution ${" + path + "} (or ${?" + path + "}) refers to "
          + path + ", which the config does not define; unwind reads no environment variables "
          + "or system properties: write the value into the file or pass --set");
    }
  }

  /**
   * Why {@code name} may not be included, or null when it may: it must be a relative path
   * inside the including file's directory.
   */
  static String includeNameProblem(String name) {
    if (name.isEmpty()) {
      return "the name is empty";
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.contains(":")) {
      return "an include must be a path relative to the including file's directory "
          + "(no absolute path, no URI scheme)";
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return "an include must stay in the including file's directory (no '..')";
      }
    }
    return null;
  }

  /**
   * The text of a local file named {@code shown} in messages, or a problem: not a regular file
   * (a device, a FIFO, a directory), larger than {@value #MAX_BYTES} bytes, or unreadable.
   *
   * @throws InvalidScenarioException with one message naming the file and the rule
   */
  static String readLocal(Path file, String shown) {
    if (!Files.isRegularFile(file)) {
      String what = Files.exists(file) ? "is not a regular file" : "file not found";
      throw new InvalidScenarioException(java.util.List.of(shown + ": " + what));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return boundedText(in, shown);
    } catch (IOException e) {
      throw new InvalidScenarioException(java.util.List.of(shown + ": cannot read: " + e));
    }
  }

  /** At most {@value #MAX_BYTES} bytes of {@code in} as UTF-8, or a problem naming {@code shown}. */
  static String boundedText(InputStream in, String shown) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new InvalidScenarioException(java.util.List.of(shown + ": larger than " + MAX_BYTES
          + " bytes; a scenario file must be at most " + MAX_BYTES + " bytes"));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Whether {@code file}, symbolic links followed, lies inside {@code dir}. */
  static boolean inside(Path dir, Path file) {
    try {
      return file.toRealPath().startsWith(dir.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The deepest nesting of objects and lists in HOCON {@code text}, counting brackets outside
   * quoted strings and comments (a scan, not a parse: it runs before the recursive parser).
   */
  static int nesting(String text) {
    int depth = 0;
    int max = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (text.startsWith("\"\"\"", i)) {
          int end = text.indexOf("\"\"\"", i + 3);
          i = end < 0 ? n : end + 2;
        } else {
          i++;
          while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
          }
        }
      } else if (c == '#' || c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '{' || c == '[') {
        max = Math.max(max, ++depth);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return max;
  }

  /** Adds a problem when {@code text} nests deeper than {@value #MAX_NESTING}; returns whether it does. */
  static boolean tooDeep(String text, String origin, Problems problems) {
    int depth = nesting(text);
    if (depth > MAX_NESTING) {
      problems.addGeneral(origin + ": objects and lists nest " + depth + " deep; at most "
          + MAX_NESTING + " levels are allowed");
      return true;
    }
    return false;
  }
}
