package io.unwind.market;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Expm1Test {

  private static void assertSameBits(double x) {
    assertEquals(Double.doubleToRawLongBits(StrictMath.expm1(x)),
        Double.doubleToRawLongBits(Expm1.expm1(x)),
        () -> "expm1(" + x + ") [" + Double.toHexString(x) + "]: StrictMath "
            + StrictMath.expm1(x) + ", port " + Expm1.expm1(x));
  }

  @Test
  void expm1_specialValues_sameBitsAsStrictMath() {
    double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 709.78, 709.79, -709.79,
        7.09782712893383973096e+02, Math.nextUp(7.09782712893383973096e+02), 56 * Math.log(2),
        -56 * Math.log(2), 0.5 * Math.log(2), -0.5 * Math.log(2), 1.5 * Math.log(2),
        -1.5 * Math.log(2), 0x1p-54, -0x1p-54, 0x1p-55, 20 * Math.log(2), 57 * Math.log(2),
        -0.25, 1e-3, -1e-3, 1.0, -1.0,
        Double.longBitsToDouble(0x7ff8000000000001L), Double.longBitsToDouble(0xfff0000000000001L)};
    for (double x : special) {
      assertSameBits(x);
      assertSameBits(Math.nextUp(x));
      assertSameBits(Math.nextDown(x));
    }
  }

  /** Every branch of the reduction (k = 0, +-1, 2..19, 20..56, beyond) and every magnitude. */
  @Test
  void expm1_logUniformMagnitudesBothSigns_sameBitsAsStrictMath() {
    SplittableRandom random = new SplittableRandom(20261206L);
    for (int i = 0; i < 2_000_000; i++) {
      double magnitude = Math.pow(10.0, -320 + random.nextDouble() * 323.0); // 1e-320 .. 1e3
      assertSameBits(random.nextBoolean() ? magnitude : -magnitude);
    }
  }

  /** The range the impact law feeds it: u between 0 and a few, both signs. */
  @Test
  void expm1_impactRange_sameBitsAsStrictMath() {
    SplittableRandom random = new SplittableRandom(15L);
    for (int i = 0; i < 2_000_000; i++) {
      double d = random.nextDouble() * 4.0;
      assertSameBits(d);
      assertSameBits(-d);
    }
  }

  /** Every integer reduction k from -60 to 60, around its edges. */
  @Test
  void expm1_aroundEachReductionStep_sameBitsAsStrictMath() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int k = -60; k <= 60; k++) {
      for (int i = 0; i < 2_000; i++) {
        assertSameBits((k + random.nextDouble() - 0.5) * Math.log(2));
      }
    }
  }
}
