package io.unwind.bench;

import io.unwind.config.ResolvedScenario;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The path kernel on the baseline scenario (6 assets, 4 regimes, 2,520 days): one invocation
 * simulates one path under the selected strategies; the score is path-days per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBenchmark {
  /** {@code levered-erc} alone, or {@code all} five variants on common random numbers. */
  @Param({"levered-erc", "all"})
  public String strategies;

  private PathSimulator simulator;
  private PathWorkspace workspace;
  private long pathId;

  @Setup
  public void setUp() {
    ResolvedScenario scenario = BenchScenarios.baseline(
        "all".equals(strategies) ? null : "[" + strategies + "]");
    simulator = new PathSimulator(scenario);
    workspace = simulator.newWorkspace();
  }

  @Benchmark
  @OperationsPerInvocation(BenchScenarios.HORIZON)
  public Object baseline() {
    simulator.simulate(pathId++, workspace);
    return workspace.result(0);
  }
}
