package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk commit markers on the local file system through Hadoop's FileSystem, and chunk cleanup. */
class ChunkMarkersTest {
  @TempDir
  Path tmp;

  private final Configuration hadoop = new Configuration();

  private static ChunkMarker marker(String runId, int chunk) {
    return new ChunkMarker(runId, chunk, "ab12", 1000, chunk * 1000L, chunk * 1000L + 1000, 4000, 17, 5);
  }

  @Test
  void fromJson_ofToJson_isTheSameMarker() {
    ChunkMarker m = marker("r-1.x", 3);
    assertThat(ChunkMarker.fromJson(m.toJson())).isEqualTo(m);
    assertThat(m.toJson()).contains("\"path_start\":3000").contains("\"event_rows\":17");
  }

  @Test
  void fromJson_missingField_throws() {
    assertThatThrownBy(() -> ChunkMarker.fromJson("{\"run_id\":\"r\",\"chunk\":0}"))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void read_writtenAndGarbledMarkers_returnsOnlyTheValidOnes() throws IOException {
    OutputLayout out = OutputLayout.of(tmp.toString());
    ChunkMarkers.write(hadoop, out, marker("r", 0));
    ChunkMarkers.write(hadoop, out, marker("r", 2));
    ChunkMarkers.write(hadoop, out, marker("other", 1));
    Path dir = Path.of(out.chunkMarkers("r"));
    Files.writeString(dir.resolve("chunk=1.json"), "{\"run_id\":\"r\",\"chu");
    // A marker copied under the wrong name does not commit the chunk its name says.
    Files.writeString(dir.resolve("chunk=4.json"), marker("r", 0).toJson());
    assertThat(ChunkMarkers.read(hadoop, out, "r")).containsOnlyKeys(0, 2);
    assertThat(ChunkMarkers.read(hadoop, out, "r").get(2)).isEqualTo(marker("r", 2));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    ChunkMarkers.delete(hadoop, out, "r", 0);
    assertThat(ChunkMarkers.read(hadoop, out, "r")).containsOnlyKeys(2);
    ChunkMarkers.deleteAll(hadoop, out, "r");
    assertThat(ChunkMarkers.read(hadoop, out, "r")).isEmpty();
    assertThat(ChunkMarkers.read(hadoop, out, "other")).containsOnlyKeys(1);
  }

  @Test
  void deleteChunksExcept_keptAndPartialChunks_deletesOnlyTheUnkept() throws IOException {
    OutputLayout out = OutputLayout.of(tmp.toString());
    for (String s : new String[] {"a", "b"}) {
      for (int c = 0; c < 3; c++) {
        Path d = Path.of(out.chunk(Table.EVENTS, "r", s, c));
        Files.createDirectories(d);
        Files.writeString(d.resolve("part-0.parquet"), "x");
      }
    }
    Path otherRun = Path.of(out.chunk(Table.EVENTS, "r2", "a", 1));
    Files.createDirectories(otherRun);
    Files.writeString(Path.of(out.strategy(Table.EVENTS, "r", "a")).resolve("stray.tmp"), "y");

    assertThat(out.deleteChunksExcept(hadoop, Table.EVENTS, "r", Set.of(0, 2))).containsExactly(1);

    for (String s : new String[] {"a", "b"}) {
      assertThat(Path.of(out.chunk(Table.EVENTS, "r", s, 0))).isDirectory();
      assertThat(Path.of(out.chunk(Table.EVENTS, "r", s, 1))).doesNotExist();
      assertThat(Path.of(out.chunk(Table.EVENTS, "r", s, 2))).isDirectory();
    }
    assertThat(Path.of(out.strategy(Table.EVENTS, "r", "a")).resolve("stray.tmp")).doesNotExist();
    assertThat(otherRun).isDirectory();
    assertThat(out.deleteChunksExcept(hadoop, Table.EVENTS, "missing", Set.of())).isEmpty();
  }
}
