package io.unwind.model;

/**
 * {@code exp} for daily log returns, cheaper than {@link Math#exp} and exact to about one ulp
 * rather than to the last bit.
 *
 * <p>For {@code |x| <= 1/8} (every daily log return short of a 2-sigma move at 90 % annual vol is
 * inside) it evaluates the degree-11 Taylor polynomial by Horner's rule: the truncation error is
 * below {@code x^12 / 12! * e^x < 2e-20} relative, far under half an ulp, so the result differs
 * from the correctly rounded value only by Horner's own round-off, at most a couple of ulps
 * (measured: within 1 ulp of {@code Math.exp}). Outside that range it is {@code Math.exp}. The
 * polynomial is branch-free and independent across assets, so the JIT overlaps it; it is not
 * bitwise equal to {@code Math.exp}, which is why the kernel, not the model, chose it: prices
 * differ in the 16th digit, never in the model.
 */
public final class DailyExp {
  /** Largest |x| served by the polynomial. */
  static final double POLYNOMIAL_RANGE = 0.125;

  private static final double C2 = 1.0 / 2;
  private static final double C3 = 1.0 / 6;
  private static final double C4 = 1.0 / 24;
  private static final double C5 = 1.0 / 120;
  private static final double C6 = 1.0 / 720;
  private static final double C7 = 1.0 / 5040;
  private static final double C8 = 1.0 / 40320;
  private static final double C9 = 1.0 / 362880;
  private static final double C10 = 1.0 / 3628800;
  private static final double C11 = 1.0 / 39916800;

  private DailyExp() {
  }

  /** {@code e^x}, within a couple of ulps (see the class comment). */
  public static double exp(double x) {
    if (!(Math.abs(x) <= POLYNOMIAL_RANGE)) {
      return Math.exp(x);
    }
    return 1 + x * (1 + x * (C2 + x * (C3 + x * (C4 + x * (C5 + x * (C6 + x * (C7 + x * (C8
        + x * (C9 + x * (C10 + x * C11))))))))));
  }
}
