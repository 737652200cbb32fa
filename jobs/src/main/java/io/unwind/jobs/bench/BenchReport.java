package io.unwind.jobs.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The table {@code unwind bench} prints: setup, one line per (kernel, Spark) pair, median, what is timed. */
public final class BenchReport {
  private static final double MB = 1024.0 * 1024.0;

  private BenchReport() {
  }

  /**
   * What was benchmarked and what was paid outside the timings.
   *
   * @param scenario scenario name
   * @param paths paths per run
   * @param strategies strategies per path
   * @param days horizon in trading days
   * @param seed run seed
   * @param master Spark master
   * @param threads Spark's cores (default parallelism) and so the kernel's threads
   * @param partitions Spark partitions per chunk
   * @param chunks chunks per Spark run
   * @param chunkPaths paths per chunk
   * @param blockPaths paths per block (the unit handed to a kernel thread or a Spark partition)
   * @param java the JVM, e.g. {@code 17.0.15 (OpenJDK 64-Bit Server VM)}
   * @param maxHeap the heap's limit, bytes
   * @param out the output root of the Spark runs
   * @param outDeleted whether the output is deleted after each pair
   * @param jvmToCommand JVM start to the start of the command (class loading, picocli)
   * @param sessionStart Spark session start (once, before pair 1)
   * @param warmup the untimed kernel warm-up run before pair 1
   */
  public record Setup(String scenario, long paths, int strategies, int days, long seed,
      String master, int threads, int partitions, int chunks, long chunkPaths, int blockPaths,
      String java, long maxHeap, String out, boolean outDeleted, Duration jvmToCommand,
      Duration sessionStart, KernelAlone.Result warmup) {
  }

  /**
   * One kernel-alone run followed by one Spark simulate of the same paths.
   *
   * @param number 1-based
   * @param kernel the kernel-alone run (its wall time is the kernel's timing)
   * @param kernelClock CPU time and load over the kernel run
   * @param kernelHeap heap use during the kernel run
   * @param spark wall time (the Spark timing), CPU time and load over the Spark simulate job
   * @param sparkHeap heap use during the Spark run
   * @param written checksum of the {@code paths} rows the Spark run wrote, read back
   * @param readBack time the read-back took (not in either timing)
   */
  public record Pair(int number, KernelAlone.Result kernel, ProcessClock.Phase kernelClock,
      HeapWatch.Phase kernelHeap, ProcessClock.Phase spark, HeapWatch.Phase sparkHeap,
      PathChecksum written, Duration readBack) {
    /** Spark's overhead over the kernel alone in wall time: {@code spark / kernel − 1}. */
    public double overhead() {
      return seconds(spark.wall()) / seconds(kernel.elapsed()) - 1.0;
    }

    /** The same in CPU time of the whole JVM; NaN when the platform reports no CPU time. */
    public double cpuOverhead() {
      double k = seconds(kernelClock.cpu());
      return k > 0 ? seconds(spark.cpu()) / k - 1.0 : Double.NaN;
    }

    /** Whether the Spark run wrote exactly the numbers the kernel computed. */
    public boolean matches() {
      return kernel.checksum().equals(written);
    }
  }

  /** The median of the pairs' wall-time overheads. */
  public static double medianOverhead(List<Pair> pairs) {
    double[] v = new double[pairs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = pairs.get(i).overhead();
    }
    return median(v);
  }

  /** The median of the pairs' CPU-time overheads. */
  public static double medianCpuOverhead(List<Pair> pairs) {
    double[] v = new double[pairs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = pairs.get(i).cpuOverhead();
    }
    return median(v);
  }

