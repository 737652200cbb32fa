package io.unwind.jobs.simulate;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.RowMapper;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of the simulate job: for one partition's blocks, builds ONE
 * {@link PathSimulator} and {@link PathWorkspace} and runs the kernel once per path id, lazily, so
 * a partition holds one path's output at a time.
 *
 * <p>Serialised to executors with only the broadcast handle, the run id, the block split and the
 * progress accumulator; the driver's scenario object itself never travels with the closure.
 */
final class SimulatePartition implements FlatMapFunction<Iterator<Long>, SimulatedPath> {
  private static final long serialVersionUID = 1L;
  private static final Row[] NO_ROWS = new Row[0];

  private final Broadcast<ResolvedScenario> scenario;
  private final String runId;
  private final PathBlocks blocks;
  private final LongAccumulator pathsDone;

  SimulatePartition(Broadcast<ResolvedScenario> scenario, String runId, PathBlocks blocks,
      LongAccumulator pathsDone) {
    this.scenario = scenario;
    this.runId = runId;
    this.blocks = blocks;
    this.pathsDone = pathsDone;
  }

  @Override
  public Iterator<SimulatedPath> call(Iterator<Long> blockIds) {
    ResolvedScenario s = scenario.value();
    PathSimulator simulator = new PathSimulator(s);
    PathWorkspace ws = simulator.newWorkspace();
    RowMapper rows = new RowMapper(runId, s.regimeNames());
    return new Iterator<>() {
      private long next = -1;
      private long end = -1;
      private final List<Row> eventRows = new ArrayList<>();
      private final List<Row> sampleRows = new ArrayList<>();

      @Override
      public boolean hasNext() {
        while (next >= end) {
          if (!blockIds.hasNext()) {
            return false;
          }
          long b = blockIds.next();
          next = blocks.blockStart(b);
          end = blocks.blockEnd(b);
        }
        return true;
      }

      @Override
      public SimulatedPath next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long pathId = next++;
        int chunk = blocks.chunkOf(pathId);
        simulator.simulate(pathId, ws);
        Row[] pathRows = new Row[ws.strategyCount()];
        for (int i = 0; i < pathRows.length; i++) {
          pathRows[i] = rows.path(ws.result(i), chunk);
        }
        eventRows.clear();
        sampleRows.clear();
        rows.events(pathId, ws.events(), chunk, eventRows);
        rows.samples(pathId, ws.samples(), chunk, sampleRows);
        pathsDone.add(1);
        return new SimulatedPath(pathRows,
            eventRows.isEmpty() ? NO_ROWS : eventRows.toArray(NO_ROWS),
            sampleRows.isEmpty() ? NO_ROWS : sampleRows.toArray(NO_ROWS));
      }
    };
  }
}
