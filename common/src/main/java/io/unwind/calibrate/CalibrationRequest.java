package io.unwind.calibrate;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * What to calibrate: the price file, how to read it, and how to fit the model.
 *
 * <p>Validated on construction; a bad option raises {@link CalibrationInputException} naming the
 * option, the value and the rule. The file itself is only read by {@link Calibrator}.
 *
 * @param prices CSV with a header row: a date column and one price column per asset
 * @param regimes number of hidden regimes K (&ge; 1)
 * @param frequency fit daily returns, or weekly returns (last price of each ISO week)
 * @param delimiter cell separator, e.g. {@code ','} or {@code ';'}
 * @param dateColumn header name of the date column (case-insensitive); {@code null} = the first column
 * @param dateFormat {@link DateTimeFormatter} pattern of the dates; {@code null} = {@code yyyy-MM-dd}
 * @param missing how to treat empty or {@code NA} cells
 * @param starts number of seeded random starts of EM; the best likelihood is kept (&ge; 1)
 * @param seed seed of the random starts; equal seeds give equal fits
 * @param tolerance EM stops when an iteration raises the log-likelihood by less than this much
 *     per observation (&gt; 0)
 * @param maxIterations cap on EM iterations per start (&ge; 1)
 */
public record CalibrationRequest(
    Path prices,
    int regimes,
    Frequency frequency,
    char delimiter,
    String dateColumn,
    String dateFormat,
    MissingValues missing,
    int starts,
    long seed,
    double tolerance,
    int maxIterations) {

  /** Date pattern used when none is given. */
  public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";
  /** Random starts used by {@link #of(Path, int)}. */
  public static final int DEFAULT_STARTS = 8;
  /** Seed used by {@link #of(Path, int)}. */
  public static final long DEFAULT_SEED = 20261124L;
  /** Per-observation log-likelihood tolerance used by {@link #of(Path, int)}. */
  public static final double DEFAULT_TOLERANCE = 1e-7;
  /** Iteration cap used by {@link #of(Path, int)}. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** Validates every option and fills the defaults for {@code dateFormat}. */
  public CalibrationRequest {
    if (prices == null) {
      throw new CalibrationInputException("Cannot calibrate without a price file (prices is missing)");
    }
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(missing, "missing");
    if (regimes < 1) {
      throw new CalibrationInputException(
          "Cannot set regimes to " + regimes + ", the value must be at least 1");
    }
    if (starts < 1) {
      throw new CalibrationInputException(
          "Cannot set starts to " + starts + ", the value must be at least 1");
    }
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new CalibrationInputException(
          "Cannot set tolerance to " + tolerance + ", the value must be positive and finite");
    }
    if (maxIterations < 1) {
      throw new CalibrationInputException(
          "Cannot set max-iterations to " + maxIterations + ", the value must be at least 1");
    }
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new CalibrationInputException(
          "Cannot set delimiter to '" + delimiter + "', it must not be a quote or a line break");
    }
    if (dateColumn != null && dateColumn.isBlank()) {
      dateColumn = null;
    }
    if (dateFormat == null || dateFormat.isBlank()) {
      dateFormat = DEFAULT_DATE_FORMAT;
    }
    try {
      DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new CalibrationInputException(
          "Cannot set date-format to '" + dateFormat + "', it is not a java.time pattern: "
              + e.getMessage(), e);
    }
  }

  /**
   * A request with the defaults: daily returns, comma-separated, date in the first column as
   * {@code yyyy-MM-dd}, rows with missing values dropped, {@value #DEFAULT_STARTS} starts.
   */
  public static CalibrationRequest of(Path prices, int regimes) {
    return new CalibrationRequest(prices, regimes, Frequency.DAILY, ',', null, DEFAULT_DATE_FORMAT,
        MissingValues.DROP_ROW, DEFAULT_STARTS, DEFAULT_SEED, DEFAULT_TOLERANCE,
        DEFAULT_MAX_ITERATIONS);
  }
}
