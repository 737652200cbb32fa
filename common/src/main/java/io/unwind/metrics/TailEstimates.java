package io.unwind.metrics;

import java.util.List;

/**
 * VaR and expected shortfall of one loss at several levels, as produced by
 * {@link SelectedTail#finish()}.
 *
 * @param valueAtRisk VaR per level, levels ascending
 * @param expectedShortfall ES per level, same order as {@code valueAtRisk}
 */
public record TailEstimates(List<TailEstimate> valueAtRisk, List<TailEstimate> expectedShortfall) {

  /** Copies the lists and checks that they cover the same levels. */
  public TailEstimates {
    valueAtRisk = List.copyOf(valueAtRisk);
    expectedShortfall = List.copyOf(expectedShortfall);
    if (valueAtRisk.size() != expectedShortfall.size()) {
      throw new IllegalArgumentException("VaR and ES must cover the same levels");
    }
    for (int i = 0; i < valueAtRisk.size(); i++) {
      if (valueAtRisk.get(i).level() != expectedShortfall.get(i).level()) {
        throw new IllegalArgumentException("VaR and ES must cover the same levels, in the same order");
      }
    }
  }

  /** The VaR at exactly {@code level}; throws if that level was not requested. */
  public TailEstimate var(double level) {
    return find(valueAtRisk, level);
  }

  /** The expected shortfall at exactly {@code level}; throws if that level was not requested. */
  public TailEstimate es(double level) {
    return find(expectedShortfall, level);
  }

  private static TailEstimate find(List<TailEstimate> estimates, double level) {
    for (TailEstimate e : estimates) {
      if (e.level() == level) {
        return e;
      }
    }
    throw new IllegalArgumentException("Level " + level + " was not requested");
  }
}
