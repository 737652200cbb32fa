package io.unwind.sim;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small scenarios for kernel tests, written as users write them and loaded by the real loader. */
final class KernelScenarios {
  private KernelScenarios() {
  }

  /** Three assets, two regimes (calm and a crisis with higher vols and correlations). */
  static final String TWO_REGIMES = String.join("\n",
      "name = kernel-test",
      "paths = 1000",
      "horizon-days = 504",
      "seed = 42",
      "sample-every = 7",
      "assets = [",
      "  { name = eq, class = equity, depth = 20, haircut-floor = 0.15 }",
      "  { name = bond, class = bond, depth = 60, haircut-floor = 0.03 }",
      "  { name = hy, class = credit, depth = 5, haircut-floor = 0.10 }",
      "]",
      "regimes {",
      "  calm {",
      "    mean = [0.08, 0.03, 0.05]",
      "    vol = [0.12, 0.05, 0.04]",
      "    corr = [[1, -0.3, 0.4], [-0.3, 1, 0.0], [0.4, 0.0, 1]]",
      "    funding-spread = 0.002",
      "    expected-days = 120",
      "    exits { crisis = 1 }",
      "  }",
      "  crisis {",
      "    mean = [-0.4, 0.1, -0.3]",
      "    vol = [0.45, 0.10, 0.25]",
      "    corr = [[1, 0.3, 0.7], [0.3, 1, 0.2], [0.7, 0.2, 1]]",
      "    funding-spread = 0.01",
      "    expected-days = 25",
      "    exits { calm = 1 }",
      "  }",
      "}",
      "strategy { vol-target = 0.10, max-leverage = 4.0, rebalance-days = 21, vol-band = 0.25,"
          + " ewma-halflife-days = 30, cost-bps = 2, short-rate = 0.02 }",
      "margin { enabled = true, z = 2.33, mpor-days = 5, buffer = 0.25 }",
      "market { impact = sqrt, impact-coefficient = 1.0, crowd = 20, persistence = 0.5, max-rounds = 50 }",
      "strategies = [levered-erc, oracle-erc, no-impact, unlevered-erc, sixty-forty]");

  static ResolvedScenario load(String text, String... overrides) {
    Map<String, String> set = new LinkedHashMap<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      set.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
    }
    return ScenarioLoader.loadText(text, "kernel test", name -> null, set);
  }
}
