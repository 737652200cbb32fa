package io.unwind.summary;

import io.unwind.metrics.TailEstimates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * VaR and expected shortfall (or, without an ES name, upper quantiles) of a per-path value, per
 * strategy: over all paths, or, {@code givenVisited}, among the paths that visited each regime
 * (condition {@code visited:<regime>}, one series per regime visited by some path; weighted, its
 * mass is the visiting paths' own weight). Rows per level: the VaR, then the ES.
 *
 * @param varName the VaR (quantile) metric, which also names the series
 * @param esName the ES metric, or null for quantiles only
 * @param levels the levels, ascending
 * @param value what it reads from a path
 * @param givenVisited whether it is conditional on visiting each regime
 * @param bounds the range of the values
 */
public record TailMetric(String varName, String esName, List<Double> levels, PathValue value,
    boolean givenVisited, Bounds bounds) implements MetricSpec {

  public TailMetric {
    levels = List.copyOf(levels);
  }

  @Override
  public List<String> names() {
    return esName == null ? List.of(varName) : List.of(varName, esName);
  }

  private double[] levelArray() {
    return levels.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The series of strategy {@code s} (regime {@code r}, or −1 unconditional). */
  private String series(SummaryRun run, int s, int r) {
    String name = MetricSpec.seriesName(run, s, varName);
    return r < 0 ? name : name + "|" + Metrics.VISITED + run.regimes().get(r);
  }

  @Override
  public void declare(SummaryPlan plan, SummaryRun run, int s) {
    PathValue v = value;
    if (!givenVisited) {
      plan.tail(new SummaryPlan.Series(series(run, s, -1), run.paths(), false,
          group -> v.of(group[s]), null), levelArray());
      return;
    }
    for (int r = 0; r < run.regimes().size(); r++) {
      int regime = r;
      plan.tail(new SummaryPlan.Series(series(run, s, r), run.visited(s, r), true,
          group -> v.of(group[s]), group -> group[s].regimeDays()[regime] > 0), levelArray());
    }
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int s) {
    SummaryRun run = plan.run();
    int regimes = givenVisited ? run.regimes().size() : 1;
    int[] series = new int[regimes];
    TailForm[] tails = new TailForm[regimes];
    for (int r = 0; r < regimes; r++) {
      series[r] = plan.indexOf(series(run, s, givenVisited ? r : -1));
      boolean visited = !givenVisited || run.visited(s, r) > 0;
      tails[r] = visited ? selection.tail(series[r], givenVisited) : null;
    }
    return new Accumulator(this, run, s, series, tails);
  }

  /** The tails of one strategy: one, or one per regime (null for a regime no path visited). */
  private static final class Accumulator implements MetricAccumulator {
    private static final long serialVersionUID = 1L;
    private final TailMetric spec;
    private final SummaryRun run;
    private final int strategy;
    private final int[] series;
    private final TailForm[] tails;

    Accumulator(TailMetric spec, SummaryRun run, int strategy, int[] series, TailForm[] tails) {
      this.spec = spec;
      this.run = run;
      this.strategy = strategy;
      this.series = series;
      this.tails = tails;
    }

    @Override
    public void accept(PathOutcome[] group) {
      PathOutcome p = group[strategy];
      double x = spec.value.of(p);
      if (!spec.givenVisited) {
        tails[0].accept(x, p.weight(), p.pathId());
        return;
      }
      int[] days = p.regimeDays();
      for (int r = 0; r < tails.length; r++) {
        if (days[r] > 0) {
          if (tails[r] == null) {
            throw new IllegalStateException("path " + p.pathId() + " visited regime "
                + run.regimes().get(r) + ", which the count pass saw no path visit");
          }
          tails[r].accept(x, p.weight(), p.pathId());
        }
      }
    }

    @Override
    public void combine(MetricAccumulator other) {
      TailForm[] theirs = ((Accumulator) other).tails;
      for (int r = 0; r < tails.length; r++) {
        if (tails[r] != null) {
          tails[r].combine(theirs[r]);
        }
      }
    }

    @Override
    public void intervalLevels(double[][] levels) {
      for (int r = 0; r < tails.length; r++) {
        levels[series[r]] = tails[r] == null ? new double[0] : tails[r].intervalLevels();
      }
    }

    @Override
    public void rows(SummarySelection ends, List<SummaryRow> out) {
      String name = run.strategies().get(strategy);
      for (int r = 0; r < tails.length; r++) {
        if (tails[r] == null) {
          continue;
        }
        String condition = spec.givenVisited ? Metrics.VISITED + run.regimes().get(r) : null;
        TailEstimates t = tails[r].finish(ends);
        for (double level : spec.levels) {
          out.add(MetricSpec.row(name, spec.varName, condition, t.var(level), spec.bounds));
          if (spec.esName != null) {
            out.add(MetricSpec.row(name, spec.esName, condition, t.es(level), spec.bounds));
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "TailMetric" + names() + " at " + Arrays.toString(levelArray());
  }
}
