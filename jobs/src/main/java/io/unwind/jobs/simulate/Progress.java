package io.unwind.jobs.simulate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Prints paths done / total, rate and ETA to the console every few seconds while a run simulates.
 *
 * <p>The count is a {@link LongAccumulator} the kernel loop adds to. A driver-side accumulator
 * only grows when a task ends, which for a few long tasks would make progress jump from 0 to
 * 100 %; so a listener also reads the partial values that running tasks report with every
 * executor heartbeat, and adds them to the finished tasks' totals. It works the same on a cluster.
 */
final class Progress implements AutoCloseable {
  private final SparkContext sc;
  private final long total;
  private final String label;
  private final PrintStream console;
  private final Listener listener;
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();
  private long lastPrinted = -1;
  /** On a terminal each line overwrites the last; in a log every update is a line. */
  private final boolean overwrite = System.console() != null;

  Progress(SparkContext sc, LongAccumulator counter, long total, String label, PrintStream console,
      Duration every) {
    this.sc = sc;
    this.total = total;
    this.label = label;
    this.console = console;
    this.listener = new Listener(counter.id());
    sc.addSparkListener(listener);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "unwind-progress");
      t.setDaemon(true);
      return t;
    });
    long ms = every.toMillis();
    timer.scheduleAtFixedRate(this::print, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Paths done so far: finished tasks plus what running tasks last reported. */
  long done() {
    return Math.min(total, listener.done());
  }

  private synchronized void print() {
    long done = done();
    if (done == lastPrinted) {
      return;
    }
    lastPrinted = done;
    String line = line(label, done, total, System.nanoTime() - startNanos);
    if (overwrite) {
      console.print("\r" + line + "\u001b[K");
      console.flush();
    } else {
      console.println(line);
    }
  }

  /** The progress line: {@code label: done / total paths (p %), rate paths/s, ETA m:ss}. */
  static String line(String label, long done, long total, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta = rate > 0 && done < total ? clock((long) Math.ceil((total - done) / rate)) : "-";
    return String.format(Locale.ROOT, "%s: %,d / %,d paths (%.1f %%), %,.0f paths/s, ETA %s",
        label, done, total, 100.0 * done / total, rate, eta);
  }

  /** Seconds as h:mm:ss or m:ss. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sc.removeSparkListener(listener);
    synchronized (this) {
      if (overwrite && lastPrinted >= 0) {
        console.println();
      }
    }
  }

  /** Collects the counter's values from heartbeats (running tasks) and task ends. */
  private static final class Listener extends SparkListener {
    private final long accumulatorId;
    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private final AtomicLong finished = new AtomicLong();

    Listener(long accumulatorId) {
      this.accumulatorId = accumulatorId;
    }

    long done() {
      long sum = finished.get();
      for (long v : running.values()) {
        sum += v;
      }
      return sum;
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
      for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
          : CollectionConverters.asJava(update.accumUpdates())) {
        Long value = valueOf(task._4());
        if (value != null) {
          running.put((Long) task._1(), value);
        }
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      long taskId = end.taskInfo().taskId();
      running.remove(taskId);
      if (end.taskInfo().successful()) {
        Long value = valueOf(end.taskInfo().accumulables());
        if (value != null) {
          finished.addAndGet(value);
        }
      }
    }

    private Long valueOf(scala.collection.Seq<AccumulableInfo> infos) {
      for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
        if (info.id() == accumulatorId && info.update().isDefined()) {
          return ((Number) info.update().get()).longValue();
        }
      }
      return null;
    }
  }
}
