package io.unwind.sim;

import io.unwind.config.AssetClass;
import io.unwind.config.ImpactModel;
import io.unwind.config.MarginSettings;
import io.unwind.config.MarketSettings;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.StrategyKind;
import io.unwind.config.StrategySettings;
import io.unwind.market.Book;
import io.unwind.market.Cascade;
import io.unwind.model.CorrelatedShocks;
import io.unwind.model.DailyExp;
import io.unwind.model.RegimeChain;
import io.unwind.rng.PathRandom;
import io.unwind.strategy.CovarianceGuard;
import io.unwind.strategy.ErcSolver;
import io.unwind.strategy.Ewma;
import io.unwind.strategy.Portfolios;

/**
 * The path kernel: simulates one market path and runs every strategy variant on it, on common
 * random numbers. Stateless apart from the resolved scenario and what it derives from it once;
 * thread-safe, one {@link PathWorkspace} per thread.
 *
 * <p>Per path, the market is drawn once: the regime chain and the exogenous log returns
 * {@code r = mu_s dt + L_s eps} (daily Cholesky factor, Gaussian or multivariate-t shocks). Each
 * strategy then lives through that market day by day: prices move (yesterday's impact partly
 * decays), cash accrues interest, a default or margin call is met — with the crowd selling
 * alongside and prices falling into further rounds — otherwise a scheduled or vol-driven rebalance
 * runs, and at the close the observed move (impact included) feeds the EWMA estimate that sizes
 * tomorrow's book and sets tomorrow's haircuts.
 *
 * <p>The per-day loop allocates nothing and boxes nothing; everything lives in the workspace.
 */
public final class PathSimulator {
  private static final double DT = 1.0 / ResolvedScenario.DAYS_PER_YEAR;
  private static final double SQRT_DAYS = Math.sqrt(ResolvedScenario.DAYS_PER_YEAR);
  /** The 60/40 benchmark rebalances monthly whatever the scenario's schedule. */
  private static final int SIXTY_FORTY_REBALANCE_DAYS = 21;

  private final ResolvedScenario scenario;
  private final int n;
  private final int regimes;
  private final int horizon;
  private final StrategyKind[] kinds;
  private final StrategySettings strategy;
  private final MarginSettings margin;
  private final MarketSettings market;
  private final double[] sigmaDaily;
  private final double[] oracleWeights;
  private final double[] oracleVol;
  private final double[] sixtyFortyWeights;
  private final double ewmaDecay;
  private final double haircutScale;
  /** The largest haircut floor: the daily margin pre-check needs only it and the largest variance. */

  /** Resolves what every path shares: daily vols, the oracle's per-regime books, 60/40 weights. */
  public PathSimulator(ResolvedScenario scenario) {
    this.scenario = scenario;
    this.n = scenario.assetCount();
    this.regimes = scenario.regimeCount();
    this.horizon = scenario.horizonDays();
    this.kinds = scenario.strategies().toArray(new StrategyKind[0]);
    this.strategy = scenario.strategy();
    this.margin = scenario.margin();
    this.market = scenario.market();
    this.sigmaDaily = new double[regimes * n];
    for (int j = 0; j < sigmaDaily.length; j++) {
      sigmaDaily[j] = scenario.annualVol()[j] / SQRT_DAYS;
    }
    this.oracleWeights = new double[regimes * n];
    this.oracleVol = new double[regimes];
    ErcSolver solver = new ErcSolver(n);
    CovarianceGuard guard = new CovarianceGuard(n);
    double[] cov = new double[n * n];
    double[] w = new double[n];
    for (int s = 0; s < regimes; s++) {
      System.arraycopy(scenario.annualCovariance(), s * n * n, cov, 0, n * n);
      guard.ensurePositiveDefinite(cov, 0, n, strategy.varianceFloor());
      java.util.Arrays.fill(w, 0.0);
      solver.solve(cov, 0, w);
      System.arraycopy(w, 0, oracleWeights, s * n, n);
      oracleVol[s] = Portfolios.volatility(cov, 0, n, w);
    }
    this.sixtyFortyWeights = sixtyForty(scenario.assetClasses());
    this.ewmaDecay = Ewma.decayForHalfLife(strategy.ewmaHalflifeDays());
    this.haircutScale = margin.z() * Math.sqrt(margin.mporDays() / ResolvedScenario.DAYS_PER_YEAR);
  }

