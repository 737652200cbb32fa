package io.unwind.summary;

import io.unwind.metrics.WeightedMomentAccumulator;
import java.util.List;

/**
 * A diagnostic of the likelihood-ratio weights, per strategy (the same for every strategy, whose
 * paths share their weights); weighted runs only, a plain run has no such row.
 *
 * @param name the metric
 * @param statistic which diagnostic
 * @param bounds the range of the values
 */
public record WeightMetric(String name, Statistic statistic, Bounds bounds) implements MetricSpec {

  /** The diagnostics. */
  public enum Statistic {
    /** Kish's {@code (Σ w)² / Σ w²}, no interval. */
    EFFECTIVE_SAMPLE_SIZE,
    /** {@code Σ w / N} with its normal interval: 1 in expectation under any valid tilt. */
    MEAN
  }

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int s) {
    return new Accumulator(this, plan.run().strategies().get(s), s, plan.run().weighted(),
        new WeightedMomentAccumulator());
  }

  private record Accumulator(WeightMetric spec, String strategy, int s, boolean weighted,
      WeightedMomentAccumulator weights) implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      if (weighted) {
        weights.accept(1.0, group[s].weight());
      }
    }

    @Override
    public void combine(MetricAccumulator other) {
      weights.combine(((Accumulator) other).weights);
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      if (!weighted) {
        return;
      }
      if (spec.statistic == Statistic.EFFECTIVE_SAMPLE_SIZE) {
        out.add(spec.bounds.clip(new SummaryRow(strategy, spec.name, null, null,
            weights.effectiveSampleSize(), null, null, weights.count())));
      } else {
        out.add(MetricSpec.row(strategy, spec.name, null, null, weights.estimate(), spec.bounds));
      }
    }
  }
}
