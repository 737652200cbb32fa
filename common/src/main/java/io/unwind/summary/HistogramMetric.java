package io.unwind.summary;

import io.unwind.metrics.HistogramAccumulator;
import io.unwind.metrics.HistogramBin;
import java.io.Serializable;
import java.util.List;

/**
 * A histogram of a per-path value, per strategy, written to the {@code histograms} table: plain,
 * path counts per bin; weighted, path counts and each bin's estimated probability
 * {@code (1/N) Σ w}.
 *
 * @param quantity the histogram's quantity name
 * @param value what it reads from a path
 * @param bins the empty histogram of a run (its bins)
 */
public record HistogramMetric(String quantity, PathValue value, Bins bins) implements MetricSpec {

  /** The bins of a run's histogram. */
  @FunctionalInterface
  public interface Bins extends Serializable {
    /** An empty histogram for {@code run}. */
    HistogramAccumulator empty(SummaryRun run);
  }

  @Override
  public List<String> names() {
    return List.of(quantity);
  }

  @Override
  public Bounds bounds() {
    return Bounds.NONE;
  }

  @Override
  public MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int s) {
    SummaryRun run = plan.run();
    return new Accumulator(this, run.strategies().get(s), s, run.weighted(), bins.empty(run));
  }

  private record Accumulator(HistogramMetric spec, String strategy, int s, boolean weighted,
      HistogramAccumulator histogram) implements MetricAccumulator {
    @Override
    public void accept(PathOutcome[] group) {
      PathOutcome p = group[s];
      if (weighted) {
        histogram.accept(spec.value.of(p), p.weight());
      } else {
        histogram.accept(spec.value.of(p));
      }
    }

    @Override
    public void combine(MetricAccumulator other) {
      histogram.combine(((Accumulator) other).histogram);
    }

    @Override
    public void histograms(long n, List<HistogramRow> out) {
      for (HistogramBin bin : weighted ? histogram.finishWeighted(n) : histogram.finish()) {
        out.add(new HistogramRow(strategy, spec.quantity, bin));
      }
    }
  }
}
