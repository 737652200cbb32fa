package io.unwind.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeTest {
  @TempDir
  Path tmp;

  @Test
  void read_shippedPublishedWindows_fiveEpisodesInFileOrder() {
    List<Episode> episodes = Episode.read(Path.of("..", "conf", "history", "published-episodes.csv"));

    assertThat(episodes).extracting(Episode::name).containsExactly("2008-calendar", "gfc-2007-09",
        "taper-9may-24jun-2013", "q1-2020-to-9apr", "2022-calendar");
    assertThat(episodes.get(2).start()).isEqualTo(LocalDate.of(2013, 5, 9));
    assertThat(episodes.get(2).end()).isEqualTo(LocalDate.of(2013, 6, 24));
  }

  @Test
  void read_badLines_nameTheLineAndTheRule() throws IOException {
    assertThat(message("name,start,end\na,2020-02-01,2020-01-01\n")).contains("line 2")
        .contains("end 2020-01-01 is before start 2020-02-01");
    assertThat(message("name,start,end\na,2020-01-01,2020-02-30\n")).contains("'2020-02-30' is not a date");
    assertThat(message("name,start,end\na,2020-01-01,2020-02-01\na,2021-01-01,2021-02-01\n"))
        .contains("line 3").contains("repeats");
    assertThat(message("episode,from,to\n")).contains("line 1").contains("header name,start,end");
    assertThat(message("name,start,end\n")).contains("no episode");
  }

  private String message(String text) throws IOException {
    Path f = Files.writeString(Files.createTempFile(tmp, "episodes", ".csv"), text);
    try {
      Episode.read(f);
    } catch (ReplayInputException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + text);
  }

  @Test
  void defaults_theFourEpisodesOfTheIssue() {
    assertThat(Episode.defaults()).extracting(Episode::name)
        .containsExactly("2008-crisis", "2013-taper-tantrum", "2020-crash", "2022-rate-shock");
    assertThatThrownBy(() -> new Episode(null, LocalDate.MIN, LocalDate.MAX))
        .isInstanceOf(NullPointerException.class);
  }
}
