package io.unwind.sim;

import io.unwind.config.ResolvedScenario;

/**
 * The path kernel: simulates one market path and runs every strategy variant on it, on common
 * random numbers. Stateless apart from the resolved scenario; thread-safe, one
 * {@link PathWorkspace} per thread.
 */
public final class PathSimulator {
  private final ResolvedScenario scenario;

  public PathSimulator(ResolvedScenario scenario) {
    this.scenario = scenario;
  }

  /** A workspace sized for this scenario. */
  public PathWorkspace newWorkspace() {
    return new PathWorkspace(scenario.strategies().size());
  }

  /**
   * Simulates path {@code pathId}; its results, events and samples replace the workspace's.
   * The numbers depend only on (scenario, pathId), never on what the workspace held before.
   */
  public void simulate(long pathId, PathWorkspace ws) {
    throw new UnsupportedOperationException("kernel under construction");
  }

  public ResolvedScenario scenario() {
    return scenario;
  }
}
