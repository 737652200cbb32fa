package io.unwind.jobs.cli;

import io.unwind.calibrate.CalibrationRequest;
import io.unwind.calibrate.MissingValues;
import picocli.CommandLine.Option;

/** How to read a price CSV: the options {@code calibrate} and {@code replay} share. */
final class PriceFileOptions {

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
}
