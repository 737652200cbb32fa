package io.unwind.sim;

import io.unwind.config.MarginSettings;
import io.unwind.config.MarketSettings;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.SamplingSettings;
import io.unwind.config.StrategySettings;
import io.unwind.market.Book;
import io.unwind.market.Cascade;
import io.unwind.model.CorrelatedShocks;
import io.unwind.model.DailyExp;
import io.unwind.model.RegimeChain;
import io.unwind.rng.PathRandom;
import io.unwind.strategy.Ewma;
import io.unwind.strategy.OracleBooks;
import io.unwind.strategy.Portfolios;
import java.util.Arrays;

/**
 * The path kernel: simulates one market path and runs every strategy variant on it, on common
 * random numbers. Stateless apart from the resolved scenario and what it derives from it once;
 * thread-safe, one {@link PathWorkspace} per thread.
 *
 * <p>Per path, the market is drawn once: the regime chain and the exogenous log returns
 * {@code r = mu_s dt + L_s eps} (daily Cholesky factor, Gaussian or multivariate-t shocks). Each
 * strategy, a {@link Variant} resolved once, then lives through that market day by day: prices
 * move (yesterday's impact partly decays), cash accrues interest, a default or margin call is met
 * — with the crowd selling alongside and prices falling into further rounds — otherwise a
 * scheduled or vol-driven rebalance runs, and at the close the observed move (impact included)
 * feeds the EWMA estimate that sizes tomorrow's book and sets tomorrow's haircuts.
 *
 * <p>Besides the outcome, each path records the P&amp;L earned on the regimes' drifts (exposure at
 * the previous close times {@code mu_s dt}, summed over days): the difference of two variants'
 * drift P&amp;L is the part of their difference due to the timing of expected returns, the rest is
 * earned on the shocks and costs (DESIGN, "Attribution says what it measures"). And it finds the
 * deleveraging episodes: a day with sales that closes with gross below half its highest close of
 * the previous ten days starts one (one episode per ten days at most); its rounds are the sale
 * rounds of those ten days (a margin call counts its cascade rounds, any other day with sales one).
 *
 * <p>The per-day loop allocates nothing and boxes nothing; everything lives in the workspace.
 */
public final class PathSimulator {
  private static final double DT = 1.0 / ResolvedScenario.DAYS_PER_YEAR;
  private static final double SQRT_DAYS = Math.sqrt(ResolvedScenario.DAYS_PER_YEAR);
  /** Window of a deleveraging episode, trading days (the workspace's ring buffers' length). */
  static final int EPISODE_WINDOW = 10;
  /** An episode: gross closes below this share of its highest close in the window. */
  private static final double EPISODE_CUT = 0.5;

  private final ResolvedScenario scenario;
  private final int n;
  private final int regimes;
  private final int horizon;
  private final Variant[] variants;
  private final StrategySettings strategy;
  private final MarginSettings margin;
  private final MarketSettings market;
  private final double[] sigmaDaily;
  private final OracleBooks oracle;
  private final double ewmaDecay;
  private final double haircutScale;
  /**
   * K x n daily mean shifts of the standard normals under a shock tilt, {@code -}(this) is their
   * mean: the pilot's fitted vectors ({@code sampling.shiftVectors}), else shock-shift times the
   * unit direction {@code L_s' w_s / |L_s' w_s|} in which regime s's ERC book (the oracle's
   * weights) loses; {@code null} when the shocks are untilted.
   */
  private final double[] shockShift;
  /** Per regime {@code |a_s|^2 / 2}: each shifted day's constant in the log likelihood ratio. */
  private final double[] halfShiftSquared;
  /** Whether each path's shifted normals are summed per regime (the pilot fitting the shift). */
  private boolean recordNormals;

