package io.unwind.jobs.cli;

import io.unwind.strategy.Explain;
import io.unwind.strategy.ExplainReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unwind explain}: per regime ERC weights, leverage at target and the vol-surprise table. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Explain a scenario without simulating: per regime the ERC weights, the leverage "
        + "that hits the vol target, the stationary share, and the realised vol of a book sized in "
        + "one regime living in each other (the vol-surprise table).")
final class ExplainCommand implements Callable<Integer> {
  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();

  @Option(names = "--json", description = "Print JSON for machines instead of a table.")
  boolean json;

  private final CliContext ctx;

  ExplainCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ExplainReport report = Explain.of(scenarioOptions.load());
    ctx.out().println(json ? report.toJson() : report.toTable());
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
