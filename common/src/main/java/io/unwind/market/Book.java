package io.unwind.market;

import io.unwind.config.ImpactModel;

/**
 * One strategy's positions, cash and the market's impact state on one path.
 *
 * <p>Holdings are long only. Prices are the exogenous price times {@code exp(-I)}, where the
 * log-impact {@code I} is yesterday's impact decayed by persistence plus today's impact
 * {@code F(Q/V)} of the crowd's cumulative net volume ({@link PriceImpact}). Every trade, buy or
 * sale, moves the price and executes at the average price over the impact it causes. Money is in
 * units of the strategy's start equity.
 *
 * <p><b>The market is measured in market terms, not in this fund's wealth.</b> Asset i's depth
 * {@code V_i = depth_i * X_i * m_s}: {@code depth_i} is its daily traded value at start prices in
 * units of the fund's start equity, {@code X_i} its exogenous price level (the market grows and
 * shrinks with its prices, not with this fund), {@code m_s} the regime's depth multiplier (markets
 * thin out in a crisis). The crowd follows the same rule with assets under management
 * {@code crowd * A_t}, where {@code A_t = sum_j w0_j X_j} is an index of the strategy's start
 * weights at exogenous prices: when this fund trades a fraction f of its equity in an asset, the
 * crowd trades the same fraction of its own, {@code crowd * A_t * f}. So impact does not grow
 * because this fund got richer, only because the crowd's market did. The fraction is taken of
 * the equity at the day's first trade (fixed through the day, so that splitting a trade or
 * trading back changes nothing), floored at gross over the crowd's leverage cap: a fund that has
 * lost (nearly) everything is not followed by a crowd levered infinitely.
 *
 * <p>A buy pays its impact: it executes at the average price over the impact it causes, above
 * the pre-trade price, and the day's net volume it adds offsets the day's sales. But the marked
 * price is {@code base * exp(-max(F(x), 0))}: net selling marks positions down (and persists
 * overnight, decaying), net buying does not mark them up. Were buys to lift the marks, a levered
 * fund would end every purchase under-levered on its own mark-up (its equity rising L times
 * faster than its positions) and buy again: a pump on its own marks, which no valuation policy
 * allows. Round trips stay neutral either way: sale and purchase of the same quantity on one day
 * execute at the same average price ({@link PriceImpact}), and prices stay bounded by the
 * exogenous ones.
 *
 * <p>Gross, the sum of position values, is recomputed from positions after every re-marking and
 * every trade, never drifted, so no extreme path creates or destroys money by rounding.
 * Every method is allocation-free; the book is reused for every strategy of every path.
 */
public final class Book {
  private final int n;
  final double[] units;
  final double[] price;
  private final double[] basePrice;
  private final double[] decayedImpact;
  private final double[] closedImpact;
  private final double[] dayImpact;
  private final double[] dayVolume;
  private final double[] depth;
  private double cash;
  /**
   * Sum of position values at marked prices: set by the re-marking pass, recomputed from the
   * positions by {@link #gross()} after trades (which only mark it stale: a cascade round sells
   * every asset before anyone reads it).
   */
  private double gross;
  private boolean grossStale;
  /**
   * Whether any asset closed yesterday with impact in its price; when false, closedImpact and
   * decayedImpact are all zero.
   */
  private boolean impactCarried;
  /** Whether a trade under impact wrote dayImpact or dayVolume since the day opened. */
  private boolean tradedToday;

  private ImpactModel impact = ImpactModel.NONE;
  private double impactCoefficient;
  private double crowd;
  private double crowdLeverageCap;
  /** The strategy's start weights (exposure / gross at reset): the crowd's market index A_t. */
  private final double[] startWeight;
  private double costRate;
  private double[] sigmaDaily;
  private int sigmaOffset;
  /** Today's exogenous prices (null before the first day: start prices, 1.0) and their offset. */
  private double[] exoPrice;
  private int exoOffset;
  /** The regime's depth multiplier m_s, set by {@link #setDepthMultiplier}. */
  private double depthMultiplier = 1.0;
  /** Crowd volume per unit of this fund's traded notional today; NaN until the day's first trade. */
  private double crowdPerNotional = Double.NaN;

  private double tradingCost;
  private double impactCost;
  private double soldNotional;

  /** A book over {@code depth.length} assets, each with the given market depth. */
  public Book(double[] depth) {
    this.n = depth.length;
    this.depth = depth.clone();
    this.units = new double[n];
    this.price = new double[n];
    this.basePrice = new double[n];
    this.decayedImpact = new double[n];
    this.closedImpact = new double[n];
    this.dayImpact = new double[n];
    this.dayVolume = new double[n];
    this.startWeight = new double[n];
  }

