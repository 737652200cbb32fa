package io.unwind.summary;

/**
 * One path under one strategy: the columns of its {@code paths} row the summary reads.
 *
 * @param pathId path id
 * @param loss {@code -terminal_return}, fraction of start equity
 * @param maxDrawdown max drawdown, fraction of the peak
 * @param defaulted whether the path defaulted
 * @param marginCalls days with a margin call
 * @param deleveragingDays days with a forced or vol-driven sale
 * @param maxCascadeRounds most sale rounds in one day
 * @param forcedSales notional sold under margin calls, fraction of start equity
 * @param impactCost impact cost of the fund's own sales, fraction of start equity
 * @param regimeDays trading days per regime, in the run's regime order (not copied)
 * @param driftPnl P&amp;L earned on the regimes' drifts, fraction of start equity
 * @param voluntarySales notional sold by vol-driven and scheduled rebalances, fraction of start equity
 * @param deleveragingEpisodes deleveraging episodes on the path
 * @param multiRoundEpisodes those with more than one sale round
 * @param weight the path's likelihood ratio {@code exp(log_weight)} under importance sampling, the
 *     same on every strategy's row; 1 under plain sampling
 */
public record PathOutcome(long pathId, double loss, double maxDrawdown, boolean defaulted, int marginCalls,
    int deleveragingDays, int maxCascadeRounds, double forcedSales, double impactCost,
    int[] regimeDays, double driftPnl, double voluntarySales, int deleveragingEpisodes,
    int multiRoundEpisodes, double weight) {

  /** Share of the path's days spent in each regime (a fresh array). */
  public double[] regimeShares() {
    long total = 0;
    for (int d : regimeDays) {
      total += d;
    }
    double[] shares = new double[regimeDays.length];
    for (int r = 0; r < shares.length && total > 0; r++) {
      shares[r] = regimeDays[r] / (double) total;
    }
    return shares;
  }
}
