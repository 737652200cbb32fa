package io.unwind.jobs.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a run's path ids into fixed-size blocks and chunks.
 *
 * <p>Block {@code b} holds path ids {@code [b*blockPaths, min((b+1)*blockPaths, paths))}; chunk
 * {@code c} holds whole blocks, path ids {@code [c*chunkPaths, min((c+1)*chunkPaths, paths))}.
 * Neither depends on the partition count, so which ids a block holds, and so the rows a run
 * writes, are the same at any cluster size. A chunk is the unit a run commits. (Each path's
 * numbers depend only on (seed, path id), so not even the block size changes a result; it only
 * spreads the work.)
 *
 * @param paths total paths of the run
 * @param blockPaths paths per block
 * @param chunkPaths paths per chunk, a multiple of {@code blockPaths}
 */
public record PathBlocks(long paths, int blockPaths, long chunkPaths) implements java.io.Serializable {
  /** Paths per block of a large run: small enough to balance work, large enough that scheduling is cheap. */
  public static final int DEFAULT_BLOCK_PATHS = 1_000;
  /** Blocks a run should have at least, so that small runs still spread over every partition. */
  private static final long MIN_BLOCKS = 64;
  /**
   * Paths per chunk: bounds what a chunk holds in memory before its writes (the baseline's
   * 100,000 paths make about 5 million event rows) and is the unit a resumed run recomputes.
   */
  public static final long DEFAULT_CHUNK_PATHS = 100_000;

  public PathBlocks {
    if (paths < 1) {
      throw new IllegalArgumentException("paths must be positive, was " + paths);
    }
    if (blockPaths < 1) {
      throw new IllegalArgumentException("blockPaths must be positive, was " + blockPaths);
    }
    if (chunkPaths < blockPaths || chunkPaths % blockPaths != 0) {
      throw new IllegalArgumentException(
          "chunkPaths must be a positive multiple of blockPaths (" + blockPaths + "), was " + chunkPaths);
    }
  }

  /** The default split of {@code paths}. */
  public static PathBlocks of(long paths) {
    return of(paths, DEFAULT_CHUNK_PATHS);
  }

  /**
   * The split of {@code paths} into chunks of {@code chunkPaths} (a multiple of
   * {@link #DEFAULT_BLOCK_PATHS}) and blocks of {@link #blockPathsFor(long)}.
   */
  public static PathBlocks of(long paths, long chunkPaths) {
    return new PathBlocks(paths, blockPathsFor(paths), chunkPaths);
  }

  /**
   * Block size for a run of {@code paths}: 1,000, or for small runs the largest of 100, 10, 1 that
   * still gives {@value #MIN_BLOCKS} blocks. A function of the path count only, never of the
   * partition count; every size divides 1,000 and so every chunk size.
   */
  public static int blockPathsFor(long paths) {
    int block = DEFAULT_BLOCK_PATHS;
    while (block > 1 && paths < MIN_BLOCKS * block) {
      block /= 10;
    }
    return block;
  }

  /** Number of chunks. */
  public int chunkCount() {
    return Math.toIntExact((paths + chunkPaths - 1) / chunkPaths);
  }

  /** First path id of chunk {@code c}. */
  public long chunkStart(int c) {
    return c * chunkPaths;
  }

  /** One past the last path id of chunk {@code c}. */
  public long chunkEnd(int c) {
    return Math.min((c + 1) * chunkPaths, paths);
  }

  /** The block indexes of chunk {@code c}, ascending. */
  public List<Long> blocksOfChunk(int c) {
    long first = chunkStart(c) / blockPaths;
    long end = (chunkEnd(c) + blockPaths - 1) / blockPaths;
    List<Long> blocks = new ArrayList<>(Math.toIntExact(end - first));
    for (long b = first; b < end; b++) {
      blocks.add(b);
    }
    return blocks;
  }

  /** First path id of block {@code b}. */
  public long blockStart(long b) {
    return b * blockPaths;
  }

  /** One past the last path id of block {@code b}. */
  public long blockEnd(long b) {
    return Math.min((b + 1) * blockPaths, paths);
  }

  /** The chunk holding path id {@code pathId}. */
  public int chunkOf(long pathId) {
    return Math.toIntExact(pathId / chunkPaths);
  }
}
