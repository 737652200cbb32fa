package io.unwind.summary;

import java.util.List;

/**
 * The mean of a per-path value, per strategy (level and condition null): plain, with a Student-t
 * interval; weighted, {@code (1/N) Σ w x} with a normal interval.
 *
 * @param name the metric
 * @param value what it reads from a path
 * @param bounds the range of the values
 */
public record MeanMetric(String name, PathValue value, Bounds bounds) implements MetricSpec {

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int s) {
    return new Accumulator(this, plan.run().strategies().get(s), s,
        MeanForm.of(plan.run().weighted(), false));
  }

  private record Accumulator(MeanMetric spec, String strategy, int s, MeanForm mean)
      implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      mean.accept(spec.value.of(group[s]), group[s].weight());
    }

    @Override
    public void combine(MetricAccumulator other) {
      mean.combine(((Accumulator) other).mean);
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      out.add(MetricSpec.row(strategy, spec.name, null, null, mean.mean(), spec.bounds));
    }
  }
}