  /**
   * As {@link #reset(double[], ImpactModel, double, double, double, double)} with a crowd whose
   * leverage is not capped.
   */
  public void reset(double[] exposure, ImpactModel impactModel, double coefficient, double crowd,
      double costBps) {
    reset(exposure, impactModel, coefficient, crowd, costBps, Double.POSITIVE_INFINITY);
  }

  /**
   * Starts a strategy: no impact state, holdings {@code exposure_i / price_i} at unit prices, cash
   * {@code 1 - sum(exposure)}, depth multiplier 1.
   *
   * @param crowd assets of the funds that follow the same rule, in multiples of this fund's start
   *     equity at start prices (they trade the same fraction of their equity as this fund)
   * @param costBps transaction cost per unit notional, basis points
   * @param crowdLeverageCap the crowd's largest leverage: the crowd trades a fraction of this
   *     fund's equity, but never of less than gross / cap
   */
  public void reset(double[] exposure, ImpactModel impactModel, double coefficient, double crowd,
      double costBps, double crowdLeverageCap) {
    double invested = 0;
    for (int i = 0; i < n; i++) {
      units[i] = exposure[i];
      price[i] = 1.0;
      basePrice[i] = 1.0;
      decayedImpact[i] = 0;
      closedImpact[i] = 0;
      dayImpact[i] = 0;
      dayVolume[i] = 0;
      invested += exposure[i];
    }
    cash = 1.0 - invested;
    gross = invested;
    grossStale = false;
    for (int i = 0; i < n; i++) {
      startWeight[i] = invested > 0 ? exposure[i] / invested : 1.0 / n;
    }
    impactCarried = false;
    tradedToday = false;
    impact = impactModel;
    impactCoefficient = coefficient;
    this.crowd = crowd;
    this.crowdLeverageCap = crowdLeverageCap;
    exoPrice = null;
    exoOffset = 0;
    depthMultiplier = 1.0;
    crowdPerNotional = Double.NaN;
    costRate = costBps * 1e-4;
    tradingCost = 0;
    impactCost = 0;
    soldNotional = 0;
  }

  /**
   * Opens a day: yesterday's impact decays to {@code persistence} of itself, prices move to
   * {@code exoPrice * exp(-I)}, the day's crowd volume starts at zero.
   *
   * @param exoPrice exogenous prices, read at {@code [offset, offset + n)}
   * @param sigma daily volatilities of the day's regime, read at {@code [sigmaOff, sigmaOff + n)}
   */
  public void openDay(double[] exoPrice, int offset, double persistence, double[] sigma,
      int sigmaOff) {
    openDay(exoPrice, offset, persistence, sigma, sigmaOff, null);
  }

  /**
   * As {@link #openDay(double[], int, double, double[], int)}, also writing each position's value
   * at the new prices to {@code exposure} (the vol check's input, from the same pass).
   *
   * <p>Most days carry no impact at all (no sale in the last few weeks, or the no-impact variant):
   * then the prices are the exogenous ones and the impact arrays are already zero, so the pass
   * only re-marks. The result is the same either way ({@code exp(-0) = 1} exactly).
   *
   * @param exposure modified when not null: {@code units_i * price_i} in {@code [0, n)}
   */
  public void openDay(double[] exoPrice, int offset, double persistence, double[] sigma,
      int sigmaOff, double[] exposure) {
    startDay(exoPrice, offset, sigma, sigmaOff);
    // Six assets, the reference universe, take the same arithmetic written out (remarkSix).
    grossStale = false;
    gross = n == 6 && exposure != null
        ? remarkSix(exoPrice, offset, persistence, exposure)
        : remarkLoop(exoPrice, offset, persistence, exposure);
  }

  /**
   * As {@link #openDay(double[], int, double, double[], int, double[])}, and returns what the day's
   * drifts earn on the positions held overnight: {@link #valueAtDrift} at yesterday's marks, taken
   * in the re-marking pass before it moves the prices (the same products summed in the same order,
   * so the same bits as calling the two one after the other).
   *
   * @param drift daily log drifts of the day's regime, read at {@code [driftOff, driftOff + n)}
   * @param exposure modified: {@code units_i * price_i} at the new prices in {@code [0, n)}
   */
  public double openDayEarningDrift(double[] exoPrice, int offset, double persistence,
      double[] sigma, int sigmaOff, double[] drift, int driftOff, double[] exposure) {
    if (n != 6) {
      double earned = valueAtDrift(drift, driftOff);
      openDay(exoPrice, offset, persistence, sigma, sigmaOff, exposure);
      return earned;
    }
    startDay(exoPrice, offset, sigma, sigmaOff);
    final double[] held = units;
    final double[] marked = price;
    final double earned = 0.0 + held[0] * marked[0] * drift[driftOff]
        + held[1] * marked[1] * drift[driftOff + 1] + held[2] * marked[2] * drift[driftOff + 2]
        + held[3] * marked[3] * drift[driftOff + 3] + held[4] * marked[4] * drift[driftOff + 4]
        + held[5] * marked[5] * drift[driftOff + 5];
    grossStale = false;
    gross = remarkSix(exoPrice, offset, persistence, exposure);
    return earned;
  }

