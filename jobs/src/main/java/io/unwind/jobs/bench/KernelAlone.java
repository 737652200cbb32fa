package io.unwind.jobs.bench;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.simulate.PathBlocks;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The path kernel alone, with no Spark: {@link PathSimulator#simulate} over path ids
 * {@code [0, paths)} on plain Java threads, one simulator and {@link PathWorkspace} per thread
 * (as one Spark partition has), the blocks of a {@link PathBlocks} split handed out to whichever
 * thread is free. Each result is folded into a {@link PathChecksum}, so the JIT cannot drop the
 * work and the numbers can be compared with what a Spark run wrote.
 */
public final class KernelAlone {
  private KernelAlone() {
  }

  /**
   * One timed run.
   *
   * @param paths paths simulated
   * @param threads threads used
   * @param elapsed wall time from submitting the first block to the last thread's end (thread
   *     start and the per-thread simulator set-up included)
   * @param checksum checksum of every (path, strategy) result
   */
  public record Result(long paths, int threads, Duration elapsed, PathChecksum checksum) {
    /** Paths per second of wall time. */
    public double pathsPerSecond() {
      return paths / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
  }

  /**
   * Simulates the first {@code paths} path ids of {@code blocks} on {@code threads} threads.
   *
   * @param scenario the resolved scenario
   * @param blocks the block split (the one the Spark run uses)
   * @param paths how many paths from id 0 (at most {@code blocks.paths()}); fewer for a warm-up
   * @param threads number of threads, at least 1
   * @return wall time and checksum
   */
  public static Result run(ResolvedScenario scenario, PathBlocks blocks, long paths, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (paths < 1 || paths > blocks.paths()) {
      throw new IllegalArgumentException("paths must be in [1, " + blocks.paths() + "], was " + paths);
    }
    long blockCount = (paths + blocks.blockPaths() - 1) / blocks.blockPaths();
    AtomicLong nextBlock = new AtomicLong();
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, "unwind-kernel-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    try {
      List<Future<PathChecksum>> parts = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        parts.add(pool.submit(worker(scenario, blocks, paths, blockCount, nextBlock)));
      }
      PathChecksum total = PathChecksum.EMPTY;
      for (Future<PathChecksum> part : parts) {
        total = total.plus(part.get());
      }
      return new Result(paths, threads, Duration.ofNanos(System.nanoTime() - start), total);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the kernel ran", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("the kernel failed", cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<PathChecksum> worker(ResolvedScenario scenario, PathBlocks blocks,
      long paths, long blockCount, AtomicLong nextBlock) {
    return () -> {
      PathSimulator simulator = new PathSimulator(scenario);
      PathWorkspace ws = simulator.newWorkspace();
      int strategies = ws.strategyCount();
      long rows = 0;
      long sum = 0;
      for (long b = nextBlock.getAndIncrement(); b < blockCount; b = nextBlock.getAndIncrement()) {
        long end = Math.min(blocks.blockEnd(b), paths);
        for (long pathId = blocks.blockStart(b); pathId < end; pathId++) {
          simulator.simulate(pathId, ws);
          for (int s = 0; s < strategies; s++) {
            sum += PathChecksum.hash(ws.result(s));
          }
          rows += strategies;
        }
      }
      return new PathChecksum(rows, sum);
    };
  }
}
