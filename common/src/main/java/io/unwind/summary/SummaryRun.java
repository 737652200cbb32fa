package io.unwind.summary;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the summary of one run needs to know before it reads a path: small, shipped to every
 * partition.
 *
 * @param paths N
 * @param strategies strategy keys in run order
 * @param regimes regime names in run order
 * @param visited per strategy key, per regime, the paths that visited the regime
 * @param maxRounds the scenario's {@code market.max-rounds} (the cascade histogram's range)
 * @param weighted whether the paths carry likelihood-ratio weights: every estimator is then the
 *     weighted form of its metric
 */
public record SummaryRun(long paths, List<String> strategies, List<String> regimes,
    Map<String, long[]> visited, int maxRounds, boolean weighted) implements Serializable {

  public SummaryRun {
    strategies = List.copyOf(strategies);
    regimes = List.copyOf(regimes);
    visited = Map.copyOf(visited);
    for (String s : strategies) {
      long[] v = visited.get(s);
      if (v == null || v.length != regimes.size()) {
        throw new IllegalArgumentException("Cannot use visit counts "
            + (v == null ? "null" : v.length + " long") + " of strategy " + s + " for "
            + regimes.size() + " regimes");
      }
    }
  }

  /** The paths of strategy {@code s} that visited regime {@code r}. */
  long visited(int s, int r) {
    return visited.get(strategies.get(s))[r];
  }
}
