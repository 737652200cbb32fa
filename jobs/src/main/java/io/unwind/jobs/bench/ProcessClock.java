package io.unwind.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

/**
 * Wall time and this JVM's CPU time (all threads: workers, Spark's, GC, JIT) over a phase, and
 * the machine's load at its end.
 *
 * <p>Why CPU time beside wall time: on a shared machine the scheduler gives each runnable thread
 * a share, so a phase with more threads (Spark's) takes more of the cores from other processes
 * than the kernel's fixed pool and its wall time flatters it. The CPU time the JVM spent is not
 * moved by that; on a quiet machine both ratios agree.
 */
public final class ProcessClock {
  private final long wallStart;
  private final long cpuStart;

  /**
   * A finished phase.
   *
   * @param wall wall time
   * @param cpu CPU time of every thread of this JVM
   * @param load the machine's one-minute load average at the end (negative when unavailable)
   */
  public record Phase(Duration wall, Duration cpu, double load) {
    /** Cores this JVM kept busy on average: CPU time over wall time. */
    public double cores() {
      return cpu.toNanos() / (double) Math.max(1, wall.toNanos());
    }
  }

  private ProcessClock() {
    this.wallStart = System.nanoTime();
    this.cpuStart = cpuNanos();
  }

  /** Starts timing a phase now. */
  public static ProcessClock start() {
    return new ProcessClock();
  }

  /** The phase from the start to now. */
  public Phase stop() {
    long wall = System.nanoTime() - wallStart;
    long cpu = cpuNanos() - cpuStart;
    return new Phase(Duration.ofNanos(wall), Duration.ofNanos(Math.max(0, cpu)),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** This JVM's CPU time so far, nanoseconds; 0 where the platform does not say. */
  private static long cpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return Math.max(0, sun.getProcessCpuTime());
    }
    return 0;
  }
}
