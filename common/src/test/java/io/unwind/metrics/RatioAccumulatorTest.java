package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class RatioAccumulatorTest {

  private static double[][] pairs(long seed, int n) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      double x = 0.2 + 0.05 * z.sample();
      p[i] = new double[] {0.3 * x + 0.02 * z.sample(), x};
    }
    return p;
  }

  private static RatioAccumulator fill(double[][] p, int from, int to) {
    RatioAccumulator acc = new RatioAccumulator();
    for (int i = from; i < to; i++) {
      acc.accept(p[i][0], p[i][1]);
    }
    return acc;
  }

  @Test
  void estimate_matchesTheTwoPassDeltaMethod() {
    double[][] p = pairs(11, 1000);
    double sy = 0;
    double sx = 0;
    for (double[] q : p) {
      sy += q[0];
      sx += q[1];
    }
    double r = (sy / p.length) / (sx / p.length);
    double mean = 0;
    for (double[] q : p) {
      mean += q[0] - r * q[1];
    }
    mean /= p.length;
    double ss = 0;
    for (double[] q : p) {
      double e = q[0] - r * q[1] - mean;
      ss += e * e;
    }
    double se = Math.sqrt(ss / (p.length - 1) / p.length) / (sx / p.length);
    MeanEstimate got = fill(p, 0, p.length).estimate();
    assertThat(got.value()).isCloseTo(r, within(1e-13));
    assertThat(got.standardError()).isCloseTo(se, within(1e-12 * se));
    assertThat(got.ciHigh() - got.value()).isCloseTo(1.959963984540054 * se, within(1e-12 * se));
    assertThat(got.n()).isEqualTo(1000);
  }

  @Test
  void combine_anySplit_sameBits() {
    double[][] p = pairs(12, 997);
    MeanEstimate whole = fill(p, 0, p.length).estimate();
    for (int cut : new int[] {0, 1, 500, 996, 997}) {
      RatioAccumulator left = fill(p, 0, cut);
      RatioAccumulator right = fill(p, cut, p.length);
      assertThat(right.combine(left).estimate()).as("cut %d", cut).isEqualTo(whole);
    }
  }

  @Test
  void estimate_intervalsCoverTheTrueRatioAbout95Percent() {
    // E[y]/E[x] = 0.3 exactly. 400 replications of 200 pairs, seeds 1000..1399: a coverage of
    // 0.95 has sd 0.011 over 400 runs, so [0.915, 0.985] is ±3.2 sd (false-failure odds ~1e-3).
    int covered = 0;
    for (int rep = 0; rep < 400; rep++) {
      MeanEstimate e = fill(pairs(1000 + rep, 200), 0, 200).estimate();
      if (e.ciLow() <= 0.3 && 0.3 <= e.ciHigh()) {
        covered++;
      }
    }
    assertThat(covered / 400.0).isBetween(0.915, 0.985);
  }

  @Test
  void estimate_onePair_isUnbounded_emptyOrZeroDenominator_isRefused() {
    MeanEstimate one = new RatioAccumulator().accept(0.1, 0.5).estimate();
    assertThat(one.value()).isCloseTo(0.2, within(1e-15));
    assertThat(one.ciLow()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(one.ciHigh()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> new RatioAccumulator().estimate()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new RatioAccumulator().accept(1, 1).accept(1, -1).estimate())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("mean denominator 0.0");
    assertThatThrownBy(() -> new RatioAccumulator().accept(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
    RatioAccumulator self = new RatioAccumulator();
    assertThatThrownBy(() -> self.combine(self)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serialization_roundTrip_keepsState() throws Exception {
    RatioAccumulator acc = fill(pairs(13, 50), 0, 50);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
      o.writeObject(acc);
    }
    RatioAccumulator copy;
    try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (RatioAccumulator) i.readObject();
    }
    assertThat(copy.estimate()).isEqualTo(acc.estimate());
  }
}
