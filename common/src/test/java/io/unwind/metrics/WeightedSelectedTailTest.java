package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The weighted VaR and ES read from a {@link WeightedRankSelection}: the same as
 * {@link WeightedTailAccumulator} on the same data, the same bits at any partitioning, the plain
 * estimates with unit weights.
 */
class WeightedSelectedTailTest {

  private static final double[] LEVELS = {0.95, 0.99, 0.995, 0.999};

  /** The tail of one series split into {@code parts} random parts, passes merged in random order. */
  static TailEstimates selected(double[] x, double[] w, boolean ownMass, int parts, long seed,
      int collectLimit) {
    int n = x.length;
    SplittableRandom split = new SplittableRandom(seed);
    int[] part = new int[n];
    for (int i = 0; i < n; i++) {
      part[i] = split.nextInt(parts);
    }
    WeightedRankSelection selection = WeightedRankSelection.of(new long[] {n},
        new boolean[] {ownMass}, new double[][] {LEVELS}, collectLimit);
    while (!selection.isDone()) {
      WeightedRankSelection.Pass[] p = new WeightedRankSelection.Pass[parts];
      for (int k = 0; k < parts; k++) {
        p[k] = selection.pass();
      }
      for (int i = 0; i < n; i++) {
        p[part[i]].accept(0, x[i], w[i], i);
      }
      for (int k = parts - 1; k > 0; k--) {
        p[k - 1].combine(p[k]);
      }
      selection.advance(p[0]);
    }
    WeightedSelectedTail[] tails = new WeightedSelectedTail[parts];
    for (int k = 0; k < parts; k++) {
      tails[k] = WeightedSelectedTail.of(LEVELS, selection, 0, ownMass);
    }
    for (int i = 0; i < n; i++) {
      tails[part[i]].accept(x[i], w[i], i);
    }
    for (int k = 1; k < parts; k++) {
      tails[0].combine(tails[k]);
    }
    WeightedSelectedTail tail = tails[0];
    WeightedRankSelection ends = WeightedRankSelection.of(new long[] {n},
        new boolean[] {ownMass}, new double[][] {tail.intervalLevels()}, collectLimit);
    while (!ends.isDone()) {
      WeightedRankSelection.Pass p = ends.pass();
      for (int i = 0; i < n; i++) {
        p.accept(0, x[i], w[i], i);
      }
      ends.advance(p);
    }
    return tail.finish(ends, 0);
  }

