package io.unwind.sim;

/**
 * Every array the path kernel needs, allocated once per partition (per thread) and reused for
 * every path. Not thread-safe. After {@link PathSimulator#simulate(long, PathWorkspace)} it holds
 * that path's outcome until the next call.
 */
public final class PathWorkspace {
  final PathResult[] results;
  final EventLog events = new EventLog();
  final SampleLog samples = new SampleLog();

  PathWorkspace(int strategyCount) {
    this.results = new PathResult[strategyCount];
  }

  /** The last simulated path's result per strategy, in the scenario's strategy order. */
  public PathResult result(int strategyIndex) {
    return results[strategyIndex];
  }

  /** Number of strategies, the length of the results. */
  public int strategyCount() {
    return results.length;
  }

  /** The last simulated path's events, all strategies. */
  public EventLog events() {
    return events;
  }

  /** The last simulated path's daily samples (empty when the path is not sampled). */
  public SampleLog samples() {
    return samples;
  }
}
