package io.unwind.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the base scenario and reading it with its includes inlined. */
class BaseScenarioTest {
  /** The checkout: Maven runs common's tests in {@code common/}. */
  private static final String HOME = Path.of("..").toAbsolutePath().normalize().toString();

  @TempDir
  Path tmp;

  @Test
  void read_baseWithInclude_textHasTheIncludedSectionsAndTheOverride() {
    // crowded.conf includes baseline.conf and overrides market.crowd.
    BaseScenario base = BaseScenario.read("conf/crowded.conf", HOME);
    Config text = ConfigFactory.parseString(base.text());
    assertThat(text.getInt("market.crowd")).isEqualTo(100);
    assertThat(text.getString("name")).isEqualTo("crowded");
    assertThat(text.hasPath("strategy.vol-target")).as("from the included baseline").isTrue();
    assertThat(base.text()).doesNotContain("include");
  }

  @Test
  void read_relativeLocationNotInWorkingDirectory_foundUnderHome() {
    BaseScenario base = BaseScenario.read("conf/baseline.conf", HOME);
    assertThat(base.file()).isRegularFile();
    assertThat(ConfigFactory.parseString(base.text()).getString("name")).isEqualTo("baseline");
  }

  @Test
  void read_missingFile_namesTheOptionAndBothPlaces() {
    assertThatThrownBy(() -> BaseScenario.read("conf/none.conf", HOME))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("--base conf/none.conf").hasMessageContaining("not found")
        .hasMessageContaining(Path.of(HOME).toAbsolutePath().normalize().resolve("conf/none.conf").toString());
  }

  @Test
  void read_notHocon_namesTheOptionAndTheProblem() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.conf"), "name = bad\nstrategy { vol-target = \n");
    assertThatThrownBy(() -> BaseScenario.read(bad.toString(), HOME))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("--base").hasMessageContaining("cannot read");
  }

  @Test
  void read_baseWithoutAssetsOrRegimes_isAcceptedForItsOtherSections() throws IOException {
    Path partial = Files.writeString(tmp.resolve("partial.conf"),
        "strategy { vol-target = 0.12 }\nstrategies = [levered-erc]\n");

    BaseScenario base = BaseScenario.read(partial.toString(), HOME);

    assertThat(base.text()).contains("0.12").contains("levered-erc").doesNotContain("regimes");
  }

  @Test
  void read_directory_rejected() {
    assertThatThrownBy(() -> BaseScenario.read(tmp.toString(), HOME))
        .isInstanceOf(CalibrationInputException.class).hasMessageContaining("is a directory");
  }
}
