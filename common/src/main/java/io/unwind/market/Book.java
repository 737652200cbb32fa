package io.unwind.market;

import io.unwind.config.ImpactModel;

/**
 * One strategy's positions, cash and the market's impact state on one path.
 *
 * <p>Holdings are long only. Prices are the exogenous price times {@code exp(-I)}, where the
 * log-impact {@code I} is yesterday's impact decayed by persistence plus today's impact
 * {@code F(Q/V)} of the crowd's cumulative volume. Money is in units of the strategy's start equity.
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
  /** Sum of position values at marked prices, kept current by every method that moves it. */
  private double gross;
  /**
   * Whether any asset closed yesterday with impact in its price; when false, closedImpact and
   * decayedImpact are all zero.
   */
  private boolean impactCarried;
  /** Whether a sale under impact wrote dayImpact or dayVolume since the day opened. */
  private boolean soldToday;

  private ImpactModel impact = ImpactModel.NONE;
  private double impactCoefficient;
  private double crowdMultiple;
  private double costRate;
  private double[] sigmaDaily;
  private int sigmaOffset;

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
  }

  /**
   * Starts a strategy: no impact state, holdings {@code exposure_i / price_i} at unit prices, cash
   * {@code 1 - sum(exposure)}.
   *
   * @param crowd other funds' sales as a multiple of this fund's sales
   * @param costBps transaction cost per unit notional, basis points
   */
  public void reset(double[] exposure, ImpactModel impactModel, double coefficient, double crowd,
      double costBps) {
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
    impactCarried = false;
    soldToday = false;
    impact = impactModel;
    impactCoefficient = coefficient;
    crowdMultiple = 1.0 + crowd;
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
    startDay(sigma, sigmaOff);
    // Six assets, the reference universe, take the same arithmetic written out (remarkSix).
    gross = n == 6 && exposure != null
        ? remarkSix(exoPrice, offset, persistence, exposure)
        : remarkLoop(exoPrice, offset, persistence, exposure);
  }

  /** {@link #openDay} re-marking in the loop whatever n is; package-private for the tests. */
  void openDayInLoop(double[] exoPrice, int offset, double persistence, double[] sigma,
      int sigmaOff, double[] exposure) {
    startDay(sigma, sigmaOff);
    gross = remarkLoop(exoPrice, offset, persistence, exposure);
  }

  private void startDay(double[] sigma, int sigmaOff) {
    sigmaDaily = sigma;
    sigmaOffset = sigmaOff;
    if (soldToday) {
      // Only a sale under impact writes these; reset them for the new day.
      java.util.Arrays.fill(dayImpact, 0, n, 0.0);
      java.util.Arrays.fill(dayVolume, 0, n, 0.0);
      soldToday = false;
    }
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
   * forms").
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
    double carried = closedImpact[i] * persistence;
    if (carried < 1e-15) {
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
    if (!impactCarried && !soldToday) {
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
    // Impacts are never negative, so closed = 0 for every asset means decayedImpact is all zero
    // too: the state the next day's impact-free pass relies on.
    impactCarried = carried;
  }

  /** Accrues one day's interest on cash; returns the interest paid (negative when earned). */
  public double accrueInterest(double borrowRate, double depositRate, double dt) {
    double rate = cash < 0 ? borrowRate : depositRate;
    double interest = cash * rate * dt;
    cash += interest;
    return -interest;
  }

  /** Sum of position values at marked prices. */
  public double gross() {
    return gross;
  }

  /**
   * {@code exp(-x)} for the small decayed impacts carried overnight: below 1e-3 a fourth-order
   * Taylor polynomial is exact to double precision (remainder x^5/120 &lt; 1e-17), above it
   * {@link Math#exp}.
   */
  static double expMinus(double x) {
    if (x < 1e-3) {
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
   * over its impact; marked prices fall to the new level. Returns the units sold.
   */
  public double sell(int i, double quantity) {
    double u = Math.min(quantity, units[i]);
    if (!(u > 0)) {
      return 0;
    }
    double valueBefore = units[i] * price[i];
    double notional = u * basePrice[i];
    double execution = basePrice[i];
    if (impact != ImpactModel.NONE) {
      double x0 = dayVolume[i] / depth[i];
      double x1 = (dayVolume[i] + crowdMultiple * notional) / depth[i];
      double sigma = sigmaDaily[sigmaOffset + i];
      double after = PriceImpact.logImpact(impact, impactCoefficient, sigma, x1);
      execution = basePrice[i]
          * PriceImpact.averagePriceFactor(impact, impactCoefficient, sigma, x0, x1);
      dayVolume[i] += crowdMultiple * notional;
      dayImpact[i] = after;
      soldToday = true;
      price[i] = basePrice[i] * Math.exp(-after);
      impactCost += notional - u * execution;
    }
    double proceeds = u * execution;
    double cost = proceeds * costRate;
    cash += proceeds - cost;
    tradingCost += cost;
    soldNotional += proceeds;
    units[i] -= u;
    if (units[i] < 0) {
      units[i] = 0;
    }
    gross += units[i] * price[i] - valueBefore;
    return u;
  }

  /** Buys {@code quantity} units of asset {@code i} at the marked price plus cost. */
  public void buy(int i, double quantity) {
    if (!(quantity > 0)) {
      return;
    }
    double notional = quantity * price[i];
    double cost = notional * costRate;
    cash -= notional + cost;
    tradingCost += cost;
    units[i] += quantity;
    gross += notional;
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
