package io.unwind.summary;

import io.unwind.metrics.RankKey;
import java.util.List;

/**
 * Per strategy and regime (condition {@code regime:<name>}), the mean share of a path's days spent
 * in the regime over all paths ({@code allName}, level null) and over the strategy's tail set
 * beyond its VaR of {@code tailOf} at {@code worstLevel} ({@code worstName}, level
 * {@code worstLevel}): which regimes the disasters live in. Weighted, the tail set's mean is
 * {@code Σ w x / Σ w}.
 *
 * @param allName the metric over all paths
 * @param worstName the metric over the tail set
 * @param tailOf the {@link TailMetric#varName()} whose VaR bounds the tail set
 * @param worstLevel the level of that VaR
 */
public record RegimeShareMetric(String allName, String worstName, String tailOf, double worstLevel)
    implements MetricSpec {

  @Override
  public List<String> names() {
    return List.of(allName, worstName);
  }

  @Override
  public Bounds bounds() {
    return Bounds.UNIT;
  }

  @Override
  public void declare(SummaryPlan plan, SummaryRun run, int s) {
    plan.tailSet(MetricSpec.seriesName(run, s, tailOf), worstLevel);
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int s) {
    SummaryRun run = plan.run();
    int regimes = run.regimes().size();
    MeanForm[] all = new MeanForm[regimes];
    MeanForm[] worst = new MeanForm[regimes];
    for (int r = 0; r < regimes; r++) {
      all[r] = MeanForm.of(run.weighted(), false);
      worst[r] = MeanForm.of(run.weighted(), true);
    }
    int tail = plan.indexOf(MetricSpec.seriesName(run, s, tailOf));
    RankKey worstFrom = selection.varKey(tail, worstLevel);
    long worstCount = run.paths() - SummaryPlan.varRank(run.paths(), worstLevel);
    return new Accumulator(this, run, s, plan.value(tail), all, worst, worstFrom, worstCount);
  }

  private record Accumulator(RegimeShareMetric spec, SummaryRun run, int s,
      SummaryPlan.GroupValue tailValue, MeanForm[] all,
      MeanForm[] worst, RankKey worstFrom, long worstCount) implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      PathOutcome p = group[s];
      double w = p.weight();
      double[] shares = p.regimeShares();
      boolean inWorst = worstFrom.isExceededBy(tailValue.of(group), p.pathId());
      for (int r = 0; r < shares.length; r++) {
        all[r].accept(shares[r], w);
        if (inWorst) {
          worst[r].accept(shares[r], w);
        }
      }
    }

    @Override
    public void combine(MetricAccumulator other) {
      Accumulator o = (Accumulator) other;
      for (int r = 0; r < all.length; r++) {
        all[r].combine(o.all[r]);
        worst[r].combine(o.worst[r]);
      }
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      String strategy = run.strategies().get(s);
      for (int r = 0; r < all.length; r++) {
        String condition = Metrics.REGIME + run.regimes().get(r);
        out.add(MetricSpec.row(strategy, spec.allName, condition, null, all[r].mean(), spec.bounds()));
        if (!run.weighted() && worstCount > 0 && worst[r].count() != worstCount) {
          throw new IllegalStateException(strategy + ": " + worst[r].count() + " paths beyond the "
              + spec.worstLevel + " VaR of " + spec.tailOf + ", expected " + worstCount);
        }
        boolean any = run.weighted() ? worst[r].mean() != null : worstCount > 0;
        if (any) {
          out.add(MetricSpec.row(strategy, spec.worstName, condition, spec.worstLevel,
              worst[r].mean(), spec.bounds()));
        }
      }
    }
  }
}
