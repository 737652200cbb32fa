package io.unwind.jobs.cli;

import io.unwind.jobs.aggregate.AggregateJob;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.simulate.SimulateJob;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unwind run}: simulate, aggregate, print the summary side by side. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Simulate then aggregate a scenario (default conf/baseline.conf) and print the "
        + "summary: strategies side by side.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();
  @Mixin
  RunOptions runOptions = new RunOptions();
  @Option(names = "--fresh", description = SimulateCommand.FRESH_HELP)
  boolean fresh;

  private final CliContext ctx;

  RunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Prepared p = Prepared.of(scenarioOptions, runOptions);
    SimulateJob.Result simulated = SimulateCommand.simulate(ctx, p, runOptions.master(), fresh);
    AggregateJob.Result summary;
    try {
      summary = AggregateCommand.aggregate(ctx, p.out(), p.runId(), runOptions.master());
    } catch (Exception e) {
      // run = simulate + aggregate: a run without its summary is not complete. (Exception:
      // Spark throws SparkException, checked in Java's eyes, without declaring it.)
      try {
        Tables.writeRun(ctx.sessions().session("unwind run " + p.runId(), runOptions.master()),
            p.out(), simulated.run().finish(RunStatus.FAILED, Instant.now()));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    ctx.out().println(SummaryTable.render(summary));
    ctx.out().println();
    ctx.out().println("Output: " + p.out().root() + "  (tables "
        + String.join(", ", Table.PATHS.dirName(), Table.EVENTS.dirName(), Table.SAMPLES.dirName(),
            Table.SUMMARY.dirName(), Table.HISTOGRAMS.dirName(), Table.RUNS.dirName())
        + "; run_id=" + p.runId() + ")");
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
