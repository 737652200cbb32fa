package io.unwind.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.jobs.io.BuildInfo;
import org.junit.jupiter.api.Test;

/** The commands that start no Spark: version, help, validate, explain. */
class UnwindCliTest {
  @Test
  void version_printsCodeAndSparkVersion() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("--version")).isZero();
    assertThat(cli.out()).contains("unwind " + BuildInfo.version()).contains("Spark 4.");
    assertThat(BuildInfo.version()).doesNotContain("${");
  }

  @Test
  void help_everySubcommand_exit0AndListsOptions() {
    for (String sub : new String[] {"simulate", "aggregate", "run", "validate", "explain"}) {
      CliHarness cli = CliHarness.noSpark();
      assertThat(cli.run(sub, "--help")).as(sub).isZero();
      assertThat(cli.out()).as(sub).contains("--config").contains("--set");
    }
  }

  @Test
  void noSubcommand_printsUsage() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run()).isZero();
    assertThat(cli.out()).contains("simulate").contains("explain").contains("Exit codes");
  }

  @Test
  void unknownSubcommand_exit2() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("simulatee")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("simulatee");
  }

  @Test
  void validate_baseline_printsTheResolvedScenarioWithoutSpark() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("validate", "--set", "paths=1234")).as(cli.err()).isZero();
    assertThat(cli.out()).contains("baseline").contains("1234");
  }

  @Test
  void explain_json_hasAssetsAndRegimes() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("explain", "--json")).as(cli.err()).isZero();
    assertThat(cli.out().strip()).startsWith("{").contains("\"assets\"").contains("\"regimes\"")
        .contains("us_equity").contains("crisis");
  }

  @Test
  void explain_table_namesEveryRegime() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("explain")).as(cli.err()).isZero();
    assertThat(cli.out()).contains("calm").contains("crisis");
  }

  @Test
  void validate_configAsHadoopUri_readsItAndItsIncludes() {
    // crowded.conf includes baseline.conf: the include is read through Hadoop beside the file.
    java.nio.file.Path crowded = java.nio.file.Path.of(System.getProperty("unwind.home"), "conf/crowded.conf")
        .toAbsolutePath().normalize();
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("validate", "--config", crowded.toUri().toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("crowded").contains("us_equity");
  }

  @Test
  void simulate_sparkFailsWhileRunning_exit1WithTheCause() {
    java.io.StringWriter err = new java.io.StringWriter();
    CliContext ctx = new CliContext((app, master) -> {
      throw new IllegalStateException("cluster unreachable");
    }, new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true), System.err);
    int code = UnwindCli.execute(ctx, "simulate", "--paths", "10", "--out",
        System.getProperty("java.io.tmpdir") + "/unwind-never-written");
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("simulate failed").contains("cluster unreachable");
  }
}
