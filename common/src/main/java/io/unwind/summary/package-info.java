/**
 * The {@code summary} and {@code histograms} tables' contract, engine-neutral: the one list of
 * metric specifications ({@link io.unwind.summary.SummaryMetrics#ALL}), from which follow the
 * selection passes ({@link io.unwind.summary.SummaryPlan}, {@link io.unwind.summary.SummarySelection}),
 * the mergeable accumulators ({@link io.unwind.summary.RunStatistics}) and the rows
 * ({@link io.unwind.summary.SummaryRow}, {@link io.unwind.summary.HistogramRow}). Each metric's
 * estimator has a plain and a weighted (importance sampling) form; the run says which.
 *
 * <p>No Spark: the aggregate job maps {@code paths} rows to {@link io.unwind.summary.PathOutcome}s,
 * feeds partitions, merges and writes.
 */
package io.unwind.summary;
