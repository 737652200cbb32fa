package io.unwind.jobs.cli;

import io.unwind.calibrate.BaseScenario;
import io.unwind.calibrate.CalibrationInputException;
import io.unwind.calibrate.CalibrationOutputs;
import io.unwind.calibrate.CalibrationRequest;
import io.unwind.calibrate.Frequency;
import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.BuildInfo;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.PathOutput;
import io.unwind.jobs.replay.ReplayOutput;
import io.unwind.jobs.replay.ReplayReport;
import io.unwind.replay.Episode;
import io.unwind.replay.EpisodeReport;
import io.unwind.replay.HistoryReplay;
import io.unwind.replay.ReplayInputException;
import io.unwind.replay.ReplayRequest;
import io.unwind.sim.PathResult;
import io.unwind.sim.PathWorkspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unwind replay}: run a real price history through the kernel and report named episodes.
 *
 * <p>Order of work: check every option and file, read the prices, find the regimes (fit, or the
 * given path), build the scenario, check every episode against the history — all before Spark
 * starts, so bad input exits 2 with nothing written. Then the kernel runs on the driver (the
 * whole history is one path; windows a few hundred), the report is printed, and Spark writes the
 * run's tables.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
        "Replay a real price history through the same kernel as simulate: every strategy variant, "
            + "financing, vol check, margin and liquidity, crowd impact, on the file's daily log "
            + "returns. Regimes (for the oracle and the regime columns) are the most likely path "
            + "of a model fitted to the file (--regimes K), or a date,regime file (--regime-path; "
            + "calibrate --viterbi writes one). Reports named episodes per strategy and writes "
            + "paths, events, samples, episodes and runs under --out.",
        "",
        "The price CSV is calibrate's: a date column and one column of positive prices per "
            + "asset. Columns are matched to the --config scenario's assets by name, ignoring "
            + "case; others are class other unless --class says."},
    footer = {"",
        "Example: unwind replay --prices conf/history/etf-daily-2007-2025.csv --class SPY=equity "
            + "--class IEV=equity --class IEF=bond --class TLT=bond --class DBC=commodity --class HYG=credit",
        "Exit codes: 0 ok, 2 bad input (nothing written, Spark not started), 1 failure while running."})
final class ReplayCommand implements Callable<Integer> {

  @Mixin
  PriceFileOptions priceFile = new PriceFileOptions();

  @Option(names = "--config", paramLabel = "FILE", defaultValue = ScenarioOptions.DEFAULT_CONFIG,
      description = "Scenario whose strategy, margin, market and strategies sections, and matching "
          + "assets' class, depth and haircut floor, the replay uses. Default: ${DEFAULT-VALUE}.")
  String config = ScenarioOptions.DEFAULT_CONFIG;

  @Option(names = "--regimes", paramLabel = "K",
      description = "Fit a K-regime Gaussian HMM to the daily returns and replay its most likely "
          + "(Viterbi) path. Default: 3.")
  Integer regimes;

  @Option(names = "--regime-path", paramLabel = "FILE",
      description = "A date,regime file giving the regime of every date after the first "
          + "(calibrate --viterbi writes one). When the --config scenario has every column and "
          + "regime, its regimes are used as they are; otherwise each regime's moments are "
          + "estimated from its days.")
  Path regimePath;

  @Option(names = "--ewma-warmup", paramLabel = "DAYS",
      defaultValue = "" + ReplayRequest.DEFAULT_EWMA_WARMUP,
      description = "Trading days before each path that only start the EWMA covariance estimate "
          + "(not traded). 0 starts it at the initial regime's covariance, as simulate does. "
          + "Default: ${DEFAULT-VALUE}.")
  int ewmaWarmup = ReplayRequest.DEFAULT_EWMA_WARMUP;

  @Option(names = "--window-days", paramLabel = "N",
      description = "Cut the history into windows of N trading days, each one path in paths. "
          + "Default: the whole history as one path.")
  Integer windowDays;

  @Option(names = "--step-days", paramLabel = "K",
      description = "Trading days between window starts. Default: 21 (monthly).")
  Integer stepDays;

  @Option(names = "--episodes", paramLabel = "FILE",
      description = "CSV name,start,end (yyyy-MM-dd) of the episodes to report. Default: "
          + "2008-crisis, 2013-taper-tantrum, 2020-crash, 2022-rate-shock.")
  Path episodes;

  @Option(names = "--json", description = "Print the episodes as one JSON object instead of a table.")
  boolean json;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Output root. Default: ${DEFAULT-VALUE}/")
  String out = "out";

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id, [A-Za-z0-9._-]+. Default: replay-<prices file name>.")
  String runId;

