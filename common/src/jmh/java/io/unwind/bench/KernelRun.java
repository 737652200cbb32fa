package io.unwind.bench;

import io.unwind.config.ResolvedScenario;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.util.Locale;

/**
 * Runs the kernel over a block of paths on one thread and prints the time per path: the scaling
 * table's numbers and a target for a profiler. Thread CPU time is printed beside wall time
 * because the machine is shared: CPU time is less disturbed by other processes.
 *
 * <p>{@code java -cp benchmarks.jar io.unwind.bench.KernelRun PATHS [ASSETS|baseline] [levered-erc|all]}
 */
public final class KernelRun {
  private KernelRun() {
  }

  /** Entry point; see the class comment. */
  public static void main(String[] args) {
    long paths = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
    String shape = args.length > 1 ? args[1] : "baseline";
    String strategies = args.length > 2 && !"all".equals(args[2]) ? "[" + args[2] + "]" : null;
    ResolvedScenario scenario = "baseline".equals(shape)
        ? BenchScenarios.baseline(strategies)
        : BenchScenarios.synthetic(Integer.parseInt(shape), strategies);
    PathSimulator simulator = new PathSimulator(scenario);
    PathWorkspace ws = simulator.newWorkspace();
    long warmup = Math.min(paths / 10, 2_000);
    double checksum = 0;
    for (long p = 0; p < warmup; p++) {
      simulator.simulate(1_000_000_000L + p, ws);
      checksum += ws.result(0).terminalReturn();
    }
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long fingerprint = 17;
    long fullFingerprint = 17;
    for (long p = 0; p < paths; p++) {
      simulator.simulate(p, ws);
      checksum += ws.result(0).terminalReturn();
      fingerprint = fingerprint(fingerprint, ws);
      fullFingerprint = fullFingerprint(fullFingerprint, ws);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf(Locale.ROOT,
        "paths=%d shape=%s strategies=%s seconds=%.2f cpu-seconds=%.2f us/path=%.1f cpu-us/path=%.1f"
            + " path-days/s=%.0f checksum=%.6f fingerprint=%016x full-fingerprint=%016x%n",
        paths, shape, args.length > 2 ? args[2] : "all", seconds, cpu, seconds / paths * 1e6,
        cpu / paths * 1e6,
        paths * (double) scenario.horizonDays() / seconds, checksum, fingerprint, fullFingerprint);
  }

  /**
   * Folds every strategy's result and the event count into a hash of the raw bits, so a kernel
   * change that moves any number by one ulp shows as a different fingerprint.
   */
  private static long fingerprint(long hash, PathWorkspace ws) {
    long h = hash;
    for (int j = 0; j < ws.strategyCount(); j++) {
      PathResult r = ws.result(j);
      double[] fields = {r.terminalReturn(), r.maxDrawdown(), r.realizedVol(), r.avgLeverage(),
          r.maxLeverage(), r.forcedSales(), r.impactCost(), r.financingCost(), r.tradingCost(),
          r.shortfall()};
      for (double f : fields) {
        h = 31 * h + Double.doubleToRawLongBits(f);
      }
      h = 31 * h + r.marginCalls() * 7919L + r.deleveragingDays() * 104729L + r.maxCascadeRounds()
          + r.defaultDay();
    }
    return 31 * h + ws.events().size();
  }

  /**
   * {@link #fingerprint} and every result field it leaves out (drift P&amp;L, voluntary sales,
   * episodes, log weight, days per regime), and every event's columns: the check that a
   * kernel change meant to be bit-identical is.
   */
  private static long fullFingerprint(long hash, PathWorkspace ws) {
    long h = fingerprint(hash, ws);
    for (int j = 0; j < ws.strategyCount(); j++) {
      PathResult r = ws.result(j);
      h = 31 * h + Double.doubleToRawLongBits(r.driftPnl());
      h = 31 * h + Double.doubleToRawLongBits(r.voluntarySales());
      h = 31 * h + Double.doubleToRawLongBits(r.logWeight());
      h = 31 * h + r.deleveragingEpisodes() * 7919L + r.multiRoundEpisodes();
      for (int d : r.daysPerRegime()) {
        h = 31 * h + d;
      }
    }
    EventLog events = ws.events();
    for (int i = 0; i < events.size(); i++) {
      h = 31 * h + events.strategy(i).ordinal() * 7919L + events.day(i) * 104729L
          + events.regime(i) * 31L + events.trigger(i).ordinal() * 17L + events.rounds(i)
          + (events.converged(i) ? 3 : 5) + (events.defaulted(i) ? 11 : 13);
      double[] amounts = {events.equityBefore(i), events.equityAfter(i), events.grossBefore(i),
          events.grossAfter(i), events.sold(i), events.impactCost(i)};
      for (double a : amounts) {
        h = 31 * h + Double.doubleToRawLongBits(a);
      }
    }
    return h;
  }
}
