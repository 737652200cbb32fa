package io.unwind.market;

/**
 * {@code e^x - 1} with the bits of {@link StrictMath#expm1}, in Java: fdlibm's {@code s_expm1.c}
 * (5.3) step for step.
 *
 * <p>Why it exists: on Java 17 {@link Math#expm1} is {@link StrictMath#expm1}, a native method
 * with no JIT intrinsic, so every call crosses into C (and the JIT cannot overlap the
 * arithmetic around it). The impact law evaluates it once per trade, twice per buy; JFR's
 * execution samples do not see native frames (only {@code jdk.NativeMethodSample} does, 3 % of the
 * kernel's samples on the baseline). This port gives the same results bit for bit (tested against
 * {@code StrictMath.expm1} on every range its branches serve), so replacing the call moves no
 * number. Later JDKs carry the same port themselves (Java 25's {@code FdLibm.Expm1}).
 *
 * <p>Implementation note (fdlibm): reduce {@code x = k ln2 + r}, {@code |r| <= 0.5 ln2}, with
 * {@code ln2} split into a high part exact in {@code k ln2_hi} and a low part; approximate
 * {@code expm1(r)} by a rational function in {@code r} through a degree-5 polynomial in
 * {@code r^2/2} (error below 2^-61.27); scale back by {@code 2^k} through the exponent bits,
 * choosing the order of the last subtractions by {@code k} to lose no precision.
 *
 * <p>The constants and the steps are those of fdlibm: Copyright (C) 1993 by Sun Microsystems,
 * Inc. All rights reserved. Developed at SunSoft, a Sun Microsystems, Inc. business. Permission
 * to use, copy, modify, and distribute this software is freely granted, provided that this
 * notice is preserved.
 */
public final class Expm1 {
  private static final double HUGE = 1.0e+300;
  private static final double TINY = 1.0e-300;
  /** Above it e^x overflows: 0x40862E42_FEFA39EF. */
  private static final double OVERFLOW_THRESHOLD = 7.09782712893383973096e+02;
  /** ln 2's high part, 0x3fe62e42_fee00000: k ln2_hi is exact for the k used. */
  private static final double LN2_HI = 6.93147180369123816490e-01;
  /** ln 2's low part, 0x3dea39ef_35793c76. */
  private static final double LN2_LO = 1.90821492927058770002e-10;
  /** 1 / ln 2, 0x3ff71547_652b82fe. */
  private static final double INV_LN2 = 1.44269504088896338700e+00;
  /** Scaled coefficients of the rational approximation. */
  private static final double Q1 = -3.33333333333331316428e-02;
  private static final double Q2 = 1.58730158725481460165e-03;
  private static final double Q3 = -7.93650757867487942473e-05;
  private static final double Q4 = 4.00821782732936239552e-06;
  private static final double Q5 = -2.01099218183624371326e-07;

  private Expm1() {
  }

  /** {@code e^x - 1}, the same bits as {@link StrictMath#expm1}. */
  public static double expm1(double x) {
    int hx = highWord(x);
    final boolean negative = hx < 0;
    hx &= 0x7fffffff;

    // huge and non-finite arguments
    if (hx >= 0x4043687A) { // |x| >= 56 ln2
      if (hx >= 0x40862E42) { // |x| >= 709.78...
        if (hx >= 0x7ff00000) {
          if (((hx & 0xfffff) | lowWord(x)) != 0) {
            return x + x; // NaN
          }
          return negative ? -1.0 : x; // exp(+-inf) - 1 = {inf, -1}
        }
        if (x > OVERFLOW_THRESHOLD) {
          return HUGE * HUGE; // overflow
        }
      }
      if (negative && x + TINY < 0.0) { // x < -56 ln2: -1 (inexact)
        return TINY - 1.0;
      }
    }

    // argument reduction
    double hi;
    double lo;
    double c = 0.0;
    int k;
    if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
      if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
        if (!negative) {
          hi = x - LN2_HI;
          lo = LN2_LO;
          k = 1;
        } else {
          hi = x + LN2_HI;
          lo = -LN2_LO;
          k = -1;
        }
      } else {
        k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
        double t = k;
        hi = x - t * LN2_HI; // t * ln2_hi is exact here
        lo = t * LN2_LO;
      }
      x = hi - lo;
      c = (hi - x) - lo;
    } else if (hx < 0x3c900000) { // |x| < 2^-54: x (inexact when x != 0)
      double t = HUGE + x;
      return x - (t - (HUGE + x));
    } else {
      k = 0;
    }

    // x is now in the primary range
    double hfx = 0.5 * x;
    double hxs = x * hfx;
    double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    double t = 3.0 - r1 * hfx;
    double e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k == 0) {
      return x - (x * e - hxs); // c is 0
    }
    e = (x * (e - c) - c);
    e -= hxs;
    if (k == -1) {
      return 0.5 * (x - e) - 0.5;
    }
    if (k == 1) {
      if (x < -0.25) {
        return -2.0 * (e - (x + 0.5));
      }
      return 1.0 + 2.0 * (x - e);
    }
    if (k <= -2 || k > 56) { // exp(x) - 1 suffices
      double y = 1.0 - (e - x);
      y = addToExponent(y, k);
      return y - 1.0;
    }
    double y;
    if (k < 20) {
      double oneMinusTwoToMinusK = fromHighWord(0x3ff00000 - (0x200000 >> k)); // 1 - 2^-k
      y = oneMinusTwoToMinusK - (e - x);
      y = addToExponent(y, k);
    } else {
      double twoToMinusK = fromHighWord((0x3ff - k) << 20); // 2^-k
      y = x - (e + twoToMinusK);
      y += 1.0;
      y = addToExponent(y, k);
    }
    return y;
  }

  private static int highWord(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }

  private static int lowWord(double x) {
    return (int) Double.doubleToRawLongBits(x);
  }

  /** The double whose high word is {@code high} and low word 0. */
  private static double fromHighWord(int high) {
    return Double.longBitsToDouble((long) high << 32);
  }

  /** fdlibm's {@code __HI(y) += k << 20}: k added to the exponent field. */
  private static double addToExponent(double y, int k) {
    long bits = Double.doubleToRawLongBits(y);
    int high = (int) (bits >>> 32) + (k << 20);
    return Double.longBitsToDouble(((long) high << 32) | (bits & 0xffffffffL));
  }
}
