package io.unwind.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.unwind.calibrate.CalibrationRequest;
import io.unwind.calibrate.Frequency;
import io.unwind.calibrate.MissingValues;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.config.StrategyKind;
import io.unwind.sim.PathResult;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReplayTest {
  private static final Path BASELINE = Path.of("..", "conf", "baseline.conf");
  private static final int DAYS = 504;

  @TempDir
  Path tmp;

  /**
   * A price file written from one simulated path's exogenous prices, replayed with that path's
   * regimes and no warm-up (the estimate starts at the initial regime's covariance, as in
   * simulate), gives every strategy simulate's results: replay and simulate are one kernel.
   * Prices are written with full precision (Double.toString round-trips) and day 0 is 1.0, so
   * the replayed prices are the simulated ones bit for bit; the replay's log returns
   * log(P_t / P_{t-1}) equal the drawn returns to an ulp or two, which moves the EWMA estimate by
   * that much: results agree to 1e-9 and every count exactly.
   */
  @Test
  void replay_priceFileOfASimulatedPath_reproducesSimulateForEveryStrategy() throws IOException {
    ResolvedScenario scenario = ScenarioLoader.loadFile(BASELINE,
        Map.of("horizon-days", Integer.toString(DAYS)));
    for (long pathId : new long[] {3, 11}) {
      PathSimulator simulator = new PathSimulator(scenario);
      PathWorkspace simulated = simulator.newWorkspace();
      simulator.simulate(pathId, simulated);
      Path prices = tmp.resolve("path-" + pathId + ".csv");
      Path regimes = tmp.resolve("path-" + pathId + ".regimes.csv");
      writeMarket(scenario, simulated, prices, regimes);

      HistoryReplay replay = HistoryReplay.prepare(new ReplayRequest(request(prices, 3), "replayed",
          baseText(), Map.of(), regimes, 0, 0, 0, List.of()));
      HistoryReplay.WholeReplay whole = replay.runWhole(null);

      assertThat(replay.wholeScenario().horizonDays()).isEqualTo(DAYS);
      assertThat(replay.wholeScenario().regimeNames()).containsExactly(scenario.regimeNames());
      for (int j = 0; j < simulated.strategyCount(); j++) {
        PathResult want = simulated.result(j);
        PathResult got = whole.results()[j];
        String what = "path " + pathId + " " + want.strategy().key();
        assertThat(got.strategy()).isEqualTo(want.strategy());
        assertThat(got.terminalReturn()).as(what).isCloseTo(want.terminalReturn(), within(1e-9));
        assertThat(got.maxDrawdown()).as(what).isCloseTo(want.maxDrawdown(), within(1e-9));
        assertThat(got.avgLeverage()).as(what).isCloseTo(want.avgLeverage(), within(1e-9));
        assertThat(got.deleveragingDays()).as(what).isEqualTo(want.deleveragingDays());
        assertThat(got.marginCalls()).as(what).isEqualTo(want.marginCalls());
        assertThat(got.daysPerRegime()).as(what).containsExactly(want.daysPerRegime());
      }
      // Some strategy must have traded on a vol breach, or the comparison above proves little.
      assertThat(whole.results()).as("path %d", pathId)
          .anySatisfy(r -> assertThat(r.deleveragingDays()).isPositive());
      // The whole-history report reads the same path: its return is the path's terminal return.
      StrategyOutcome levered = whole.whole().strategies().get(StrategyKind.LEVERED_ERC);
      assertThat(levered.totalReturn()).isCloseTo(whole.results()[0].terminalReturn(), within(1e-12));
      assertThat(levered.maxDrawdown()).isCloseTo(whole.results()[0].maxDrawdown(), within(1e-12));
    }
  }

  @Test
  void outcome_episode_drawdownFromTheRunningPeakAndReturnFromTheCloseBefore() throws IOException {
    ResolvedScenario scenario = ScenarioLoader.loadFile(BASELINE,
        Map.of("horizon-days", Integer.toString(DAYS)));
    PathSimulator simulator = new PathSimulator(scenario);
    PathWorkspace ws = simulator.newWorkspace();
    simulator.simulate(5, ws);
    Path prices = tmp.resolve("p.csv");
    Path regimes = tmp.resolve("r.csv");
    writeMarket(scenario, ws, prices, regimes);
    LocalDate d0 = LocalDate.of(2001, 1, 1);
    Episode episode = new Episode("middle", d0.plusDays(100), d0.plusDays(300));
    HistoryReplay replay = HistoryReplay.prepare(new ReplayRequest(request(prices, 3), "x",
        baseText(), Map.of(), regimes, 0, 0, 0, List.of(episode)));
    HistoryReplay.WholeReplay whole = replay.runWhole(null);

    // Recompute from the daily NAVs of a sampled simulate of the same path (sample-every = 1).
    PathWorkspace sampled = simulator.newWorkspace();
    ResolvedScenario everyDay = ScenarioLoader.loadFile(BASELINE,
        Map.of("horizon-days", Integer.toString(DAYS), "sample-every", "1"));
    new PathSimulator(everyDay).simulate(5, sampled);
    double[] nav = new double[DAYS + 1];
    for (int i = 0; i < sampled.samples().size(); i++) {
      if (sampled.samples().strategy(i) == StrategyKind.LEVERED_ERC) {
        nav[sampled.samples().day(i)] = sampled.samples().nav(i);
      }
    }
    double peak = nav[99];
    double drawdown = 0;
    for (int t = 100; t <= 300; t++) {
      peak = Math.max(peak, nav[t]);
      drawdown = Math.max(drawdown, 1 - nav[t] / peak);
    }
    EpisodeReport report = whole.episodes().get(0);
    StrategyOutcome levered = report.strategies().get(StrategyKind.LEVERED_ERC);
    assertThat(report.firstDay()).isEqualTo(d0.plusDays(100));
    assertThat(levered.days()).isEqualTo(201);
    assertThat(levered.totalReturn()).isCloseTo(nav[300] / nav[99] - 1, within(1e-9));
    assertThat(levered.maxDrawdown()).isCloseTo(drawdown, within(1e-9));
    assertThat(report.strategies()).containsOnlyKeys(scenario.strategies());
  }

  @Test
  void prepare_windows_countIsWholeMinusWindowOverStepPlusOne() throws IOException {
    ResolvedScenario scenario = ScenarioLoader.loadFile(BASELINE,
        Map.of("horizon-days", Integer.toString(DAYS)));
    PathSimulator simulator = new PathSimulator(scenario);
    PathWorkspace ws = simulator.newWorkspace();
    simulator.simulate(1, ws);
    Path prices = tmp.resolve("p.csv");
    Path regimes = tmp.resolve("r.csv");
    writeMarket(scenario, ws, prices, regimes);

    // 504 returns, warm-up 20: 484 traded days; windows of 100 every 21 days: (484 - 100) / 21 + 1.
    HistoryReplay replay = HistoryReplay.prepare(new ReplayRequest(request(prices, 3), "x",
        baseText(), Map.of(), regimes, 20, 100, 21, List.of()));
    int[] seen = new int[1];
    replay.runWindows((id, w) -> {
      assertThat(id).isEqualTo(seen[0]);
      assertThat(w.result(0).daysPerRegime()).hasSize(scenario.regimeCount() + 1);
      seen[0]++;
    });
    assertThat(replay.windowCount()).isEqualTo((484 - 100) / 21 + 1);
    assertThat(seen[0]).isEqualTo(replay.windowCount());
    assertThat(replay.windowScenario().horizonDays()).isEqualTo(100);
  }

  @Test
  void prepare_badInput_namesTheProblem() throws IOException {
    ResolvedScenario scenario = ScenarioLoader.loadFile(BASELINE, Map.of("horizon-days", "60"));
    PathSimulator simulator = new PathSimulator(scenario);
    PathWorkspace ws = simulator.newWorkspace();
    simulator.simulate(1, ws);
    Path prices = tmp.resolve("p.csv");
    Path regimes = tmp.resolve("r.csv");
    writeMarket(scenario, ws, prices, regimes);

    assertThatThrownBy(() -> HistoryReplay.prepare(new ReplayRequest(request(prices, 3), "x",
        baseText(), Map.of(), regimes, 63, 0, 0, List.of())))
        .isInstanceOf(ReplayInputException.class)
        .hasMessageContaining("60 daily returns").hasMessageContaining("warm-up of 63");
    Episode outside = new Episode("later", LocalDate.of(2030, 1, 1), LocalDate.of(2030, 6, 30));
    assertThatThrownBy(() -> HistoryReplay.prepare(new ReplayRequest(request(prices, 3), "x",
        baseText(), Map.of(), regimes, 10, 0, 0, List.of(outside))))
        .isInstanceOf(ReplayInputException.class)
        .hasMessageContaining("episode later").hasMessageContaining("not inside");
    Files.writeString(regimes, "date,regime\n2001-01-02,calm\n");
    assertThatThrownBy(() -> HistoryReplay.prepare(new ReplayRequest(request(prices, 3), "x",
        baseText(), Map.of(), regimes, 10, 0, 0, List.of())))
        .isInstanceOf(ReplayInputException.class)
        .hasMessageContaining("no regime for 2001-01-03");
  }

  static CalibrationRequest request(Path prices, int regimes) {
    return new CalibrationRequest(prices, regimes, Frequency.DAILY, ',', null, null,
        MissingValues.DROP_ROW, 2, 1, 1e-6, 200);
  }

  static String baseText() {
    return ConfigFactory.parseFile(BASELINE.toFile()).resolve().root()
        .render(ConfigRenderOptions.concise());
  }

  /** Day t's exogenous prices and regime, dated 2001-01-01 + t days. */
  static void writeMarket(ResolvedScenario s, PathWorkspace ws, Path prices, Path regimes)
      throws IOException {
    StringBuilder p = new StringBuilder("date," + String.join(",", s.assetNames()) + "\n");
    StringBuilder r = new StringBuilder("date,regime\n");
    LocalDate d0 = LocalDate.of(2001, 1, 1);
    for (int t = 0; t <= s.horizonDays(); t++) {
      p.append(d0.plusDays(t));
      for (int i = 0; i < s.assetCount(); i++) {
        p.append(',').append(ws.exoPrice(t, i));
      }
      p.append('\n');
      r.append(d0.plusDays(t)).append(',').append(s.regimeNames()[ws.regime(t)]).append('\n');
    }
    Files.writeString(prices, p);
    Files.writeString(regimes, r);
  }
}
