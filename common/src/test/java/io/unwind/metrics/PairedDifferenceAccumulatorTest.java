package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PairedDifferenceAccumulatorTest {

  @Test
  void finish_strategyWithItself_isExactlyZeroWithZeroWidth() {
    int n = 2000;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    PairedDifferenceAccumulator a = PairedDifferenceAccumulator.of(TailAccumulator.of(n, 0.99));
    PairedDifferenceAccumulator b = PairedDifferenceAccumulator.of(TailAccumulator.of(n, 0.99));
    for (int i = 0; i < n; i++) {
      double loss = 0.3 * gauss.sample();
      (i % 3 == 0 ? a : b).accept(i, loss, loss);
    }
    PairedDifference d = a.combine(b).finish();
    assertThat(d.mean().value()).isEqualTo(0.0);
    assertThat(d.mean().ciLow()).isEqualTo(0.0);
    assertThat(d.mean().ciHigh()).isEqualTo(0.0);
    assertThat(d.pairedStandardError()).isEqualTo(0.0);
    TailEstimate es = d.tail().es(0.99);
    assertThat(es.value()).isEqualTo(0.0);
    assertThat(es.ciLow()).isEqualTo(0.0);
    assertThat(es.ciHigh()).isEqualTo(0.0);
    assertThat(d.tail().var(0.99).ciHigh()).isEqualTo(0.0);
    assertThat(d.unpairedStandardError()).isGreaterThan(0.0);
  }

  @Test
  void finish_commonRandomNumbers_pairedSeFarBelowUnpaired() {
    long seed = 314159L;
    int n = 20_000;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    PairedDifferenceAccumulator acc = PairedDifferenceAccumulator.of(TailAccumulator.of(n, 0.99));
    double delta = 0.02;
    for (int i = 0; i < n; i++) {
      // A and B share the market shock x; A adds a small idiosyncratic cost y and a mean cost.
      double x = gauss.sample();
      double y = gauss.sample();
      acc.accept(i, 0.2 * x + 0.02 * y + delta, 0.2 * x);
    }
    PairedDifference d = acc.finish();
    // Truth: sd(D) = 0.02, so the paired SE is 0.02/√N; unpaired sqrt((0.0404 + 0.04)/N).
    double pairedTrue = 0.02 / Math.sqrt(n);
    double unpairedTrue = Math.sqrt((0.2 * 0.2 + 0.02 * 0.02 + 0.2 * 0.2) / n);
    // Sample sds have relative SE ~ 1/√(2N) = 0.5 %; 5 % tolerance is > 9 sigma (odds < 1e-18).
    assertThat(d.pairedStandardError()).as("seed %d", seed)
        .isBetween(0.95 * pairedTrue, 1.05 * pairedTrue);
    assertThat(d.unpairedStandardError()).as("seed %d", seed)
        .isBetween(0.95 * unpairedTrue, 1.05 * unpairedTrue);
    assertThat(d.unpairedStandardError()).isGreaterThan(10 * d.pairedStandardError());
    assertThat(d.varianceReduction()).isGreaterThan(100);
    // Mean of D is delta; 4.5 paired SEs: false failure odds 7e-6.
    assertThat(Math.abs(d.mean().value() - delta)).as("seed %d", seed)
        .isLessThan(4.5 * pairedTrue);
    // ES_0.99 of D = delta + 0.02·φ(2.3263)/0.01 = delta + 0.05330. Its SE (Manistre–Hancock, with
    // the normal tail variance 1 + qλ − λ² = 0.097, λ = 2.665) is
    // 0.02·sqrt((0.097 + 0.99·0.339²)/200) ≈ 0.00065, so ±0.005 is 7.7 SE (odds < 1e-13).
    assertThat(d.tail().es(0.99).value()).as("seed %d", seed)
        .isBetween(delta + 0.0533 - 0.005, delta + 0.0533 + 0.005);
  }

  @Test
  void combine_anyGrouping_givesIdenticalResult() {
    int n = 777;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextDouble();
      b[i] = a[i] * 0.9 + 0.1 * rng.nextDouble();
    }
    PairedDifferenceAccumulator single = PairedDifferenceAccumulator.of(TailAccumulator.of(n, 0.95, 0.99));
    PairedDifferenceAccumulator p1 = PairedDifferenceAccumulator.of(TailAccumulator.of(n, 0.95, 0.99));
    PairedDifferenceAccumulator p2 = PairedDifferenceAccumulator.of(TailAccumulator.of(n, 0.95, 0.99));
    PairedDifferenceAccumulator p3 = PairedDifferenceAccumulator.of(TailAccumulator.of(n, 0.95, 0.99));
    for (int i = 0; i < n; i++) {
      single.accept(i, a[i], b[i]);
      (i % 5 == 0 ? p1 : i % 5 < 3 ? p2 : p3).accept(i, a[i], b[i]);
    }
    PairedDifference merged = p3.combine(p1.combine(p2)).finish();
    assertThat(merged).isEqualTo(single.finish());
  }
}
