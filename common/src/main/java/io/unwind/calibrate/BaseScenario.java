package io.unwind.calibrate;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The base scenario a calibration copies its non-fitted sections from, read with includes inlined.
 *
 * @param file the base file as found
 * @param text the base's HOCON with every include inlined and substitutions resolved, as
 *     {@link io.unwind.calibrate.CalibrationResult#toScenarioHocon(String, String)} requires
 */
public record BaseScenario(Path file, String text) {

  /**
   * Finds, validates and reads the base at {@code location}: as given (relative to the working
   * directory), else under {@code home} (the unwind checkout) when it is relative.
   *
   * @param location the {@code --base} value
   * @param home the unwind checkout, or {@code null}
   * <p>The base need not be a complete scenario: its assets and regimes are what the calibration
   * replaces, so a base with only strategy, margin and market sections (or assets without regimes)
   * is fine. Its other sections are checked when the written scenario is validated, before
   * anything is written.
   *
   * @throws CalibrationInputException when the file is missing, a directory, or not HOCON
   */
  public static BaseScenario read(String location, String home) {
    return read("--base", location, home);
  }

  /** As {@link #read(String, String)}, naming the option {@code option} in messages (replay's {@code --config}). */
  public static BaseScenario read(String option, String location, String home) {
    Path file = locate(option, location, home);
    try {
      // parseFile reads includes beside the file; resolve() then inlines substitutions, so the
      // rendered text stands alone.
      String text = ConfigFactory.parseFile(file.toFile(),
              ConfigParseOptions.defaults().setAllowMissing(false))
          .resolve(ConfigResolveOptions.noSystem()).root().render(ConfigRenderOptions.concise());
      return new BaseScenario(file, text);
    } catch (ConfigException e) {
      throw new CalibrationInputException(option + " " + location + ": cannot read " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** The base file: as given, else under {@code home}; a message naming both places otherwise. */
  static Path locate(String location, String home) {
    return locate("--base", location, home);
  }

  private static Path locate(String option, String location, String home) {
    if (location == null || location.isBlank()) {
      throw new CalibrationInputException(option + " '': must name a scenario file");
    }
    Path given = Paths.get(location);
    if (Files.isRegularFile(given)) {
      return given;
    }
    Path underHome = null;
    if (!given.isAbsolute() && home != null) {
      underHome = Paths.get(home).resolve(given).toAbsolutePath().normalize();
      if (Files.isRegularFile(underHome)) {
        return underHome;
      }
    }
    if (Files.isDirectory(given)) {
      throw new CalibrationInputException(option + " " + location + ": is a directory, not a scenario file");
    }
    Path here = given.toAbsolutePath().normalize();
    throw new CalibrationInputException(option + " " + location + ": file not found (looked in " + here
        + (underHome == null || underHome.equals(here) ? "" : " and " + underHome) + ")");
  }
}
