package io.unwind.summary;

import io.unwind.config.StrategyKind;
import io.unwind.metrics.RankKey;
import io.unwind.metrics.RatioAccumulator;
import java.util.List;

/**
 * The share of a strategy's tail loss that one cause made (strategy {@code a}, condition
 * {@code vs:<b>}, per level): over a's paths beyond its VaR of {@code tailOf} at the level,
 * {@code Σ w (L_a − L_b) / Σ w L_a} — the Euler, or co-ES, allocation of a's ES to the cause
 * (Tasche 1999, "Risk contributions and performance measurement") — with a delta-method interval
 * for a ratio of means conditional on the tail set ({@link RatioAccumulator}; plain runs have
 * w = 1). No row when the tail set is empty or its losses do not add up to a positive loss (no
 * share of a gain), nor when b did not run.
 *
 * @param name the metric
 * @param a the subject
 * @param b the variant without the cause
 * @param tailOf the {@link TailMetric#varName()} of a whose VaR bounds the tail set
 * @param levels the levels
 */
public record TailShareMetric(String name, StrategyKind a, StrategyKind b, String tailOf,
    List<Double> levels) implements MetricSpec {

  public TailShareMetric {
    levels = List.copyOf(levels);
  }

  @Override
  public List<String> names() {
    return List.of(name);
  }

  @Override
  public Bounds bounds() {
    return Bounds.NONE;
  }

  @Override
  public boolean perStrategy() {
    return false;
  }

  @Override
  public void declare(SummaryPlan plan, SummaryRun run, int ignored) {
    int ia = run.strategies().indexOf(a.key());
    if (ia < 0 || !run.strategies().contains(b.key())) {
      return;
    }
    for (double level : levels) {
      plan.tailSet(MetricSpec.seriesName(run, ia, tailOf), level);
    }
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int ignored) {
    SummaryRun run = plan.run();
    int ia = run.strategies().indexOf(a.key());
    int ib = run.strategies().indexOf(b.key());
    if (ia < 0 || ib < 0) {
      return PairedMetric.Absent.INSTANCE;
    }
    int series = plan.indexOf(MetricSpec.seriesName(run, ia, tailOf));
    RankKey[] tailFrom = new RankKey[levels.size()];
    RatioAccumulator[] shares = new RatioAccumulator[levels.size()];
    for (int l = 0; l < tailFrom.length; l++) {
      tailFrom[l] = selection.varKey(series, levels.get(l));
      shares[l] = new RatioAccumulator();
    }
    return new Accumulator(this, run, ia, ib, plan.value(series), tailFrom, shares);
  }

  private record Accumulator(TailShareMetric spec, SummaryRun run, int ia, int ib,
      SummaryPlan.GroupValue tailValue, RankKey[] tailFrom, RatioAccumulator[] shares)
      implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      PathOutcome pa = group[ia];
      double w = pa.weight();
      double ranked = tailValue.of(group);
      for (int l = 0; l < tailFrom.length; l++) {
        if (tailFrom[l].isExceededBy(ranked, pa.pathId())) {
          double loss = pa.loss();
          shares[l].accept(w * PairedMetric.difference(loss, group[ib].loss()), w * loss);
        }
      }
    }

    @Override
    public void combine(MetricAccumulator other) {
      Accumulator o = (Accumulator) other;
      for (int l = 0; l < shares.length; l++) {
        shares[l].combine(o.shares[l]);
      }
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      for (int l = 0; l < shares.length; l++) {
        RatioAccumulator tail = shares[l];
        double level = spec.levels.get(l);
        long expected = run.paths() - SummaryPlan.varRank(run.paths(), level);
        if (!run.weighted() && tail.count() != expected) {
          throw new IllegalStateException(spec.a.key() + ": " + tail.count() + " paths beyond its "
              + level + " VaR of " + spec.tailOf + ", expected " + expected);
        }
        if (tail.count() == 0 || !(tail.denominatorMean() > 0.0)) {
          continue;
        }
        out.add(MetricSpec.row(spec.a.key(), spec.name, Metrics.VERSUS + spec.b.key(), level,
            tail.estimate(), spec.bounds()));
      }
    }
  }
}