  /** Resolves what every path shares: daily vols, the variants' rules, the oracle's books. */
  public PathSimulator(ResolvedScenario scenario) {
    this.scenario = scenario;
    this.n = scenario.assetCount();
    this.regimes = scenario.regimeCount();
    this.horizon = scenario.horizonDays();
    this.variants = new Variant[scenario.strategies().size()];
    for (int j = 0; j < variants.length; j++) {
      variants[j] = Variant.of(scenario.strategies().get(j), scenario);
    }
    this.strategy = scenario.strategy();
    this.margin = scenario.margin();
    this.market = scenario.market();
    this.sigmaDaily = new double[regimes * n];
    for (int j = 0; j < sigmaDaily.length; j++) {
      sigmaDaily[j] = scenario.annualVol()[j] / SQRT_DAYS;
    }
    this.oracle = OracleBooks.of(scenario);
    this.ewmaDecay = Ewma.decayForHalfLife(strategy.ewmaHalflifeDays());
    this.haircutScale = margin.z() * Math.sqrt(margin.mporDays() / ResolvedScenario.DAYS_PER_YEAR);
    double theta = scenario.sampling().shockShift();
    double[] fitted = scenario.sampling().shiftVectors();
    this.halfShiftSquared = new double[regimes];
    if (fitted != null) {
      this.shockShift = fitted.clone();
      for (int s = 0; s < regimes; s++) {
        double squared = 0;
        for (int j = 0; j < n; j++) {
          squared += fitted[s * n + j] * fitted[s * n + j];
        }
        halfShiftSquared[s] = 0.5 * squared;
      }
    } else {
      this.shockShift = theta > 0 ? shockDirections(theta) : null;
      Arrays.fill(halfShiftSquared, 0.5 * theta * theta);
    }
  }

  /** theta times, per regime, the unit vector {@code L_s' w_s / |L_s' w_s|} (L lower, daily). */
  private double[] shockDirections(double theta) {
    double[] chol = scenario.dailyCholesky();
    double[] out = new double[regimes * n];
    for (int s = 0; s < regimes; s++) {
      double norm = 0;
      for (int j = 0; j < n; j++) {
        double d = 0;
        for (int i = j; i < n; i++) {
          d += chol[s * n * n + i * n + j] * oracle.weights()[s * n + i];
        }
        out[s * n + j] = d;
        norm += d * d;
      }
      double scale = norm > 0 ? theta / Math.sqrt(norm) : 0.0;
      for (int j = 0; j < n; j++) {
        out[s * n + j] *= scale;
      }
    }
    return out;
  }

  /** The K x n shift vectors the shocks are drawn with (a copy), or null when untilted. */
  double[] shiftVectors() {
    return shockShift == null ? null : shockShift.clone();
  }

  /** Sum each path's shifted normals per regime into the workspace (for the pilot). */
  void recordNormals(boolean record) {
    this.recordNormals = record;
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
    for (int j = 0; j < variants.length; j++) {
      PathResult result = runStrategy(variants[j], pathId, ws, daysPerRegime);
      ws.results[j] = result;
      if (sampled) {
        addSamples(result, ws);
      }
    }
  }

  /**
   * Appends one strategy's daily samples (day 0 to the horizon) from the workspace's day arrays;
   * from a default's day on, NAV and leverage are 0. Kept out of the day loop, whose compiled code
   * would otherwise be thrown away and recompiled when the first sampled path arrives (C2 compiles
   * a branch it has never seen taken as a trap back to the interpreter).
   */
  private void addSamples(PathResult result, PathWorkspace ws) {
    int alive = result.defaulted() ? result.defaultDay() : horizon + 1;
    for (int t = 0; t <= horizon; t++) {
      if (t < alive) {
        ws.samples.add(result.strategy(), t, ws.regime[t], ws.dayNav[t], ws.dayLeverage[t]);
      } else {
        ws.samples.add(result.strategy(), t, ws.regime[t], 0.0, 0.0);
      }
    }
  }

