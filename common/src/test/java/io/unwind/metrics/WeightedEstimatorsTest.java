package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Weighted tails and moments: unit weights give the unweighted numbers; any split, same bits. */
class WeightedEstimatorsTest {

  private static final double[] LEVELS = {0.95, 0.99, 0.995, 0.999};

  @Test
  void finish_unitWeights_theUnweightedVarAndEs() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
    int n = 20_000;
    TailAccumulator plain = TailAccumulator.of(n, LEVELS);
    WeightedTailAccumulator weighted = WeightedTailAccumulator.of(n, LEVELS);
    for (int i = 0; i < n; i++) {
      double loss = -Math.log(rng.nextDouble()) - 0.5;
      plain.accept(loss, i);
      weighted.accept(loss, 1.0, i);
    }
    TailEstimates a = plain.finish();
    TailEstimates b = weighted.finish();
    for (double level : LEVELS) {
      assertThat(b.var(level).value()).as("VaR %s", level).isEqualTo(a.var(level).value());
      assertThat(b.es(level).value()).as("ES %s", level)
          .isCloseTo(a.es(level).value(), within(1e-12));
      // The same variance formula (Manistre-Hancock) in a different summation order.
      assertThat(b.es(level).ciHigh() - b.es(level).value())
          .isCloseTo(a.es(level).ciHigh() - a.es(level).value(), within(1e-9));
      // Normal approximation against the exact binomial ranks: a rank or two apart.
      assertThat(b.var(level).ciLow()).isLessThanOrEqualTo(b.var(level).value());
      assertThat(b.var(level).ciHigh()).isGreaterThanOrEqualTo(b.var(level).value());
    }
  }

  @Test
  void finish_anyPartitioningAndMergeOrder_sameBits() {
    int n = 30_000;
    double[] loss = new double[n];
    double[] weight = new double[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
    for (int i = 0; i < n; i++) {
      // Heavy-tailed weights, smaller in the tail, as a tilt toward the tail gives.
      loss[i] = Math.floor(100 * -Math.log(rng.nextDouble())) / 100; // ties on purpose
      weight[i] = Math.exp(-0.8 * loss[i] + 0.5 * rng.nextDouble());
    }
    WeightedTailAccumulator whole = WeightedTailAccumulator.of(n, LEVELS);
    WeightedMomentAccumulator wholeMoments = new WeightedMomentAccumulator();
    for (int i = 0; i < n; i++) {
      whole.accept(loss[i], weight[i], i);
      wholeMoments.accept(loss[i], weight[i]);
    }
    TailEstimates expected = whole.finish();
    SplittableRandom split = new SplittableRandom(5);
    for (int parts : new int[] {2, 3, 7, 16}) {
      WeightedTailAccumulator[] tails = new WeightedTailAccumulator[parts];
      WeightedMomentAccumulator[] moments = new WeightedMomentAccumulator[parts];
      for (int p = 0; p < parts; p++) {
        tails[p] = WeightedTailAccumulator.of(n, LEVELS);
        moments[p] = new WeightedMomentAccumulator();
      }
      for (int i = n - 1; i >= 0; i--) {
        int p = split.nextInt(parts);
        tails[p].accept(loss[i], weight[i], i);
        moments[p].accept(loss[i], weight[i]);
      }
      WeightedTailAccumulator merged = tails[parts - 1];
      WeightedMomentAccumulator mergedMoments = moments[parts - 1];
      for (int p = parts - 2; p >= 0; p--) {
        merged.combine(tails[p]);
        mergedMoments.combine(moments[p]);
      }
      assertThat(merged.finish()).as("%d parts", parts).isEqualTo(expected);
      assertThat(mergedMoments.estimate()).isEqualTo(wholeMoments.estimate());
      assertThat(mergedMoments.effectiveSampleSize())
          .isEqualTo(wholeMoments.effectiveSampleSize());
    }
    // The tail twice 5 % deep in weight, plus what awaits the next pruning: well under N.
    assertThat(whole.kept()).isLessThan(n / 2);
  }

  @Test
  void moments_unitWeights_plainMeanAndEssIsN() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(13L);
    WeightedMomentAccumulator w = new WeightedMomentAccumulator();
    MomentAccumulator m = new MomentAccumulator();
    for (int i = 0; i < 5000; i++) {
      double x = rng.nextDouble() - 0.3;
      w.accept(x, 1.0);
      m.accept(x);
    }
    assertThat(w.estimate().value()).isEqualTo(m.mean());
    assertThat(w.estimate().standardError()).isCloseTo(m.standardError(), within(1e-15));
    assertThat(w.effectiveSampleSize()).isEqualTo(5000.0);
    assertThat(w.meanWeight()).isEqualTo(1.0);
  }

  @Test
  void moments_twoWeights_kishEffectiveSize() {
    WeightedMomentAccumulator w = new WeightedMomentAccumulator();
    w.acceptEvent(true, 3.0).acceptEvent(false, 1.0);
    // (3 + 1)^2 / (9 + 1) = 1.6; probability (3 * 1 + 1 * 0) / 2 = 1.5 clipped to 1.
    assertThat(w.effectiveSampleSize()).isEqualTo(1.6);
    assertThat(w.proportion().value()).isEqualTo(1.0);
    assertThat(w.meanWeight()).isEqualTo(2.0);
  }

  @Test
  void proportion_noEventInTheSample_wilsonUpperEndAtKishsEffectiveSize() {
    WeightedMomentAccumulator w = new WeightedMomentAccumulator();
    for (int i = 0; i < 100; i++) {
      w.acceptEvent(false, i % 2 == 0 ? 0.5 : 1.5);
    }
    // Kish: 100^2 / (50 * 0.25 + 50 * 2.25) = 80.
    ProportionEstimate p = w.proportion();
    assertThat(p.value()).isZero();
    assertThat(p.ciLow()).isZero();
    assertThat(p.ciHigh()).isCloseTo(Wilson.interval(0, 80).ciHigh(), within(1e-15));
  }
}
