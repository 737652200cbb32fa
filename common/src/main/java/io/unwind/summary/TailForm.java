package io.unwind.summary;

import io.unwind.metrics.RankKey;
import io.unwind.metrics.SelectedTail;
import io.unwind.metrics.TailEstimates;
import io.unwind.metrics.WeightedSelectedTail;
import java.io.Serializable;

/**
 * VaR and ES of one series, in its plain form ({@link SelectedTail}: the order statistics by rank)
 * or its weighted one ({@link WeightedSelectedTail}: by weight, the VaR intervals' ends from a
 * second selection). Which one follows from the run.
 */
sealed interface TailForm extends Serializable {

  /** Adds one observation with its path's weight (1 on a plain run). */
  void accept(double value, double weight, long pathId);

  /** Merges a disjoint part of the same form. */
  void combine(TailForm other);

  /** The observation at the VaR of {@code level}. */
  RankKey varKey(double level);

  /** The levels of the VaR intervals' ends for the second selection; none for the plain form. */
  double[] intervalLevels();

  /** VaR and ES at every level, with intervals; {@code ends} is the second selection. */
  TailEstimates finish(SummarySelection ends);

  /** The plain form: order statistics by rank. */
  record Plain(SelectedTail tail) implements TailForm {
    @Override
    public void accept(double value, double weight, long pathId) {
      tail.accept(value, pathId);
    }

    @Override
    public void combine(TailForm other) {
      tail.combine(((Plain) other).tail);
    }

    @Override
    public RankKey varKey(double level) {
      return tail.varKey(level);
    }

    @Override
    public double[] intervalLevels() {
      return new double[0];
    }

    @Override
    public TailEstimates finish(SummarySelection ends) {
      return tail.finish();
    }
  }

  /** The weighted form, of series {@code series}: order statistics by weight. */
  record Weighted(WeightedSelectedTail tail, int series) implements TailForm {
    @Override
    public void accept(double value, double weight, long pathId) {
      tail.accept(value, weight, pathId);
    }

    @Override
    public void combine(TailForm other) {
      tail.combine(((Weighted) other).tail);
    }

    @Override
    public RankKey varKey(double level) {
      return tail.varKey(level);
    }

    @Override
    public double[] intervalLevels() {
      return tail.intervalLevels();
    }

    @Override
    public TailEstimates finish(SummarySelection ends) {
      return tail.finish(ends.byWeight(), series);
    }
  }
}
