package io.unwind.metrics;

import java.io.Serializable;

/**
 * One observation picked out by its rank: its value and the path it came from.
 *
 * @param value the value
 * @param pathId the path; among equal values, it decides the order
 */
public record RankKey(double value, long pathId) implements Serializable {

  /**
   * Whether {@code (value, pathId)} ranks strictly above this observation: a larger value
   * ({@link Double#compare}), or the same value and a larger path id.
   */
  public boolean isExceededBy(double value, long pathId) {
    int c = Double.compare(value, this.value);
    return c > 0 || (c == 0 && pathId > this.pathId);
  }
}
