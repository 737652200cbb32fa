package io.unwind.replay;

import io.unwind.config.StrategyKind;

/**
 * What one strategy variant did over one stretch of a replayed history (an episode or the whole).
 *
 * <p>Fractions, not percent (0.27 = 27 %). The stretch runs from the close before its first
 * trading day (the base NAV) to the close of its last, so the first day's move counts.
 *
 * @param strategy the variant
 * @param maxDrawdown largest fall of NAV from its running peak inside the stretch (the base NAV
 *     included), fraction of the peak; 1 after a default
 * @param totalReturn NAV at the last close over the base NAV, minus 1
 * @param realizedVol annualised standard deviation of the daily NAV returns (sample, n - 1)
 * @param avgLeverage mean gross exposure over equity at the day closes
 * @param minLeverage smallest gross exposure over equity at a day close
 * @param maxLeverage largest gross exposure over equity at a day close
 * @param deleveragingDays days with a forced or vol-driven sale
 * @param forcedSales notional sold under margin calls, fraction of the base NAV
 * @param marginCalls days on which a margin or liquidity call fired
 * @param impactCost price impact paid on the sale-event days (forced and vol-driven sales; not
 *     the scheduled rebalances), fraction of the base NAV
 * @param defaulted whether the fund defaulted inside the stretch
 * @param days trading days in the stretch
 */
public record StrategyOutcome(
    StrategyKind strategy,
    double maxDrawdown,
    double totalReturn,
    double realizedVol,
    double avgLeverage,
    double minLeverage,
    double maxLeverage,
    int deleveragingDays,
    double forcedSales,
    int marginCalls,
    double impactCost,
    boolean defaulted,
    int days) {
}
