package io.unwind.replay;

import io.unwind.calibrate.CalibrationRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to replay and how.
 *
 * @param prices the price file and how to read it; its {@code regimes}, starts, seed, tolerance
 *     and iteration cap fit the regime model when no regime path is given (daily returns)
 * @param scenarioName the name of the replay's scenario (the default run id)
 * @param baseText the base scenario's HOCON with includes inlined (strategy, margin, market and
 *     the known assets' settings come from it); {@code null} = unwind's defaults only
 * @param classes {@code --class}: class by column name, matched ignoring case
 * @param regimePath a {@code date,regime} file, or {@code null} to fit {@code prices.regimes()}
 * @param ewmaWarmup trading days of history before each path that only start the EWMA estimate;
 *     0 = start it at the initial regime's covariance, as simulate does
 * @param windowDays days per window, or 0 for the whole history as one path
 * @param stepDays trading days between window starts (with windows)
 * @param episodes the episodes to report
 */
public record ReplayRequest(
    CalibrationRequest prices,
    String scenarioName,
    String baseText,
    Map<String, String> classes,
    Path regimePath,
    int ewmaWarmup,
    int windowDays,
    int stepDays,
    List<Episode> episodes) {

  /** Warm-up used when none is given: about a quarter of a year. */
  public static final int DEFAULT_EWMA_WARMUP = 63;

  public ReplayRequest {
    classes = Map.copyOf(classes);
    episodes = List.copyOf(episodes);
  }
}
