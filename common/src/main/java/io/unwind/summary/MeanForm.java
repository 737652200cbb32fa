package io.unwind.summary;

import io.unwind.metrics.MeanEstimate;
import io.unwind.metrics.MomentAccumulator;
import io.unwind.metrics.ProportionAccumulator;
import io.unwind.metrics.ProportionEstimate;
import io.unwind.metrics.RatioAccumulator;
import io.unwind.metrics.WeightedMomentAccumulator;
import java.io.Serializable;

/**
 * A mean (or a probability, the mean of an event) in its plain form or its weighted one: the
 * plain form is Student-t ({@link MomentAccumulator}) or Wilson ({@link ProportionAccumulator}),
 * the weighted one the unbiased {@code (1/N) Σ w x} with normal intervals
 * ({@link WeightedMomentAccumulator}). A mean over a tail set (a subset the data chose) is, weighted,
 * the ratio {@code Σ w x / Σ w} ({@link RatioAccumulator}).
 */
sealed interface MeanForm extends Serializable {

  /** The form of a run: weighted or plain; over a tail set when {@code subset}. */
  static MeanForm of(boolean weighted, boolean subset) {
    if (!weighted) {
      return new Plain(new MomentAccumulator(), new ProportionAccumulator());
    }
    return subset ? new WeightedSubset(new RatioAccumulator()) : new Weighted(new WeightedMomentAccumulator());
  }

  /** Adds one observation with its path's weight. */
  void accept(double x, double weight);

  /** Adds one event (a probability's observation) with its path's weight. */
  void acceptEvent(boolean event, double weight);

  /** Merges a disjoint part of the same form. */
  void combine(MeanForm other);

  /** Observations added. */
  long count();

  /** The mean with its interval, or null when the form cannot estimate it (an empty tail set). */
  MeanEstimate mean();

  /** The probability with its interval. */
  ProportionEstimate proportion();

  /** Plain: moments of x, or counts of events. */
  record Plain(MomentAccumulator moments, ProportionAccumulator events) implements MeanForm {
    @Override
    public void accept(double x, double weight) {
      moments.accept(x);
    }

    @Override
    public void acceptEvent(boolean event, double weight) {
      events.accept(event);
    }

    @Override
    public void combine(MeanForm other) {
      moments.combine(((Plain) other).moments);
      events.combine(((Plain) other).events);
    }

    @Override
    public long count() {
      return Math.max(moments.count(), events.count());
    }

    @Override
    public MeanEstimate mean() {
      return moments.estimate();
    }

    @Override
    public ProportionEstimate proportion() {
      return events.finish();
    }
  }

  /** Weighted over all paths: {@code (1/N) Σ w x}. */
  record Weighted(WeightedMomentAccumulator moments) implements MeanForm {
    @Override
    public void accept(double x, double weight) {
      moments.accept(x, weight);
    }

    @Override
    public void acceptEvent(boolean event, double weight) {
      moments.acceptEvent(event, weight);
    }

    @Override
    public void combine(MeanForm other) {
      moments.combine(((Weighted) other).moments);
    }

    @Override
    public long count() {
      return moments.count();
    }

    @Override
    public MeanEstimate mean() {
      return moments.estimate();
    }

    @Override
    public ProportionEstimate proportion() {
      return moments.proportion();
    }
  }

  /** Weighted over a tail set: {@code Σ w x / Σ w}, null without weight in the set. */
  record WeightedSubset(RatioAccumulator ratio) implements MeanForm {
    @Override
    public void accept(double x, double weight) {
      ratio.accept(weight * x, weight);
    }

    @Override
    public void acceptEvent(boolean event, double weight) {
      accept(event ? 1.0 : 0.0, weight);
    }

    @Override
    public void combine(MeanForm other) {
      ratio.combine(((WeightedSubset) other).ratio);
    }

    @Override
    public long count() {
      return ratio.count();
    }

    @Override
    public MeanEstimate mean() {
      return ratio.count() > 0 && ratio.denominatorMean() > 0 ? ratio.estimate() : null;
    }

    @Override
    public ProportionEstimate proportion() {
      throw new UnsupportedOperationException("a tail set's share is a mean");
    }
  }
}
