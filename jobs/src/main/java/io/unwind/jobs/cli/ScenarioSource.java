package io.unwind.jobs.cli;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.io.OutputLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads the scenario file: a plain local file, or through Hadoop's {@link FileSystem} when the
 * location has a scheme (hdfs://, s3a://, file:/), includes then resolving beside it.
 */
public final class ScenarioSource {
  /** System property the launcher sets to the checkout's root, the second place a relative config is looked up. */
  public static final String HOME_PROPERTY = "unwind.home";

  private ScenarioSource() {
  }

  /**
   * Loads and validates the scenario at {@code location} with {@code overrides} applied.
   *
   * @throws BadInputException when the file cannot be found or read
   * @throws io.unwind.config.InvalidScenarioException when the scenario is invalid
   */
  public static ResolvedScenario load(String location, Map<String, String> overrides) {
    if (OutputLayout.hasScheme(location)) {
      return loadHadoop(location, overrides);
    }
    return ScenarioLoader.loadFile(resolveLocal(location), overrides);
  }

  /** The local file: as given (relative to the working directory), else under the unwind root. */
  static Path resolveLocal(String location) {
    Path given = Paths.get(location);
    if (Files.isRegularFile(given)) {
      return given;
    }
    String home = System.getProperty(HOME_PROPERTY);
    if (!given.isAbsolute() && home != null) {
      Path underHome = Paths.get(home).resolve(given);
      if (Files.isRegularFile(underHome)) {
        return underHome;
      }
    }
    if (Files.isDirectory(given)) {
      throw new BadInputException("--config " + location + ": is a directory, not a scenario file");
    }
    Path here = given.toAbsolutePath().normalize();
    Path underHome = home == null || given.isAbsolute() ? here : Paths.get(home).resolve(given).toAbsolutePath().normalize();
    throw new BadInputException("--config " + location + ": file not found (looked in " + here
        + (underHome.equals(here) ? "" : " and " + underHome) + ")");
  }

  private static ResolvedScenario loadHadoop(String location, Map<String, String> overrides) {
    Configuration hadoop = new Configuration();
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(location);
    String text = readHadoop(hadoop, file, "--config " + location);
    org.apache.hadoop.fs.Path dir = file.getParent();
    // The loader wants null for an include that does not exist, and reports it by name.
    return ScenarioLoader.loadText(text, location, include -> {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir, include);
      try {
        if (!p.getFileSystem(hadoop).exists(p)) {
          return null;
        }
      } catch (IOException e) {
        throw new BadInputException("include " + include + ": cannot read " + p + ": " + e.getMessage(), e);
      }
      return readHadoop(hadoop, p, "include " + include);
    }, overrides);
  }

  private static String readHadoop(Configuration hadoop, org.apache.hadoop.fs.Path file, String what) {
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      try (InputStream in = fs.open(file)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (FileNotFoundException e) {
      throw new BadInputException(what + ": file not found (" + file + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(what + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
