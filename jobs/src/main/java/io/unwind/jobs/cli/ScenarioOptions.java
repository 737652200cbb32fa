package io.unwind.jobs.cli;

import io.unwind.config.ResolvedScenario;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that choose and adjust the scenario: {@code --config}, {@code --set}, {@code --paths}, {@code --seed}. */
public final class ScenarioOptions {
  /** The scenario used when {@code --config} is not given. */
  public static final String DEFAULT_CONFIG = "conf/baseline.conf";

  @Option(names = "--config", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
      description = "Scenario file (HOCON): a local path, looked up in the working directory, "
          + "then in the unwind checkout; or a Hadoop URI (hdfs://, s3a://, file:/). "
          + "Default: ${DEFAULT-VALUE}.")
  String config = DEFAULT_CONFIG;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override any scenario key, validated like the file; repeatable. "
          + "E.g. --set horizon-days=252 --set market.crowd=40")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--paths", paramLabel = "N", description = "Simulated paths (same as --set paths=N).")
  Long paths;

  @Option(names = "--seed", paramLabel = "S", description = "Run seed (same as --set seed=S).")
  Long seed;

  /** The overrides handed to the loader: every {@code --set}, then {@code --paths} and {@code --seed}. */
  public Map<String, String> overrides() {
    Map<String, String> all = new LinkedHashMap<>(sets);
    if (paths != null) {
      all.put("paths", Long.toString(paths));
    }
    if (seed != null) {
      all.put("seed", Long.toString(seed));
    }
    return all;
  }

  /** The config location as given. */
  public String config() {
    return config;
  }

  /** Loads and validates the scenario; throws on bad input (exit code 2). */
  public ResolvedScenario load() {
    return ScenarioSource.load(config, overrides());
  }
}
