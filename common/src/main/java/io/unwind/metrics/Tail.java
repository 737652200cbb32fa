package io.unwind.metrics;

import java.io.Serializable;

/**
 * A mergeable VaR and expected-shortfall estimator of one series, as
 * {@link PairedDifferenceAccumulator} reads its tail of D: {@link SelectedTail} reads the order
 * statistics from a {@link RankSelection}; the tests' in-memory {@code TailAccumulator}, their
 * reference, keeps the tail. Both give the same bits for the same observations.
 */
interface Tail extends Serializable {

  /** Adds one observation. */
  Tail accept(double value, long pathId);

  /** Merges a disjoint part of the same kind. */
  Tail combine(Tail other);

  /** The estimates, once every observation is in. */
  TailEstimates finish();
}
