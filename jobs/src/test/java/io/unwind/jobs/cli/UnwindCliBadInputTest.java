package io.unwind.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input exits with 2 and one message naming the key, before Spark starts and before anything
 * is written under {@code --out}.
 */
class UnwindCliBadInputTest {
  @TempDir
  Path tmp;

  private Path out() {
    return tmp.resolve("out");
  }

  /** Runs simulate with extra args; asserts exit 2, no Spark, no output; returns stderr. */
  private String rejected(String... args) {
    CliHarness cli = CliHarness.noSpark();
    String[] full = new String[args.length + 3];
    full[0] = "simulate";
    full[1] = "--out";
    full[2] = out().toString();
    System.arraycopy(args, 0, full, 3, args.length);
    int code = cli.run(full);
    assertThat(code).as("exit code; stderr: %s", cli.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.sessionRequests.get()).as("Spark requested").isZero();
    assertThat(out()).doesNotExist();
    assertThat(cli.err()).startsWith("unwind: ");
    assertThat(cli.err()).doesNotContain("\tat ");
    return cli.err();
  }

  @Test
  void simulate_badSamplingMethod_exit2NamingKeyValueAndRule() {
    assertThat(rejected("--set", "sampling.method=sometimes")).contains("sampling.method")
        .contains("sometimes").contains("plain | importance");
  }

  @Test
  void simulate_pathsNotANumber_exit2NamingTheOption() {
    assertThat(rejected("--paths", "abc")).contains("--paths").contains("abc");
  }

  @Test
  void simulate_pathsZero_exit2NamingTheKey() {
    assertThat(rejected("--paths", "0")).contains("paths").contains("0");
  }

  @Test
  void simulate_setWithoutEquals_exit2NamingTheOption() {
    assertThat(rejected("--set", "horizon-days")).contains("--set").contains("horizon-days");
  }

  @Test
  void simulate_setUnknownKey_exit2NamingTheKey() {
    assertThat(rejected("--set", "no-such-key=1")).contains("no-such-key");
  }

  @Test
  void simulate_setWrongType_exit2NamingTheKey() {
    assertThat(rejected("--set", "horizon-days=soon")).contains("horizon-days").contains("soon");
  }

  @Test
  void simulate_missingConfigFile_exit2NamingTheFile() {
    assertThat(rejected("--config", tmp.resolve("nope.conf").toString()))
        .contains("--config").contains("nope.conf").contains("not found");
  }

  @Test
  void simulate_missingHadoopUriConfig_exit2NamingTheFile() {
    assertThat(rejected("--config", tmp.resolve("nope.conf").toUri().toString()))
        .contains("nope.conf").contains("not found");
  }

  @Test
  void simulate_malformedHocon_exit2WithTheLine() throws Exception {
    Path bad = tmp.resolve("bad.conf");
    Files.writeString(bad, "name = x\npaths = 10\nassets = [ { name = a \n");
    assertThat(rejected("--config", bad.toString())).contains("bad.conf").containsPattern("(?i)line|:\\d+");
  }

  @Test
  void simulate_correlationNotPositiveDefinite_exit2NamingTheKey() {
    // Equicorrelation -0.5 over six assets has eigenvalue 1 + 5(-0.5) < 0: symmetric, unit
    // diagonal, entries in [-1, 1], and still not a correlation matrix.
    String row = "%s";
    String matrix = java.util.stream.IntStream.range(0, 6)
        .mapToObj(i -> java.util.stream.IntStream.range(0, 6)
            .mapToObj(j -> i == j ? "1" : "-0.5").collect(Collectors.joining(",", "[", "]")))
        .collect(Collectors.joining(",", "[", "]"));
    assertThat(rejected("--set", "regimes.calm.corr=" + String.format(row, matrix)))
        .contains("regimes.calm.corr");
  }

  @Test
  void simulate_badRunId_exit2NamingTheRule() {
    assertThat(rejected("--run-id", "a/b")).contains("--run-id").contains("a/b").contains("[A-Za-z0-9._-]+");
  }

  @Test
  void simulate_partitionsZero_exit2() {
    assertThat(rejected("--partitions", "0")).contains("--partitions");
  }

