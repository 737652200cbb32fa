package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.StrategyKind;
import io.unwind.strategy.OracleBooks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSimulatorTest {

  /** Every field of a result, bit for bit, as a comparable string. */
  private static String bits(PathResult r) {
    return r.pathId() + "|" + r.strategy() + "|" + Double.doubleToLongBits(r.terminalReturn())
        + "|" + Double.doubleToLongBits(r.maxDrawdown()) + "|" + Double.doubleToLongBits(r.realizedVol())
        + "|" + Double.doubleToLongBits(r.avgLeverage()) + "|" + Double.doubleToLongBits(r.maxLeverage())
        + "|" + r.marginCalls() + "|" + r.deleveragingDays() + "|" + r.maxCascadeRounds()
        + "|" + Double.doubleToLongBits(r.forcedSales()) + "|" + Double.doubleToLongBits(r.impactCost())
        + "|" + Double.doubleToLongBits(r.financingCost()) + "|" + Double.doubleToLongBits(r.tradingCost())
        + "|" + r.defaulted() + "|" + r.defaultDay() + "|" + Double.doubleToLongBits(r.shortfall())
        + "|" + Arrays.toString(r.daysPerRegime()) + "|" + Double.doubleToLongBits(r.driftPnl())
        + "|" + Double.doubleToLongBits(r.voluntarySales()) + "|" + r.deleveragingEpisodes()
        + "|" + r.multiRoundEpisodes();
  }

  private static PathResult resultOf(PathWorkspace ws, StrategyKind kind) {
    for (int j = 0; j < ws.strategyCount(); j++) {
      if (ws.result(j).strategy() == kind) {
        return ws.result(j);
      }
    }
    throw new AssertionError("no result for " + kind);
  }

  private static List<String> run(PathSimulator sim, PathWorkspace ws, long pathId) {
    sim.simulate(pathId, ws);
    List<String> out = new ArrayList<>();
    for (int j = 0; j < ws.strategyCount(); j++) {
      out.add(bits(ws.result(j)));
    }
    EventLog e = ws.events();
    for (int i = 0; i < e.size(); i++) {
      out.add("E" + e.strategy(i) + e.day(i) + "/" + e.rounds(i) + "/" + Double.doubleToLongBits(e.equityAfter(i)));
    }
    SampleLog s = ws.samples();
    for (int i = 0; i < s.size(); i++) {
      out.add("S" + s.strategy(i) + s.day(i) + "/" + Double.doubleToLongBits(s.nav(i)));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} assets")
  @ValueSource(ints = {3, 6})
  void simulate_samePathAloneInBlockOrReversed_bitIdentical(int assets) {
    ResolvedScenario scenario = KernelScenarios.load(KernelScenarios.ofAssets(assets),
        "horizon-days = 252");
    PathSimulator sim = new PathSimulator(scenario);
    List<String> alone = run(sim, sim.newWorkspace(), 7);

    PathWorkspace block = sim.newWorkspace();
    List<String> inBlock = null;
    for (long id = 0; id < 20; id++) {
      List<String> r = run(sim, block, id);
      if (id == 7) {
        inBlock = r;
      }
    }
    PathWorkspace reversed = sim.newWorkspace();
    List<String> inReverse = null;
    for (long id = 19; id >= 0; id--) {
      List<String> r = run(sim, reversed, id);
      if (id == 7) {
        inReverse = r;
      }
    }
    // a fresh simulator from the same scenario (as on another executor)
    PathSimulator other = new PathSimulator(scenario);
    List<String> elsewhere = run(other, other.newWorkspace(), 7);

    assertThat(inBlock).isEqualTo(alone);
    assertThat(inReverse).isEqualTo(alone);
    assertThat(elsewhere).isEqualTo(alone);
    assertThat(run(sim, sim.newWorkspace(), 8)).isNotEqualTo(alone);
  }

  @ParameterizedTest(name = "{0} assets")
  @ValueSource(ints = {3, 6})
  void simulate_everyStrategy_seesTheSameRegimes(int assets) {
    ResolvedScenario scenario = KernelScenarios.load(KernelScenarios.ofAssets(assets));
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    for (long id = 0; id < 50; id++) {
      sim.simulate(id, ws);
      int[] days = ws.result(0).daysPerRegime();
      assertThat(Arrays.stream(days).sum()).isEqualTo(scenario.horizonDays());
      for (int j = 1; j < ws.strategyCount(); j++) {
        assertThat(ws.result(j).daysPerRegime()).isEqualTo(days);
      }
    }
  }

  @Test
  void simulate_oneAssetUnleveredCostless_equityFollowsThePriceExactly() {
    String oneAsset = String.join("\n",
        "name = one", "paths = 10", "horizon-days = 300", "seed = 3",
        "assets = [{ name = a, class = equity, depth = 10, haircut-floor = 0.1 }]",
        "regimes { only { mean = [0.05], vol = [0.2], corr = [[1]] } }",
        "strategy { vol-target = 5.0, max-leverage = 1, cost-bps = 0, short-rate = 0 }",
        "margin { enabled = false }",
        "strategies = [unlevered-erc]");
    ResolvedScenario scenario = KernelScenarios.load(oneAsset);
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    for (long id = 0; id < 10; id++) {
      sim.simulate(id, ws);
      double logPrice = 0;
      for (int t = 0; t < scenario.horizonDays(); t++) {
        logPrice += ws.logReturn[t];
      }
      // fully invested, no cash, no costs: equity is the price
      assertThat(Math.log1p(ws.result(0).terminalReturn())).isCloseTo(logPrice, within(1e-9));
      assertThat(ws.result(0).avgLeverage()).isCloseTo(1.0, within(1e-12));
    }
  }

  @ParameterizedTest(name = "{0} assets")
  @ValueSource(ints = {3, 6})
  void simulate_variants_behaveAsTheirDefinitionsSay(int assets) {
    ResolvedScenario scenario = KernelScenarios.load(KernelScenarios.ofAssets(assets),
        "market.crowd = 200", "horizon-days = 504");
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    OracleBooks oracle = OracleBooks.of(scenario);
    double volTarget = scenario.strategy().volTarget();
    double maxLeverage = scenario.strategy().maxLeverage();
    double leveredImpact = 0;
    double oracleImpact = 0;
    int oracleStartsChecked = 0;
    int oracleSwitchesChecked = 0;
    int firstRebalance = scenario.strategy().rebalanceDays();
    for (long id = 0; id < 200; id++) {
      sim.simulate(id, ws);
      // Day 0 of a sampled path: the oracle holds the initial regime's true ERC book levered to the
      // vol target (what it knows); the levered book, whose estimate starts at that same
      // covariance, holds the same leverage to the solver's tolerance.
      double oracleStart = Double.NaN;
      double leveredStart = Double.NaN;
      double oracleAtFirstRebalance = Double.NaN;
      SampleLog samples = ws.samples();
      for (int i = 0; i < samples.size(); i++) {
        if (samples.day(i) == 0 && samples.strategy(i) == StrategyKind.ORACLE_ERC) {
          oracleStart = samples.leverage(i);
        } else if (samples.day(i) == 0 && samples.strategy(i) == StrategyKind.LEVERED_ERC) {
          leveredStart = samples.leverage(i);
        } else if (samples.day(i) == firstRebalance
            && samples.strategy(i) == StrategyKind.ORACLE_ERC) {
          oracleAtFirstRebalance = samples.leverage(i);
        }
      }
      if (scenario.isSampled(id)) {
        double expected = Math.min(maxLeverage, volTarget / oracle.vol()[ws.regime(0)]);
        assertThat(oracleStart).as("path %d", id).isCloseTo(expected, within(1e-12));
        assertThat(leveredStart).as("path %d", id).isCloseTo(expected, within(1e-6));
        oracleStartsChecked++;
        // It knows the regime: when the regime has changed by the first scheduled rebalance, it
        // re-levers to the new regime's true book (up to the day's costs and impact marks, well
        // under 5 %; the regimes' book vols differ by a factor of about 3).
        int now = ws.regime(firstRebalance);
        PathResult oracleResult = resultOf(ws, StrategyKind.ORACLE_ERC);
        if (now != ws.regime(0) && oracleResult.marginCalls() == 0 && !oracleResult.defaulted()) {
          double relevered = Math.min(maxLeverage, volTarget / oracle.vol()[now]);
          assertThat(oracleAtFirstRebalance / relevered).as("path %d", id)
              .isCloseTo(1.0, within(0.05));
          oracleSwitchesChecked++;
        }
      }
      for (int j = 0; j < ws.strategyCount(); j++) {
        PathResult r = ws.result(j);
        switch (r.strategy()) {
          case NO_IMPACT:
            assertThat(r.impactCost()).as("path %d", id).isZero();
            break;
          case UNLEVERED_ERC:
          case SIXTY_FORTY:
            // costs of a rebalance may borrow a few basis points, never more
            assertThat(r.maxLeverage()).as("path %d %s", id, r.strategy()).isLessThan(1.01);
            assertThat(r.marginCalls()).isZero();
            break;
          case LEVERED_ERC:
            leveredImpact += r.impactCost();
            assertThat(r.maxLeverage()).isGreaterThan(1.0);
            break;
          case ORACLE_ERC:
            // levered on the truth and trading into the same impact as levered-erc
            oracleImpact += r.impactCost();
            assertThat(r.maxLeverage()).as("path %d", id).isGreaterThan(1.0);
            break;
          default:
            throw new AssertionError("no expectation for variant " + r.strategy());
        }
        assertThat(r.maxDrawdown()).isBetween(0.0, 1.0);
        assertThat(r.terminalReturn()).isGreaterThanOrEqualTo(-1.0);
      }
    }
    assertThat(leveredImpact).as("the levered book's sales move prices").isPositive();
    assertThat(oracleImpact).as("the oracle's sales move prices").isPositive();
    assertThat(oracleStartsChecked).as("sampled paths (every 7th of 200)").isEqualTo(29);
    assertThat(oracleSwitchesChecked).as("sampled paths whose regime changed by day %d",
        firstRebalance).isPositive();
  }

  @Test
  void simulate_afterDefault_nothingHappensAndNavStaysZero() {
    // thin markets, a huge crowd and a cap of 20x: defaults must occur
    ResolvedScenario scenario = KernelScenarios.load(KernelScenarios.TWO_REGIMES,
        "strategy.max-leverage = 20", "strategy.vol-target = 0.6", "market.crowd = 1000",
        "margin.buffer = 0", "sample-every = 1");
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    int defaults = 0;
    for (long id = 0; id < 200; id++) {
      sim.simulate(id, ws);
      for (int j = 0; j < ws.strategyCount(); j++) {
        PathResult r = ws.result(j);
        if (!r.defaulted()) {
          continue;
        }
        defaults++;
        assertThat(r.terminalReturn()).isEqualTo(-1.0);
        EventLog e = ws.events();
        for (int i = 0; i < e.size(); i++) {
          if (e.strategy(i) == r.strategy()) {
            assertThat(e.day(i)).as("no event after default").isLessThanOrEqualTo(r.defaultDay());
          }
        }
        SampleLog s = ws.samples();
        for (int i = 0; i < s.size(); i++) {
          if (s.strategy(i) == r.strategy() && s.day(i) >= r.defaultDay()) {
            assertThat(s.nav(i)).isZero();
          }
        }
      }
    }
    assertThat(defaults).as("the scenario must produce defaults").isPositive();
  }

  @Test
  void simulate_extremeButValidScenario_finiteEverywhere() {
    String extreme = KernelScenarios.TWO_REGIMES
        .replace("vol = [0.45, 0.10, 0.25]", "vol = [3.0, 3.0, 3.0]")
        .replace("corr = [[1, 0.3, 0.7], [0.3, 1, 0.2], [0.7, 0.2, 1]]",
            "corr = [[1, 0.999, 0.999], [0.999, 1, 0.999], [0.999, 0.999, 1]]");
    ResolvedScenario scenario = KernelScenarios.load(extreme, "strategy.max-leverage = 20",
        "market.crowd = 1000", "horizon-days = 504");
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    for (long id = 0; id < 100; id++) {
      sim.simulate(id, ws);
      for (int j = 0; j < ws.strategyCount(); j++) {
        PathResult r = ws.result(j);
        double[] values = {r.terminalReturn(), r.maxDrawdown(), r.realizedVol(), r.avgLeverage(),
            r.maxLeverage(), r.forcedSales(), r.impactCost(), r.financingCost(), r.tradingCost(),
            r.shortfall()};
        for (double v : values) {
          assertThat(Double.isFinite(v)).as("path %d %s: %s", id, r.strategy(), bits(r)).isTrue();
        }
      }
      EventLog e = ws.events();
      for (int i = 0; i < e.size(); i++) {
        assertThat(Double.isFinite(e.equityAfter(i)) && Double.isFinite(e.sold(i))).isTrue();
      }
    }
  }

  @Test
  void simulate_margincallEvents_recordConsistentNumbers() {
    // Haircuts high enough that the margin-feasible leverage binds (L h = 1/(1 + buffer)): a few
    // per cent loss of gross then fires a call. At the default floors a 4x book never gets there.
    String binding = KernelScenarios.TWO_REGIMES
        .replace("haircut-floor = 0.15", "haircut-floor = 0.30")
        .replace("haircut-floor = 0.03", "haircut-floor = 0.08")
        .replace("haircut-floor = 0.10", "haircut-floor = 0.20");
    ResolvedScenario scenario = KernelScenarios.load(binding,
        "strategy.max-leverage = 10", "strategy.vol-target = 0.4", "market.crowd = 100");
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    int calls = 0;
    for (long id = 0; id < 300; id++) {
      sim.simulate(id, ws);
      EventLog e = ws.events();
      for (int i = 0; i < e.size(); i++) {
        assertThat(e.rounds(i)).isLessThanOrEqualTo(scenario.market().maxRounds());
        assertThat(e.grossAfter(i)).isLessThanOrEqualTo(e.grossBefore(i) + 1e-12);
        assertThat(e.sold(i)).isGreaterThanOrEqualTo(0);
        if (e.trigger(i) == Trigger.MARGIN_CALL) {
          calls++;
        }
        if (e.strategy(i) == StrategyKind.NO_IMPACT && e.trigger(i) == Trigger.MARGIN_CALL && !e.defaulted(i)) {
          assertThat(e.rounds(i)).as("without impact one round meets a call").isLessThanOrEqualTo(1);
        }
      }
    }
    assertThat(calls).as("the scenario must produce margin calls").isPositive();
  }

  @Test
  void simulate_marketWithoutShocksOrCosts_terminalReturnIsTheDriftPnl() {
    // With vols of 1e-7, no costs, no impact and no interest, a book earns its drift and nothing
    // else: terminal return = sum over days of exposure x (e^{mu dt} - 1), which the drift P&L
    // (exposure x mu dt) matches to the second-order term, ~252 (0.4/252)^2 / 2 x leverage.
    ResolvedScenario scenario = KernelScenarios.load(KernelScenarios.TWO_REGIMES,
        "horizon-days = 252", "regimes.calm.vol = [1e-7, 1e-7, 1e-7]",
        "regimes.crisis.vol = [1e-7, 1e-7, 1e-7]", "regimes.calm.funding-spread = 0",
        "regimes.crisis.funding-spread = 0", "strategy.short-rate = 0", "strategy.cost-bps = 0",
        "market.impact = none", "strategy.max-leverage = 3");
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    boolean sawLoss = false;
    for (long id = 0; id < 20; id++) {
      sim.simulate(id, ws);
      for (int j = 0; j < ws.strategyCount(); j++) {
        PathResult r = ws.result(j);
        assertThat(r.driftPnl()).as("path %d %s", id, r.strategy())
            .isCloseTo(r.terminalReturn(), within(2e-3 * (1 + Math.abs(r.terminalReturn()))));
        assertThat(r.driftPnl()).isNotZero();
        sawLoss |= r.driftPnl() < 0;
      }
    }
    assertThat(sawLoss).as("some path spends long enough in the crisis drift to lose").isTrue();
  }

  @Test
  void simulate_eventsAgreeWithPaths_callsCountedAndDefaultsLogged() {
    // Issue 20 case 11: every margin_call row is one day of paths.margin_calls, a default is
    // logged once (as a call that ended in default or as a default row) and sells what was there.
    String binding = KernelScenarios.TWO_REGIMES
        .replace("haircut-floor = 0.15", "haircut-floor = 0.30")
        .replace("haircut-floor = 0.03", "haircut-floor = 0.08")
        .replace("haircut-floor = 0.10", "haircut-floor = 0.20");
    ResolvedScenario scenario = KernelScenarios.load(binding, "strategy.max-leverage = 20",
        "strategy.vol-target = 0.6", "market.crowd = 300", "regimes.crisis.vol = [1.5, 0.3, 1.0]");
    PathSimulator sim = new PathSimulator(scenario);
    PathWorkspace ws = sim.newWorkspace();
    int defaults = 0;
    for (long id = 0; id < 200; id++) {
      sim.simulate(id, ws);
      EventLog e = ws.events();
      for (int j = 0; j < ws.strategyCount(); j++) {
        PathResult r = ws.result(j);
        int calls = 0;
        int defaultRows = 0;
        for (int i = 0; i < e.size(); i++) {
          if (e.strategy(i) != r.strategy()) {
            continue;
          }
          calls += e.trigger(i) == Trigger.MARGIN_CALL ? 1 : 0;
          defaultRows += e.defaulted(i) ? 1 : 0;
          if (e.defaulted(i)) {
            assertThat(e.day(i)).isEqualTo(r.defaultDay());
            assertThat(e.grossAfter(i)).isZero();
            assertThat(e.sold(i)).isGreaterThanOrEqualTo(0);
            if (e.trigger(i) == Trigger.DEFAULT && e.grossBefore(i) > 0) {
              assertThat(e.sold(i)).as("path %d: a default sells what was there", id).isPositive();
            }
          }
        }
        assertThat(calls).as("path %d %s", id, r.strategy()).isEqualTo(r.marginCalls());
        assertThat(defaultRows).as("path %d %s", id, r.strategy()).isEqualTo(r.defaulted() ? 1 : 0);
        defaults += r.defaulted() ? 1 : 0;
      }
    }
    assertThat(defaults).as("the scenario must produce defaults").isPositive();
  }
}
