package io.unwind.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small scenario texts shared by the config tests. */
final class Scenarios {

  private Scenarios() {
  }

  /** Three assets (equity, bond, commodity) and three regimes; valid. */
  static final String THREE_REGIMES = """
      name = test
      paths = 1000
      horizon-days = 252
      seed = 7
      sample-every = 0
      assets = [
        { name = eq, class = equity,    depth = 40, haircut-floor = 0.15 }
        { name = bd, class = bond,      depth = 80, haircut-floor = 0.02 }
        { name = cm, class = commodity, depth = 10, haircut-floor = 0.12 }
      ]
      regimes {
        calm {
          mean = [0.08, 0.03, 0.02]
          vol = [0.10, 0.05, 0.15]
          corr = [[1, -0.3, 0.1], [-0.3, 1, 0], [0.1, 0, 1]]
          expected-days = 60
          exits { stressed = 0.9, crisis = 0.1 }
        }
        stressed {
          mean = [0.0, 0.04, 0.0]
          vol = [0.20, 0.07, 0.18]
          corr = [[1, -0.4, 0.3], [-0.4, 1, -0.1], [0.3, -0.1, 1]]
          funding-spread = 0.004
          expected-days = 40
          exits { calm = 2, crisis = 1 }
        }
        crisis {
          mean = [-0.4, 0.08, -0.3]
          vol = [0.45, 0.10, 0.35]
          corr = [[1, -0.2, 0.5], [-0.2, 1, -0.25], [0.5, -0.25, 1]]
          dof = 5
          expected-days = 20
          exits { stressed = 1 }
        }
      }
      """;

  /** One asset class pair, one regime: needs no expected-days or exits. */
  static final String ONE_REGIME = """
      name = single
      assets = [
        { name = eq, class = equity }
        { name = bd, class = bond }
      ]
      regimes {
        only {
          mean = [0.06, 0.02]
          vol = [0.16, 0.06]
          corr = [[1, -0.2], [-0.2, 1]]
        }
      }
      """;

  static ResolvedScenario load(String text, Map<String, String> overrides) {
    return ScenarioLoader.loadText(text, "test.conf", name -> null, overrides);
  }

  static ResolvedScenario load(String text) {
    return load(text, Map.of());
  }

  /** An ordered override map from alternating keys and values. */
  static Map<String, String> sets(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