  @Test
  void simulate_outIsAFile_exit2() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("simulate", "--out", file.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("--out").contains("not a directory");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void aggregate_badInput_sameRulesAsSimulate() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("aggregate", "--out", out().toString(), "--run-id", "..//x"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(out()).doesNotExist();
  }

  @Test
  void validate_unknownKeyInFile_exit2() throws Exception {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("validate", "--set", "strategy.vol-targett=0.1")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("strategy.vol-targett");
    assertThat(Collections.list(new java.util.StringTokenizer(cli.err(), "\n")).size())
        .as("a message, not a stack trace").isLessThan(30);
  }

  /** Exit 2 with exactly one line, for the cases of issue 20 (9, 10) that must not start Spark. */
  private String oneLine(String... args) {
    String err = rejected(args);
    assertThat(err.lines().count()).as("one line: %s", err).isEqualTo(1);
    return err;
  }

  @Test
  void simulate_horizonBeyondTheArrays_exit2OneLine() {
    assertThat(oneLine("--set", "horizon-days=2147483647"))
        .contains("horizon-days").contains("2147483647").contains("at most 25200");
  }

  @Test
  void simulate_maxRoundsAndCrowdBeyondBounds_exit2NamingEach() {
    assertThat(oneLine("--set", "market.max-rounds=2147483647")).contains("market.max-rounds")
        .contains("at most 1000");
    assertThat(oneLine("--set", "market.crowd=1e308")).contains("market.crowd")
        .contains("at most 10000");
    assertThat(oneLine("--set", "market.impact-coefficient=1e308"))
        .contains("market.impact-coefficient").contains("at most 100");
  }

  @Test
  void simulate_volsInPercent_exit2WithAHint() {
    assertThat(oneLine("--set", "regimes.calm.vol=[10.1,14.6,4.7,4.7,15.2,3.3]"))
        .contains("regimes.calm.vol").contains("10.1").contains("at most 5")
        .contains("look like percentages");
  }

  @Test
  void simulate_pathsBeyondTheBound_exit2() {
    assertThat(oneLine("--paths", "1000000000000")).contains("paths")
        .contains("1000000000000").contains("at most 1000000000");
  }

  @Test
  void simulate_pathsAtLongMaxWithHugeChunks_exit2NoOverflow() {
    String err = rejected("--paths", Long.toString(Long.MAX_VALUE), "--chunk-paths",
        "9000000000000000000");
    assertThat(err).contains("paths").contains(Long.toString(Long.MAX_VALUE));
  }

  @Test
  void simulate_chunkPathsBeyondTheBound_exit2() {
    assertThat(oneLine("--paths", "2000", "--chunk-paths", "9000000000000000000"))
        .contains("--chunk-paths").contains("at most 1000000000");
  }

  @Test
  void simulate_partitionsBeyondTheBound_exit2() {
    assertThat(oneLine("--partitions", "100000")).contains("--partitions").contains("100000")
        .contains("[1, 10000]");
  }

  @Test
  void simulate_runIdOf300Characters_exit2() {
    assertThat(oneLine("--run-id", "r".repeat(300))).contains("--run-id")
        .contains("300 characters").contains("at most 128");
  }

  @Test
  void simulate_colonInOut_exit2BeforeSpark() {
    CliHarness cli = CliHarness.noSpark();
    Path colon = tmp.resolve("a:b");
    assertThat(cli.run("simulate", "--out", colon.toString())).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("--out").contains("':'");
    assertThat(cli.err().lines().count()).isEqualTo(1);
    assertThat(colon).doesNotExist();
  }

  @Test
  void simulate_outWithUnknownScheme_exit2() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("simulate", "--out", "nosuchfs://x/y")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("no Hadoop file system for scheme nosuchfs");
  }

  @Test
  void simulate_immutableOut_exit2BeforeSpark() throws Exception {
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    Process chattr = new ProcessBuilder("chattr", "+i", locked.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(chattr.waitFor() == 0, "chattr +i works here");
    try {
      CliHarness cli = CliHarness.noSpark();
      assertThat(cli.run("simulate", "--out", locked.resolve("out").toString()))
          .isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(cli.err()).contains("--out").contains("is not writable");
      assertThat(cli.err().lines().count()).isEqualTo(1);
    } finally {
      new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
    }
  }

  @Test
  void simulate_httpConfig_exit2WithoutFetching() {
    assertThat(oneLine("--config", "http://127.0.0.1:9/baseline.conf"))
        .contains("scheme http").contains("not supported");
  }

  @Test
  void simulate_devZeroConfig_exit2NotOutOfMemory() {
    assertThat(oneLine("--config", "file:///dev/zero")).contains("/dev/zero")
        .contains("not a regular file");
    assertThat(oneLine("--config", "/dev/zero")).contains("not a regular file");
  }

  @Test
  void simulate_environmentSubstitution_exit2NamingTheVariable() {
    assertThat(oneLine("--set", "description=${?SECRET_TOKEN}")).contains("${SECRET_TOKEN}");
  }
}
