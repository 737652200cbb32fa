package io.unwind.jobs.simulate;

/**
 * Hook into a run's chunk loop: tests record which chunks a run computed, and emulate a driver
 * crash by throwing after a commit.
 */
interface ChunkListener {
  /** Does nothing. */
  ChunkListener NONE = new ChunkListener() {
  };

  /** Chunk {@code chunk} is about to be simulated and written. */
  default void computing(int chunk) {
  }

  /** Chunk {@code chunk}'s marker has been written: the chunk is committed. */
  default void committed(int chunk) {
  }
}
