package io.unwind.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.File;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Resolves {@code include "name"} through a caller-supplied reader instead of the local disk.
 *
 * <p>The jobs read scenario files through Hadoop's FileSystem, so includes must too; the loader
 * of local files passes a reader of sibling files. A missing include is a problem (HOCON would
 * ignore it silently: a scenario built on a base that is not there must not run).
 */
final class ReaderIncluder
    implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {

  /** Deeper nesting than this is taken for an include cycle. */
  private static final int MAX_DEPTH = 20;

  private final Function<String, String> reader;
  private final Problems problems;
  private final Deque<String> origins = new ArrayDeque<>();

  ReaderIncluder(Function<String, String> reader, Problems problems, String rootOrigin) {
    this.reader = reader;
    this.problems = problems;
    origins.push(rootOrigin);
  }

  /** Parse options for text named {@code origin} whose includes come back to this includer. */
  ConfigParseOptions options(String origin) {
    return ConfigParseOptions.defaults()
        .setSyntax(ConfigSyntax.CONF)
        .setOriginDescription(origin)
        .setAllowMissing(false)
        .setIncluder(this);
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    // No fallback: an include goes through the reader or nowhere.
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    return load(what);
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    return load(what.getPath());
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    return unsupported("url(" + what + ")");
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    return unsupported("classpath(" + what + ")");
  }

  private ConfigObject unsupported(String what) {
    problems.addGeneral(origins.peek() + ": include " + what
        + " is not supported; include scenario files by name, e.g. include \"baseline.conf\"");
    return empty();
  }

  private ConfigObject load(String name) {
    String from = origins.peek();
    if (origins.size() > MAX_DEPTH) {
      problems.addGeneral(from + ": include \"" + name + "\" nests deeper than " + MAX_DEPTH
          + " files; is there an include cycle?");
      return empty();
    }
    String refused = ConfigSafety.includeNameProblem(name);
    if (refused != null) {
      // Nothing of the named file is read, so none of its text can reach a message.
      problems.addGeneral(from + ": include \"" + name + "\" is refused: " + refused);
      return empty();
    }
    String text;
    try {
      text = reader == null ? null : reader.apply(name);
    } catch (RuntimeException e) {
      problems.addGeneral(from + ": include \"" + name + "\" could not be read: " + e.getMessage());
      return empty();
    }
    if (text == null) {
      problems.addGeneral(from + ": include \"" + name + "\": file not found");
      return empty();
    }
    if (ConfigSafety.tooDeep(text, name, problems)) {
      return empty();
    }
    origins.push(name);
    try {
      return ConfigFactory.parseString(text, options(name)).root();
    } finally {
      origins.pop();
    }
  }

  private static ConfigObject empty() {
    return ConfigFactory.empty().root();
  }
}
