package io.unwind.jobs.io;

import io.unwind.config.Keyed;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.StrategyKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code runs} table.
 *
 * @param runId the run id
 * @param scenario scenario name
 * @param description scenario description (may be null)
 * @param config resolved configuration, canonical text
 * @param configHash SHA-256 hex of {@code config}
 * @param seed run seed
 * @param paths simulated paths
 * @param steps trading days per path
 * @param assets asset names
 * @param regimes regime names
 * @param strategies strategy keys
 * @param chunkPaths paths per committed chunk
 * @param codeVersion unwind version
 * @param sparkVersion Spark version
 * @param started start instant
 * @param finished finish instant, null while running
 * @param status life-cycle status
 * @param attemptId the attempt that wrote the run ({@link RunOwner}); null in older runs
 * @param sampling what sampling ran ({@code SamplingSettings.describe}: plain, or importance with
 *     its tilt and the daily matrix q, e.g. the cross-entropy pilot's); null in runs written
 *     before the column existed
 */
public record RunRecord(
    String runId,
    String scenario,
    String description,
    String config,
    String configHash,
    long seed,
    long paths,
    int steps,
    List<String> assets,
    List<String> regimes,
    List<String> strategies,
    long chunkPaths,
    String codeVersion,
    String sparkVersion,
    Instant started,
    Instant finished,
    RunStatus status,
    String attemptId,
    String sampling) {

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(started, "started");
    assets = List.copyOf(assets);
    regimes = List.copyOf(regimes);
    strategies = List.copyOf(strategies);
  }

  /** A record without an attempt id (as older versions wrote them). */
  public RunRecord(String runId, String scenario, String description, String config,
      String configHash, long seed, long paths, int steps, List<String> assets,
      List<String> regimes, List<String> strategies, long chunkPaths, String codeVersion,
      String sparkVersion, Instant started, Instant finished, RunStatus status) {
    this(runId, scenario, description, config, configHash, seed, paths, steps, assets, regimes,
        strategies, chunkPaths, codeVersion, sparkVersion, started, finished, status, null, null);
  }

  /** The {@code running} record of a run of {@code s} starting now, without an attempt id. */
  public static RunRecord starting(String runId, ResolvedScenario s, long chunkPaths,
      String codeVersion, String sparkVersion, Instant started) {
    return starting(runId, s, chunkPaths, codeVersion, sparkVersion, started, null);
  }

  /** The {@code running} record of attempt {@code attemptId} of a run of {@code s} starting now. */
  public static RunRecord starting(String runId, ResolvedScenario s, long chunkPaths,
      String codeVersion, String sparkVersion, Instant started, String attemptId) {
    return new RunRecord(runId, s.name(), s.description(), s.canonicalConfig(), s.configHash(),
        s.seed(), s.paths(), s.horizonDays(), Arrays.asList(s.assetNames()),
        Arrays.asList(s.regimeNames()), s.strategies().stream().map(StrategyKind::key).toList(),
        chunkPaths, codeVersion, sparkVersion, started, null, RunStatus.RUNNING, attemptId,
        s.sampling().describe());
  }

  /** This record finished at {@code when} with {@code newStatus}. */
  public RunRecord finish(RunStatus newStatus, Instant when) {
    return new RunRecord(runId, scenario, description, config, configHash, seed, paths, steps,
        assets, regimes, strategies, chunkPaths, codeVersion, sparkVersion, started, when, newStatus,
        attemptId, sampling);
  }

  /** Chunks of the run: {@code ceil(paths / chunk_paths)}. */
  public int chunkCount() {
    return Math.toIntExact((paths + chunkPaths - 1) / chunkPaths);
  }

  /** The row, in {@link Schemas#RUNS} order. */
  public Row toRow() {
    return RowFactory.create(scenario, description, config, configHash, seed, paths, steps,
        assets, regimes, strategies, chunkPaths, codeVersion, sparkVersion,
        Timestamp.from(started), finished == null ? null : Timestamp.from(finished), status.key(),
        attemptId, sampling, runId);
  }

  /** The record of a row read with {@link Schemas#RUNS}. */
  public static RunRecord fromRow(Row r) {
    Timestamp finishedAt = r.getAs("finished");
    return new RunRecord(r.getAs("run_id"), r.getAs("scenario"), r.getAs("description"),
        r.getAs("config"), r.getAs("config_hash"), r.<Long>getAs("seed"), r.<Long>getAs("paths"),
        r.<Integer>getAs("steps"), r.getList(r.fieldIndex("assets")),
        r.getList(r.fieldIndex("regimes")), r.getList(r.fieldIndex("strategies")),
        r.<Long>getAs("chunk_paths"), r.getAs("code_version"), r.getAs("spark_version"),
        r.<Timestamp>getAs("started").toInstant(),
        finishedAt == null ? null : finishedAt.toInstant(), status(r.getAs("status")),
        r.<String>getAs("attempt_id"),
        java.util.Arrays.asList(r.schema().fieldNames()).contains("sampling")
            ? r.getAs("sampling") : null);
  }

  private static RunStatus status(String key) {
    RunStatus status = RunStatus.fromKey(key);
    if (status == null) {
      throw new IllegalArgumentException("runs.status '" + key + "' is none of "
          + Keyed.keys(RunStatus.class));
    }
    return status;
  }
}
