package io.unwind.sim;

import io.unwind.config.ResolvedScenario;
import io.unwind.market.Book;
import io.unwind.market.Cascade;
import io.unwind.strategy.CovarianceGuard;
import io.unwind.strategy.ErcSolver;

/**
 * Every array the path kernel needs, allocated once per partition (per thread) and reused for
 * every path. Not thread-safe. After {@link PathSimulator#simulate(long, PathWorkspace)} it holds
 * that path's outcome until the next call.
 */
public final class PathWorkspace {
  final PathResult[] results;
  final EventLog events = new EventLog();
  final SampleLog samples = new SampleLog();

  // the path's market, shared by every strategy (common random numbers)
  final int[] regime;
  final double[] logReturn;
  final double[] exoPrice;
  final double[] shock;
  final double[] correlatedShock;
  /**
   * The path's log likelihood ratio log(p/q) of its regime path (0 under plain sampling and for a
   * given market): every variant's result on the path weighs {@code exp(logWeight)}.
   */
  double logWeight;
  /**
   * K x n sums of the path's shifted standard normals per regime, kept only when the simulator
   * records them (the cross-entropy pilot fitting the shift vectors).
   */
  final double[] normalSum;

  // one strategy's working state, reset for each strategy
  final Book book;
  final Cascade cascade;
  final double[] covHat;
  final double[] covWork;
  final double[] weights;
  final double[] exposure;
  final double[] impactChange;
  final double[] observedReturn;
  final double[] trade;
  /** The strategy's NAV and leverage at each day's close, 0 to the horizon (for samples). */
  final double[] dayNav;
  final double[] dayLeverage;
  /** Ring buffers of the last closes' gross and sale rounds (deleveraging episodes). */
  final double[] grossWindow = new double[PathSimulator.EPISODE_WINDOW];
  final int[] roundsWindow = new int[PathSimulator.EPISODE_WINDOW];
  final ErcSolver erc;
  final CovarianceGuard guard;

  PathWorkspace(ResolvedScenario scenario) {
    int n = scenario.assetCount();
    int horizon = scenario.horizonDays();
    this.results = new PathResult[scenario.strategies().size()];
    this.regime = new int[horizon + 1];
    this.normalSum = new double[scenario.regimeCount() * n];
    this.logReturn = new double[horizon * n];
    this.exoPrice = new double[(horizon + 1) * n];
    this.shock = new double[n];
    this.correlatedShock = new double[n];
    this.book = new Book(scenario.depth());
    this.cascade = new Cascade(scenario.haircutFloor(), scenario.depth());
    this.covHat = new double[n * n];
    this.covWork = new double[n * n];
    this.weights = new double[n];
    this.exposure = new double[n];
    this.impactChange = new double[n];
    this.observedReturn = new double[n];
    this.trade = new double[n];
    this.dayNav = new double[horizon + 1];
    this.dayLeverage = new double[horizon + 1];
    this.erc = new ErcSolver(n);
    this.guard = new CovarianceGuard(n);
  }

  /**
   * Puts a given market into the workspace in place of a drawn one (replay): the regime of each
   * day and the exogenous prices and log returns, for {@link PathSimulator#runStrategies}.
   *
   * @param regimes {@code horizon + 1} regime indices: day 0 sizes the first book (and its
   *     covariance starts the estimate), day t is the regime the day-t return lived in
   * @param prices {@code (horizon + 1) x n} row-major exogenous prices relative to day 0, so day
   *     0's row is all 1.0 as in simulate (the book starts every position at price 1.0)
   * @param logReturns {@code horizon x n} row-major, row t-1 the log return of day t, which feeds
   *     the EWMA estimate at day t's close
   * @throws IllegalArgumentException when a length does not match the workspace's scenario
   */
  public void setMarket(int[] regimes, double[] prices, double[] logReturns) {
    if (regimes.length != regime.length || prices.length != exoPrice.length
        || logReturns.length != logReturn.length) {
      throw new IllegalArgumentException("market of " + (regimes.length - 1) + " days, "
          + prices.length + " prices and " + logReturns.length + " returns does not fit a workspace of "
          + (regime.length - 1) + " days, " + exoPrice.length + " prices and " + logReturn.length
          + " returns");
    }
    System.arraycopy(regimes, 0, regime, 0, regime.length);
    System.arraycopy(prices, 0, exoPrice, 0, exoPrice.length);
    System.arraycopy(logReturns, 0, logReturn, 0, logReturn.length);
    logWeight = 0.0;
  }

  /**
   * The log likelihood ratio of the path in the workspace: {@code log(pi_p(s_0)/pi_q(s_0)) +
   * sum_t log(p(s_{t-1}, s_t)/q(s_{t-1}, s_t))}, 0.0 under plain sampling; shared by every
   * strategy of the path. Estimators weigh each of the path's results by {@code exp} of it.
   */
  public double logWeight() {
    return logWeight;
  }

  /** The regime of day {@code day} (0..horizon) of the path in the workspace. */
  public int regime(int day) {
    return regime[day];
  }

  /** The exogenous price of asset {@code asset} at the close of day {@code day} (day 0 = 1.0). */
  public double exoPrice(int day, int asset) {
    return exoPrice[day * shock.length + asset];
  }

  /** The last simulated path's result per strategy, in the scenario's strategy order. */
  public PathResult result(int strategyIndex) {
    return results[strategyIndex];
  }

  /** Number of strategies, the length of the results. */
  public int strategyCount() {
    return results.length;
  }

  /** The last simulated path's events, all strategies. */
  public EventLog events() {
    return events;
  }

  /** The last simulated path's daily samples (empty when the path is not sampled). */
  public SampleLog samples() {
    return samples;
  }
}