  /** {@link #openDay} re-marking in the loop whatever n is; package-private for the tests. */
  void openDayInLoop(double[] exoPrice, int offset, double persistence, double[] sigma,
      int sigmaOff, double[] exposure) {
    startDay(exoPrice, offset, sigma, sigmaOff);
    grossStale = false;
    gross = remarkLoop(exoPrice, offset, persistence, exposure);
  }

  private void startDay(double[] exo, int offset, double[] sigma, int sigmaOff) {
    sigmaDaily = sigma;
    sigmaOffset = sigmaOff;
    exoPrice = exo;
    exoOffset = offset;
    crowdPerNotional = Double.NaN;
    if (tradedToday) {
      // Only a trade under impact writes these; reset them for the new day.
      java.util.Arrays.fill(dayImpact, 0, n, 0.0);
      java.util.Arrays.fill(dayVolume, 0, n, 0.0);
      tradedToday = false;
    }
  }

  /**
   * Sets the day's regime depth multiplier {@code m_s} (1 = the asset's normal daily value
   * traded); call after {@link #openDay} and before the day's trades.
   */
  public void setDepthMultiplier(double multiplier) {
    depthMultiplier = multiplier;
  }

  /** The re-marking pass of {@link #openDay} for any n, in a loop; returns the new gross. */
  private double remarkLoop(double[] exoPrice, int offset, double persistence, double[] exposure) {
    // impactCarried is the same for every asset: the JIT unswitches the loop on it (and on the
    // null test), so impact-free days run a pure re-marking loop.
    double value = 0;
    for (int i = 0; i < n; i++) {
      double p = exoPrice[offset + i];
      if (impactCarried) {
        p *= decayImpact(i, persistence);
      }
      basePrice[i] = p;
      price[i] = p;
      final double v = units[i] * p;
      value += v;
      if (exposure != null) {
        exposure[i] = v;
      }
    }
    return value;
  }

  /**
   * {@link #remarkLoop} for six assets, bit for bit: the same operations per asset, and the gross
   * summed from +0.0 in asset order. Written out, the six positions are independent until the
   * final sum; the path kernel opens every strategy's day with it (BENCHMARKS.md, "Fixed-size
   * forms"). Keep it under C2's inlining limit for hot methods (FreqInlineSize, 325 bytes of
   * bytecode; it is 313): with the drift P&amp;L folded in it grew to 447 bytes and C2 stopped
   * inlining it, so {@link #openDayEarningDrift} sums the drift P&amp;L before calling it.
   */
  private double remarkSix(double[] exoPrice, int o, double persistence, double[] exposure) {
    double p0 = exoPrice[o];
    double p1 = exoPrice[o + 1];
    double p2 = exoPrice[o + 2];
    double p3 = exoPrice[o + 3];
    double p4 = exoPrice[o + 4];
    double p5 = exoPrice[o + 5];
    if (impactCarried) {
      p0 *= decayImpact(0, persistence);
      p1 *= decayImpact(1, persistence);
      p2 *= decayImpact(2, persistence);
      p3 *= decayImpact(3, persistence);
      p4 *= decayImpact(4, persistence);
      p5 *= decayImpact(5, persistence);
    }
    final double[] base = basePrice;
    final double[] marked = price;
    base[0] = p0;
    base[1] = p1;
    base[2] = p2;
    base[3] = p3;
    base[4] = p4;
    base[5] = p5;
    marked[0] = p0;
    marked[1] = p1;
    marked[2] = p2;
    marked[3] = p3;
    marked[4] = p4;
    marked[5] = p5;
    final double[] held = units;
    final double v0 = held[0] * p0;
    final double v1 = held[1] * p1;
    final double v2 = held[2] * p2;
    final double v3 = held[3] * p3;
    final double v4 = held[4] * p4;
    final double v5 = held[5] * p5;
    exposure[0] = v0;
    exposure[1] = v1;
    exposure[2] = v2;
    exposure[3] = v3;
    exposure[4] = v4;
    exposure[5] = v5;
    return 0.0 + v0 + v1 + v2 + v3 + v4 + v5;
  }

