package io.unwind.summary;

import io.unwind.metrics.RatioAccumulator;
import java.util.List;

/**
 * A share of sums, per strategy (level and condition null): {@code Σ w y / Σ w x} with a
 * delta-method interval for a ratio of means ({@link RatioAccumulator}). Plain runs have w = 1,
 * and {@code 1.0 · y} is y exactly, so the one form is both. No row when the denominator's sum is
 * not positive (nothing to share out).
 *
 * @param name the metric
 * @param numerator y
 * @param denominator x
 * @param bounds the range of the values
 */
public record RatioMetric(String name, PathValue numerator, PathValue denominator, Bounds bounds)
    implements MetricSpec {

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int s) {
    return new Accumulator(this, plan.run().strategies().get(s), s, new RatioAccumulator());
  }

  private record Accumulator(RatioMetric spec, String strategy, int s, RatioAccumulator ratio)
      implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      PathOutcome p = group[s];
      double w = p.weight();
      ratio.accept(w * spec.numerator.of(p), w * spec.denominator.of(p));
    }

    @Override
    public void combine(MetricAccumulator other) {
      ratio.combine(((Accumulator) other).ratio);
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      if (ratio.count() > 0 && ratio.denominatorMean() > 0) {
        out.add(MetricSpec.row(strategy, spec.name, null, null, ratio.estimate(), spec.bounds));
      }
    }
  }
}
