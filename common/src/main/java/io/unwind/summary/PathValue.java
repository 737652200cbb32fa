package io.unwind.summary;

import java.io.Serializable;

/** What a metric reads from a path: one number of its outcome (serialisable, as specs ship). */
@FunctionalInterface
public interface PathValue extends Serializable {
  /** The value on path {@code p}. */
  double of(PathOutcome p);
}