  @Option(names = "--partitions", paramLabel = "P", defaultValue = "1",
      description = "Spark partitions of the written rows; the rows do not depend on it. Default: ${DEFAULT-VALUE}.")
  int partitions = 1;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: local[*], or what spark-submit set.")
  String master;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + CalibrationRequest.DEFAULT_SEED,
      description = "Seed of the fit's random starts. Default: ${DEFAULT-VALUE}.")
  long seed = CalibrationRequest.DEFAULT_SEED;

  private final CliContext ctx;

  ReplayCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Plan plan;
    try {
      plan = plan();
    } catch (CalibrationInputException | ReplayInputException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    HistoryReplay replay = plan.replay();
    for (String note : replay.notes()) {
      ctx.err().println("unwind: note: " + note);
    }
    ctx.err().printf(Locale.ROOT, "unwind: replaying %s: %s to %s (%d trading days after a %d-day warm-up), %d strategies%s%n",
        priceFile.prices, replay.wholeDate(0), replay.wholeDate(replay.wholeScenario().horizonDays()),
        replay.wholeScenario().horizonDays(), ewmaWarmup, replay.wholeScenario().strategies().size(),
        replay.windowCount() > 0 ? String.format(Locale.ROOT, "; %d windows of %d days every %d",
            replay.windowCount(), windowDays, stepDays()) : "");
    ctx.err().flush();

    List<PathOutput> paths = new ArrayList<>();
    HistoryReplay.PathSink collect = (id, ws) -> paths.add(output(id, ws));
    HistoryReplay.WholeReplay whole = replay.runWhole(replay.windowCount() > 0 ? null : collect);
    replay.runWindows(collect);

    ctx.out().print(json ? ReplayReport.json(whole, replay.notes()) + "\n" : ReplayReport.table(whole));
    ctx.out().flush();

    ResolvedScenario written = replay.windowCount() > 0 ? replay.windowScenario() : replay.wholeScenario();
    List<EpisodeReport> rows = new ArrayList<>(whole.episodes());
    rows.add(whole.whole());
    SparkSession spark = ctx.sessions().session("unwind replay " + plan.runId(), master);
    ReplayOutput.write(spark, plan.layout(), plan.runId(), written, replay.eventRegimeNames(), paths,
        rows, partitions, BuildInfo.version());
    ctx.err().printf(Locale.ROOT, "unwind: wrote run %s under %s (tables paths, events, samples, episodes, runs; %d path%s)%n",
        plan.runId(), plan.layout().root(), paths.size(), paths.size() == 1 ? "" : "s");
    ctx.err().flush();
    return ExitCodes.OK;
  }

  /** A path's output, copied out of the workspace (the row mapper names only the scenario's regimes in regime_days). */
  private static PathOutput output(long pathId, PathWorkspace ws) {
    PathResult[] results = new PathResult[ws.strategyCount()];
    for (int j = 0; j < results.length; j++) {
      results[j] = ws.result(j);
    }
    return PathOutput.of(pathId, results, ws.events(), ws.samples());
  }

  private record Plan(HistoryReplay replay, String runId, OutputLayout layout) {
  }

  /** Every check that can fail on input, in the order a user would fix them. */
  private Plan plan() {
    List<String> problems = new ArrayList<>();
    if (regimes != null && regimePath != null) {
      problems.add("--regimes " + regimes + " and --regime-path " + regimePath
          + ": give one (fit regimes, or read them)");
    }
    if (regimes != null && regimes < 1) {
      problems.add("--regimes " + regimes + ": must be at least 1");
    }
    if (ewmaWarmup < 0) {
      problems.add("--ewma-warmup " + ewmaWarmup + ": must be at least 0 (trading days)");
    }
    if (windowDays != null && windowDays < 1) {
      problems.add("--window-days " + windowDays + ": must be at least 1");
    }
    if (stepDays != null && windowDays == null) {
      problems.add("--step-days " + stepDays + ": only with --window-days");
    }
    if (stepDays != null && stepDays < 1) {
      problems.add("--step-days " + stepDays + ": must be at least 1");
    }
    if (partitions < 1) {
      problems.add("--partitions " + partitions + ": must be at least 1");
    }
    if (!problems.isEmpty()) {
      throw new BadInputException(String.join("; ", problems));
    }
    priceFile.requirePrices();
    if (regimePath != null) {
      PriceFileOptions.requireFile("--regime-path", regimePath);
    }
    if (episodes != null) {
      PriceFileOptions.requireFile("--episodes", episodes);
    }
    String id = runId != null ? RunOptions.runIdChecked(runId, "--run-id")
        : RunOptions.runIdChecked(defaultRunId(), "run id (replay-<prices file name>; set --run-id)");
    OutputLayout layout = RunOptions.layoutChecked(out);
    BaseScenario base = BaseScenario.read("--config", config, System.getProperty(ScenarioSource.HOME_PROPERTY));
    List<Episode> asked = episodes != null ? Episode.read(episodes) : Episode.defaults();
    CalibrationRequest request = priceFile.request(regimes != null ? regimes : 3, Frequency.DAILY,
        CalibrationRequest.DEFAULT_STARTS, seed, CalibrationRequest.DEFAULT_TOLERANCE,
        CalibrationRequest.DEFAULT_MAX_ITERATIONS);
    HistoryReplay replay = HistoryReplay.prepare(new ReplayRequest(request, id, base.text(), priceFile.classes,
        regimePath, ewmaWarmup, windowDays != null ? windowDays : 0, stepDays(), asked));
    return new Plan(replay, id, layout);
  }

  private int stepDays() {
    return stepDays != null ? stepDays : 21;
  }

  private String defaultRunId() {
    String stem = CalibrationOutputs.stem(priceFile.prices).replaceAll("[^A-Za-z0-9._-]+", "_");
    return "replay-" + (stem.isEmpty() ? "history" : stem);
  }
}
