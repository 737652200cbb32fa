package io.unwind.market;

import io.unwind.config.SaleOrder;

/**
 * Margin requirement, margin calls and the deleveraging cascade of one day.
 *
 * <p>Requirement {@code M = sum h_i q_i P_i} with procyclical haircuts (initial margin on futures,
 * repo haircuts on cash bonds) {@code h_i = min(1, max(floor_i, z * sigmaHat_i * sqrt(mpor / 252))
 * * m_s)}, {@code m_s} the regime's margin multiplier (clearing houses and repo dealers raise
 * margins in stress). Gains and losses settle daily (variation margin): equity is marked to market
 * and settled in cash every day, so {@code E} here is after that day's settlement. The fund's
 * unencumbered liquidity is {@code E - M}; a call fires when it falls below the fund's liquidity
 * floor {@code f M} (its own policy; f = 0 is the broker's {@code E < M}); the fund then sells until
 * {@code E >= (1 + f + buffer) M} — trigger below, restore above, so sales do not flicker. Each
 * round sells what would restore that at current marked prices net of costs; the crowd's sales
 * alongside move prices, equity and requirement fall, and the next round sells again, until the
 * call is met, {@code maxRounds} is hit (flagged), or equity is gone: default, the rest is
 * liquidated.
 *
 * <p>More crowd or less depth gives lower prices as long as every {@code (1 + f + buffer) h_i < 1};
 * beyond that a price fall lowers the restore target faster than it lowers equity.
 *
 * <p>One instance per workspace; the outcome of the last {@link #meetCall} is read from its
 * accessors. Allocation-free.
 */
public final class Cascade {
  /** Relative slack when testing whether a round restored the buffer (rounding only). */
  private static final double RESTORE_TOLERANCE = 1e-9;

  private final int n;
  private final double[] haircutFloor;
  private final int[] liquidityOrder;
  private final double[] haircut;
  private final double maxHaircutFloor;

  private int rounds;
  private boolean converged;
  private boolean defaulted;
  private RoundObserver observer;

  /** Sees the book after every sale round; for tests and diagnostics, null in production. */
  @FunctionalInterface
  public interface RoundObserver {
    /** Called after round {@code round} of the day's cascade has sold and prices have moved. */
    void afterRound(int round, Book book);
  }

  /** Installs an observer of every sale round (null removes it). */
  public void observeRounds(RoundObserver roundObserver) {
    this.observer = roundObserver;
  }

  /**
   * @param haircutFloor per-asset haircut floors
   * @param depth per-asset depth; most-liquid-first sells the deepest market first
   */
  public Cascade(double[] haircutFloor, double[] depth) {
    this.n = haircutFloor.length;
    this.haircutFloor = haircutFloor.clone();
    this.haircut = new double[n];
    double floor = 0;
    for (double f : this.haircutFloor) {
      floor = Math.max(floor, f);
    }
    this.maxHaircutFloor = floor;
    this.liquidityOrder = deepestFirst(depth);
  }

  private static int[] deepestFirst(double[] depth) {
    int[] order = new int[depth.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // insertion sort, stable: ties keep file order
    for (int i = 1; i < order.length; i++) {
      int k = order[i];
      int j = i - 1;
      while (j >= 0 && depth[order[j]] < depth[k]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = k;
    }
    return order;
  }

  /**
   * Sets today's haircuts from the estimated annual covariance's diagonal.
   *
   * @param scale {@code z * sqrt(mpor / 252)}
   * @param multiplier the regime's margin multiplier {@code m_s}
   */
  public void updateHaircuts(double[] covHat, double scale, double multiplier) {
    for (int i = 0; i < n; i++) {
      double h = scale * Math.sqrt(Math.max(covHat[i * n + i], 0.0));
      haircut[i] = Math.min(1.0, Math.max(haircutFloor[i], h) * multiplier);
    }
  }

  /**
   * The largest haircut {@link #updateHaircuts} would set given the estimate's largest variance,
   * with one square root instead of one per asset: {@code E >= (1 + f) G * maxHaircut} proves no
   * call can fire, which is most days.
   */
  public double maxHaircut(double maxVariance, double scale, double multiplier) {
    return Math.min(1.0, Math.max(maxHaircutFloor, scale * Math.sqrt(maxVariance)) * multiplier);
  }

  /** The haircut of asset i set by the last {@link #updateHaircuts}. */
  public double haircut(int i) {
    return haircut[i];
  }

  /** Margin requirement of the book at marked prices. */
  public double requirement(Book book) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m += haircut[i] * book.units[i] * book.price[i];
    }
    return m;
  }

