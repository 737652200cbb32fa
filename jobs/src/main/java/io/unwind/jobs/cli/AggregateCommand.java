package io.unwind.jobs.cli;

import io.unwind.jobs.aggregate.AggregateJob;
import io.unwind.jobs.io.OutputLayout;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code unwind aggregate}: summarise a complete run into the {@code summary} table. */
@Command(name = "aggregate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Summarise a complete run (VaR and ES of loss and drawdown with confidence "
        + "intervals, default and margin-call probabilities) into the summary table.")
final class AggregateCommand implements Callable<Integer> {
  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();
  @Mixin
  RunOptions runOptions = new RunOptions();

  private final CliContext ctx;

  AggregateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Prepared p = Prepared.of(scenarioOptions, runOptions);
    AggregateJob.Result r = aggregate(ctx, p.out(), p.runId(), runOptions.master());
    ctx.out().println(SummaryTable.render(r));
    ctx.out().flush();
    return ExitCodes.OK;
  }

  /** Runs the aggregate job and reports where the summary went. */
  static AggregateJob.Result aggregate(CliContext ctx, OutputLayout out, String runId, String master) {
    SparkSession spark = ctx.sessions().session("unwind aggregate " + runId, master);
    AggregateJob.Result r = AggregateJob.run(spark, out, runId);
    ctx.err().printf(Locale.ROOT, "unwind: aggregated %s in %.1f s (%d passes over the paths): "
        + "%d summary rows%n", runId, r.elapsed().toMillis() / 1000.0, r.passes(), r.rows().size());
    return r;
  }
}
