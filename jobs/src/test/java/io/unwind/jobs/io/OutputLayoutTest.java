package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLayoutTest {
  @TempDir
  Path tmp;

  @Test
  void of_uriRoot_keepsSchemeAndDropsTrailingSlash() {
    OutputLayout out = OutputLayout.of("s3a://bucket/unwind/");
    assertThat(out.root()).isEqualTo("s3a://bucket/unwind");
    assertThat(out.strategy(Table.PATHS, "r1", "levered-erc"))
        .isEqualTo("s3a://bucket/unwind/paths/run_id=r1/strategy=levered-erc");
  }

  @Test
  void of_relativeLocalRoot_isMadeAbsolute() {
    OutputLayout out = OutputLayout.of("out");
    assertThat(Path.of(out.root())).isAbsolute();
    assertThat(out.run(Table.SUMMARY, "x")).endsWith("/out/summary/run_id=x");
  }

  @Test
  void hasScheme_windowsLikeOrPlainPaths_areLocal() {
    assertThat(OutputLayout.hasScheme("hdfs://nn/x")).isTrue();
    assertThat(OutputLayout.hasScheme("file:/tmp/x")).isTrue();
    assertThat(OutputLayout.hasScheme("out/x")).isFalse();
    assertThat(OutputLayout.hasScheme("/abs/x")).isFalse();
  }

  @Test
  void deleteRun_twoRuns_removesOnlyTheNamedOne() throws Exception {
    OutputLayout out = OutputLayout.of(tmp.toString());
    Path a = Files.createDirectories(tmp.resolve("paths/run_id=a/strategy=s"));
    Path b = Files.createDirectories(tmp.resolve("paths/run_id=b/strategy=s"));
    Files.writeString(a.resolve("f"), "x");
    Files.writeString(b.resolve("f"), "x");
    Configuration conf = new Configuration();
    assertThat(out.deleteRun(conf, Table.PATHS, "a")).isTrue();
    assertThat(out.exists(conf, Table.PATHS, "a")).isFalse();
    assertThat(b.resolve("f")).exists();
    assertThat(out.deleteRun(conf, Table.PATHS, "a")).isFalse();
  }
}
