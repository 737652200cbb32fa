package io.unwind.sim;

import io.unwind.config.StrategyKind;

/**
 * One path under one strategy: the row of the {@code paths} table.
 *
 * <p>Money amounts are fractions of the strategy's start equity (1.0).
 *
 * @param pathId the path
 * @param strategy the strategy variant
 * @param terminalReturn equity at the horizon over start equity, minus 1 (-1 after a default)
 * @param maxDrawdown largest peak-to-trough fall of equity, as a fraction of the peak (0..1)
 * @param realizedVol annualised standard deviation of daily equity returns while alive
 * @param avgLeverage mean gross exposure over equity across alive days
 * @param maxLeverage largest gross exposure over equity at any day close
 * @param marginCalls days on which a margin call fired
 * @param deleveragingDays days with a forced or vol-driven sale
 * @param maxCascadeRounds most sale rounds in one day's cascade
 * @param forcedSales notional sold under margin calls, summed over the horizon
 * @param impactCost execution shortfall from price impact on the fund's own sales
 * @param financingCost net interest paid on borrowed cash (negative when cash earned more)
 * @param tradingCost transaction costs (cost-bps) on all trades
 * @param defaulted whether equity reached zero
 * @param defaultDay day of default (1-based), or -1
 * @param shortfall what liquidation left owing to lenders at default, 0 otherwise
 * @param daysPerRegime trading days spent in each regime (length K); shared by all strategies of the path
 * @param driftPnl P&amp;L earned on the regimes' drifts: exposure at each previous close times the
 *     day's {@code mu_s dt}, summed over days (attribution's drift part)
 * @param voluntarySales notional sold by vol-driven and scheduled rebalances over the horizon
 * @param deleveragingEpisodes deleveraging episodes: gross closing below half its highest close
 *     of the previous ten days, on a day with sales (at most one per ten days)
 * @param multiRoundEpisodes those episodes with more than one sale round in their ten days
 * @param logWeight the path's log likelihood ratio log(p/q) under importance sampling (the
 *     path's weight is its exp), shared by every strategy of the path; 0 under plain sampling
 */
public record PathResult(
    long pathId,
    StrategyKind strategy,
    double terminalReturn,
    double maxDrawdown,
    double realizedVol,
    double avgLeverage,
    double maxLeverage,
    int marginCalls,
    int deleveragingDays,
    int maxCascadeRounds,
    double forcedSales,
    double impactCost,
    double financingCost,
    double tradingCost,
    boolean defaulted,
    int defaultDay,
    double shortfall,
    int[] daysPerRegime,
    double driftPnl,
    double voluntarySales,
    int deleveragingEpisodes,
    int multiRoundEpisodes,
    double logWeight) {

  /** A result of plain sampling: log weight 0. */
  public PathResult(long pathId, StrategyKind strategy, double terminalReturn, double maxDrawdown,
      double realizedVol, double avgLeverage, double maxLeverage, int marginCalls,
      int deleveragingDays, int maxCascadeRounds, double forcedSales, double impactCost,
      double financingCost, double tradingCost, boolean defaulted, int defaultDay,
      double shortfall, int[] daysPerRegime, double driftPnl, double voluntarySales,
      int deleveragingEpisodes, int multiRoundEpisodes) {
    this(pathId, strategy, terminalReturn, maxDrawdown, realizedVol, avgLeverage, maxLeverage,
        marginCalls, deleveragingDays, maxCascadeRounds, forcedSales, impactCost, financingCost,
        tradingCost, defaulted, defaultDay, shortfall, daysPerRegime, driftPnl, voluntarySales,
        deleveragingEpisodes, multiRoundEpisodes, 0.0);
  }

  /** Loss as a fraction of start equity: {@code -terminalReturn}. */
  public double loss() {
    return -terminalReturn;
  }
}
