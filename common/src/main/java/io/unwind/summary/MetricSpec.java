package io.unwind.summary;

import io.unwind.metrics.MeanEstimate;
import io.unwind.metrics.ProportionEstimate;
import io.unwind.metrics.TailEstimate;
import java.io.Serializable;
import java.util.List;

/**
 * One entry of the summary's list of metrics ({@link SummaryMetrics#ALL}): its names, its levels,
 * what it reads from a path, which estimator, under which condition, and the range its value can
 * take. From the list follow the selection passes ({@link #declare}), the accumulators
 * ({@link #start}) and the rows.
 *
 * <p>A per-strategy spec is started once per strategy and reads that strategy's outcome; a
 * run-wide one (an attribution between two strategies) once per run, and writes nothing when
 * one of its strategies did not run. Every estimator has a plain and a weighted form; which is
 * used follows from {@link SummaryRun#weighted()}.
 */
public sealed interface MetricSpec extends Serializable permits TailMetric, ProportionMetric,
    MeanMetric, RatioMetric, RegimeShareMetric, WeightMetric, PairedMetric, TailShareMetric,
    HistogramMetric {

  /** The metric (or histogram quantity) names it writes. */
  List<String> names();

  /** The range its values take; intervals are clipped to it. */
  Bounds bounds();

  /** Whether it is started per strategy (else once per run). */
  default boolean perStrategy() {
    return true;
  }

  /** Declares the series whose order statistics it reads (none by default). */
  default void declare(SummaryPlan plan, SummaryRun run, int strategy) {
  }

  /**
   * Its empty accumulator.
   *
   * @param plan the run's series
   * @param selection the completed first selection
   * @param strategy the strategy's index in run order, or −1 for a run-wide spec
   */
  MetricAccumulator start(SummaryPlan plan, SummarySelection selection, int strategy);

  /** The series name of strategy {@code strategy}'s {@code metric}, e.g. {@code levered-erc/loss_var}. */
  static String seriesName(SummaryRun run, int strategy, String metric) {
    return run.strategies().get(strategy) + "/" + metric;
  }

  /** A row of a tail or quantile estimate, clipped to {@code bounds}. */
  static SummaryRow row(String strategy, String metric, String condition, TailEstimate e, Bounds bounds) {
    return bounds.clip(new SummaryRow(strategy, metric, condition, e.level(), e.value(), e.ciLow(),
        e.ciHigh(), e.n()));
  }

  /** A row of a probability, clipped to {@code bounds}. */
  static SummaryRow row(String strategy, String metric, ProportionEstimate e, Bounds bounds) {
    return bounds.clip(new SummaryRow(strategy, metric, null, null, e.value(), e.ciLow(),
        e.ciHigh(), e.n()));
  }

  /** A row of a mean, clipped to {@code bounds}. */
  static SummaryRow row(String strategy, String metric, String condition, Double level,
      MeanEstimate e, Bounds bounds) {
    return bounds.clip(new SummaryRow(strategy, metric, condition, level, e.value(), e.ciLow(),
        e.ciHigh(), e.n()));
  }
}
