package io.unwind.metrics;

import java.io.Serializable;

/**
 * The shape every accumulator in this package shares (Commons Statistics' {@code accept} /
 * {@code combine} / result): observations go in by {@code accept(...)}, whose arguments depend on
 * what it accumulates (a value, a value and its weight, a value and its path, an event), a disjoint
 * part merges in by {@link #combine}, and the result comes out once every part is in
 * ({@code finish()} or {@code estimate()}). Serializable, so a partition's accumulator travels to
 * the driver.
 *
 * @param <A> the accumulator's own type
 */
public interface Mergeable<A extends Mergeable<A>> extends Serializable {

  /**
   * Merges a disjoint part of the same kind into this; {@code other} is not modified.
   *
   * @return this
   */
  A combine(A other);
}
