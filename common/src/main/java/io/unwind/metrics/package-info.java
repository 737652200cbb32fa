/**
 * Mergeable estimators for the {@code summary} and {@code histograms} tables: tails, quantiles,
 * proportions, moments, histograms and paired attribution.
 *
 * <p><b>Shape.</b> Every accumulator follows Commons Statistics ({@link io.unwind.metrics.Mergeable}):
 * {@code accept(...)} adds one path, {@code combine(other)} merges a disjoint part and returns
 * {@code this}, and {@code finish()} (or {@code estimate()}) produces immutable records. All are
 * {@link java.io.Serializable}, so Spark accumulates per partition and merges on the driver; the
 * summary ({@code io.unwind.summary}) builds them from its list of metrics. An
 * empty part is harmless, and every result is the same bits for any partitioning and merge order:
 * tails keep an exactly defined set of observations, counts are integers and moments are summed
 * exactly.
 *
 * <p><b>Definitions</b> (the {@code summary} contract of DESIGN.md):
 * <ul>
 *   <li>Loss = {@code -terminal_return}, a fraction of start equity; positive is bad. Drawdown
 *       metrics use {@code max_drawdown} as the loss.
 *   <li>Observations are ordered by (value, pathId), so ties are broken by path id.
 *   <li>{@code *_var} at level α: the ⌈αN⌉-th smallest loss
 *       ({@link io.unwind.metrics.SelectedTail}, from a {@link io.unwind.metrics.RankSelection} in
 *       memory independent of N; {@link io.unwind.metrics.TailLevels} has the definitions).
 *   <li>{@code *_es} at level α: the mean of the worst (1 − α)N losses with fractional weighting
 *       at the boundary (Acerbi and Tasche 2002, doi:10.1016/S0378-4266(02)00283-2).
 *   <li>Probabilities (default, margin call, ...): share of paths, with Wilson score intervals
 *       ({@link io.unwind.metrics.Wilson}).
 *   <li>Quantiles of non-negative amounts (forced sales, impact cost): upper empirical quantiles
 *       (the same order statistic as a VaR, with its order-statistic interval).
 *   <li>Attribution: per-path differences of losses between two strategies on the same paths
 *       ({@link io.unwind.metrics.PairedDifferenceAccumulator}).
 *   <li>All confidence intervals are two-sided 95 %; an end that the sample cannot bound is ±∞.
 *   <li>Importance sampling (paths with likelihood-ratio weights): the unbiased weighted forms,
 *       {@link io.unwind.metrics.WeightedTailAccumulator} (VaR, ES, delta-method intervals) and
 *       {@link io.unwind.metrics.WeightedMomentAccumulator} (means, probabilities, paired
 *       differences as the mean of the per-path difference, mean weight, effective sample size);
 *       with unit weights they give the unweighted estimates. In memory independent of N the
 *       weighted VaRs come from a {@link io.unwind.metrics.WeightedRankSelection} and
 *       {@link io.unwind.metrics.WeightedSelectedTail} sums beyond them: the same estimates as
 *       {@link io.unwind.metrics.WeightedTailAccumulator}'s.
 * </ul>
 */
package io.unwind.metrics;
