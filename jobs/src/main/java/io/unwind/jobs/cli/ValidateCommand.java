package io.unwind.jobs.cli;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code unwind validate}: load and validate the scenario, print it resolved. No Spark. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Validate a scenario (with --set overrides) and print it resolved. Starts no Spark.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();

  private final CliContext ctx;

  ValidateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ResolvedScenario scenario = scenarioOptions.load();
    ctx.out().println(ScenarioLoader.describe(scenario));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
