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

  /**
   * Six assets shaped like the baseline's (two equity indices, two government bonds, commodities,
   * high yield), two regimes, Student-t shocks in the crisis: the size at which the kernel runs its
   * written-out six-asset forms (re-marking, EWMA close, vol check, shocks, ERC products), which a
   * three-asset scenario never reaches.
   */
  static final String SIX_ASSETS = String.join("\n",
      "name = kernel-test-six",
      "paths = 1000",
      "horizon-days = 504",
      "seed = 43",
      "sample-every = 7",
      "assets = [",
      "  { name = us_eq, class = equity, depth = 60, haircut-floor = 0.15 }",
      "  { name = eu_eq, class = equity, depth = 40, haircut-floor = 0.15 }",
      "  { name = ust, class = bond, depth = 100, haircut-floor = 0.02 }",
      "  { name = bund, class = bond, depth = 60, haircut-floor = 0.03 }",
      "  { name = cmdty, class = commodity, depth = 15, haircut-floor = 0.12 }",
      "  { name = hy, class = credit, depth = 6, haircut-floor = 0.10 }",
      "]",
      "regimes {",
      "  calm {",
      "    mean = [0.08, 0.07, 0.03, 0.025, 0.04, 0.05]",
      "    vol = [0.14, 0.16, 0.06, 0.055, 0.18, 0.05]",
      "    corr = [[1, 0.56, -0.24, -0.2, 0.32, 0.48], [0.56, 1, -0.21, -0.175, 0.28, 0.42],"
          + " [-0.24, -0.21, 1, 0.075, -0.12, -0.18], [-0.2, -0.175, 0.075, 1, -0.1, -0.15],"
          + " [0.32, 0.28, -0.12, -0.1, 1, 0.24], [0.48, 0.42, -0.18, -0.15, 0.24, 1]]",
      "    funding-spread = 0.002",
      "    expected-days = 120",
      "    exits { crisis = 1 }",
      "  }",
      "  crisis {",
      "    mean = [-0.4, -0.45, 0.1, 0.08, -0.3, -0.3]",
      "    vol = [0.45, 0.5, 0.10, 0.09, 0.4, 0.25]",
      "    corr = [[1, 0.855, -0.19, -0.095, 0.57, 0.807], [0.855, 1, -0.18, -0.09, 0.54, 0.765],"
          + " [-0.19, -0.18, 1, 0.02, -0.12, -0.17], [-0.095, -0.09, 0.02, 1, -0.06, -0.085],"
          + " [0.57, 0.54, -0.12, -0.06, 1, 0.51], [0.807, 0.765, -0.17, -0.085, 0.51, 1]]",
      "    dof = 5",
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

  /** The kernel scenario of three or six assets: {@link #TWO_REGIMES} or {@link #SIX_ASSETS}. */
  static String ofAssets(int n) {
    if (n != 3 && n != 6) {
      throw new IllegalArgumentException("no kernel scenario of " + n + " assets");
    }
    return n == 6 ? SIX_ASSETS : TWO_REGIMES;
  }

  static ResolvedScenario load(String text, String... overrides) {
    Map<String, String> set = new LinkedHashMap<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      set.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
    }
    return ScenarioLoader.loadText(text, "kernel test", name -> null, set);
  }
}
