package io.unwind.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The code version and the Spark version unwind was built against, from the filtered
 * {@code io/unwind/jobs/version.properties} in the jar; recorded in every {@code runs} row.
 */
public final class BuildInfo {
  private static final Properties PROPERTIES = load();

  private BuildInfo() {
  }

  /** The unwind version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return PROPERTIES.getProperty("version", "unknown");
  }

  /** The Spark version the build compiled against (the running one may differ on a cluster). */
  public static String sparkVersion() {
    return PROPERTIES.getProperty("spark.version", "unknown");
  }

  /** The Scala binary version of that Spark build. */
  public static String scalaBinaryVersion() {
    return PROPERTIES.getProperty("scala.binary.version", "unknown");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/io/unwind/jobs/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties", e);
    }
    return p;
  }
}
