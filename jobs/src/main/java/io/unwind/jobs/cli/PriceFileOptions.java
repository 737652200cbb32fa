package io.unwind.jobs.cli;

import io.unwind.calibrate.CalibrationRequest;
import io.unwind.calibrate.Frequency;
import io.unwind.calibrate.MissingValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The price CSV, its columns' classes and how to read it: the options {@code calibrate} and {@code replay} share. */
final class PriceFileOptions {

  @Option(names = "--prices", paramLabel = "FILE", required = true,
      description = "Price CSV: a date column and one price column per asset.")
  Path prices;

  @Option(names = "--class", paramLabel = "NAME=CLASS",
      description = "Class of a price column (its header, ignoring case): equity, bond, credit, "
          + "commodity or other; repeatable. Overrides the scenario's class for that column; a "
          + "column neither names is other. Depth and haircut floor go by class; the 60/40 is "
          + "left out without an equity and a bond.")
  Map<String, String> classes = new LinkedHashMap<>();

  @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
      description = "Cell separator: one character, or 'tab'. Default: '${DEFAULT-VALUE}'.")
  String delimiter = ",";

  @Option(names = "--date-column", paramLabel = "NAME",
      description = "Header of the date column (case-insensitive). Default: the first column.")
  String dateColumn;

  @Option(names = "--date-format", paramLabel = "PATTERN",
      defaultValue = CalibrationRequest.DEFAULT_DATE_FORMAT,
      description = "java.time pattern of the dates. Default: ${DEFAULT-VALUE}.")
  String dateFormat = CalibrationRequest.DEFAULT_DATE_FORMAT;

  @Option(names = "--missing", paramLabel = "drop|ffill", defaultValue = "drop",
      converter = CalibrateCommand.MissingConverter.class,
      description = "Empty or NA price cells: drop the row, or forward-fill from the previous row "
          + "(the first row must be complete). Default: ${DEFAULT-VALUE}.")
  MissingValues missing = MissingValues.DROP_ROW;

  /** The delimiter character; bad input naming the option otherwise. */
  char delimiter() {
    if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
      return '\t';
    }
    if (delimiter.length() != 1) {
      throw new BadInputException("--delimiter '" + delimiter + "': must be one character, or 'tab'");
    }
    return delimiter.charAt(0);
  }

  /** Bad input naming the option unless the price file is a regular file. */
  void requirePrices() {
    requireFile("--prices", prices);
  }

  /** A fit request of this file read as the options say. */
  CalibrationRequest request(int regimes, Frequency frequency, int starts, long seed,
      double tolerance, int maxIterations) {
    return new CalibrationRequest(prices, regimes, frequency, delimiter(), dateColumn, dateFormat,
        missing, starts, seed, tolerance, maxIterations);
  }

  /** Bad input naming {@code option} unless {@code file} is a regular file. */
  static void requireFile(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(option + " " + file + ": file not found (looked in "
          + file.toAbsolutePath().normalize() + ")");
    }
  }
}
