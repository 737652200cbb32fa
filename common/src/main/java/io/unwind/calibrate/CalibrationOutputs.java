package io.unwind.calibrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a calibration writes: the scenario file, the text report and the Viterbi CSV.
 *
 * <p>{@link #plan} checks every destination before anything is fitted, so bad paths fail fast and
 * write nothing; {@link #write} then writes each file to a temporary sibling and moves it into
 * place, so a reader never sees half a file.
 *
 * @param scenario the scenario file ({@code --out})
 * @param report the text report
 * @param viterbi the most likely regime per date, as CSV
 */
public record CalibrationOutputs(Path scenario, Path report, Path viterbi) {

  /** Suffix of the default report file, after the scenario file's name without extension. */
  public static final String REPORT_SUFFIX = ".report.txt";
  /** Suffix of the default Viterbi file, after the scenario file's name without extension. */
  public static final String VITERBI_SUFFIX = ".viterbi.csv";

  /**
   * The destinations, defaults filled and every one checked.
   *
   * @param out the {@code --out} scenario file
   * @param report the {@code --report} file, or {@code null} for {@code <out-without-ext>.report.txt}
   * @param viterbi the {@code --viterbi} file, or {@code null} for {@code <out-without-ext>.viterbi.csv}
   * @param inputs files the calibration reads (prices, base): none may be overwritten
   * @throws CalibrationInputException naming the option when a destination is a directory, lies
   *     under a file, is not writable, repeats another destination, or is an input
   */
  public static CalibrationOutputs plan(Path out, Path report, Path viterbi, List<Path> inputs) {
    if (out == null || out.toString().isBlank()) {
      throw new CalibrationInputException("--out '': must name the scenario file to write");
    }
    String stem = stem(out);
    Path r = report != null ? report : out.resolveSibling(stem + REPORT_SUFFIX);
    Path v = viterbi != null ? viterbi : out.resolveSibling(stem + VITERBI_SUFFIX);
    Map<String, Path> byOption = new LinkedHashMap<>();
    byOption.put("--out", out);
    byOption.put("--report", r);
    byOption.put("--viterbi", v);
    Map<Path, String> seen = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : byOption.entrySet()) {
      checkWritable(e.getKey(), e.getValue());
      Path normal = e.getValue().toAbsolutePath().normalize();
      String previous = seen.putIfAbsent(normal, e.getKey());
      if (previous != null) {
        throw new CalibrationInputException(e.getKey() + " " + e.getValue() + ": the same file as "
            + previous + "; the scenario, report and Viterbi files must differ");
      }
      for (Path input : inputs) {
        if (input != null && normal.equals(input.toAbsolutePath().normalize())) {
          throw new CalibrationInputException(e.getKey() + " " + e.getValue()
              + ": is an input of this calibration; choose another file to write");
        }
      }
    }
    return new CalibrationOutputs(out, r, v);
  }

  /** The file name without its last extension: {@code conf/mine.conf} gives {@code mine}. */
  public static String stem(Path file) {
    Path name = file.getFileName();
    String s = name == null ? "" : name.toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }

  /**
   * Writes the three files, creating missing parent directories.
   *
   * @throws UncheckedIOException when the file system fails while writing (a failure while
   *     running, not bad input: {@link #plan} has checked the destinations)
   */
  public void write(String scenarioText, String reportText, String viterbiCsv) {
    List<Path> temps = new ArrayList<>();
    try {
      Path[] targets = {scenario, report, viterbi};
      String[] texts = {scenarioText, reportText, viterbiCsv};
      for (int i = 0; i < targets.length; i++) {
        Path target = targets[i].toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        temps.add(temp);
        Files.writeString(temp, texts[i], StandardCharsets.UTF_8);
      }
      for (int i = 0; i < targets.length; i++) {
        move(temps.get(i), targets[i].toAbsolutePath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the calibration's files: " + e.getMessage(), e);
    } finally {
      for (Path t : temps) {
        try {
          Files.deleteIfExists(t);
        } catch (IOException ignored) {
          // Best effort: a leftover hidden temp file is harmless and the real error is reported.
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * A destination is writable when it is not a directory and its nearest existing ancestor is a
   * writable directory (missing directories in between are created when writing).
   */
  private static void checkWritable(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw new CalibrationInputException(option + " " + file + ": is a directory; give a file name");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw new CalibrationInputException(option + " " + file + ": exists and is not writable");
    }
    Path absolute = file.toAbsolutePath().normalize();
    for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw new CalibrationInputException(option + " " + file + ": " + p
              + " is a file, not a directory");
        }
        if (!Files.isWritable(p)) {
          throw new CalibrationInputException(option + " " + file + ": directory " + p
              + " is not writable");
        }
        return;
      }
    }
  }
}