  @Test
  void finish_sameDataAsTheInMemoryAccumulator_sameEstimates() {
    int n = 40_000;
    double[] x = new double[n];
    double[] w = new double[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(21L);
    WeightedTailAccumulator memory = WeightedTailAccumulator.of(n, LEVELS);
    for (int i = 0; i < n; i++) {
      // A tilt toward the tail: large losses drawn more often, so they weigh less.
      x[i] = -Math.log(rng.nextDouble()) * 0.1;
      w[i] = Math.exp(-4 * x[i] + 0.3 * rng.nextDouble());
      memory.accept(x[i], w[i], i);
    }
    TailEstimates expected = memory.finish();
    TailEstimates actual = selected(x, w, false, 3, 7L, 64);
    for (double level : LEVELS) {
      assertThat(actual.var(level)).as("VaR %s", level).isEqualTo(expected.var(level));
      assertThat(actual.es(level).value()).as("ES %s", level)
          .isCloseTo(expected.es(level).value(), within(1e-12));
      assertThat(actual.es(level).ciLow()).isCloseTo(expected.es(level).ciLow(), within(1e-9));
      assertThat(actual.es(level).ciHigh()).isCloseTo(expected.es(level).ciHigh(), within(1e-9));
    }
  }

  @Test
  void finish_anyPartitioningAndCollectLimit_sameBits() {
    int n = 30_000;
    double[] x = new double[n];
    double[] w = new double[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(22L);
    for (int i = 0; i < n; i++) {
      x[i] = Math.floor(100 * -Math.log(rng.nextDouble())) / 100; // ties on purpose
      w[i] = rng.nextInt(10) == 0 ? 0.0 : Math.exp(-0.8 * x[i] + 0.5 * rng.nextDouble());
    }
    for (boolean ownMass : new boolean[] {false, true}) {
      TailEstimates one = selected(x, w, ownMass, 1, 1L, 4096);
      assertThat(selected(x, w, ownMass, 3, 2L, 4096)).isEqualTo(one);
      assertThat(selected(x, w, ownMass, 7, 3L, 16)).isEqualTo(one);
    }
  }

  @Test
  void finish_unitWeights_thePlainVarAndEsBitForBit() {
    int n = 25_000;
    double[] x = new double[n];
    double[] w = new double[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);
    TailAccumulator plain = TailAccumulator.of(n, LEVELS);
    for (int i = 0; i < n; i++) {
      x[i] = -Math.log(rng.nextDouble()) - 0.5;
      w[i] = 1.0;
      plain.accept(x[i], i);
    }
    TailEstimates expected = plain.finish();
    for (boolean ownMass : new boolean[] {false, true}) {
      TailEstimates actual = selected(x, w, ownMass, 2, 4L, 4096);
      for (double level : LEVELS) {
        assertThat(actual.var(level).value()).isEqualTo(expected.var(level).value());
        assertThat(actual.es(level).value()).isEqualTo(expected.es(level).value());
        // Normal-approximation intervals, not the exact binomial ranks: close, not equal.
        assertThat(actual.es(level).ciHigh() - actual.es(level).value())
            .isCloseTo(expected.es(level).ciHigh() - expected.es(level).value(),
                within(0.02 * (expected.es(level).ciHigh() - expected.es(level).value())));
      }
    }
  }

  @Test
  void finish_conditionalMass_isTheSubPopulationsNormalisedTail() {
    // Mass W: scaling every weight by the same factor changes nothing (a ratio estimator).
    int n = 10_000;
    double[] x = new double[n];
    double[] w = new double[n];
    double[] scaled = new double[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(24L);
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble();
      w[i] = 0.5 + rng.nextInt(4); // small integers: w and 4w both exact
      scaled[i] = 4 * w[i];
    }
    TailEstimates a = selected(x, w, true, 2, 5L, 4096);
    TailEstimates b = selected(x, scaled, true, 2, 5L, 4096);
    for (double level : LEVELS) {
      assertThat(b.var(level)).isEqualTo(a.var(level));
      assertThat(b.es(level).value()).isEqualTo(a.es(level).value());
    }
  }

  /** The weighted VaRs of one series at {@code levels}, fed whole, collect limit 4. */
  private static RankKey[] select(double[] x, double[] w, double... levels) {
    WeightedRankSelection selection = WeightedRankSelection.of(new long[] {x.length},
        new boolean[] {false}, new double[][] {levels}, 4);
    while (!selection.isDone()) {
      WeightedRankSelection.Pass p = selection.pass();
      for (int i = 0; i < x.length; i++) {
        p.accept(0, x[i], w[i], i);
      }
      selection.advance(p);
    }
    RankKey[] keys = new RankKey[levels.length];
    for (int l = 0; l < levels.length; l++) {
      keys[l] = selection.key(0, l);
    }
    return keys;
  }

  @Test
  void select_edgeTargets_largestSmallestAndHeavyObservations() {
    int n = 50;
    double[] x = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i * 17) % n; // a permutation of 0..49
      w[i] = x[i] == 30 ? 40.0 : (x[i] > 30 ? 0.0 : 10.0 / 30); // 30 paths share 10, one holds 40
    }
    // Mass N = 50: t = (1 - a) 50. Above 30 every weight is 0, so any t < 40 is crossed at 30;
    // t in [40, 50) lies in the 10 spread over 0..29 (1/3 each); t >= 50 = W falls to the smallest.
    RankKey[] keys = select(x, w, 1.0, 0.99, 0.5, 0.19, 0.0, -3.0);
    assertThat(keys[0].value()).as("level 1: t = 0").isEqualTo(30.0);
    assertThat(keys[1].value()).as("t = 0.5").isEqualTo(30.0);
    assertThat(keys[2].value()).as("t = 25").isEqualTo(30.0);
    // t = 40.5: 40 at 30, then 1/3 per step down: 29 (40.33), 28 (40.67 > 40.5).
    assertThat(keys[3].value()).as("t = 40.5").isEqualTo(28.0);
    assertThat(keys[4].value()).as("t = 50 = W").isEqualTo(0.0);
    assertThat(keys[5].value()).as("t = 200").isEqualTo(0.0);
  }

  @Test
  void advance_passMissingAnObservation_failsAndKeepsTheSelection() {
    WeightedRankSelection selection = WeightedRankSelection.of(new long[] {10},
        new boolean[] {false}, new double[][] {{0.9}}, 4);
    WeightedRankSelection.Pass p = selection.pass();
    for (int i = 0; i < 9; i++) {
      p.accept(0, i, 1.0, i);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> selection.advance(p))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("saw 9");
    assertThat(selection.passes()).isZero();
  }
}
