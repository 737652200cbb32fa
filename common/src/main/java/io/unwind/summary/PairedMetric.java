package io.unwind.summary;

import io.unwind.config.StrategyKind;
import io.unwind.metrics.MeanEstimate;
import io.unwind.metrics.PairedDifference;
import io.unwind.metrics.PairedDifferenceAccumulator;
import io.unwind.metrics.TailEstimates;
import io.unwind.metrics.WeightedMomentAccumulator;
import java.io.Serializable;
import java.util.List;

/**
 * An attribution on common random numbers (strategy {@code a}, condition {@code vs:<b>}): per
 * path {@code D = L_a − L_b}, where b removes one cause. Rows: the mean of D, its drift part
 * {@code −(drift_a − drift_b)} (earned on the regimes' drifts: timing of expected returns) and its
 * shock part {@code D − drift part} (sizing for risk, costs, impact, financing), which add up to D
 * per path; the ES of D per level; the paired standard error of the mean and the one independent
 * paths would have had. Weighted, the mean and ES are those of {@code w D} on the shared weights,
 * the paired SE {@code sd(w D)/√N}, the unpaired one {@code sqrt(se(w L_a)² + se(w L_b)²)}.
 * Written only when both strategies ran.
 *
 * @param prefix the metrics' common prefix, e.g. {@code attribution_vol_error}
 * @param a the subject
 * @param b the variant that removes one cause
 * @param levels the levels of the ES of D
 */
