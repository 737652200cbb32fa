package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.StrategyKind;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.SampleLog;
import org.junit.jupiter.api.Test;

/** Issue 20 case 2: a non-finite kernel value is found and located before a chunk commits. */
class PathOutputFiniteTest {
  private static PathResult result(StrategyKind kind, double terminalReturn, double realizedVol) {
    return new PathResult(17, kind, terminalReturn, 0.1, realizedVol, 1, 1, 0, 0, 0, 0, 0, 0, 0,
        false, -1, 0, new int[] {63}, 0, 0, 0, 0);
  }

  @Test
  void firstNonFinite_allFinite_null() {
    PathOutput p = PathOutput.of(17, new PathResult[] {
        result(StrategyKind.LEVERED_ERC, -0.2, 0.1), result(StrategyKind.SIXTY_FORTY, 0.1, 0.08)},
        new EventLog(), new SampleLog());
    assertThat(p.firstNonFinite()).isNull();
  }

  @Test
  void firstNonFinite_nanInSecondStrategy_namesPathStrategyAndColumn() {
    PathOutput p = PathOutput.of(17, new PathResult[] {
        result(StrategyKind.LEVERED_ERC, -0.2, 0.1), result(StrategyKind.SIXTY_FORTY, Double.NaN, 0.08)},
        new EventLog(), new SampleLog());
    assertThat(p.firstNonFinite())
        .isEqualTo("path 17, strategy sixty-forty: paths.terminal_return = NaN");
  }

  @Test
  void firstNonFinite_nanDriftPnl_namesTheColumn() {
    PathResult nan = new PathResult(17, StrategyKind.LEVERED_ERC, -0.2, 0.1, 0.1, 1, 1, 0, 0, 0, 0,
        0, 0, 0, false, -1, 0, new int[] {63}, Double.NaN, 0, 0, 0);
    PathOutput p = PathOutput.of(17, new PathResult[] {nan}, new EventLog(), new SampleLog());
    assertThat(p.firstNonFinite()).isEqualTo("path 17, strategy levered-erc: paths.drift_pnl = NaN");
  }

  @Test
  void firstNonFinite_infiniteVol_namesTheColumn() {
    PathOutput p = PathOutput.of(17, new PathResult[] {
        result(StrategyKind.LEVERED_ERC, -0.2, Double.POSITIVE_INFINITY)},
        new EventLog(), new SampleLog());
    assertThat(p.firstNonFinite())
        .isEqualTo("path 17, strategy levered-erc: paths.realized_vol = Infinity");
  }
}
