package io.unwind.summary;

import java.io.Serializable;

/** What a probability counts: whether an event happened on a path (serialisable, as specs ship). */
@FunctionalInterface
public interface PathEvent extends Serializable {
  /** Whether the event happened on path {@code p}. */
  boolean test(PathOutcome p);
}
