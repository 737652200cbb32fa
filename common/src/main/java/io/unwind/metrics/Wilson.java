package io.unwind.metrics;

/**
 * The Wilson score interval for a binomial proportion.
 *
 * <p>For {@code s} successes in {@code n} trials, {@code p = s/n} and the normal quantile z, the
 * interval is {@code [c − h, c + h]} with {@code c = (p + z²/2n) / (1 + z²/n)} and
 * {@code h = z/(1 + z²/n) · sqrt(p(1 − p)/n + z²/4n²)} (Wilson 1927,
 * doi:10.1080/01621459.1927.10502953). Unlike the Wald interval it stays inside [0, 1] and does not
 * collapse at 0 or n successes, which matters for rare events such as default (Newcombe 1998,
 * doi:10.1002/(SICI)1097-0258(19980430)17:8%3C857::AID-SIM777%3E3.0.CO;2-E, method 3).
 */
public final class Wilson {

  /** Two-sided 95 % standard normal quantile, Φ⁻¹(0.975). */
  public static final double Z_95 = MomentAccumulator.Z_95;

  private Wilson() {
  }

  /**
   * The upper end of the Wilson interval for no success in {@code n} trials, {@code n} real
   * (an effective sample size): {@code z² / (n + z²)}.
   *
   * @throws IllegalArgumentException unless {@code n > 0} and {@code z > 0}
   */
  public static double upperForNoSuccess(double n, double z) {
    if (!(n > 0.0) || !(z > 0.0) || !Double.isFinite(n) || !Double.isFinite(z)) {
      throw new IllegalArgumentException("Cannot form a Wilson bound for n = " + n + ", z = " + z);
    }
    return z * z / (n + z * z);
  }

  /** The 95 % Wilson interval of {@code successes} out of {@code n}. */
  public static ProportionEstimate interval(long successes, long n) {
    return interval(successes, n, Z_95);
  }

  /**
   * The Wilson interval of {@code successes} out of {@code n} for the normal quantile {@code z}.
   *
   * <p>The ends are exactly 0 when there are no successes and exactly 1 when all are.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ successes ≤ n}, {@code n ≥ 1}, {@code z > 0}
   */
  public static ProportionEstimate interval(long successes, long n, double z) {
    if (n < 1) {
      throw new IllegalArgumentException("Cannot estimate a proportion from n = " + n
          + " trials, the value must be positive");
    }
    if (successes < 0 || successes > n) {
      throw new IllegalArgumentException(
          "Cannot have " + successes + " successes in " + n + " trials");
    }
    if (!(z > 0.0 && Double.isFinite(z))) {
      throw new IllegalArgumentException("Cannot set z to " + z + ", the value must be positive");
    }
    double dn = n;
    double p = successes / dn;
    double z2 = z * z;
    double denominator = 1.0 + z2 / dn;
    double centre = (p + z2 / (2.0 * dn)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1.0 - p) / dn + z2 / (4.0 * dn * dn));
    // At s = 0 (s = n) the lower (upper) end is 0 (1) in exact arithmetic; pin it so rounding
    // cannot leave it a hair off, and clamp the other end into [p, 1] / [0, p] for safety.
    double low = successes == 0 ? 0.0 : Math.min(p, Math.max(0.0, centre - half));
    double high = successes == n ? 1.0 : Math.max(p, Math.min(1.0, centre + half));
    return new ProportionEstimate(p, low, high, n);
  }
}
