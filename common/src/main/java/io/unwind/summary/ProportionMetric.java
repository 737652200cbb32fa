package io.unwind.summary;

import java.util.List;

/**
 * The share of paths on which an event happened, per strategy (level and condition null): plain,
 * with a Wilson interval; weighted, {@code (1/N) Σ w 1{event}} with a normal interval.
 *
 * @param name the metric
 * @param event what it counts
 */
public record ProportionMetric(String name, PathEvent event) implements MetricSpec {

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public Bounds bounds() {
    return Bounds.UNIT;
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int s) {
    return new Accumulator(this, plan.run().strategies().get(s), s,
        MeanForm.of(plan.run().weighted(), false));
  }

  private record Accumulator(ProportionMetric spec, String strategy, int s, MeanForm share)
      implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      share.acceptEvent(spec.event.test(group[s]), group[s].weight());
    }

    @Override
    public void combine(MetricAccumulator other) {
      share.combine(((Accumulator) other).share);
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      out.add(MetricSpec.row(strategy, spec.name, share.proportion(), spec.bounds()));
    }
  }
}
