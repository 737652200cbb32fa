package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.sim.PathResult;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The paths rows carry the path's log weight, in the schema's column, on every strategy's row;
 * the runs row says what sampling ran.
 */
class LogWeightColumnTest {

  @Test
  void paths_importanceSampling_everyRowCarriesThePathsLogWeight() {
    ResolvedScenario s = ScenarioLoader.loadFile(Path.of("..", "conf", "baseline.conf"),
        Map.of("horizon-days", "252", "sampling.method", "importance"));
    PathSimulator sim = new PathSimulator(s);
    PathWorkspace ws = sim.newWorkspace();
    sim.simulate(3, ws);
    PathResult[] results = new PathResult[ws.strategyCount()];
    for (int j = 0; j < results.length; j++) {
      results[j] = ws.result(j);
    }
    List<Row> rows = new RowMapper("r", s.regimeNames())
        .paths(PathOutput.of(3, results, ws.events(), ws.samples()), 0);
    int column = Schemas.PATHS.fieldIndex("log_weight");
    assertThat(ws.logWeight()).isNotZero().isFinite();
    assertThat(rows).hasSize(results.length).allSatisfy(r -> {
      assertThat(r.length()).isEqualTo(Schemas.PATHS.size());
      assertThat(r.getDouble(column)).isEqualTo(ws.logWeight());
    });
  }

  @Test
  void runs_importanceSampling_rowSaysWhatSamplingRan() {
    ResolvedScenario s = ScenarioLoader.loadFile(Path.of("..", "conf", "baseline.conf"),
        Map.of("sampling.method", "importance"));
    Row row = RunRecord.starting("r", s, 10, "v", "4", java.time.Instant.EPOCH).toRow();
    assertThat(row.length()).isEqualTo(Schemas.RUNS.size());
    String sampling = row.getString(Schemas.RUNS.fieldIndex("sampling"));
    assertThat(sampling).isEqualTo(s.sampling().describe()).startsWith("importance tilt=auto")
        .contains("shock-shift=0.035");
    ResolvedScenario plain = ScenarioLoader.loadFile(Path.of("..", "conf", "baseline.conf"),
        Map.of());
    assertThat(RunRecord.starting("r", plain, 10, "v", "4", java.time.Instant.EPOCH).toRow()
        .getString(Schemas.RUNS.fieldIndex("sampling"))).isEqualTo("plain");
  }
}
