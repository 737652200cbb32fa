package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class TailAccumulatorTest {

  private static final double[] LEVELS = {0.95, 0.99, 0.995, 0.999};

  // ---- hand-computed definitions ------------------------------------------------------------

  @Test
  void finish_lossesOneToThousand_varIsRankCeilAlphaN() {
    TailAccumulator acc = TailAccumulator.of(1000, LEVELS);
    for (int i = 1000; i >= 1; i--) {
      acc.accept(i, i);
    }
    TailEstimates t = acc.finish();
    // x(i) = i, so VaR is the rank ⌈αN⌉: 950, 990, 995 (0.995·1000 must not round up to 996), 999.
    assertThat(t.var(0.95).value()).isEqualTo(950.0);
    assertThat(t.var(0.99).value()).isEqualTo(990.0);
    assertThat(t.var(0.995).value()).isEqualTo(995.0);
    assertThat(t.var(0.999).value()).isEqualTo(999.0);
    // ES_0.99 = mean(991..1000) = 995.5; ES_0.999 = x(1000) = 1000.
    assertThat(t.es(0.99).value()).isCloseTo(995.5, within(1e-12));
    assertThat(t.es(0.999).value()).isCloseTo(1000.0, within(1e-12));
  }

  @Test
  void finish_fractionalTail_usesAcerbiTascheWeights() {
    TailAccumulator acc = TailAccumulator.of(7, 0.5, 0.95);
    for (int i = 1; i <= 7; i++) {
      acc.accept(i, 100 - i);
    }
    TailEstimates t = acc.finish();
    // α = 0.5: αN = 3.5, r = 4, weights 1,1,1 on 5,6,7 and 0.5 on 4: (18 + 2) / 3.5.
    assertThat(t.var(0.5).value()).isEqualTo(4.0);
    assertThat(t.es(0.5).value()).isCloseTo(20.0 / 3.5, within(1e-14));
    // α = 0.95: αN = 6.65, r = 7, the whole 0.35 weight is on x(7).
    assertThat(t.var(0.95).value()).isEqualTo(7.0);
    assertThat(t.es(0.95).value()).isEqualTo(7.0);
    // Fewer than two losses beyond the VaR: no ES interval; 7 paths cannot bound VaR_0.95 above.
    assertThat(t.es(0.95).ciLow()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(t.var(0.95).ciHigh()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void finish_varInterval_ranksAreEqualTailedBinomialQuantiles() {
    int n = 5000;
    TailAccumulator acc = TailAccumulator.of(n, LEVELS);
    for (int i = 1; i <= n; i++) {
      acc.accept(i, i);
    }
    for (TailEstimate e : acc.finish().valueAtRisk()) {
      BinomialDistribution b = new BinomialDistribution(null, n, e.level());
      int low = (int) e.ciLow();
      // Equal-tailed: P(B < low) < 0.025 <= P(B <= low), and the same at the top.
      assertThat(b.cumulativeProbability(low - 1)).as("level %s", e.level()).isLessThan(0.025);
      assertThat(b.cumulativeProbability(low)).isGreaterThanOrEqualTo(0.025);
      if (Double.isFinite(e.ciHigh())) {
        int high = (int) e.ciHigh();
        assertThat(b.cumulativeProbability(high - 1)).isGreaterThanOrEqualTo(0.975);
        assertThat(b.cumulativeProbability(high - 2)).isLessThan(0.975);
        // Coverage of [x(low), x(high)) is P(low <= B <= high - 1) >= 0.95.
        assertThat(b.cumulativeProbability(high - 1) - b.cumulativeProbability(low - 1))
            .isGreaterThanOrEqualTo(0.95);
      }
    }
  }

  @Test
  void capacity_largeN_keepsTailPlusIntervalMarginOnly() {
    TailAccumulator acc = TailAccumulator.of(1_000_000, LEVELS);
    // 5 % of N plus the ~1.96·sqrt(N·0.95·0.05) ≈ 427 ranks below VaR_0.95 the interval needs.
    assertThat(acc.capacity()).isBetween(50_000 + 400, 50_000 + 460);
  }

  @Test
  void worstPathIds_ties_areTheTopRanksWorstFirst() {
    int n = 200;
    TailAccumulator a = TailAccumulator.of(n, LEVELS);
    TailAccumulator b = TailAccumulator.of(n, LEVELS);
    for (int i = 0; i < n; i++) {
      // Losses 0..19 each ten times; path id = i, so the order is (i / 10, i) = i.
      (i % 2 == 0 ? a : b).accept(i / 10, i);
    }
    TailAccumulator all = a.combine(b);
    // ⌊0.05·200⌋ = 10 worst: ranks 191..200, i.e. path ids 199 down to 190.
    assertThat(all.worstPathIds(0.95)).containsExactly(199, 198, 197, 196, 195, 194, 193, 192, 191, 190);
    assertThat(all.worstPathIds(0.99)).containsExactly(199, 198);
    assertThat(all.worstPathIds(0.999)).isEmpty();
    assertThatThrownBy(() -> all.worstPathIds(0.9)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- heap merge equals full sort -----------------------------------------------------------

  @Test
  void combine_anySplitAndOrder_equalsFullSortBitForBit() {
    int[] sizes = {1, 2, 7, 40, 999, 3001};
    for (int n : sizes) {
      for (long seed = 1; seed <= 6; seed++) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 7919 + n);
        double[] losses = new double[n];
        long[] ids = shuffledIds(n, rng);
        for (int i = 0; i < n; i++) {
          // Every second seed draws from a coarse grid, so ties (broken by path id) are common.
          losses[i] = seed % 2 == 0 ? rng.nextInt(5) * 0.25 - 0.5 : rng.nextDouble() * 2 - 1;
        }
        TailEstimates reference = fullSort(losses, ids, LEVELS);
        TailEstimates single = accumulate(losses, ids, 0, n).finish();
        assertSameAsReference(single, reference, "n=" + n + " seed=" + seed);
        for (int trial = 0; trial < 5; trial++) {
          TailEstimates merged = randomSplitAndMerge(losses, ids, rng).finish();
          assertThat(merged).as("n=%d seed=%d trial=%d", n, seed, trial).isEqualTo(single);
          for (int l = 0; l < LEVELS.length; l++) {
            assertThat(Double.doubleToRawLongBits(merged.expectedShortfall().get(l).value()))
                .isEqualTo(Double.doubleToRawLongBits(single.expectedShortfall().get(l).value()));
          }
        }
      }
    }
  }

  @Test
  void combine_grouping_isAssociativeAndCommutative() {
    int n = 2000;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42);
    double[] losses = new double[n];
    for (int i = 0; i < n; i++) {
      losses[i] = rng.nextInt(50);
    }
    long[] ids = shuffledIds(n, rng);
    int c1 = 500;
    int c2 = 1300;
    TailEstimates left = accumulate(losses, ids, 0, c1)
        .combine(accumulate(losses, ids, c1, c2)).combine(accumulate(losses, ids, c2, n)).finish();
    TailEstimates right = accumulate(losses, ids, 0, c1)
        .combine(accumulate(losses, ids, c1, c2).combine(accumulate(losses, ids, c2, n))).finish();
    TailEstimates swapped = accumulate(losses, ids, c2, n)
        .combine(accumulate(losses, ids, 0, c1)).combine(accumulate(losses, ids, c1, c2)).finish();
    assertThat(right).isEqualTo(left);
    assertThat(swapped).isEqualTo(left);
  }

  @Test
  void combine_emptyPart_isHarmless() {
    double[] losses = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
    long[] ids = shuffledIds(losses.length, RandomSource.XO_RO_SHI_RO_128_PP.create(3));
    TailEstimates plain = accumulate(losses, ids, 0, losses.length).finish();
    TailEstimates emptyFirst = TailAccumulator.of(losses.length, LEVELS)
        .combine(accumulate(losses, ids, 0, losses.length)).finish();
    TailEstimates emptyLast = accumulate(losses, ids, 0, losses.length)
        .combine(TailAccumulator.of(losses.length, LEVELS)).finish();
    assertThat(emptyFirst).isEqualTo(plain);
    assertThat(emptyLast).isEqualTo(plain);
  }

  @Test
  void serialization_roundTrip_keepsState() throws Exception {
    double[] losses = {0.3, -0.1, 0.7, 0.2, 0.2};
    long[] ids = {4, 0, 1, 3, 2};
    TailAccumulator part = accumulate(losses, ids, 0, 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(part);
    }
    TailAccumulator copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (TailAccumulator) in.readObject();
    }
    TailEstimates viaCopy = copy.combine(accumulate(losses, ids, 3, 5)).finish();
    assertThat(viaCopy).isEqualTo(accumulate(losses, ids, 0, 5).finish());
  }

  @Test
  void finish_incompleteCount_saysSo() {
    TailAccumulator acc = TailAccumulator.of(10, 0.99).accept(1.0, 1);
    assertThatThrownBy(acc::finish).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 observations").hasMessageContaining("N = 10");
  }

  @Test
  void accept_beyondN_orNonFinite_isRejected() {
    TailAccumulator acc = TailAccumulator.of(1, 0.99).accept(1.0, 1);
    assertThatThrownBy(() -> acc.accept(2.0, 2)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TailAccumulator.of(3, 0.99).accept(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TailAccumulator.of(3, 0.99).combine(TailAccumulator.of(4, 0.99)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TailAccumulator.of(3, 0.99, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- closed forms --------------------------------------------------------------------------

  @Test
  void finish_normalLosses_matchAnalyticVarAndEs() {
    long seed = 20261124L;
    int n = 100_000;
    double mu = 0.05;
    double sigma = 0.2;
    TailEstimates t = normalTail(seed, n, mu, sigma, LEVELS);
    NormalDistribution std = new NormalDistribution(null, 0, 1, 1e-12);
    for (double alpha : LEVELS) {
      double q = std.inverseCumulativeProbability(alpha);
      double trueVar = mu + sigma * q;
      double trueEs = mu + sigma * std.density(q) / (1 - alpha);
      // The 95 % half-width is 1.96 standard errors; widen it to 4.5 standard errors so that each
      // of the 8 checks fails by chance with probability < 7e-6 (two-sided normal tail at 4.5 σ).
      double widen = 4.5 / 1.96;
      TailEstimate var = t.var(alpha);
      TailEstimate es = t.es(alpha);
      assertThat(Math.abs(var.value() - trueVar))
          .as("VaR %s seed %d", alpha, seed)
          .isLessThanOrEqualTo(widen * Math.max(var.ciHigh() - var.value(), var.value() - var.ciLow()));
      assertThat(Math.abs(es.value() - trueEs))
          .as("ES %s seed %d", alpha, seed)
          .isLessThanOrEqualTo(widen * (es.ciHigh() - es.value()));
      assertThat(var.ciLow()).isLessThan(var.value());
      assertThat(es.value()).isGreaterThan(var.value());
    }
  }

  @Test
  void finish_normalLosses_intervalsCoverTruthAbout95Percent() {
    int n = 20_000;
    double alpha = 0.99;
    NormalDistribution std = new NormalDistribution(null, 0, 1, 1e-12);
    double q = std.inverseCumulativeProbability(alpha);
    double trueVar = q;
    double trueEs = std.density(q) / (1 - alpha);
    int varCovered = 0;
    int esCovered = 0;
    List<Long> seeds = new ArrayList<>();
    for (long seed = 1000; seed < 1200; seed++) {
      TailEstimates t = normalTail(seed, n, 0.0, 1.0, alpha);
      TailEstimate var = t.var(alpha);
      TailEstimate es = t.es(alpha);
      varCovered += var.ciLow() <= trueVar && trueVar <= var.ciHigh() ? 1 : 0;
      esCovered += es.ciLow() <= trueEs && trueEs <= es.ciHigh() ? 1 : 0;
      seeds.add(seed);
    }
    // Covered counts are Binomial(200, c). The VaR interval's exact coverage here is
    // P(19772 <= B <= 19826) = 0.9535, so [180, 198] fails by chance with probability ~0.2 %.
    // The asymptotic ES interval covered 1891 of 2000 other seeds (5000..6999), c ≈ 0.946; the
    // odds of a false failure are 0.9 % at c = 0.94 and 0.16 % at c = 0.95. (VaR: 1904 of 2000.)
    assertThat(varCovered).as("VaR coverage, seeds %d..%d", seeds.get(0), seeds.get(199))
        .isBetween(180, 198);
    assertThat(esCovered).as("ES coverage, seeds %d..%d", seeds.get(0), seeds.get(199))
        .isBetween(180, 198);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static TailEstimates normalTail(long seed, int n, double mu, double sigma,
      double... levels) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    TailAccumulator acc = TailAccumulator.of(n, levels);
    for (int i = 0; i < n; i++) {
      acc.accept(mu + sigma * gauss.sample(), i);
    }
    return acc.finish();
  }

  private static long[] shuffledIds(int n, UniformRandomProvider rng) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i * 3L + 11;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return ids;
  }

  private static TailAccumulator accumulate(double[] losses, long[] ids, int from, int to) {
    TailAccumulator acc = TailAccumulator.of(losses.length, LEVELS);
    for (int i = from; i < to; i++) {
      acc.accept(losses[i], ids[i]);
    }
    return acc;
  }

  /** Cuts the data at random points (empty parts allowed) and merges the parts in a random tree. */
  private static TailAccumulator randomSplitAndMerge(double[] losses, long[] ids,
      UniformRandomProvider rng) {
    int n = losses.length;
    int parts = 1 + rng.nextInt(8);
    int[] cuts = new int[parts + 1];
    cuts[parts] = n;
    for (int p = 1; p < parts; p++) {
      cuts[p] = rng.nextInt(n + 1);
    }
    Arrays.sort(cuts, 1, parts);
    List<TailAccumulator> pool = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      pool.add(accumulate(losses, ids, cuts[p], cuts[p + 1]));
    }
    while (pool.size() > 1) {
      TailAccumulator a = pool.remove(rng.nextInt(pool.size()));
      TailAccumulator b = pool.remove(rng.nextInt(pool.size()));
      pool.add(a.combine(b));
    }
    return pool.get(0);
  }

  /** Independent reference: full sort, definitions evaluated in exact decimal arithmetic. */
  private static TailEstimates fullSort(double[] losses, long[] ids, double[] levels) {
    int n = losses.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> losses[i])
        .thenComparingLong(i -> ids[i]));
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = losses[order[i]];
    }
    List<TailEstimate> var = new ArrayList<>();
    List<TailEstimate> es = new ArrayList<>();
    for (double alpha : levels) {
      BigDecimal alphaN = new BigDecimal(Double.toString(alpha)).multiply(BigDecimal.valueOf(n));
      int r = alphaN.setScale(0, RoundingMode.CEILING).intValueExact();
      BinomialDistribution b = new BinomialDistribution(null, n, alpha);
      int lo = b.inverseCumulativeProbability(0.025);
      int hi = b.inverseCumulativeProbability(0.975) + 1;
      var.add(new TailEstimate(alpha, x[r - 1],
          lo >= 1 ? x[lo - 1] : Double.NEGATIVE_INFINITY,
          hi <= n ? x[hi - 1] : Double.POSITIVE_INFINITY, n));
      BigDecimal sum = BigDecimal.valueOf(r).subtract(alphaN).multiply(new BigDecimal(x[r - 1]));
      for (int i = r; i < n; i++) {
        sum = sum.add(new BigDecimal(x[i]));
      }
      BigDecimal w = BigDecimal.ONE.subtract(new BigDecimal(Double.toString(alpha)))
          .multiply(BigDecimal.valueOf(n));
      double value = sum.divide(w, MathContext.DECIMAL128).doubleValue();
      es.add(new TailEstimate(alpha, value, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, n));
    }
    return new TailEstimates(var, es);
  }

  private static void assertSameAsReference(TailEstimates got, TailEstimates reference, String what) {
    assertThat(got.valueAtRisk()).as(what).isEqualTo(reference.valueAtRisk());
    for (int l = 0; l < reference.expectedShortfall().size(); l++) {
      double expected = reference.expectedShortfall().get(l).value();
      assertThat(got.expectedShortfall().get(l).value()).as(what)
          .isCloseTo(expected, within(1e-13 * Math.max(1.0, Math.abs(expected))));
    }
  }
}
