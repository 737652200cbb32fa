package io.unwind.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning and writing the scenario, report and Viterbi files. */
class CalibrationOutputsTest {
  @TempDir
  Path tmp;

  @Test
  void plan_noReportOrViterbi_defaultsBesideTheScenario() {
    CalibrationOutputs o = CalibrationOutputs.plan(tmp.resolve("a/mine.conf"), null, null, List.of());
    assertThat(o.report()).isEqualTo(tmp.resolve("a/mine.report.txt"));
    assertThat(o.viterbi()).isEqualTo(tmp.resolve("a/mine.viterbi.csv"));
  }

  @Test
  void stem_dropsOnlyTheLastExtension() {
    assertThat(CalibrationOutputs.stem(Path.of("x/my.fit.conf"))).isEqualTo("my.fit");
    assertThat(CalibrationOutputs.stem(Path.of("plain"))).isEqualTo("plain");
    assertThat(CalibrationOutputs.stem(Path.of(".conf"))).isEqualTo(".conf");
  }

  @Test
  void plan_twoOptionsSameFile_rejected() {
    Path out = tmp.resolve("m.conf");
    assertThatThrownBy(() -> CalibrationOutputs.plan(out, out, null, List.of()))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("--report").hasMessageContaining("same file as --out");
  }

  @Test
  void plan_destinationIsAnInput_rejected() throws IOException {
    Path prices = Files.writeString(tmp.resolve("p.csv"), "x");
    assertThatThrownBy(() -> CalibrationOutputs.plan(tmp.resolve("m.conf"), null, tmp.resolve("./p.csv"),
        List.of(prices)))
        .isInstanceOf(CalibrationInputException.class).hasMessageContaining("--viterbi");
  }

  @Test
  void write_missingDirectories_createdAndNoTempFilesLeft() throws IOException {
    CalibrationOutputs o = CalibrationOutputs.plan(tmp.resolve("a/b/m.conf"), null, null, List.of());
    o.write("name = m\n", "report\n", "date,regime\n");
    assertThat(Files.readString(o.scenario())).isEqualTo("name = m\n");
    assertThat(Files.readString(o.report())).isEqualTo("report\n");
    assertThat(Files.readString(o.viterbi())).isEqualTo("date,regime\n");
    try (Stream<Path> files = Files.list(tmp.resolve("a/b"))) {
      assertThat(files).hasSize(3);
    }
  }

  @Test
  void write_existingFile_replaced() throws IOException {
    Path out = Files.writeString(tmp.resolve("m.conf"), "old");
    CalibrationOutputs.plan(out, null, null, List.of()).write("new", "r", "v");
    assertThat(Files.readString(out)).isEqualTo("new");
  }
}
