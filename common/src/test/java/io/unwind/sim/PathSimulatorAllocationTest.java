package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The day loop allocates nothing: what a path allocates (its PathRandom stream, one PathResult per
 * strategy, the days-per-regime counts) does not grow with the number of days simulated.
 *
 * <p>A behaviour test, not a timing test: it counts bytes with the JVM's per-thread allocation
 * counter. Each measured block re-simulates paths already simulated once, so the workspace's event
 * and sample buffers have reached their size and the JIT has seen the code.
 */
class PathSimulatorAllocationTest {
  private static final int PATHS = 200;

  /** On three assets (the loops) and six (the written-out forms the baseline runs). */
  @ParameterizedTest(name = "{0} assets")
  @ValueSource(ints = {3, 6})
  void simulate_longerHorizon_allocatesNoMorePerPath(int assets) {
    com.sun.management.ThreadMXBean threads = allocationCounter();
    double shortPerPath = bytesPerPath(threads, assets, 252);
    double longPerPath = bytesPerPath(threads, assets, 1260);
    // 1,008 more days x 5 strategies per path: even one boxed double per strategy-day would add
    // more than 80,000 bytes per path. Allow 64 bytes of noise (a TLAB refill is not counted here,
    // but an occasional event-buffer growth could be).
    assertThat(longPerPath - shortPerPath)
        .as("extra bytes per path for 1008 more days (short %.0f, long %.0f)", shortPerPath, longPerPath)
        .isLessThan(64.0);
    // What a path may allocate: its stream (Philox4x64, its state arrays, the Ziggurat sampler),
    // five PathResult records and one int[] of days per regime: well under 4 KB.
    assertThat(longPerPath).as("bytes per path").isLessThan(4096.0);
  }

  private static double bytesPerPath(com.sun.management.ThreadMXBean threads, int assets,
      int horizon) {
    ResolvedScenario scenario = KernelScenarios.load(KernelScenarios.ofAssets(assets),
        "horizon-days=" + horizon, "sample-every=0");
    PathSimulator simulator = new PathSimulator(scenario);
    PathWorkspace ws = simulator.newWorkspace();
    for (int pass = 0; pass < 2; pass++) {
      for (long id = 0; id < PATHS; id++) {
        simulator.simulate(id, ws);
      }
    }
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (long id = 0; id < PATHS; id++) {
      simulator.simulate(id, ws);
    }
    long after = threads.getThreadAllocatedBytes(thread);
    return (after - before) / (double) PATHS;
  }

  private static com.sun.management.ThreadMXBean allocationCounter() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
        "this JVM has no per-thread allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(),
        "per-thread allocation counting is not supported");
    threads.setThreadAllocatedMemoryEnabled(true);
    return threads;
  }
}
