package io.unwind.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named stretch of history reported per strategy, both dates included.
 *
 * @param name the episode's name, e.g. {@code 2008-crisis}
 * @param start first calendar date (the first trading day on or after it opens the episode)
 * @param end last calendar date (the last trading day on or before it closes it)
 */
public record Episode(String name, LocalDate start, LocalDate end) {

  public Episode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /**
   * The default episodes: the 2008 crisis (2008-01-01 to 2009-06-30), the taper tantrum
   * (2013-04-01 to 2013-09-30), the 2020 crash (2020-01-01 to 2020-06-30) and the 2022 rate shock
   * (2022-01-01 to 2022-12-31).
   */
  public static List<Episode> defaults() {
    return List.of(
        new Episode("2008-crisis", LocalDate.of(2008, 1, 1), LocalDate.of(2009, 6, 30)),
        new Episode("2013-taper-tantrum", LocalDate.of(2013, 4, 1), LocalDate.of(2013, 9, 30)),
        new Episode("2020-crash", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 6, 30)),
        new Episode("2022-rate-shock", LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31)));
  }

  /**
   * Reads an episodes file: a header {@code name,start,end}, then one episode per line, dates
   * {@code yyyy-MM-dd}; blank lines and lines starting with {@code #} are skipped.
   *
   * @throws ReplayInputException naming the file, line and rule for a missing file, a malformed
   *     line, an unparseable date, an end before its start, a repeated name or no episode at all
   */
  public static List<Episode> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReplayInputException("--episodes " + file + ": cannot read the file (" + e + ")");
    }
    List<Episode> episodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean header = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "--episodes " + file + " line " + (i + 1);
      String[] cells = line.split(",", -1);
      if (header) {
        header = false;
        if (cells.length != 3 || !cells[0].strip().equalsIgnoreCase("name")
            || !cells[1].strip().equalsIgnoreCase("start") || !cells[2].strip().equalsIgnoreCase("end")) {
          throw new ReplayInputException(where + ": '" + line + "' must be the header name,start,end");
        }
        continue;
      }
      if (cells.length != 3 || cells[0].isBlank()) {
        throw new ReplayInputException(where + ": '" + line + "' must be name,start,end");
      }
      LocalDate start = date(cells[1], where);
      LocalDate end = date(cells[2], where);
      if (end.isBefore(start)) {
        throw new ReplayInputException(where + ": end " + end + " is before start " + start);
      }
      String name = cells[0].strip();
      if (!names.add(name)) {
        throw new ReplayInputException(where + ": episode name " + name + " repeats (names must be unique)");
      }
      episodes.add(new Episode(name, start, end));
    }
    if (episodes.isEmpty()) {
      throw new ReplayInputException("--episodes " + file + ": no episode (expected a header name,start,end and at least one line)");
    }
    return List.copyOf(episodes);
  }

  private static LocalDate date(String text, String where) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new ReplayInputException(where + ": '" + text.strip() + "' is not a date yyyy-MM-dd");
    }
  }
}
