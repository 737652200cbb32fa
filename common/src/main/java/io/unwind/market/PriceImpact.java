package io.unwind.market;

import io.unwind.config.ImpactModel;

/**
 * Price impact of the day's cumulative crowd volume, as a log-price displacement.
 *
 * <p>With {@code x = Q / V} the day's cumulative crowd volume over market depth and {@code sigma}
 * the asset's daily volatility:
 * <ul>
 *   <li>square-root law, {@code F(x) = Y * sigma * sqrt(x)} (Tóth et al. 2011,
 *       doi:10.1103/PhysRevX.1.021006);</li>
 *   <li>exponential depth, {@code F(x) = Y * sigma * x}: the price is {@code exp(-F)}, exponential in
 *       the volume sold, as in fire-sale models (Cifuentes, Ferrucci and Shin 2005,
 *       doi:10.1162/jeea.2005.3.2-3.556).</li>
 * </ul>
 * Because F depends on cumulative volume only, the total impact of a day does not depend on how its
 * sales are split into rounds.
 *
 * <p>A sale that moves cumulative relative volume from {@code x0} to {@code x1} executes at the
 * average of {@code exp(-F)} over [x0, x1] times the pre-impact price, so the proceeds of a sale
 * split into pieces add up exactly to those of the whole sale.
 *
 * <p>Implementation note: both averages have closed forms. Exponential depth:
 * {@code e^{-a x0} (1 - e^{-a d}) / (a d)} with {@code a = Y sigma}, {@code d = x1 - x0}. Square root:
 * substituting {@code u = b sqrt(x)}, {@code b = Y sigma}, the integral is
 * {@code (2/b^2) [h(u0) - h(u1)]} with {@code h(u) = e^{-u}(1 + u)}, and over the interval width
 * {@code (u1^2 - u0^2)/b^2} the average is
 * {@code 2 e^{-u0} [u1 (1 - e^{-d}) - (d - (1 - e^{-d}))] / (d (u0 + u1))}, {@code d = u1 - u0}; the
 * bracket is evaluated with {@code expm1} and a series for {@code d - (1 - e^{-d})} so that small
 * sales lose no precision.
 */
public final class PriceImpact {

  private PriceImpact() {
  }

  /** Log-price displacement after cumulative relative volume {@code x = Q/V}. */
  public static double logImpact(ImpactModel model, double coefficient, double sigmaDaily, double x) {
    switch (model) {
      case SQRT:
        return coefficient * sigmaDaily * Math.sqrt(x);
      case EXPONENTIAL:
        return coefficient * sigmaDaily * x;
      default:
        return 0.0;
    }
  }

  /**
   * Average of {@code exp(-F(x))} over cumulative relative volume [x0, x1]: the execution price of
   * a sale over that range as a fraction of the pre-impact price.
   */
  public static double averagePriceFactor(ImpactModel model, double coefficient, double sigmaDaily,
      double x0, double x1) {
    double scale = coefficient * sigmaDaily;
    if (model == ImpactModel.NONE || !(scale > 0)) {
      return 1.0;
    }
    if (model == ImpactModel.EXPONENTIAL) {
      double ad = scale * (x1 - x0);
      double start = Math.exp(-scale * x0);
      return ad > 0 ? start * (-Math.expm1(-ad)) / ad : start;
    }
    double u0 = scale * Math.sqrt(x0);
    double u1 = scale * Math.sqrt(x1);
    double d = u1 - u0;
    if (!(d > 1e-300) || !(u0 + u1 > 0)) {
      return Math.exp(-0.5 * (u0 + u1));
    }
    double oneMinusExp = -Math.expm1(-d);
    double curvature = d < 1e-3
        ? d * d * (0.5 - d * (1.0 / 6 - d * (1.0 / 24 - d / 120)))
        : d - oneMinusExp;
    return 2.0 * Math.exp(-u0) * (u1 * oneMinusExp - curvature) / (d * (u0 + u1));
  }
}