  /** Haircut-weighted requirement per unit of exposure for weights w (sum h_i w_i). */
  public double requirementPerExposure(double[] weights) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m += haircut[i] * weights[i];
    }
    return m;
  }

  /** {@link #meetCall(Book, double, double, int, SaleOrder)} with no liquidity floor (E &lt; M). */
  public boolean meetCall(Book book, double buffer, int maxRounds, SaleOrder order) {
    return meetCall(book, 0.0, buffer, maxRounds, order);
  }

  /**
   * Runs the day's cascade if a call fires: {@code E - M < floor * M}, or {@code E <= 0}. Returns
   * whether one fired; {@link #rounds()}, {@link #converged()} and {@link #defaulted()} describe it.
   *
   * @param liquidityFloor the fund's policy floor on unencumbered liquidity, a share of M
   * @param buffer the call is met when {@code E >= (1 + floor + buffer) M}
   */
  public boolean meetCall(Book book, double liquidityFloor, double buffer, int maxRounds,
      SaleOrder order) {
    rounds = 0;
    converged = true;
    defaulted = false;
    double equity = book.equity();
    if (equity <= 0) {
      book.liquidate();
      defaulted = true;
      return true;
    }
    double requirement = requirement(book);
    if (equity >= (1.0 + liquidityFloor) * requirement) {
      return false;
    }
    double c = book.costRate();
    double restore = 1.0 + liquidityFloor + buffer;
    while (true) {
      double target = restore * requirement;
      if (equity >= target * (1.0 - RESTORE_TOLERANCE)) {
        return true;
      }
      if (rounds == maxRounds) {
        converged = false;
        return true;
      }
      rounds++;
      if (order == SaleOrder.PRO_RATA) {
        sellProRata(book, target - equity, target, c);
      } else {
        sellMostLiquidFirst(book, target - equity, restore, c);
      }
      if (observer != null) {
        observer.afterRound(rounds, book);
      }
      equity = book.equity();
      if (equity <= 0) {
        book.liquidate();
        defaulted = true;
        return true;
      }
      requirement = requirement(book);
    }
  }

  // Selling a fraction f of every position: E' = E - c f G, M' = (1 - f) M, so restoring
  // E' = r M' (r = 1 + floor + buffer) needs f = (r M - E) / (r M - c G).
  private void sellProRata(Book book, double gap, double target, double c) {
    double gross = book.gross();
    double denominator = target - c * gross;
    double f = denominator > 0 ? Math.min(1.0, gap / denominator) : 1.0;
    for (int i = 0; i < n; i++) {
      book.sell(i, f * book.units[i]);
    }
  }

  // Selling s of asset j: E' = E - c s, M' = M - h_j s, so s = (r M - E) / (r h_j - c), r the
  // restore multiple 1 + floor + buffer.
  private void sellMostLiquidFirst(Book book, double gap, double restore, double c) {
    double remaining = gap;
    for (int k = 0; k < n && remaining > 0; k++) {
      int j = liquidityOrder[k];
      double relief = restore * haircut[j] - c;
      double value = book.units[j] * book.price[j];
      if (relief <= 0 || value <= 0) {
        continue;
      }
      double notional = Math.min(remaining / relief, value);
      book.sell(j, notional / book.price[j]);
      remaining -= notional * relief;
    }
    if (remaining > 0) {
      // nothing left that relieves the requirement: sell the rest
      book.liquidate();
    }
  }

  public int rounds() {
    return rounds;
  }

  public boolean converged() {
    return converged;
  }

  public boolean defaulted() {
    return defaulted;
  }
}
