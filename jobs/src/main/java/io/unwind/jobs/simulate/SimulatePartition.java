package io.unwind.jobs.simulate;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.PathOutput;
import io.unwind.sim.PathResult;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;

/**
 * The executor side of the simulate job: for one partition's blocks, builds ONE
 * {@link PathSimulator} and {@link PathWorkspace} and runs the kernel once per path id, lazily, so
 * a partition holds one path's output at a time.
 *
 * <p>Serialised to executors with only the broadcast handle, the block split and the
 * progress accumulator; the driver's scenario object itself never travels with the closure.
 */
final class SimulatePartition implements FlatMapFunction<Iterator<Long>, PathOutput> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ResolvedScenario> scenario;
  private final PathBlocks blocks;
  private final LongAccumulator pathsDone;

  SimulatePartition(Broadcast<ResolvedScenario> scenario, PathBlocks blocks, LongAccumulator pathsDone) {
    this.scenario = scenario;
    this.blocks = blocks;
    this.pathsDone = pathsDone;
  }

  @Override
  public Iterator<PathOutput> call(Iterator<Long> blockIds) {
    ResolvedScenario s = scenario.value();
    PathSimulator simulator = new PathSimulator(s);
    PathWorkspace ws = simulator.newWorkspace();
    PathResult[] results = new PathResult[ws.strategyCount()];
    return new Iterator<>() {
      private long next = -1;
      private long end = -1;

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
      public PathOutput next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long pathId = next++;
        simulator.simulate(pathId, ws);
        for (int i = 0; i < results.length; i++) {
          results[i] = ws.result(i);
        }
        PathOutput output = PathOutput.of(pathId, results, ws.events(), ws.samples());
        String nonFinite = output.firstNonFinite();
        if (nonFinite != null) {
          throw new NonFiniteOutputException(nonFinite);
        }
        pathsDone.add(1);
        return output;
      }
    };
  }
}
