package io.unwind.metrics;

import java.io.Serializable;

/**
 * A mergeable VaR and expected-shortfall estimator of one series: {@link TailAccumulator} keeps
 * the tail in memory, {@link SelectedTail} reads it from a {@link RankSelection}. Both give the
 * same bits for the same observations.
 */
sealed interface Tail extends Serializable permits TailAccumulator, SelectedTail {

  /** Adds one observation. */
  Tail accept(double value, long pathId);

  /** Merges a disjoint part of the same kind (a {@link TailAccumulator} or a {@link SelectedTail}). */
  Tail combine(Tail other);

  /** The estimates, once every observation is in. */
  TailEstimates finish();
}