  /** The median: the middle value, or the mean of the two middle values of an even count. */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
  }

  /**
   * A signed percentage of a ratio, or "n/a" when it is undefined: a kernel run too short for the
   * JVM's CPU clock to register (0 CPU seconds) has no CPU-time overhead.
   */
  static String percent(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%+.1f%%", 100 * ratio) : "n/a";
  }

  /** The whole report. */
  public static String render(Setup s, List<Pair> pairs) {
    StringBuilder sb = new StringBuilder();
    line(sb, "unwind bench: %s, %,d paths x %d strategies x %,d days, seed %d",
        s.scenario(), s.paths(), s.strategies(), s.days(), s.seed());
    line(sb, "Spark %s: %d cores, %d partitions per chunk, %d chunk(s) of up to %,d paths; "
        + "kernel alone: %d threads; blocks of %,d paths", s.master(), s.threads(), s.partitions(),
        s.chunks(), s.chunkPaths(), s.threads(), s.blockPaths());
    line(sb, "Java %s, max heap %,.0f MB; output %s%s", s.java(), s.maxHeap() / MB, s.out(),
        s.outDeleted() ? " (deleted after each pair)" : " (kept)");
    sb.append('\n');
    line(sb, "%4s | %9s %9s %5s %8s | %9s %9s %5s %8s | %8s %8s | %9s | %s", "pair",
        "kernel s", "CPU s", "cores", "paths/s", "Spark s", "CPU s", "cores", "paths/s",
        "overhead", "CPU ovh", "load", "checksum (paths rows)");
    for (Pair p : pairs) {
      line(sb, "%4d | %9.3f %9.1f %5.2f %,8.0f | %9.3f %9.1f %5.2f %,8.0f | %8s %8s | %4.1f/%4.1f | %s",
          p.number(), seconds(p.kernel().elapsed()), seconds(p.kernelClock().cpu()),
          p.kernelClock().cores(), p.kernel().pathsPerSecond(), seconds(p.spark().wall()),
          seconds(p.spark().cpu()), p.spark().cores(),
          s.paths() / Math.max(1e-9, seconds(p.spark().wall())), percent(p.overhead()),
          percent(p.cpuOverhead()), p.kernelClock().load(), p.spark().load(),
          p.matches() ? String.format(Locale.ROOT, "match (%,d rows)", p.written().rows())
              : String.format(Locale.ROOT, "MISMATCH: kernel %,d rows %016x, Spark wrote %,d rows %016x",
                  p.kernel().checksum().rows(), p.kernel().checksum().sum(), p.written().rows(),
                  p.written().sum()));
    }
    line(sb, "median overhead (Spark / kernel - 1) over %d pair(s): wall %s, CPU %s",
        pairs.size(), percent(medianOverhead(pairs)), percent(medianCpuOverhead(pairs)));
    line(sb, "(CPU s: this JVM's CPU time, every thread; cores: CPU s / wall s; load: the machine's 1-minute");
    line(sb, " load average at the end of the kernel / Spark run. Read wall-time overhead when the load stayed");
    line(sb, " near %d and cores near %d; on a shared machine Spark's extra threads win a larger share of the", s.threads(), s.threads());
    line(sb, " cores than the kernel's, and the CPU-time overhead is the fairer figure.)");
    sb.append('\n');
    line(sb, "heap (max used right after a GC / collections / GC time):");
    for (Pair p : pairs) {
      line(sb, "%4d  kernel %s   Spark %s", p.number(), heap(p.kernelHeap()), heap(p.sparkHeap()));
    }
    sb.append('\n');
    double readBack = 0;
    for (Pair p : pairs) {
      readBack += seconds(p.readBack());
    }
    line(sb, "What each timing holds:");
    line(sb, "  kernel alone    PathSimulator.simulate of path ids 0..%,d on %d plain threads (one",
        s.paths() - 1, s.threads());
    line(sb, "                  simulator + workspace each, blocks handed to whichever thread is free),");
    line(sb, "                  every result folded into the checksum; thread start included");
    line(sb, "  Spark simulate  SimulateJob.run as 'unwind simulate --fresh' runs it: runs row; per chunk");
    line(sb, "                  the kernel in mapPartitions, copy to PathOutput, persist, paths/events/");
    line(sb, "                  samples Parquet writes (sort, zstd), commit counts and marker; last the");
    line(sb, "                  event and sample counts and the complete runs row");
    line(sb, "  in neither      JVM start to the command %.1f s; scenario load; Spark session start %.1f s",
        seconds(s.jvmToCommand()), seconds(s.sessionStart()));
    line(sb, "                  (once, before pair 1); kernel warm-up of %,d paths %.1f s (before pair 1,",
        s.warmup().paths(), seconds(s.warmup().elapsed()));
    line(sb, "                  so JIT compilation of the kernel is not charged to the first kernel run);");
    line(sb, "                  checksum read-back %.1f s per pair; deleting a pair's output",
        readBack / Math.max(1, pairs.size()));
    return sb.toString();
  }

  private static String heap(HeapWatch.Phase h) {
    if (h.collections() == 0) {
      return String.format(Locale.ROOT, "%-28s", "no GC");
    }
    return String.format(Locale.ROOT, "%,6.0f MB / %,5d / %6.2f s", h.maxUsedAfterGc() / MB,
        h.collections(), h.gcMillis() / 1000.0);
  }

  private static void line(StringBuilder sb, String format, Object... args) {
    sb.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
