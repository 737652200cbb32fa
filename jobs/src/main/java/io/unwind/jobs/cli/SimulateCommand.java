package io.unwind.jobs.cli;

import io.unwind.jobs.simulate.SimulateJob;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unwind simulate}: simulate every path and write paths, events, samples and runs. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Simulate every path of a scenario; write the paths, events, samples and runs tables.")
final class SimulateCommand implements Callable<Integer> {
  @Mixin
  ScenarioOptions scenarioOptions = new ScenarioOptions();
  @Mixin
  RunOptions runOptions = new RunOptions();
  @Option(names = "--fresh", description = FRESH_HELP)
  boolean fresh;

  /** Help text of {@code --fresh} (simulate and run). */
  static final String FRESH_HELP = "Start the run afresh. Default: a run id whose earlier attempt "
      + "was interrupted (runs row running or failed) with the same config resumes, keeping its "
      + "committed chunks.";

  private final CliContext ctx;

  SimulateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Prepared p = Prepared.of(scenarioOptions, runOptions);
    simulate(ctx, p, runOptions.master(), fresh);
    return ExitCodes.OK;
  }

  /** Runs the simulate job for a prepared command and reports what it wrote. */
  static SimulateJob.Result simulate(CliContext ctx, Prepared p, String master, boolean fresh) {
    ctx.err().printf(Locale.ROOT, "unwind: simulating %s: %,d paths x %d strategies, %d days, seed %d%n",
        p.runId(), p.scenario().paths(), p.scenario().strategies().size(),
        p.scenario().horizonDays(), p.scenario().seed());
    SparkSession spark = ctx.sessions().session("unwind simulate " + p.runId(), master);
    SimulateJob.Result r = SimulateJob.run(spark, p.scenario(), p.out(), p.runId(), p.partitions(),
        p.blocks(), fresh, ctx.progress());
    ctx.err().printf(Locale.ROOT,
        "unwind: simulated %s in %.1f s: %,d path rows, %,d event rows, %,d sample rows (%d chunk(s), %d reused; %d partitions)%n",
        p.runId(), r.elapsed().toMillis() / 1000.0, r.pathRows(), r.eventRows(), r.sampleRows(),
        r.chunks(), r.reusedChunks(), r.partitions());
    return r;
  }
}