public record PairedMetric(String prefix, StrategyKind a, StrategyKind b, List<Double> levels)
    implements MetricSpec {

  public PairedMetric {
    levels = List.copyOf(levels);
  }

  @Override
  public List<String> names() {
    return List.of(prefix + Metrics.MEAN, prefix + Metrics.DRIFT_MEAN, prefix + Metrics.SHOCK_MEAN,
        prefix + Metrics.ES, prefix + Metrics.PAIRED_SE, prefix + Metrics.UNPAIRED_SE);
  }

  @Override
  public Bounds bounds() {
    return Bounds.NONE;
  }

  @Override
  public boolean perStrategy() {
    return false;
  }

  /** The per-path difference {@code L_a − L_b}: the one definition every pass uses. */
  public static double difference(double lossOfA, double lossOfB) {
    return lossOfA - lossOfB;
  }

  /** The part of {@code L_a − L_b} earned on the regimes' drifts: {@code −(drift_a − drift_b)}. */
  public static double driftPart(double driftOfA, double driftOfB) {
    return -(driftOfA - driftOfB);
  }

  /** The rest: {@code (L_a − L_b) − drift part}; the two parts add up to the difference. */
  public static double shockPart(double difference, double driftPart) {
    return difference - driftPart;
  }

  @Override
  public void declare(SummaryPlan plan, SummaryRun run, int ignored) {
    int ia = run.strategies().indexOf(a.key());
    int ib = run.strategies().indexOf(b.key());
    if (ia < 0 || ib < 0) {
      return;
    }
    plan.tail(new SummaryPlan.Series(prefix, run.paths(), false,
        group -> difference(group[ia].loss(), group[ib].loss()), null),
        levels.stream().mapToDouble(Double::doubleValue).toArray());
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int ignored) {
    SummaryRun run = plan.run();
    int ia = run.strategies().indexOf(a.key());
    int ib = run.strategies().indexOf(b.key());
    if (ia < 0 || ib < 0) {
      return Absent.INSTANCE;
    }
    int series = plan.indexOf(prefix);
    TailForm tail = selection.tail(series, false);
    Difference d = tail instanceof TailForm.Plain plain
        ? new Difference.Plain(PairedDifferenceAccumulator.of(plain.tail()))
        : new Difference.Weighted(tail, new WeightedMomentAccumulator(),
            new WeightedMomentAccumulator(), new WeightedMomentAccumulator());
    return new Accumulator(this, ia, ib, series, d, MeanForm.of(run.weighted(), false),
        MeanForm.of(run.weighted(), false));
  }

  /** A spec whose strategies did not both run: no rows. */
  enum Absent implements MetricAccumulator {
    INSTANCE;

    @Override
    public void accept(PathOutcome[] group) {
    }

    @Override
    public void combine(MetricAccumulator other) {
    }
  }

  /** The mean, tail and standard errors of D, plain or weighted. */
  private sealed interface Difference extends Serializable {
    void accept(long pathId, double lossOfA, double lossOfB, double weight);

    void combine(Difference other);

    /** The levels of the ES's VaR interval ends for a weighted run's second selection. */
    double[] intervalLevels();

    MeanEstimate mean();

    TailEstimates tail(SummarySelection ends);

    double pairedStandardError();

    double unpairedStandardError();

    record Plain(PairedDifferenceAccumulator d) implements Difference {
      @Override
      public void accept(long pathId, double lossOfA, double lossOfB, double weight) {
        d.accept(pathId, lossOfA, lossOfB);
      }

      @Override
      public void combine(Difference other) {
        d.combine(((Plain) other).d);
      }

      @Override
      public double[] intervalLevels() {
        return new double[0];
      }

      @Override
      public MeanEstimate mean() {
        return d.finish().mean();
      }

      @Override
      public TailEstimates tail(SummarySelection ends) {
        return d.finish().tail();
      }

      @Override
      public double pairedStandardError() {
        return d.finish().pairedStandardError();
      }

      @Override
      public double unpairedStandardError() {
        return d.finish().unpairedStandardError();
      }
    }

    record Weighted(TailForm tail, WeightedMomentAccumulator difference,
        WeightedMomentAccumulator lossA, WeightedMomentAccumulator lossB) implements Difference {
      @Override
      public void accept(long pathId, double lossOfA, double lossOfB, double weight) {
        double d = PairedMetric.difference(lossOfA, lossOfB);
        tail.accept(d, weight, pathId);
        difference.accept(d, weight);
        lossA.accept(lossOfA, weight);
        lossB.accept(lossOfB, weight);
      }

      @Override
      public void combine(Difference other) {
        Weighted o = (Weighted) other;
        tail.combine(o.tail);
        difference.combine(o.difference);
        lossA.combine(o.lossA);
        lossB.combine(o.lossB);
      }

      @Override
      public double[] intervalLevels() {
        return tail.intervalLevels();
      }

      @Override
      public MeanEstimate mean() {
        return difference.estimate();
      }

      @Override
      public TailEstimates tail(SummarySelection ends) {
        return tail.finish(ends);
      }

      @Override
      public double pairedStandardError() {
        return difference.estimate().standardError();
      }

      @Override
      public double unpairedStandardError() {
        double seA = lossA.estimate().standardError();
        double seB = lossB.estimate().standardError();
        return Math.sqrt(seA * seA + seB * seB);
      }
    }
  }

  private record Accumulator(PairedMetric spec, int ia, int ib, int series, Difference d,
      MeanForm drift, MeanForm shock) implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      PathOutcome pa = group[ia];
      PathOutcome pb = group[ib];
      double w = pa.weight();
      d.accept(pa.pathId(), pa.loss(), pb.loss(), w);
      double driftPart = driftPart(pa.driftPnl(), pb.driftPnl());
      drift.accept(driftPart, w);
      shock.accept(shockPart(difference(pa.loss(), pb.loss()), driftPart), w);
    }

    @Override
    public void combine(MetricAccumulator other) {
      Accumulator o = (Accumulator) other;
      d.combine(o.d);
      drift.combine(o.drift);
      shock.combine(o.shock);
    }

    @Override
    public void intervalLevels(double[][] levels) {
      levels[series] = d.intervalLevels();
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      String strategy = spec.a.key();
      String condition = Metrics.VERSUS + spec.b.key();
      String p = spec.prefix;
      MeanEstimate mean = d.mean();
      TailEstimates tail = d.tail(ends);
      Bounds none = spec.bounds();
      out.add(MetricSpec.row(strategy, p + Metrics.MEAN, condition, null, mean, none));
      out.add(MetricSpec.row(strategy, p + Metrics.DRIFT_MEAN, condition, null, drift.mean(), none));
      out.add(MetricSpec.row(strategy, p + Metrics.SHOCK_MEAN, condition, null, shock.mean(), none));
      for (double level : spec.levels) {
        out.add(MetricSpec.row(strategy, p + Metrics.ES, condition, tail.es(level), none));
      }
      out.add(new SummaryRow(strategy, p + Metrics.PAIRED_SE, condition, null,
          d.pairedStandardError(), null, null, mean.n()));
      out.add(new SummaryRow(strategy, p + Metrics.UNPAIRED_SE, condition, null,
          d.unpairedStandardError(), null, null, mean.n()));
    }
  }
}
