package io.unwind.bench;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Scenarios the benchmarks run: the shipped baseline, and synthetic ones with n assets. */
public final class BenchScenarios {
  /** Trading days per path in every benchmark scenario (the baseline's ten years). */
  public static final int HORIZON = 2520;

  private BenchScenarios() {
  }

  /**
   * The baseline scenario file, looked up from the working directory: {@code -Dunwind.conf=FILE},
   * else {@code conf/baseline.conf} (repo root) or {@code ../conf/baseline.conf} (a module).
   */
  public static Path baselineFile() {
    String property = System.getProperty("unwind.conf");
    if (property != null) {
      return Path.of(property);
    }
    for (String candidate : new String[] {"conf/baseline.conf", "../conf/baseline.conf"}) {
      Path p = Path.of(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "Cannot find conf/baseline.conf: run from the repository root or set -Dunwind.conf=FILE");
  }

  /**
   * The baseline scenario with the given strategies list, e.g. {@code "[levered-erc]"}; null keeps
   * the file's five. {@code -Dunwind.set="key=value;..."} adds overrides, as {@code --set} does
   * (e.g. {@code sampling.method=importance}).
   */
  public static ResolvedScenario baseline(String strategies) {
    Map<String, String> set = new LinkedHashMap<>();
    if (strategies != null) {
      set.put("strategies", strategies);
    }
    // -Dunwind.set="key=value;key=value": overrides as --set gives them, e.g. sampling.method
    String overrides = System.getProperty("unwind.set");
    if (overrides != null) {
      for (String pair : overrides.split(";")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "Cannot use -Dunwind.set entry '" + pair + "', it must be key=value");
        }
        set.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    ResolvedScenario s = ScenarioLoader.loadFile(baselineFile(), set);
    if (s.horizonDays() != HORIZON) {
      throw new IllegalStateException("baseline horizon is " + s.horizonDays() + ", expected " + HORIZON);
    }
    return s;
  }

  /**
   * A synthetic scenario over {@code n} assets shaped like the baseline: four regimes (calm,
   * stressed, crisis with t(5) shocks, inflation shock), one-factor correlations (positive
   * definite by construction: {@code C = b b^T + diag(1 - b_i^2)}), the baseline's strategy,
   * margin and market settings. Assets cycle through equity, bond, commodity, credit.
   */
  public static ResolvedScenario synthetic(int n, String strategies) {
    String[] classes = {"equity", "bond", "commodity", "credit"};
    double[] depth = {50, 80, 15, 6};
    double[] floor = {0.15, 0.03, 0.12, 0.10};
    // per regime: vol per class, factor loading per class, mean per class, dof, spread, stay
    double[][] vol = {{0.12, 0.05, 0.15, 0.04}, {0.20, 0.065, 0.15, 0.09},
        {0.45, 0.09, 0.32, 0.28}, {0.24, 0.09, 0.25, 0.10}};
    double[][] loading = {{0.85, -0.35, 0.2, 0.4}, {0.88, -0.45, 0.3, 0.6},
        {0.92, -0.3, 0.55, 0.75}, {0.9, 0.6, -0.2, 0.75}};
    double[][] mean = {{0.10, 0.03, 0.04, 0.07}, {0.05, 0.04, 0.02, 0.04},
        {-0.3, 0.08, -0.35, -0.2}, {-0.2, -0.15, 0.25, -0.1}};
    String[] names = {"calm", "stressed", "crisis", "inflation-shock"};
    String[] exits = {"exits { stressed = 0.08, inflation-shock = 0.002 }",
        "exits { calm = 0.086, crisis = 0.046, inflation-shock = 0.003 }",
        "exits { stressed = 0.27 }", "exits { stressed = 0.6, calm = 0.3, crisis = 0.1 }"};
    int[] stay = {60, 38, 19, 126};
    int[] dof = {0, 0, 5, 0};
    double[] spread = {0.002, 0.004, 0.015, 0.005};

    StringBuilder b = new StringBuilder();
    b.append("name = synthetic-").append(n).append('\n');
    b.append("paths = 1000\nhorizon-days = ").append(HORIZON).append("\nseed = 7\nsample-every = 0\n");
    b.append("assets = [\n");
    for (int i = 0; i < n; i++) {
      int c = i % 4;
      b.append(String.format(Locale.ROOT, "  { name = a%d, class = %s, depth = %s, haircut-floor = %s }%n",
          i, classes[c], depth[c], floor[c]));
    }
    b.append("]\nregimes {\n");
    for (int regime = 0; regime < 4; regime++) {
      final int s = regime;
      b.append("  ").append(names[s]).append(" {\n");
      b.append("    mean = ").append(vector(n, i -> mean[s][i % 4])).append('\n');
      // spread vols a little within a class so assets are not exact copies
      b.append("    vol = ").append(vector(n, i -> vol[s][i % 4] * (1 + 0.1 * ((i / 4) % 3)))).append('\n');
      b.append("    corr = [\n");
      for (int i = 0; i < n; i++) {
        final int row = i;
        double bi = loading[s][i % 4] * (1 - 0.05 * ((i / 4) % 2));
        b.append("      ").append(vector(n, j -> {
          if (j == row) {
            return 1.0;
          }
          double bj = loading[s][j % 4] * (1 - 0.05 * ((j / 4) % 2));
          return bi * bj;
        })).append('\n');
      }
      b.append("    ]\n");
      b.append("    dof = ").append(dof[s]).append('\n');
      b.append("    funding-spread = ").append(spread[s]).append('\n');
      b.append("    expected-days = ").append(stay[s]).append('\n');
      b.append("    ").append(exits[s]).append("\n  }\n");
    }
    b.append("}\n");
    b.append("strategy { vol-target = 0.10, max-leverage = 4.0, rebalance-days = 21, vol-band = 0.25,"
        + " ewma-halflife-days = 30, cost-bps = 2, short-rate = 0.02 }\n");
    b.append("margin { enabled = true, z = 2.33, mpor-days = 5, buffer = 0.25 }\n");
    b.append("market { impact = sqrt, impact-coefficient = 1.0, crowd = 20, persistence = 0.5, max-rounds = 50 }\n");
    b.append("strategies = ").append(strategies == null
        ? "[levered-erc, oracle-erc, no-impact, unlevered-erc, sixty-forty]" : strategies).append('\n');
    return ScenarioLoader.loadText(b.toString(), "synthetic-" + n, name -> null, Map.of());
  }

  private interface Entry {
    double at(int i);
  }

  private static String vector(int n, Entry entry) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(String.format(Locale.ROOT, "%.6f", entry.at(i)));
    }
    return b.append(']').toString();
  }
}
