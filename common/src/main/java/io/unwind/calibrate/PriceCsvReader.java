package io.unwind.calibrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a price CSV: a header row naming the assets, then one row per date.
 *
 * <p>Cells may be double-quoted (RFC 4180, no line breaks inside a cell). Empty cells and the
 * tokens in {@link #MISSING_TOKENS} are missing values, handled per {@link MissingValues}. Every
 * error names the file, the 1-based line and column, the value and the rule it breaks.
 */
final class PriceCsvReader {
  /** Most price rows a calibration fits (about 400 years of daily prices). */
  static final int MAX_ROWS = 100_000;

  /** Cell texts, compared case-insensitively, that mean "no price on this date". */
  static final Set<String> MISSING_TOKENS = Set.of("", "na", "n/a", "#n/a", "nan", "null", ".");

  private PriceCsvReader() {
  }

  /** Reads and validates {@code request.prices()}. */
  static PriceTable read(CalibrationRequest request) {
    String source = request.prices().toString();
    if (Files.isDirectory(request.prices())) {
      throw new CalibrationInputException("Cannot read prices file " + source + ": it is a directory");
    }
    List<String> lines;
    if (Files.exists(request.prices()) && !Files.isRegularFile(request.prices())) {
      throw new CalibrationInputException("Cannot read prices file " + source
          + ": it is not a regular file (a directory, a device, a FIFO?)");
    }
    try (BufferedReader reader = Files.newBufferedReader(request.prices(), StandardCharsets.UTF_8)) {
      lines = reader.lines().toList();
    } catch (NoSuchFileException e) {
      throw new CalibrationInputException("Cannot read prices file " + source + ": it does not exist", e);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CalibrationInputException("Cannot read prices file " + source + ": " + e.getMessage(), e);
    }

    int headerIndex = 0;
    while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
      headerIndex++;
    }
    long priceRows = lines.stream().skip(headerIndex + 1L).filter(l -> !l.isBlank()).count();
    if (priceRows > MAX_ROWS) {
      // Each EM iteration is a pass over every row per start: a million rows would run for
      // minutes with no sign of life. 100,000 daily rows are four centuries of prices.
      throw new CalibrationInputException(source + ": " + priceRows + " price rows; at most "
          + MAX_ROWS + " are fitted (about 400 years of daily prices): give a shorter history");
    }
    if (headerIndex == lines.size()) {
      throw new CalibrationInputException(source + ": the file is empty, expected a header row");
    }
    String headerLine = stripBom(lines.get(headerIndex));
    List<String> header = split(headerLine, request.delimiter(), source, headerIndex + 1);
    int dateCol = dateColumn(header, request.dateColumn(), source, headerIndex + 1);
    int n = header.size() - 1;
    if (n < 2) {
      throw new CalibrationInputException(source + " line " + (headerIndex + 1) + ": the header has "
          + n + " price column" + (n == 1 ? "" : "s") + " " + header
          + ", at least two assets are needed (check the delimiter '" + request.delimiter() + "')");
    }
    int[] assetCol = new int[n];
    String[] columns = new String[n];
    String[] names = new String[n];
    Map<String, Integer> seen = new HashMap<>();  // by lower-case name: matching ignores case
    for (int c = 0, j = 0; c < header.size(); c++) {
      if (c == dateCol) {
        continue;
      }
      assetCol[j] = c;
      columns[j] = header.get(c).trim();
      names[j] = sanitise(columns[j]);
      if (names[j].isEmpty()) {
        throw new CalibrationInputException(source + " line " + (headerIndex + 1) + ", column "
            + (c + 1) + ": header '" + columns[j] + "' gives an empty asset name "
            + "(names keep only letters, digits, _, - and .)");
      }
      Integer previous = seen.putIfAbsent(names[j].toLowerCase(Locale.ROOT), c + 1);
      if (previous != null) {
        throw new CalibrationInputException(source + " line " + (headerIndex + 1) + ", column "
            + (c + 1) + ": header '" + columns[j] + "' gives asset name '" + names[j]
            + "', already used by column " + previous
            + " (asset names must be unique, ignoring case)");
      }
      j++;
    }

    DateTimeFormatter format = DateTimeFormatter.ofPattern(request.dateFormat(), Locale.ROOT);
    List<LocalDate> dates = new ArrayList<>();
    double[] prices = new double[Math.max(16, (lines.size() - headerIndex) * n)];
    double[] previousRow = null;
    LocalDate previousDate = null;
    int previousLine = 0;
    int rowsRead = 0;
    int rowsDropped = 0;
    int filled = 0;
    double[] row = new double[n];
    for (int i = headerIndex + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int lineNo = i + 1;
      rowsRead++;
      List<String> cells = split(line, request.delimiter(), source, lineNo);
      if (cells.size() != header.size()) {
        throw new CalibrationInputException(source + " line " + lineNo + ": " + cells.size()
            + " cells, but the header has " + header.size() + " (every row needs a date and one price per asset)");
      }
      String dateText = cells.get(dateCol).trim();
      LocalDate date;
      try {
        date = LocalDate.parse(dateText, format);
      } catch (DateTimeParseException e) {
        throw new CalibrationInputException(source + " line " + lineNo + ", column " + (dateCol + 1)
            + " (" + header.get(dateCol).trim() + "): '" + dateText + "' is not a date in format "
            + request.dateFormat(), e);
      }
      if (previousDate != null && !date.isAfter(previousDate)) {
        throw new CalibrationInputException(source + " line " + lineNo + ", column " + (dateCol + 1)
            + ": date " + dateText + (date.isEqual(previousDate) ? " repeats" : " comes before")
            + " the date on line " + previousLine + " (dates must be unique and increasing)");
      }
      previousDate = date;
      previousLine = lineNo;

      boolean dropRow = false;
      int filledHere = 0;
      for (int j = 0; j < n; j++) {
        int c = assetCol[j];
        String text = cells.get(c).trim();
        if (MISSING_TOKENS.contains(text.toLowerCase(Locale.ROOT))) {
          if (request.missing() == MissingValues.DROP_ROW) {
            dropRow = true;
            continue;
          }
          if (previousRow == null) {
            throw new CalibrationInputException(source + " line " + lineNo + ", column " + (c + 1)
                + " (" + columns[j] + "): missing value '" + text + "' in the first row cannot be "
                + "forward-filled (no earlier price)");
          }
          row[j] = previousRow[j];
          filledHere++;
          continue;
        }
        double price;
        try {
          price = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new CalibrationInputException(source + " line " + lineNo + ", column " + (c + 1)
              + " (" + columns[j] + "): '" + text + "' is not a number", e);
        }
        if (!(price > 0) || Double.isInfinite(price)) {
          throw new CalibrationInputException(source + " line " + lineNo + ", column " + (c + 1)
              + " (" + columns[j] + "): price " + text + " must be positive and finite "
              + "(log returns need positive prices)");
        }
        row[j] = price;
      }
      if (dropRow) {
        rowsDropped++;
        continue;
      }
      filled += filledHere;
      int r = dates.size();
      if ((r + 1) * n > prices.length) {
        prices = java.util.Arrays.copyOf(prices, 2 * prices.length);
      }
      System.arraycopy(row, 0, prices, r * n, n);
      dates.add(date);
      previousRow = row.clone();
    }
    int rows = dates.size();
    return new PriceTable(source, columns, names, dates.toArray(new LocalDate[0]),
        java.util.Arrays.copyOf(prices, rows * n), rowsRead, rowsDropped, filled);
  }

  /**
   * Asset name from a header cell, keeping its spelling and case (a base asset {@code SPY} matches
   * the column {@code SPY}; matching ignores case): letters, digits, {@code _}, {@code -} and
   * {@code .} are kept; every run of other characters becomes one {@code _}, none at either end.
   */
  static String sanitise(String header) {
    String text = header.trim();
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
          || ch == '_' || ch == '-' || ch == '.';
      if (keep) {
        out.append(ch);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(0, end);
  }

  private static int dateColumn(List<String> header, String wanted, String source, int lineNo) {
    if (wanted == null) {
      return 0;
    }
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c).trim().equalsIgnoreCase(wanted.trim())) {
        return c;
      }
    }
    throw new CalibrationInputException(source + " line " + lineNo + ": no column named '" + wanted
        + "' for the dates; the header has " + header);
  }

  private static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }

  /** Splits one line into cells, honouring double quotes ({@code ""} inside quotes is a quote). */
  static List<String> split(String line, char delimiter, String source, int lineNo) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      throw new CalibrationInputException(source + " line " + lineNo
          + ": a quoted cell is not closed (quotes must come in pairs on one line)");
    }
    cells.add(cell.toString());
    return cells;
  }
}