  /** Decays asset i's closed impact overnight; returns its price factor {@code exp(-carried)}. */
  private double decayImpact(int i, double persistence) {
    final double closed = closedImpact[i];
    if (closed == 0) {
      // What the steps below give for 0, bit for bit, without the polynomial: on a day that
      // carries impact about a third of the assets carry none (those only bought, or decayed out).
      decayedImpact[i] = 0;
      return 1.0;
    }
    double carried = closed * persistence;
    if (Math.abs(carried) < 1e-15) {
      carried = 0;
    }
    decayedImpact[i] = carried;
    // expMinus(0) is exactly 1: no branch on whether this asset carries impact.
    return expMinus(carried);
  }

  /**
   * Closes the day; writes the day's change of log-impact per asset to {@code impactChange} (the
   * observed log return is the exogenous one minus this).
   */
  public void closeDay(double[] impactChange) {
    if (!impactCarried && !tradedToday) {
      // No impact yesterday, none today: every change is zero and the state stays zero.
      java.util.Arrays.fill(impactChange, 0, n, 0.0);
      return;
    }
    boolean carried = false;
    for (int i = 0; i < n; i++) {
      double closed = decayedImpact[i] + dayImpact[i];
      impactChange[i] = closed - closedImpact[i];
      closedImpact[i] = closed;
      carried |= closed != 0;
    }
    // closed = 0 for every asset means decayedImpact was cleared too (decayImpact zeroes what is
    // below 1e-15, and a day's impact of 0 adds nothing): the state the impact-free pass relies on.
    impactCarried = carried;
  }

  /** Accrues one day's interest on cash; returns the interest paid (negative when earned). */
  public double accrueInterest(double borrowRate, double depositRate, double dt) {
    double rate = cash < 0 ? borrowRate : depositRate;
    double interest = cash * rate * dt;
    cash += interest;
    return -interest;
  }

  /**
   * {@code sum_i q_i P_i d_i}: what drifts {@code d} (daily log drifts, read at
   * {@code [offset, offset + n)}) earn on the positions at their current marked values.
   */
  public double valueAtDrift(double[] d, int offset) {
    double earned = 0;
    for (int i = 0; i < n; i++) {
      earned += units[i] * price[i] * d[offset + i];
    }
    return earned;
  }

  /** Sum of position values at marked prices. */
  public double gross() {
    if (grossStale) {
      gross = positionValue();
      grossStale = false;
    }
    return gross;
  }

  /**
   * {@code exp(-x)} for the small decayed impacts carried overnight (negative after net buying):
   * for |x| below 1e-3 a fourth-order Taylor polynomial is exact to double precision (remainder
   * |x|^5/120 &lt; 1e-17), beyond it {@link Math#exp}.
   */
  static double expMinus(double x) {
    if (Math.abs(x) < 1e-3) {
      return 1.0 - x * (1.0 - 0.5 * x * (1.0 - x / 3.0 * (1.0 - 0.25 * x)));
    }
    return Math.exp(-x);
  }

  /** Equity: position values plus cash. */
  public double equity() {
    return gross() + cash;
  }

  /**
   * Sells {@code quantity} units of asset {@code i} (capped at the holding) at the average price
   * over its impact, less cost; marked prices fall to the new level. Returns the units sold.
   */
  public double sell(int i, double quantity) {
    double u = Math.min(quantity, units[i]);
    if (!(u > 0)) {
      return 0;
    }
    double execution = trade(i, u, true);
    double proceeds = u * execution;
    double cost = proceeds * costRate;
    cash += proceeds - cost;
    tradingCost += cost;
    soldNotional += proceeds;
    units[i] -= u;
    if (units[i] < 0) {
      units[i] = 0;
    }
    grossStale = true;
    return u;
  }

  /**
   * Buys {@code quantity} units of asset {@code i} at the average price over its impact, plus
   * cost; marked prices rise to the new level.
   */
  public void buy(int i, double quantity) {
    if (!(quantity > 0)) {
      return;
    }
    double paid = quantity * trade(i, quantity, false);
    double cost = paid * costRate;
    cash -= paid + cost;
    tradingCost += cost;
    units[i] += quantity;
    grossStale = true;
  }

