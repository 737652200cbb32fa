package io.unwind.jobs.aggregate;

import io.unwind.metrics.ProportionAccumulator;
import io.unwind.metrics.ProportionEstimate;
import io.unwind.metrics.TailAccumulator;
import io.unwind.metrics.TailEstimate;
import io.unwind.metrics.TailEstimates;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One strategy's mergeable statistics over a run's paths: the place where {@code common}'s
 * estimators ({@code io.unwind.metrics}) plug into the aggregate job.
 *
 * <p>Filled per partition with {@link #accept}, merged on the driver with {@link #combine}, turned
 * into {@code summary} rows by {@link #summary}. Every accumulator is exact and its result
 * independent of how paths were split into partitions.
 */
public final class StrategyStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TailAccumulator loss;
  private final TailAccumulator drawdown;
  private final ProportionAccumulator defaults = new ProportionAccumulator();
  private final ProportionAccumulator marginCalls = new ProportionAccumulator();

  /**
   * Empty statistics for a run of {@code paths} paths (the tail accumulators size their bounded
   * heaps from it).
   */
  public StrategyStatistics(long paths) {
    double[] levels = Metrics.TAIL_LEVELS.stream().mapToDouble(Double::doubleValue).toArray();
    this.loss = TailAccumulator.of(paths, levels);
    this.drawdown = TailAccumulator.of(paths, levels);
  }

  /**
   * Adds one path.
   *
   * @param pathId the path (breaks ties in the tails)
   * @param pathLoss {@code -terminal_return}, fraction of start equity
   * @param maxDrawdown max drawdown, fraction of the peak
   * @param defaulted whether the path defaulted
   * @param marginCall whether it had at least one margin call
   */
  public void accept(long pathId, double pathLoss, double maxDrawdown, boolean defaulted, boolean marginCall) {
    loss.accept(pathLoss, pathId);
    drawdown.accept(maxDrawdown, pathId);
    defaults.accept(defaulted);
    marginCalls.accept(marginCall);
  }

  /** Merges {@code other} into this and returns this. */
  public StrategyStatistics combine(StrategyStatistics other) {
    loss.combine(other.loss);
    drawdown.combine(other.drawdown);
    defaults.combine(other.defaults);
    marginCalls.combine(other.marginCalls);
    return this;
  }

  /** Paths seen. */
  public long count() {
    return defaults.count();
  }

  /** The summary rows of this strategy: VaR and ES of loss and drawdown per level, then the probabilities. */
  public List<SummaryRow> summary(String strategy) {
    List<SummaryRow> rows = new ArrayList<>();
    TailEstimates lossTail = loss.finish();
    TailEstimates drawdownTail = drawdown.finish();
    for (double level : Metrics.TAIL_LEVELS) {
      rows.add(row(strategy, Metrics.LOSS_VAR, lossTail.var(level)));
      rows.add(row(strategy, Metrics.LOSS_ES, lossTail.es(level)));
    }
    for (double level : Metrics.TAIL_LEVELS) {
      rows.add(row(strategy, Metrics.DRAWDOWN_VAR, drawdownTail.var(level)));
      rows.add(row(strategy, Metrics.DRAWDOWN_ES, drawdownTail.es(level)));
    }
    rows.add(row(strategy, Metrics.DEFAULT_PROB, defaults.finish()));
    rows.add(row(strategy, Metrics.MARGIN_CALL_PROB, marginCalls.finish()));
    return rows;
  }

  private static SummaryRow row(String strategy, String metric, TailEstimate e) {
    return new SummaryRow(strategy, metric, e.level(), e.value(), bound(e.ciLow()), bound(e.ciHigh()), e.n());
  }

  private static SummaryRow row(String strategy, String metric, ProportionEstimate e) {
    return new SummaryRow(strategy, metric, null, e.value(), e.ciLow(), e.ciHigh(), e.n());
  }

  /** An interval end the sample cannot bound (infinite) is written as null. */
  private static Double bound(double end) {
    return Double.isFinite(end) ? end : null;
  }
}
