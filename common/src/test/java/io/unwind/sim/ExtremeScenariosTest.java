package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.StrategyKind;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Money is conserved on any path of a valid scenario, however extreme: over the extreme but valid
 * settings of issue 15 (regime vol 3.0, correlations 0.999, dof 2.1, max-leverage 20 with
 * vol-target 0.5, crowd 1000, persistence 1.0, a one-day horizon, one asset), every output is
 * finite, the unlevered variants never borrow (their financing cost is never positive: they only
 * earn the short rate) and never default, and every event row is consistent. Each runs on a
 * three-asset and on a six-asset scenario (the size of the baseline, where the kernel takes its
 * written-out six-asset forms).
 */
class ExtremeScenariosTest {

  /** Every extreme on the three-asset and on the six-asset kernel scenario. */
  static Stream<Arguments> extremes() {
    return Stream.of(3, 6).flatMap(n -> overrides(n).stream().map(o -> Arguments.of(n, o)));
  }

  /** The extremes once, for the one-asset scenario (which keeps only what applies to it). */
  static Stream<Arguments> oneAssetExtremes() {
    return overrides(3).stream().map(o -> Arguments.of((Object) o));
  }

  /** The settings of issue 15, written for a scenario of n assets. */
  private static List<String[]> overrides(int n) {
    String crisisVol = "regimes.crisis.vol = " + vector(n, 3.0, 3.0);
    return List.of(
        new String[] {crisisVol, "regimes.calm.vol = " + vector(n, 3.0, 0.05)},
        new String[] {"regimes.crisis.corr = " + allCorrelated(n, 0.999)},
        new String[] {"regimes.crisis.dof = 2.1", "regimes.calm.dof = 2.1"},
        new String[] {"strategy.max-leverage = 20", "strategy.vol-target = 0.5"},
        new String[] {"market.crowd = 1000"},
        new String[] {"market.persistence = 1.0", "market.crowd = 200"},
        new String[] {"horizon-days = 1"},
        new String[] {crisisVol, "strategy.max-leverage = 20", "strategy.vol-target = 0.5",
            "market.crowd = 1000", "market.persistence = 1.0", "regimes.crisis.dof = 2.1"});
  }

  /** {@code [first, rest, rest, ...]} with n entries. */
  private static String vector(int n, double first, double rest) {
    StringJoiner v = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < n; i++) {
      v.add(Double.toString(i == 0 ? first : rest));
    }
    return v.toString();
  }

  /** An n x n correlation matrix with every off-diagonal entry {@code rho}. */
  private static String allCorrelated(int n, double rho) {
    StringJoiner rows = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < n; i++) {
      StringJoiner row = new StringJoiner(", ", "[", "]");
      for (int j = 0; j < n; j++) {
        row.add(i == j ? "1" : Double.toString(rho));
      }
      rows.add(row.toString());
    }
    return rows.toString();
  }

  @ParameterizedTest(name = "{0} assets: {1}")
  @MethodSource("extremes")
  void simulate_extremeScenario_conservesMoney(int assets, String[] overrides) {
    String[] all = new String[overrides.length + 1];
    all[0] = "horizon-days = 252";
    System.arraycopy(overrides, 0, all, 1, overrides.length);
    ResolvedScenario scenario = KernelScenarios.load(KernelScenarios.ofAssets(assets), all);
    assertThat(scenario.assetCount()).isEqualTo(assets);
    check(scenario, 60);
  }

  @ParameterizedTest
  @MethodSource("oneAssetExtremes")
  void simulate_extremeScenarioOneAsset_conservesMoney(String[] overrides) {
    String oneAsset = String.join("\n",
        "name = one-asset", "horizon-days = 252", "seed = 3",
        "assets = [ { name = eq, class = equity, depth = 5, haircut-floor = 0.15 } ]",
        "regimes {",
        "  calm { mean = [0.08], vol = [0.15], corr = [[1]], expected-days = 60, exits { crisis = 1 } }",
        "  crisis { mean = [-0.5], vol = [3.0], corr = [[1]], dof = 2.1, expected-days = 20,"
            + " exits { calm = 1 } }",
        "}",
        "strategies = [levered-erc, oracle-erc, no-impact, unlevered-erc]");
    String[] kept = java.util.Arrays.stream(overrides)
        .filter(o -> o.startsWith("strategy.") || o.startsWith("market.") || o.startsWith("horizon"))
        .toArray(String[]::new);
    check(KernelScenarios.load(oneAsset, kept), 60);
  }

  private static void check(ResolvedScenario scenario, int paths) {
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    for (long id = 0; id < paths; id++) {
      sim.simulate(id, ws);
      for (int j = 0; j < ws.strategyCount(); j++) {
        PathResult r = ws.result(j);
        double[] values = {r.terminalReturn(), r.maxDrawdown(), r.realizedVol(), r.avgLeverage(),
            r.maxLeverage(), r.forcedSales(), r.impactCost(), r.financingCost(), r.tradingCost(),
            r.shortfall(), r.driftPnl(), r.voluntarySales()};
        for (double v : values) {
          assertThat(Double.isFinite(v)).as("path %d %s: %s", id, r.strategy(), r).isTrue();
        }
        assertThat(r.terminalReturn()).as("path %d %s", id, r.strategy()).isGreaterThanOrEqualTo(-1.0);
        assertThat(r.forcedSales()).isGreaterThanOrEqualTo(0);
        assertThat(r.voluntarySales()).isGreaterThanOrEqualTo(0);
        assertThat(r.multiRoundEpisodes()).isBetween(0, r.deleveragingEpisodes());
        boolean unlevered = r.strategy() == StrategyKind.UNLEVERED_ERC
            || r.strategy() == StrategyKind.SIXTY_FORTY;
        if (unlevered) {
          assertThat(r.financingCost()).as("path %d %s never borrows", id, r.strategy())
              .isLessThanOrEqualTo(0.0);
          assertThat(r.defaulted()).as("path %d %s never defaults", id, r.strategy()).isFalse();
          assertThat(r.marginCalls()).isZero();
          assertThat(r.maxLeverage()).as("path %d %s", id, r.strategy())
              .isLessThanOrEqualTo(1.0 + 1e-9);
        }
      }
      EventLog e = ws.events();
      for (int i = 0; i < e.size(); i++) {
        double[] values = {e.equityBefore(i), e.equityAfter(i), e.grossBefore(i), e.grossAfter(i),
            e.sold(i), e.impactCost(i)};
        for (double v : values) {
          assertThat(Double.isFinite(v)).as("path %d event %d", id, i).isTrue();
        }
        assertThat(e.sold(i)).as("path %d event %d", id, i).isGreaterThanOrEqualTo(0);
        assertThat(e.grossAfter(i)).isLessThanOrEqualTo(e.grossBefore(i) * (1 + 1e-12));
        if (e.trigger(i) == Trigger.DEFAULT) {
          assertThat(e.defaulted(i)).isTrue();
          assertThat(e.grossAfter(i)).isZero();
        }
      }
    }
  }
}