  private static double[] sixtyForty(AssetClass[] classes) {
    int equities = 0;
    int bonds = 0;
    for (AssetClass c : classes) {
      equities += c == AssetClass.EQUITY ? 1 : 0;
      bonds += c == AssetClass.BOND ? 1 : 0;
    }
    double[] w = new double[classes.length];
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] == AssetClass.EQUITY) {
        w[i] = 0.6 / equities;
      } else if (classes[i] == AssetClass.BOND) {
        w[i] = 0.4 / bonds;
      }
    }
    return w;
  }

  /** A workspace sized for this scenario. */
  public PathWorkspace newWorkspace() {
    return new PathWorkspace(scenario);
  }

  public ResolvedScenario scenario() {
    return scenario;
  }

  /**
   * Simulates path {@code pathId}; its results, events and samples replace the workspace's.
   * The numbers depend only on (scenario, pathId), never on what the workspace held before.
   */
  public void simulate(long pathId, PathWorkspace ws) {
    ws.events.clear();
    ws.samples.clear();
    drawMarket(PathRandom.forPath(scenario.seed(), pathId), ws);
    runStrategies(pathId, ws, scenario.isSampled(pathId));
  }

  /**
   * Runs every strategy variant on the market already in the workspace (drawn by
   * {@link #simulate} or given by {@link PathWorkspace#setMarket}); its results, events and
   * samples replace the workspace's. Replay enters the kernel here, so a historical market and a
   * simulated one live through the same strategy loop.
   *
   * @param pathId the path id written into results, events and samples
   * @param ws the workspace holding the market
   * @param sampled whether to keep the daily samples of every strategy
   */
  public void runStrategies(long pathId, PathWorkspace ws, boolean sampled) {
    ws.events.clear();
    ws.samples.clear();
    int[] daysPerRegime = new int[regimes];
    for (int t = 1; t <= horizon; t++) {
      daysPerRegime[ws.regime[t]]++;
    }
    for (int j = 0; j < kinds.length; j++) {
      ws.results[j] = runStrategy(kinds[j], pathId, ws, daysPerRegime, sampled);
    }
  }

  /** The regime chain and exogenous prices of the path, drawn in a fixed order from its stream. */
  private void drawMarket(PathRandom random, PathWorkspace ws) {
    int[] regime = ws.regime;
    double[] exoPrice = ws.exoPrice;
    regime[0] = scenario.initialRegime() >= 0
        ? scenario.initialRegime()
        : RegimeChain.draw(scenario.stationary(), random.nextUniform());
    for (int i = 0; i < n; i++) {
      exoPrice[i] = 1.0;
    }
    double[] transition = scenario.dailyTransition();
    double[] drift = scenario.dailyDrift();
    double[] cholesky = scenario.dailyCholesky();
    double[] dof = scenario.dof();
    for (int t = 1; t <= horizon; t++) {
      int s = RegimeChain.next(transition, regimes, regime[t - 1], random.nextUniform());
      regime[t] = s;
      random.nextShocks(dof[s], ws.shock, 0, n);
      CorrelatedShocks.apply(cholesky, s * n * n, n, ws.shock, ws.correlatedShock);
      int day = (t - 1) * n;
      int close = t * n;
      for (int i = 0; i < n; i++) {
        double r = drift[s * n + i] + ws.correlatedShock[i];
        ws.logReturn[day + i] = r;
        // DailyExp: within an ulp or two of Math.exp for daily moves, cheaper (see its javadoc).
        exoPrice[close + i] = exoPrice[day + i] * DailyExp.exp(r);
      }
    }
  }

  private PathResult runStrategy(StrategyKind kind, long pathId, PathWorkspace ws,
      int[] daysPerRegime, boolean sampled) {
    final Book book = ws.book;
    final Cascade cascade = ws.cascade;
    final double[] covHat = ws.covHat;
    final int[] regime = ws.regime;
    final boolean sixtyForty = kind == StrategyKind.SIXTY_FORTY;
    final boolean oracle = kind == StrategyKind.ORACLE_ERC;
    final boolean levered = kind == StrategyKind.LEVERED_ERC || oracle
        || kind == StrategyKind.NO_IMPACT;
    final double maxLeverage = levered ? strategy.maxLeverage() : 1.0;
    final ImpactModel impact = kind == StrategyKind.NO_IMPACT ? ImpactModel.NONE : market.impact();
    final int rebalanceEvery = sixtyForty ? SIXTY_FORTY_REBALANCE_DAYS : strategy.rebalanceDays();
    final double volCeiling = strategy.volTarget() * (1.0 + strategy.volBand());
    final double shortRate = strategy.shortRate();
    final double[] spread = scenario.fundingSpread();

    // The fund's history: the estimate starts at the initial regime's true covariance. The kernel
    // keeps and reads only its lower triangle (Ewma.updateLower); targetBook mirrors it for the
    // solver.
    System.arraycopy(scenario.annualCovariance(), regime[0] * n * n, covHat, 0, n * n);
    double maxVariance = 0;
    for (int i = 0; i < n; i++) {
      maxVariance = Math.max(maxVariance, covHat[i * n + i]);
    }
    final double[] logReturn = ws.logReturn;
    final double[] impactChange = ws.impactChange;
    final double[] exposure = ws.exposure;
    java.util.Arrays.fill(ws.weights, 0.0);
    double leverage = targetBook(kind, regime[0], ws, maxLeverage, levered);
    for (int i = 0; i < n; i++) {
      ws.exposure[i] = leverage * ws.weights[i];
    }
    book.reset(ws.exposure, impact, market.impactCoefficient(), market.crowd(), strategy.costBps());
    if (sampled) {
      ws.samples.add(kind, 0, regime[0], 1.0, book.gross());
    }

    double peak = 1.0;
    double maxDrawdown = 0;
    double previousEquity = 1.0;
    double sumReturn = 0;
    double sumSquaredReturn = 0;
    double sumLeverage = 0;
    double maxLeverageSeen = book.gross();
    int aliveDays = 0;
    int marginCalls = 0;
    int deleveragingDays = 0;
    int maxRounds = 0;
    double forcedSales = 0;
    double financingCost = 0;
    boolean defaulted = false;
    int defaultDay = -1;
    double shortfall = 0;
    double equity = 1.0;

    // Scheduled rebalance days are the multiples of rebalanceEvery: a countdown, not a division.
    int nextRebalance = rebalanceEvery;
    for (int t = 1; t <= horizon; t++) {
      final int s = regime[t];
      final boolean scheduled = t == nextRebalance;
      if (scheduled) {
        nextRebalance += rebalanceEvery;
      }
      // Re-marks the book and leaves each position's value in exposure for the vol check.
      book.openDay(ws.exoPrice, t * n, market.persistence(), sigmaDaily, s * n, exposure);
      financingCost += book.accrueInterest(shortRate + spread[s], shortRate, DT);

      double equityBefore = book.equity();
      double grossBefore = book.gross();
      double soldBefore = book.soldNotional();
      double impactBefore = book.impactCost();
      boolean called = false;
      // An unborrowed book cannot be called (E = G + C >= G >= M when C >= 0 and h <= 1), nor one
      // whose equity covers the largest haircut on everything it holds.
      if (equityBefore <= 0 || (margin.enabled() && book.cash() < 0
          && equityBefore < grossBefore * cascade.maxHaircut(maxVariance, haircutScale))) {
        cascade.updateHaircuts(covHat, haircutScale);
        called = cascade.meetCall(book, margin.buffer(), market.maxRounds(), market.saleOrder());
        if (called) {
          double sold = book.soldNotional() - soldBefore;
          forcedSales += sold;
          marginCalls++;
          deleveragingDays++;
          maxRounds = Math.max(maxRounds, cascade.rounds());
          ws.events.add(kind, t, s, Trigger.MARGIN_CALL, cascade.rounds(), cascade.converged(),
              equityBefore, book.equity(), grossBefore, book.gross(), sold / equityBefore,
              book.impactCost() - impactBefore, cascade.defaulted());
          if (cascade.defaulted()) {
            defaulted = true;
            defaultDay = t;
            shortfall = Math.max(0.0, -book.cash());
            break;
          }
        }
      }

      if (!called) {
        boolean volBreach = false;
        if (!sixtyForty) {
          // sqrt(x' S x) / E > ceiling, squared: E > 0 here (a book with E <= 0 met a call above).
          double limit = volCeiling * book.equity();
          double variance = oracle
              ? Portfolios.quadraticFormLower(scenario.annualCovariance(), s * n * n, n, exposure)
              : Portfolios.quadraticFormLower(covHat, 0, n, exposure);
          volBreach = variance > limit * limit;
        }
        if (volBreach || scheduled) {
          double target = targetBook(kind, s, ws, maxLeverage, levered);
          rebalance(book, ws.weights, target);
          double sold = book.soldNotional() - soldBefore;
          if (volBreach && book.gross() < grossBefore && sold > 0) {
            deleveragingDays++;
            ws.events.add(kind, t, s, Trigger.VOL_TARGET, 1, true, equityBefore, book.equity(),
                grossBefore, book.gross(), sold / equityBefore, book.impactCost() - impactBefore,
                false);
          }
        }
      }

      // Close: the observed move, impact included, feeds tomorrow's estimate and haircuts.
      book.closeDay(impactChange);
      maxVariance = Ewma.updateLowerObserved(covHat, n, ewmaDecay, logReturn, (t - 1) * n,
          impactChange, SQRT_DAYS, ws.observedReturn);

      equity = book.equity();
      if (equity <= 0) {
        book.liquidate();
        ws.events.add(kind, t, s, Trigger.MARGIN_CALL, 0, true, equity, book.equity(), book.gross(),
            0.0, 0.0, 0.0, true);
        defaulted = true;
        defaultDay = t;
        shortfall = Math.max(0.0, -book.cash());
        break;
      }
      double gross = book.gross();
      double dailyLeverage = gross / equity;
      double dailyReturn = equity / previousEquity - 1.0;
      previousEquity = equity;
      sumReturn += dailyReturn;
      sumSquaredReturn += dailyReturn * dailyReturn;
      sumLeverage += dailyLeverage;
      // Plain comparisons, not Math.max: neither side can be NaN or a signed zero here.
      maxLeverageSeen = dailyLeverage > maxLeverageSeen ? dailyLeverage : maxLeverageSeen;
      aliveDays++;
      peak = equity > peak ? equity : peak;
      // 1 - E/peak exceeds the drawdown so far only when E < peak (1 - drawdown): divide then.
      if (equity < peak * (1.0 - maxDrawdown)) {
        maxDrawdown = Math.max(maxDrawdown, 1.0 - equity / peak);
      }
      if (sampled) {
        ws.samples.add(kind, t, s, equity, dailyLeverage);
      }
    }

    if (defaulted) {
      maxDrawdown = 1.0;
      equity = 0.0;
      if (sampled) {
        for (int t = defaultDay; t <= horizon; t++) {
          ws.samples.add(kind, t, regime[t], 0.0, 0.0);
        }
      }
    }
    double realizedVol = 0;
    if (aliveDays > 1) {
      double mean = sumReturn / aliveDays;
      double variance = (sumSquaredReturn - aliveDays * mean * mean) / (aliveDays - 1);
      realizedVol = Math.sqrt(Math.max(variance, 0.0) * ResolvedScenario.DAYS_PER_YEAR);
    }
    return new PathResult(pathId, kind, equity - 1.0, maxDrawdown, realizedVol,
        aliveDays > 0 ? sumLeverage / aliveDays : 0.0, maxLeverageSeen, marginCalls,
        deleveragingDays, maxRounds, forcedSales, book.impactCost(), financingCost,
        book.tradingCost(), defaulted, defaultDay, shortfall, daysPerRegime);
  }

  /**
   * Fills {@code ws.weights} with the strategy's target weights (summing to 1) and returns the
   * target leverage: ERC on the estimate (or, for the oracle, the regime's true covariance) levered
   * to the vol target, capped at max leverage and at what margin allows with the buffer; 60/40
   * unlevered.
   */
  private double targetBook(StrategyKind kind, int s, PathWorkspace ws, double maxLeverage,
      boolean levered) {
    if (kind == StrategyKind.SIXTY_FORTY) {
      System.arraycopy(sixtyFortyWeights, 0, ws.weights, 0, n);
      return 1.0;
    }
    double bookVol;
    if (kind == StrategyKind.ORACLE_ERC) {
      System.arraycopy(oracleWeights, s * n, ws.weights, 0, n);
      bookVol = oracleVol[s];
    } else {
      Ewma.mirrorLower(ws.covHat, 0, ws.covWork, 0, n);
      ws.guard.ensurePositiveDefinite(ws.covWork, 0, n, strategy.varianceFloor());
      ws.erc.solve(ws.covWork, 0, ws.weights);
      bookVol = Portfolios.volatility(ws.covWork, 0, n, ws.weights);
    }
    double leverage = Math.min(maxLeverage, strategy.volTarget() / bookVol);
    if (levered && margin.enabled()) {
      ws.cascade.updateHaircuts(ws.covHat, haircutScale);
      double requirementPerExposure = ws.cascade.requirementPerExposure(ws.weights);
      if (requirementPerExposure > 0) {
        leverage = Math.min(leverage, 1.0 / ((1.0 + margin.buffer()) * requirementPerExposure));
      }
    }
    return leverage;
  }

  /** Trades to exposure {@code leverage * equity * w_i}: sales first (they move prices), then buys. */
  private void rebalance(Book book, double[] weights, double leverage) {
    double equity = book.equity();
    for (int i = 0; i < n; i++) {
      double excess = book.units(i) - leverage * equity * weights[i] / book.price(i);
      if (excess > 0) {
        book.sell(i, excess);
      }
    }
    equity = book.equity();
    for (int i = 0; i < n; i++) {
      double shortage = leverage * equity * weights[i] / book.price(i) - book.units(i);
      if (shortage > 0) {
        book.buy(i, shortage);
      }
    }
  }
}
