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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
      String scheme = location.substring(0, location.indexOf(':')).toLowerCase(Locale.ROOT);
      if (!SCHEMES.contains(scheme)) {
        throw new BadInputException("--config " + location + ": scheme " + scheme
            + " is not supported; use a local path, file:, hdfs: or s3a:");
      }
      if (scheme.equals("file")) {
        // Local files go through the loader's checks (regular file, size, includes beside it).
        Path local;
        try {
          local = Paths.get(new org.apache.hadoop.fs.Path(location).toUri().getPath());
        } catch (RuntimeException e) {
          throw new BadInputException("--config " + location + ": not a valid file: URI", e);
        }
        if (!Files.exists(local)) {
          throw new BadInputException("--config " + location + ": file not found (" + local + ")");
        }
        return ScenarioLoader.loadFile(local, overrides);
      }
      return loadHadoop(location, overrides);
    }
    return ScenarioLoader.loadFile(resolveLocal(location), overrides);
  }

  /** URI schemes {@code --config} accepts (besides a plain local path); see the README. */
  public static final Set<String> SCHEMES = Set.of("file", "hdfs", "s3a");

  /** Largest scenario file read through Hadoop, bytes (as the local loader's bound). */
  static final int MAX_BYTES = 1 << 20;

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
    if (Files.exists(given)) {
      throw new BadInputException("--config " + location
          + ": is not a regular file (a device, a FIFO?); a scenario must be a regular file");
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
      if (!fs.getFileStatus(file).isFile()) {
        throw new BadInputException(what + ": " + file + " is not a regular file");
      }
      try (InputStream in = fs.open(file)) {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new BadInputException(what + ": " + file + " is larger than " + MAX_BYTES
              + " bytes; a scenario file must be at most " + MAX_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (BadInputException e) {
      throw e;
    } catch (FileNotFoundException e) {
      throw new BadInputException(what + ": file not found (" + file + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(what + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