  /**
   * The regime chain and exogenous prices of the path, drawn in a fixed order from its stream.
   *
   * <p>The chain is drawn from the sampling matrix q (the scenario's own p under plain sampling:
   * the same array, so the same draws) with one uniform a day, as plain sampling does, and the
   * path's log likelihood ratio is summed along it from the precomputed per-transition
   * {@code log(p/q)} (all 0.0 under plain sampling, so the log weight is exactly 0). Under a shock
   * shift the day's normals are drawn shifted (the same random numbers) and the day adds their
   * log ratio.
   */
  private void drawMarket(PathRandom random, PathWorkspace ws) {
    int[] regime = ws.regime;
    double[] exoPrice = ws.exoPrice;
    SamplingSettings sampling = scenario.sampling();
    double logWeight = 0.0;
    if (recordNormals) {
      Arrays.fill(ws.normalSum, 0.0);
    }
    if (scenario.initialRegime() >= 0) {
      regime[0] = scenario.initialRegime();
    } else {
      regime[0] = RegimeChain.draw(sampling.initial(), random.nextUniform());
      logWeight = sampling.initialLogRatio()[regime[0]];
    }
    for (int i = 0; i < n; i++) {
      exoPrice[i] = 1.0;
    }
    double[] transition = sampling.transition();
    double[] logRatio = sampling.logRatio();
    double[] drift = scenario.dailyDrift();
    double[] cholesky = scenario.dailyCholesky();
    double[] dof = scenario.dof();
    for (int t = 1; t <= horizon; t++) {
      int from = regime[t - 1];
      int s = RegimeChain.next(transition, regimes, from, random.nextUniform());
      regime[t] = s;
      logWeight += logRatio[from * regimes + s];
      if (shockShift == null) {
        random.nextShocks(dof[s], ws.shock, 0, n);
      } else {
        logWeight += random.nextShiftedShocks(dof[s], ws.shock, 0, n, shockShift, s * n,
            recordNormals ? ws.normalSum : null) + halfShiftSquared[s];
      }
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
    ws.logWeight = logWeight;
  }

  private PathResult runStrategy(Variant v, long pathId, PathWorkspace ws, int[] daysPerRegime) {
    final Book book = ws.book;
    final Cascade cascade = ws.cascade;
    final double[] covHat = ws.covHat;
    final int[] regime = ws.regime;
    final double volCeiling = strategy.volTarget() * (1.0 + strategy.volBand());
    final double shortRate = strategy.shortRate();
    final double[] spread = scenario.fundingSpread();
    final double[] marginMultiplier = scenario.marginMultiplier();
    final double[] depthMultiplier = scenario.depthMultiplier();
    final double[] drift = scenario.dailyDrift();
    final double liquidityFloor = margin.liquidityFloor();
    final boolean sizedOnTruth = v.sizing() == Variant.Sizing.REGIME_TRUTH;

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
    double leverage = targetBook(v, regime[0], ws);
    for (int i = 0; i < n; i++) {
      ws.exposure[i] = leverage * ws.weights[i];
    }
    book.reset(ws.exposure, v.impact(), market.impactCoefficient(), market.crowd(),
        strategy.costBps(), strategy.maxLeverage());
    // Each day's NAV and leverage, for the samples of a sampled path (addSamples).
    final double[] dayNav = ws.dayNav;
    final double[] dayLeverage = ws.dayLeverage;
    dayNav[0] = 1.0;
    dayLeverage[0] = book.gross();
    final double[] grossWindow = ws.grossWindow;
    final int[] roundsWindow = ws.roundsWindow;
    java.util.Arrays.fill(grossWindow, book.gross());
    java.util.Arrays.fill(roundsWindow, 0);
    int windowSlot = 0;

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
    int episodes = 0;
    int multiRoundEpisodes = 0;
    int lastEpisodeDay = -EPISODE_WINDOW;
    double forcedSales = 0;
    double voluntarySales = 0;
    double financingCost = 0;
    double driftPnl = 0;
    boolean defaulted = false;
    int defaultDay = -1;
    double shortfall = 0;
    double equity = 1.0;

    // Scheduled rebalance days are the multiples of the period: a countdown, not a division.
    int nextRebalance = v.rebalanceDays();
    for (int t = 1; t <= horizon; t++) {
      final int s = regime[t];
      final boolean scheduled = t == nextRebalance;
      if (scheduled) {
        nextRebalance += v.rebalanceDays();
      }
      // Re-marks the book and leaves each position's value in exposure for the vol check; returns
      // what the day's drift earned on the positions held overnight (attribution's drift part).
      driftPnl += book.openDayEarningDrift(ws.exoPrice, t * n, market.persistence(), sigmaDaily,
          s * n, drift, s * n, exposure);
      book.setDepthMultiplier(depthMultiplier[s]);
      financingCost += book.accrueInterest(shortRate + spread[s], shortRate, DT);

      double equityBefore = book.equity();
      double grossBefore = book.gross();
      double soldBefore = book.soldNotional();
      double impactBefore = book.impactCost();
      int roundsToday = 0;
      boolean called = false;
      if (equityBefore <= 0) {
        // Gone before any sale (an overnight gap): default, everything is liquidated.
        shortfall = liquidateAtDefault(v, t, s, ws);
        defaulted = true;
        defaultDay = t;
        break;
      }
      // An unborrowed book cannot be called (E = G + C >= G >= M when C >= 0 and h <= 1, and the
      // fund's liquidity floor applies to what it borrows against), nor one whose equity covers
      // the floor on the largest haircut on everything it holds.
      if (margin.enabled() && book.cash() < 0 && equityBefore < (1.0 + liquidityFloor) * grossBefore
          * cascade.maxHaircut(maxVariance, haircutScale, marginMultiplier[s])) {
        cascade.updateHaircuts(covHat, haircutScale, marginMultiplier[s]);
        called = cascade.meetCall(book, liquidityFloor, margin.buffer(), market.maxRounds(),
            market.saleOrder());
        if (called) {
          double sold = book.soldNotional() - soldBefore;
          forcedSales += sold;
          marginCalls++;
          deleveragingDays++;
          roundsToday = Math.max(1, cascade.rounds());
          maxRounds = Math.max(maxRounds, cascade.rounds());
          ws.events.add(v.kind(), t, s, Trigger.MARGIN_CALL)
              .rounds(cascade.rounds())
              .converged(cascade.converged())
              .equityBefore(equityBefore)
              .equityAfter(book.equity())
              .grossBefore(grossBefore)
              .grossAfter(book.gross())
              .sold(sold)
              .impactCost(book.impactCost() - impactBefore)
              .defaulted(cascade.defaulted());
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
        if (v.volCheck()) {
          // sqrt(x' S x) / E > ceiling, squared: E > 0 here (a book with E <= 0 defaulted above).
          double limit = volCeiling * book.equity();
          double variance = sizedOnTruth
              ? Portfolios.quadraticFormLower(scenario.annualCovariance(), s * n * n, n, exposure)
              : Portfolios.quadraticFormLower(covHat, 0, n, exposure);
          volBreach = variance > limit * limit;
        }
        if (volBreach || scheduled) {
          double target = targetBook(v, s, ws);
          rebalance(book, ws.weights, target, ws.trade);
          double sold = book.soldNotional() - soldBefore;
          voluntarySales += sold;
          if (sold > 0) {
            roundsToday = 1;
          }
          if (volBreach && book.gross() < grossBefore && sold > 0) {
            deleveragingDays++;
            ws.events.add(v.kind(), t, s, Trigger.VOL_TARGET)
                .rounds(1)
                .converged(true)
                .equityBefore(equityBefore)
                .equityAfter(book.equity())
                .grossBefore(grossBefore)
                .grossAfter(book.gross())
                .sold(sold)
                .impactCost(book.impactCost() - impactBefore)
                .defaulted(false);
          }
        }
      }

      // Close: the observed move, impact included, feeds tomorrow's estimate and haircuts.
      book.closeDay(impactChange);
      maxVariance = Ewma.updateLowerObserved(covHat, n, ewmaDecay, logReturn, (t - 1) * n,
          impactChange, SQRT_DAYS, ws.observedReturn);

      equity = book.equity();
      if (equity <= 0) {
        // The day's trading costs took the rest: default at the close.
        shortfall = liquidateAtDefault(v, t, s, ws);
        defaulted = true;
        defaultDay = t;
        break;
      }
      double gross = book.gross();
      // Deleveraging episodes: only a day with sales can start one, so the window is read rarely.
      if (roundsToday > 0 && t >= lastEpisodeDay + EPISODE_WINDOW) {
        double windowHigh = 0;
        int windowRounds = roundsToday;
        for (int k = 0; k < EPISODE_WINDOW; k++) {
          windowHigh = Math.max(windowHigh, grossWindow[k]);
          windowRounds += roundsWindow[k];
        }
        if (gross < EPISODE_CUT * windowHigh) {
          episodes++;
          multiRoundEpisodes += windowRounds > 1 ? 1 : 0;
          lastEpisodeDay = t;
        }
      }
      grossWindow[windowSlot] = gross;
      roundsWindow[windowSlot] = roundsToday;
      windowSlot = windowSlot == EPISODE_WINDOW - 1 ? 0 : windowSlot + 1;

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
      dayNav[t] = equity;
      dayLeverage[t] = dailyLeverage;
    }

    if (defaulted) {
      maxDrawdown = 1.0;
      equity = 0.0;
    }
    double realizedVol = 0;
    if (aliveDays > 1) {
      double mean = sumReturn / aliveDays;
      double variance = (sumSquaredReturn - aliveDays * mean * mean) / (aliveDays - 1);
      realizedVol = Math.sqrt(Math.max(variance, 0.0) * ResolvedScenario.DAYS_PER_YEAR);
    }
    return new PathResult(pathId, v.kind(), equity - 1.0, maxDrawdown, realizedVol,
        aliveDays > 0 ? sumLeverage / aliveDays : 0.0, maxLeverageSeen, marginCalls,
        deleveragingDays, maxRounds, forcedSales, book.impactCost(), financingCost,
        book.tradingCost(), defaulted, defaultDay, shortfall, daysPerRegime, driftPnl,
        voluntarySales, episodes, multiRoundEpisodes, ws.logWeight);
  }

  /**
   * A default with no call to meet (equity already gone): liquidates the book and logs a
   * {@link Trigger#DEFAULT} event with the gross before the liquidation and what it really sold
   * and cost. Returns the shortfall left to lenders.
   */
  private static double liquidateAtDefault(Variant v, int t, int s, PathWorkspace ws) {
    Book book = ws.book;
    double equityBefore = book.equity();
    double grossBefore = book.gross();
    double soldBefore = book.soldNotional();
    double impactBefore = book.impactCost();
    book.liquidate();
    ws.events.add(v.kind(), t, s, Trigger.DEFAULT)
        .rounds(0)
        .converged(true)
        .equityBefore(equityBefore)
        .equityAfter(book.equity())
        .grossBefore(grossBefore)
        .grossAfter(book.gross())
        .sold(book.soldNotional() - soldBefore)
        .impactCost(book.impactCost() - impactBefore)
        .defaulted(true);
    return Math.max(0.0, -book.cash());
  }

  /**
   * Fills {@code ws.weights} with the variant's target weights (summing to 1) and returns the
   * target leverage: ERC on the estimate (or, knowing the regime, its true covariance) levered to
   * the vol target, capped at max leverage and at what margin allows with the liquidity floor and
   * buffer; fixed weights unlevered.
   */
  private double targetBook(Variant v, int s, PathWorkspace ws) {
    double bookVol;
    switch (v.sizing()) {
      case FIXED_WEIGHTS:
        System.arraycopy(v.fixedWeights(), 0, ws.weights, 0, n);
        return 1.0;
      case REGIME_TRUTH:
        System.arraycopy(oracle.weights(), s * n, ws.weights, 0, n);
        bookVol = oracle.vol()[s];
        break;
      default:
        Ewma.mirrorLower(ws.covHat, 0, ws.covWork, 0, n);
        ws.guard.ensurePositiveDefinite(ws.covWork, 0, n, strategy.varianceFloor());
        ws.erc.solve(ws.covWork, 0, ws.weights);
        bookVol = Portfolios.volatility(ws.covWork, 0, n, ws.weights);
        break;
    }
    double leverage = Math.min(v.maxLeverage(), strategy.volTarget() / bookVol);
    if (v.marginCapsLeverage()) {
      ws.cascade.updateHaircuts(ws.covHat, haircutScale, scenario.marginMultiplier()[s]);
      double requirementPerExposure = ws.cascade.requirementPerExposure(ws.weights);
      if (requirementPerExposure > 0) {
        leverage = Math.min(leverage, 1.0 / ((1.0 + margin.liquidityFloor() + margin.buffer())
            * requirementPerExposure));
      }
    }
    return leverage;
  }

  /**
   * Trades to exposure {@code leverage * equity * w_i}, netted: each asset's trade is decided once
   * at the day's prices, so no asset is sold and bought back; sales run first (they raise the
   * cash), then buys, scaled down together so that they never take cash below
   * {@code (1 - leverage) * equity} after the sales: costs and impact are paid out of the trade,
   * not borrowed (an unlevered book stays unlevered).
   *
   * @param trade scratch, length n: the planned units per asset (modified)
   */
  private void rebalance(Book book, double[] weights, double leverage, double[] trade) {
    double equity = book.equity();
    double planned = 0;
    for (int i = 0; i < n; i++) {
      trade[i] = leverage * equity * weights[i] / book.price(i) - book.units(i);
      if (trade[i] < 0) {
        book.sell(i, -trade[i]);
      } else {
        planned += trade[i] * book.price(i);
      }
    }
    if (!(planned > 0)) {
      return;
    }
    // Buy costs are increasing in size, so buying k of every shortage costs at most k times all.
    double budget = Math.min(planned, book.cash() + (leverage - 1.0) * book.equity());
    double costOfAll = 0;
    for (int i = 0; i < n; i++) {
      if (trade[i] > 0) {
        costOfAll += book.costToBuy(i, trade[i]);
      }
    }
    if (!(budget > 0) || !(costOfAll > 0)) {
      return;
    }
    double k = Math.min(1.0, budget / costOfAll);
    for (int i = 0; i < n; i++) {
      if (trade[i] > 0) {
        book.buy(i, k * trade[i]);
      }
    }
  }
}
