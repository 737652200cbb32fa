package io.unwind.market;

import io.unwind.config.ImpactModel;

/**
 * Price impact of the day's cumulative net crowd volume, as a log-price displacement.
 *
 * <p>With {@code x = Q / V} the day's cumulative <em>net</em> crowd volume over market depth
 * (positive when the crowd has net sold, negative when it has net bought) and {@code sigma} the
 * asset's daily volatility, the price is {@code exp(-F(x))} times the pre-impact price, F odd in x:
 * <ul>
 *   <li>square-root law, {@code F(x) = sign(x) Y sigma sqrt(|x|)} (Tóth et al. 2011,
 *       doi:10.1103/PhysRevX.1.021006);</li>
 *   <li>exponential depth, {@code F(x) = Y sigma x}: the price is {@code exp(-F)}, exponential in
 *       the volume sold, as in fire-sale models (Cifuentes, Ferrucci and Shin 2005,
 *       doi:10.1162/jeea.2005.3.2-3.556).</li>
 * </ul>
 * Sales push the price down, buys push it up. Because F depends on cumulative net volume only,
 * the total impact of a day does not depend on how its trades are split into rounds.
 *
 * <p>A trade that moves cumulative relative volume from {@code x0} to {@code x1} (a sale
 * {@code x1 > x0}, a buy {@code x1 < x0}) executes at the average of {@code exp(-F)} over the
 * interval times the pre-impact price. The average does not depend on the direction, so a sale
 * and the purchase of the same quantity straight after it execute at the same price: a round trip
 * on one day gains nothing before costs, and the proceeds of a trade split into pieces add up to
 * those of the whole trade.
 *
 * <p>Implementation note: the averages have closed forms. Exponential depth:
 * {@code e^{-a x0} (1 - e^{-a d}) / (a d)} with {@code a = Y sigma}, {@code d = x1 - x0}. Square root
 * on the sold side ({@code 0 <= x0 < x1}): substituting {@code u = b sqrt(x)}, {@code b = Y sigma},
 * the integral is {@code (2/b^2) [h(u0) - h(u1)]} with {@code h(u) = e^{-u}(1 + u)}, and over the
 * interval width {@code (u1^2 - u0^2)/b^2} the average is
 * {@code 2 e^{-u0} [u1 (1 - e^{-d}) - (d - (1 - e^{-d}))] / (d (u0 + u1))}, {@code d = u1 - u0}.
 * On the bought side ({@code x <= 0}, {@code u = b sqrt(-x)}) the integrand is {@code e^{+u}} and
 * the same steps give {@code 2 e^{u0} [u1 (e^{d} - 1) - (e^{d} - 1 - d)] / (d (u0 + u1))}. Both
 * brackets are evaluated with {@code expm1} and a series for the curvature term so that small
 * trades lose no precision; an interval that crosses zero is the width-weighted mean of its two
 * sides.
 */
public final class PriceImpact {

  private PriceImpact() {
  }

  /** Log-price displacement after cumulative net relative volume {@code x = Q/V} (negative x: bought). */
  public static double logImpact(ImpactModel model, double coefficient, double sigmaDaily, double x) {
    switch (model) {
      case SQRT:
        return x >= 0
            ? coefficient * sigmaDaily * Math.sqrt(x)
            : -coefficient * sigmaDaily * Math.sqrt(-x);
      case EXPONENTIAL:
        return coefficient * sigmaDaily * x;
      default:
        return 0.0;
    }
  }

  /**
   * Average of {@code exp(-F(x))} over cumulative relative volume between {@code x0} and
   * {@code x1}, in either order: the execution price of a trade over that range as a fraction of
   * the pre-impact price. Symmetric in its two bounds.
   */
  public static double averagePriceFactor(ImpactModel model, double coefficient, double sigmaDaily,
      double x0, double x1) {
    double scale = coefficient * sigmaDaily;
    if (model == ImpactModel.NONE || !(scale > 0)) {
      return 1.0;
    }
    double lo = Math.min(x0, x1);
    double hi = Math.max(x0, x1);
    if (model == ImpactModel.EXPONENTIAL) {
      double ad = scale * (hi - lo);
      double start = Math.exp(-scale * lo);
      return ad > 0 ? start * (-Expm1.expm1(-ad)) / ad : start;
    }
    if (lo >= 0) {
      return soldSide(scale, lo, hi);
    }
    if (hi <= 0) {
      return boughtSide(scale, -hi, -lo);
    }
    // crosses zero: the mean over [lo, 0] and [0, hi], weighted by their widths
    return (boughtSide(scale, 0, -lo) * -lo + soldSide(scale, 0, hi) * hi) / (hi - lo);
  }

  /** Mean of {@code e^{-b sqrt(x)}} over {@code 0 <= x0 <= x1}. */
  private static double soldSide(double b, double x0, double x1) {
    // x0 = 0 (the day's first sale of the asset, the usual case): u0 = 0 and e^{-u0} = 1 exactly,
    // so neither the square root nor the exponential is taken; the same bits as taking them.
    double u0 = x0 == 0 ? 0.0 : b * Math.sqrt(x0);
    double u1 = b * Math.sqrt(x1);
    double d = u1 - u0;
    if (!(d > 1e-300) || !(u0 + u1 > 0)) {
      return Math.exp(-0.5 * (u0 + u1));
    }
    double oneMinusExp = -Expm1.expm1(-d);
    double curvature = d < 1e-3
        ? d * d * (0.5 - d * (1.0 / 6 - d * (1.0 / 24 - d / 120)))
        : d - oneMinusExp;
    double start = u0 == 0 ? 1.0 : Math.exp(-u0);
    return 2.0 * start * (u1 * oneMinusExp - curvature) / (d * (u0 + u1));
  }

  /** Mean of {@code e^{+b sqrt(y)}} over {@code 0 <= y0 <= y1} (y = −x, the volume net bought). */
  private static double boughtSide(double b, double y0, double y1) {
    // y0 = 0 (nothing bought or sold of the asset yet today, the usual case): as in soldSide
    double u0 = y0 == 0 ? 0.0 : b * Math.sqrt(y0);
    double u1 = b * Math.sqrt(y1);
    double d = u1 - u0;
    if (!(d > 1e-300) || !(u0 + u1 > 0)) {
      return Math.exp(0.5 * (u0 + u1));
    }
    double expMinusOne = Expm1.expm1(d);
    double curvature = d < 1e-3
        ? d * d * (0.5 + d * (1.0 / 6 + d * (1.0 / 24 + d / 120)))
        : expMinusOne - d;
    double start = u0 == 0 ? 1.0 : Math.exp(u0);
    return 2.0 * start * (u1 * expMinusOne - curvature) / (d * (u0 + u1));
  }
}
