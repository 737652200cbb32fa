package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class MomentAccumulatorTest {

  @Test
  void meanAndVariance_oneToN_matchClosedForm() {
    int n = 1001;
    MomentAccumulator acc = new MomentAccumulator();
    for (int i = 1; i <= n; i++) {
      acc.accept(i);
    }
    // mean (n+1)/2, variance n(n+1)/12 for the integers 1..n.
    assertThat(acc.mean()).isEqualTo((n + 1) / 2.0);
    assertThat(acc.variance()).isEqualTo(n * (n + 1) / 12.0);
  }

  @Test
  void combine_randomSplits_equalsSinglePassExactlyAndTwoPassTo1e12() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
    int n = 5000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // A large offset: the naive sum-of-squares formula in doubles would lose every digit.
      x[i] = 1e6 + rng.nextDouble() * Math.scalb(1.0, rng.nextInt(20) - 10);
    }
    MomentAccumulator single = new MomentAccumulator();
    for (double v : x) {
      single.accept(v);
    }
    for (int trial = 0; trial < 10; trial++) {
      List<MomentAccumulator> parts = new ArrayList<>();
      int from = 0;
      while (from < n) {
        int to = Math.min(n, from + rng.nextInt(n / 3 + 1));
        MomentAccumulator part = new MomentAccumulator();
        for (int i = from; i < to; i++) {
          part.accept(x[i]);
        }
        parts.add(part);
        from = to;
      }
      while (parts.size() > 1) {
        MomentAccumulator a = parts.remove(rng.nextInt(parts.size()));
        parts.add(parts.remove(rng.nextInt(parts.size())).combine(a));
      }
      MomentAccumulator merged = parts.get(0);
      assertThat(merged.count()).isEqualTo(n);
      assertThat(merged.mean()).as("trial %d", trial).isEqualTo(single.mean());
      assertThat(merged.variance()).as("trial %d", trial).isEqualTo(single.variance());
    }
    // Independent reference: two-pass mean and variance in exact decimal.
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : x) {
      sum = sum.add(new BigDecimal(v));
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
    BigDecimal squares = BigDecimal.ZERO;
    for (double v : x) {
      BigDecimal d = new BigDecimal(v).subtract(mean);
      squares = squares.add(d.multiply(d));
    }
    double variance = squares.divide(BigDecimal.valueOf(n - 1), MathContext.DECIMAL128).doubleValue();
    assertThat(single.mean()).isCloseTo(mean.doubleValue(), within(1e-12 * mean.doubleValue()));
    assertThat(single.variance()).isCloseTo(variance, within(1e-12 * variance));
  }

  @Test
  void estimate_tenObservations_usesStudentT() {
    MomentAccumulator acc = new MomentAccumulator();
    double[] x = {2.1, 3.4, 1.9, 5.0, 4.2, 3.3, 2.8, 3.9, 4.4, 2.6};
    for (double v : x) {
      acc.accept(v);
    }
    MeanEstimate e = acc.estimate();
    // t(0.975, 9) = 2.262157 (any t table).
    double half = 2.262157 * Math.sqrt(acc.variance() / 10);
    assertThat(e.value()).isCloseTo(33.6 / 10, within(1e-14));
    assertThat(e.ciHigh() - e.value()).isCloseTo(half, within(1e-6));
    assertThat(e.value() - e.ciLow()).isCloseTo(half, within(1e-6));
  }

  @Test
  void estimate_constantData_hasZeroWidth() {
    MomentAccumulator acc = new MomentAccumulator();
    for (int i = 0; i < 100; i++) {
      acc.accept(0.1);
    }
    MeanEstimate e = acc.estimate();
    assertThat(acc.variance()).isEqualTo(0.0);
    assertThat(e.ciLow()).isEqualTo(e.value());
    assertThat(e.ciHigh()).isEqualTo(e.value());
  }

  @Test
  void combine_emptyPart_isHarmless() {
    MomentAccumulator acc = new MomentAccumulator().accept(1.5).accept(-2.25).accept(0.0);
    MomentAccumulator merged = new MomentAccumulator().combine(acc).combine(new MomentAccumulator());
    assertThat(merged.mean()).isEqualTo(acc.mean());
    assertThat(merged.variance()).isEqualTo(acc.variance());
    assertThat(new MomentAccumulator().mean()).isNaN();
  }
}