  /**
   * What buying {@code quantity} units of asset {@code i} would cost now, impact and cost
   * included, without trading: {@link #buy} of the same quantity moves cash by exactly minus this.
   */
  public double costToBuy(int i, double quantity) {
    if (!(quantity > 0)) {
      return 0;
    }
    double notional = quantity * basePrice[i];
    double factor = 1.0;
    if (impact != ImpactModel.NONE) {
      double depthToday = marketDepth(i);
      double x0 = dayVolume[i] / depthToday;
      double x1 = (dayVolume[i] - crowdVolumePerNotional() * notional) / depthToday;
      factor = PriceImpact.averagePriceFactor(impact, impactCoefficient,
          sigmaDaily[sigmaOffset + i], x0, x1);
    }
    double paid = quantity * (basePrice[i] * factor);
    return paid + paid * costRate;
  }

  /**
   * Moves the day's net volume of asset i by a trade of {@code u} units (a sale when
   * {@code sale}), re-marks its price and books the execution shortfall; returns the execution
   * price per unit.
   */
  private double trade(int i, double u, boolean sale) {
    double base = basePrice[i];
    if (impact == ImpactModel.NONE) {
      return base;
    }
    double notional = u * base;
    double depthToday = marketDepth(i);
    double volume = crowdVolumePerNotional() * notional;
    double v0 = dayVolume[i];
    double v1 = sale ? v0 + volume : v0 - volume;
    double sigma = sigmaDaily[sigmaOffset + i];
    double execution = base
        * PriceImpact.averagePriceFactor(impact, impactCoefficient, sigma, v0 / depthToday,
            v1 / depthToday);
    // Marks follow net selling only: net buying costs its impact in the execution price but does
    // not lift the marks (see the class javadoc), so a fund cannot mark its book up by buying.
    // F is odd and increasing, so a day net bought (v1 <= 0) marks nothing: no F to evaluate.
    double marked = 0.0;
    if (v1 > 0) {
      double after = PriceImpact.logImpact(impact, impactCoefficient, sigma, v1 / depthToday);
      marked = after > 0 ? after : 0.0;
    }
    dayVolume[i] = v1;
    dayImpact[i] = marked;
    tradedToday = true;
    price[i] = marked > 0 ? base * Math.exp(-marked) : base;
    // what the trade paid over (or, sold, fell short of) the pre-impact price: the impact's cost
    impactCost += sale ? notional - u * execution : u * execution - notional;
    return execution;
  }

  /** Asset i's depth today in money: depth_i * X_i * m_s (see the class javadoc). */
  private double marketDepth(int i) {
    double level = exoPrice == null ? 1.0 : exoPrice[exoOffset + i];
    return depth[i] * level * depthMultiplier;
  }

  /**
   * The day's volume (this fund and the crowd) per unit of this fund's traded notional:
   * {@code 1 + crowd * A_t / max(E, G / cap)}, fixed at the day's first trade.
   */
  private double crowdVolumePerNotional() {
    double perNotional = crowdPerNotional;
    if (perNotional == perNotional) {
      return perNotional;
    }
    double index = 0;
    for (int j = 0; j < n; j++) {
      index += startWeight[j] * (exoPrice == null ? 1.0 : exoPrice[exoOffset + j]);
    }
    double g = gross();
    double followed = Math.max(g + cash, g / crowdLeverageCap);
    perNotional = 1.0 + (followed > 0 ? crowd * index / followed : 0.0);
    crowdPerNotional = perNotional;
    return perNotional;
  }

  /** Sum of position values at marked prices, from the positions. */
  private double positionValue() {
    double value = 0;
    for (int j = 0; j < n; j++) {
      value += units[j] * price[j];
    }
    return value;
  }

  /** Sells every holding. */
  public void liquidate() {
    for (int i = 0; i < n; i++) {
      sell(i, units[i]);
    }
  }

  public int assetCount() {
    return n;
  }

  public double cash() {
    return cash;
  }

  public double units(int i) {
    return units[i];
  }

  public double price(int i) {
    return price[i];
  }

  /** Price of asset i before today's sales moved it (yesterday's impact decayed). */
  public double basePrice(int i) {
    return basePrice[i];
  }

  /** Position value of asset i at the marked price. */
  public double exposure(int i) {
    return units[i] * price[i];
  }

  /** Cost rate per unit notional (cost-bps / 1e4). */
  public double costRate() {
    return costRate;
  }

  /** Cumulative transaction costs since {@link #reset}. */
  public double tradingCost() {
    return tradingCost;
  }

  /** Cumulative execution shortfall from impact since {@link #reset}. */
  public double impactCost() {
    return impactCost;
  }

  /** Cumulative sale proceeds since {@link #reset}. */
  public double soldNotional() {
    return soldNotional;
  }
}
