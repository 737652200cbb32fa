package io.unwind.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact sum of doubles and of products of two doubles, kept in binary fixed point.
 *
 * <p>Every finite double is {@code m·2^e} with an integer {@code m}; the sum is held as a
 * {@link BigInteger} {@code total} times {@code 2^scale}, where {@code scale} is the smallest
 * exponent seen. Additions are exact, so the result does not depend on the order of additions or
 * on how parts are combined: a map-reduce over any partitioning gives the same bits.
 *
 * <p>Implementation note: this is the idea of Kulisch's long accumulator (exact dot products),
 * with a {@code BigInteger} in place of a fixed 4288-bit register; the integer grows only to the
 * exponent range actually seen, so for O(1) losses it stays a few hundred bits.
 */
final class ExactSum implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final long MANTISSA_MASK = (1L << 52) - 1;

  /** Exact value is {@code total * 2^scale}. */
  private BigInteger total = BigInteger.ZERO;

  private int scale = Integer.MAX_VALUE;

  /** Adds {@code x} exactly. */
  void add(double x) {
    long m = mantissa(x);
    if (m != 0) {
      addScaled(BigInteger.valueOf(m), exponent(x));
    }
  }

  /** Adds the exact product {@code a·b} (not rounded to a double). */
  void addProduct(double a, double b) {
    long ma = mantissa(a);
    long mb = mantissa(b);
    if (ma != 0 && mb != 0) {
      addScaled(BigInteger.valueOf(ma).multiply(BigInteger.valueOf(mb)), exponent(a) + exponent(b));
    }
  }

  /** Adds another exact sum; {@code other} is not modified. */
  void add(ExactSum other) {
    if (other.total.signum() != 0) {
      addScaled(other.total, other.scale);
    }
  }

  /** The integer part {@code total}; the sum is {@code total() * 2^scale()}. */
  BigInteger total() {
    return total;
  }

  /** The binary exponent of {@link #total()}; meaningless while the sum is zero. */
  int scale() {
    return total.signum() == 0 ? 0 : scale;
  }

  /** The sum exactly, as a decimal: {@code 2^-k = 5^k / 10^k} has a finite expansion. */
  BigDecimal toBigDecimal() {
    if (total.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (scale >= 0) {
      return new BigDecimal(total.shiftLeft(scale));
    }
    return new BigDecimal(total.multiply(BigInteger.valueOf(5).pow(-scale)), -scale);
  }

  /** A copy that shares nothing mutable with this one. */
  ExactSum copy() {
    ExactSum c = new ExactSum();
    c.total = total;
    c.scale = scale;
    return c;
  }

  /** The sum divided by {@code divisor}, rounded once from 34 significant digits. */
  double divide(BigInteger divisor) {
    return quotient(total, scale(), divisor);
  }

  /**
   * Returns {@code numerator·2^exponent / divisor} as a double.
   *
   * <p>The division happens in 34-digit decimal ({@link MathContext#DECIMAL128}), far beyond double
   * precision, so the only rounding that matters is the final one; the result is a pure function
   * of the exact inputs.
   */
  static double quotient(BigInteger numerator, int exponent, BigInteger divisor) {
    if (numerator.signum() == 0) {
      return 0.0;
    }
    BigDecimal num = new BigDecimal(numerator);
    BigDecimal den = new BigDecimal(divisor);
    if (exponent >= 0) {
      num = new BigDecimal(numerator.shiftLeft(exponent));
    } else {
      den = new BigDecimal(divisor.shiftLeft(-exponent));
    }
    return num.divide(den, MathContext.DECIMAL128).doubleValue();
  }

  private void addScaled(BigInteger m, int e) {
    if (total.signum() == 0) {
      total = m;
      scale = e;
    } else if (e >= scale) {
      total = total.add(m.shiftLeft(e - scale));
    } else {
      total = total.shiftLeft(scale - e).add(m);
      scale = e;
    }
  }

  /** Signed integer significand of a finite double, trailing zero bits removed. */
  private static long mantissa(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long m = biased == 0 ? bits & MANTISSA_MASK : (bits & MANTISSA_MASK) | (1L << 52);
    if (m == 0) {
      return 0;
    }
    m >>>= Long.numberOfTrailingZeros(m);
    return bits < 0 ? -m : m;
  }

  /** Binary exponent matching {@link #mantissa(double)}: {@code |x| = |mantissa|·2^exponent}. */
  private static int exponent(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long m = biased == 0 ? bits & MANTISSA_MASK : (bits & MANTISSA_MASK) | (1L << 52);
    int e = biased == 0 ? -1074 : biased - 1075;
    return e + Long.numberOfTrailingZeros(m);
  }
}
