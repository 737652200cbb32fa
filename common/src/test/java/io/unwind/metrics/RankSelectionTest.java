package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class RankSelectionTest {

  /** Values that tie often; −0.0 and 0.0 must stay apart (−0.0 first). */
  private static final double[] TIED = {-0.0, 0.0, 1.0, 2.5, -3.0, Double.MIN_VALUE,
      -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};

  private static final int[] COLLECT_LIMITS = {1, 2, 7, RankSelection.DEFAULT_COLLECT_LIMIT};

  /** Far more passes than any selection needs (128 key bits / 11 per pass, plus a collect). */
  private static final int MAX_PASSES = 40;

  /** One observation of one series. */
  private record Obs(int series, double value, long pathId) {
  }

  // ---- exactness against a full sort ---------------------------------------------------------

  @Test
  void key_heavyTiesAndTinyCollectLimits_equalsFullSortBitForBit() {
    int[] sizes = {0, 1, 2, 50, 1000, 3001};
    for (long seed = 1; seed <= 3; seed++) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 1_000_003L);
      List<Obs> data = tiedData(sizes, rng);
      long[][] ranks = randomRanks(sizes, 12, rng);
      for (int limit : COLLECT_LIMITS) {
        RankSelection selection = RankSelection.of(longs(sizes), ranks, limit);
        int passes = run(selection, split(data, 4, rng), rng);
        assertThat(passes).as("seed %d limit %d", seed, limit).isEqualTo(selection.passes());
        assertMatchesFullSort(selection, data, sizes, ranks, "seed " + seed + " limit " + limit);
      }
    }
  }

  @Test
  void key_continuousData_equalsFullSortInAFewPasses() {
    int[] sizes = {20_000, 7};
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    List<Obs> data = new ArrayList<>();
    for (int s = 0; s < sizes.length; s++) {
      for (int i = 0; i < sizes[s]; i++) {
        data.add(new Obs(s, 0.3 * gauss.sample() - 0.1, i * 5L - 1000));
      }
    }
    long[][] ranks = {{1, 100, 10_000, 19_000, 19_800, 19_900, 19_990, 20_000}, {1, 4, 7}};
    RankSelection selection = RankSelection.of(longs(sizes), ranks, RankSelection.DEFAULT_COLLECT_LIMIT);
    int passes = run(selection, split(data, 3, rng), rng);
    assertMatchesFullSort(selection, data, sizes, ranks, "continuous");
    // Pass 1 bins sign and exponent, pass 2 the leading mantissa bits (each of those bins holds
    // far fewer than 4096 of the 20,000), pass 3 collects; the 7-key series is collected at once.
    assertThat(passes).isLessThanOrEqualTo(3);
  }

  @Test
  void key_anyPartitioningAndMergeOrder_givesTheSameKeysAndPasses() {
    int[] sizes = {0, 1, 300, 2000};
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4242);
    List<Obs> data = tiedData(sizes, rng);
    long[][] ranks = randomRanks(sizes, 10, rng);
    for (int limit : new int[] {1, 7, RankSelection.DEFAULT_COLLECT_LIMIT}) {
      RankKey[][] first = null;
      int firstPasses = -1;
      for (int parts : new int[] {1, 3, 17}) {
        for (int trial = 0; trial < 2; trial++) {
          List<Obs> shuffled = new ArrayList<>(data);
          shuffle(shuffled, rng);
          RankSelection selection = RankSelection.of(longs(sizes), ranks, limit);
          int passes = run(selection, split(shuffled, parts, rng), rng);
          RankKey[][] keys = keys(selection, ranks);
          String what = "limit " + limit + " parts " + parts + " trial " + trial;
          assertMatchesFullSort(selection, data, sizes, ranks, what);
          if (first == null) {
            first = keys;
            firstPasses = passes;
          } else {
            assertThat(keys).as(what).isDeepEqualTo(first);
            assertThat(passes).as(what).isEqualTo(firstPasses);
          }
        }
      }
    }
  }

  @Test
  void key_manyEqualValues_areSkippedByTheMinMaxPrefixInFewPasses() {
    int zeros = 1_000_000;
    int below = 40;
    int above = 25;
    int n = zeros + below + above;
    double[] values = new double[n];
    long[] ids = new long[n];
    for (int i = 0; i < zeros; i++) {
      values[i] = 0.0;
      ids[i] = i; // ids 0..999,999: the zeros differ only in the last 20 key bits
    }
    for (int i = 0; i < below; i++) {
      values[zeros + i] = -1.0 - i;
      ids[zeros + i] = 2_000_000L + i;
    }
    for (int i = 0; i < above; i++) {
      values[zeros + below + i] = 1.0 + i;
      ids[zeros + below + i] = 3_000_000L + i;
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(9);
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    long[] wanted = {1, below, below + 1, below + 2, below + 500_000, below + 987_654, below + zeros,
        below + zeros + 1, n};
    RankSelection selection = RankSelection.of(new long[] {n}, new long[][] {wanted}, 64);
    int passes = 0;
    while (!selection.isDone()) {
      RankSelection.Pass a = selection.pass();
      RankSelection.Pass b = selection.pass();
      for (int k = 0; k < n; k++) {
        int i = order[k];
        (k % 2 == 0 ? a : b).accept(0, values[i], ids[i]);
      }
      selection.advance(b.combine(a));
      passes++;
      assertThat(passes).isLessThanOrEqualTo(MAX_PASSES);
    }
    // Pass 1 histograms sign and exponent: the zeros share one bin whose smallest and largest key,
    // (0.0, 0) and (0.0, 999,999), share 128 − 20 bits, so the range jumps to depth 108. Pass 2
    // histograms 11 more bits (≤ 2^9 = 512 zeros per bin, more than 64), pass 3 the last 9 bits,
    // one key per bin, resolved. Without the jump every pass would resolve only 11 of the 128
    // key bits the zeros' keys are told apart by: ⌈128 / 11⌉ = 12 passes.
    assertThat(passes).isLessThanOrEqualTo(3);
    assertThat(selection.passes()).isEqualTo(passes);
    assertThat(selection.key(0, 1)).isEqualTo(new RankKey(-40.0, 2_000_039L));
    assertThat(selection.key(0, below)).isEqualTo(new RankKey(-1.0, 2_000_000L));
    assertThat(selection.key(0, below + 1)).isEqualTo(new RankKey(0.0, 0L));
    assertThat(selection.key(0, below + 2)).isEqualTo(new RankKey(0.0, 1L));
    assertThat(selection.key(0, below + 500_000)).isEqualTo(new RankKey(0.0, 499_999L));
    assertThat(selection.key(0, below + 987_654)).isEqualTo(new RankKey(0.0, 987_653L));
    assertThat(selection.key(0, below + zeros)).isEqualTo(new RankKey(0.0, 999_999L));
    assertThat(selection.key(0, below + zeros + 1)).isEqualTo(new RankKey(1.0, 3_000_000L));
    assertThat(selection.key(0, n)).isEqualTo(new RankKey(25.0, 3_000_024L));
  }

  @Test
  void key_wholeSeriesEqual_resolvesEveryRankWithoutCollecting() {
    int n = 100_000;
    long[] wanted = {1, 2, 50_000, 99_999, 100_000};
    RankSelection selection = RankSelection.of(new long[] {n}, new long[][] {wanted}, 1);
    List<Obs> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(new Obs(0, -0.0, -7L * i - 1));
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(10);
    int passes = run(selection, split(data, 2, rng), rng);
    // One value, path ids −699,994..−1: the keys share their leading 64 + 44 bits, the first pass
    // jumps there, the next two histogram 11 and the remaining 9 bits down to single keys.
    assertThat(passes).isLessThanOrEqualTo(3);
    assertMatchesFullSort(selection, data, new int[] {n}, new long[][] {wanted}, "all -0.0");
  }

  @Test
  void key_extremeAndNegativePathIds_orderAsSignedLongs() {
    long[] ids = {Long.MAX_VALUE, 0, -1, Long.MIN_VALUE, 1, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
        -4_000_000_000L, 4_000_000_000L};
    long[] sortedIds = ids.clone();
    Arrays.sort(sortedIds);
    int m = ids.length;
    // Series 0: all one value, so the path id alone orders them. Series 1: −0.0 and 0.0 halves.
    List<Obs> data = new ArrayList<>();
    for (long id : ids) {
      data.add(new Obs(0, 2.5, id));
      data.add(new Obs(1, id % 2 == 0 ? 0.0 : -0.0, id));
    }
    long[] all = new long[m];
    Arrays.setAll(all, i -> i + 1);
    for (int limit : new int[] {1, 2, RankSelection.DEFAULT_COLLECT_LIMIT}) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(limit);
      RankSelection selection = RankSelection.of(new long[] {m, m}, new long[][] {all, all}, limit);
      run(selection, split(data, 3, rng), rng);
      for (int r = 1; r <= m; r++) {
        assertThat(selection.key(0, r)).as("limit %d rank %d", limit, r)
            .isEqualTo(new RankKey(2.5, sortedIds[r - 1]));
      }
      assertMatchesFullSort(selection, data, new int[] {m, m}, new long[][] {all, all},
          "limit " + limit);
      assertThat(Double.doubleToRawLongBits(selection.key(1, 1).value()))
          .isEqualTo(Double.doubleToRawLongBits(-0.0));
      assertThat(selection.key(1, 1).pathId()).isEqualTo(Long.MIN_VALUE + 1);
      assertThat(Double.doubleToRawLongBits(selection.key(1, m).value())).isEqualTo(0L);
      assertThat(selection.key(1, m).pathId()).isEqualTo(Long.MAX_VALUE - 1);
    }
  }

  @Test
  void key_repeatedAndUnsortedRanks_areAnsweredOnce() {
    int n = 500;
    List<Obs> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(new Obs(0, (i * 37) % n, i));
    }
    long[][] ranks = {{400, 3, 400, 1, 3, 500}};
    RankSelection selection = RankSelection.of(new long[] {n}, ranks, 5);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
    run(selection, split(data, 2, rng), rng);
    // (i·37) mod 500 is a permutation of 0..499, so x(r) = r − 1.
    for (long r : ranks[0]) {
      assertThat(selection.key(0, r).value()).isEqualTo(r - 1.0);
    }
  }

  // ---- the data must not change between passes ------------------------------------------------

  @Test
  void advance_observationDroppedFromAHistogrammedRange_failsSayingTheDataChanged() {
    assertDroppingTheTargetFails(1);
  }

  @Test
  void advance_observationDroppedFromACollectedRange_failsSayingTheDataChanged() {
    assertDroppingTheTargetFails(RankSelection.DEFAULT_COLLECT_LIMIT);
  }

  @Test
  void advance_firstPassMissingAnObservation_failsSayingTheDataChanged() {
    RankSelection selection = RankSelection.of(new long[] {3}, new long[][] {{2}}, 1);
    RankSelection.Pass pass = selection.pass();
    pass.accept(0, 1.0, 1);
    pass.accept(0, 2.0, 2);
    assertThatThrownBy(() -> selection.advance(pass)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("data changed");
    // Collected at once: the same check.
    RankSelection collected = RankSelection.of(new long[] {3}, new long[][] {{2}}, 10);
    RankSelection.Pass small = collected.pass();
    small.accept(0, 1.0, 1);
    assertThatThrownBy(() -> collected.advance(small)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("data changed");
  }

  @Test
  void advance_observationDroppedOutsideEveryOpenRange_isCaughtByTheSeriesCount_andChangesNothing() {
    RankSelection selection = RankSelection.of(new long[] {10}, new long[][] {{5}}, 1);
    RankSelection.Pass first = selection.pass();
    for (int i = 1; i <= 10; i++) {
      first.accept(0, i, i);
    }
    selection.advance(first);
    assertThat(selection.isDone()).isFalse();
    RankSelection.Pass second = selection.pass();
    for (int i = 2; i <= 10; i++) { // value 1 lies below the open range: only the series count sees it
      second.accept(0, i, i);
    }
    assertThatThrownBy(() -> selection.advance(second)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("saw 9 observations").hasMessageContaining("data changed");
    assertThat(selection.passes()).isEqualTo(1);
    // The failed advance left the selection as it was: the full data still resolves rank 5.
    while (!selection.isDone()) {
      RankSelection.Pass pass = selection.pass();
      for (int i = 1; i <= 10; i++) {
        pass.accept(0, i, i);
      }
      selection.advance(pass);
    }
    assertThat(selection.key(0, 5)).isEqualTo(new RankKey(5.0, 5));
  }

  /** Runs one pass over normal data, then a second pass without the target observation. */
  private static void assertDroppingTheTargetFails(int limit) {
    int n = 10_000;
    long rank = 9_900;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    List<Obs> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(new Obs(0, gauss.sample(), i));
    }
    Obs target = sorted(data, 0).get((int) rank - 1);
    RankSelection selection = RankSelection.of(new long[] {n}, new long[][] {{rank}}, limit);
    RankSelection.Pass first = selection.pass();
    data.forEach(o -> first.accept(o.series(), o.value(), o.pathId()));
    selection.advance(first);
    assertThat(selection.isDone()).isFalse();
    RankSelection.Pass second = selection.pass();
    for (Obs o : data) {
      if (o != target) {
        second.accept(o.series(), o.value(), o.pathId());
      }
    }
    assertThatThrownBy(() -> selection.advance(second)).as("limit %d", limit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("data changed");
  }

  // ---- bad input -------------------------------------------------------------------------------

  @Test
  void of_rankOutsideSeriesOrMismatchedArraysOrNoCollectLimit_isRejected() {
    assertThatThrownBy(() -> RankSelection.of(new long[] {5}, new long[][] {{0}}, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RankSelection.of(new long[] {5}, new long[][] {{1, 6}}, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RankSelection.of(new long[] {0}, new long[][] {{1}}, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RankSelection.of(new long[] {5, 5}, new long[][] {{1}}, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RankSelection.of(new long[] {5}, new long[][] {{1}, {1}}, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RankSelection.of(new long[] {-1}, new long[][] {{}}, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RankSelection.of(new long[] {5}, new long[][] {{1}}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RankSelection.of(new long[] {5}, new long[][] {{1}}, -3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accept_nanOrInfinite_isRejected() {
    RankSelection.Pass pass = RankSelection.of(new long[] {5}, new long[][] {{1}}, 8).pass();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> pass.accept(0, bad, 1)).as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    // Also for a series with no ranks, which the pass otherwise ignores.
    RankSelection.Pass two = RankSelection.of(new long[] {5, 5}, new long[][] {{1}, {}}, 8).pass();
    assertThatThrownBy(() -> two.accept(1, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void key_rankNotAskedFor_isRejected_andUnresolved_isIllegalState() {
    RankSelection selection = RankSelection.of(new long[] {4}, new long[][] {{1, 2}}, 1);
    assertThatThrownBy(() -> selection.key(0, 2)).isInstanceOf(IllegalStateException.class);
    run(selection, List.of(List.of(new Obs(0, 0, 0), new Obs(0, 1, 1), new Obs(0, 2, 2),
        new Obs(0, 3, 3))), RandomSource.XO_RO_SHI_RO_128_PP.create(1));
    assertThat(selection.key(0, 2)).isEqualTo(new RankKey(1.0, 1));
    assertThatThrownBy(() -> selection.key(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> selection.key(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void advance_stalePass_isRejected() {
    int n = 50;
    RankSelection selection = RankSelection.of(new long[] {n}, new long[][] {{25}}, 1);
    RankSelection.Pass first = selection.pass();
    RankSelection.Pass firstAgain = selection.pass();
    for (int i = 0; i < n; i++) {
      first.accept(0, i * 0.5, i);
      firstAgain.accept(0, i * 0.5, i);
    }
    selection.advance(first);
    assertThat(selection.isDone()).isFalse();
    assertThatThrownBy(() -> selection.advance(firstAgain))
        .isInstanceOf(IllegalArgumentException.class);
    RankSelection.Pass second = selection.pass();
    assertThatThrownBy(() -> second.combine(firstAgain)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> second.combine(second)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pass_afterDone_isIllegalState() {
    RankSelection selection = RankSelection.of(new long[] {2}, new long[][] {{2}}, 8);
    RankSelection.Pass pass = selection.pass();
    pass.accept(0, 3.0, 1);
    pass.accept(0, 4.0, 2);
    selection.advance(pass);
    assertThat(selection.isDone()).isTrue();
    assertThat(selection.passes()).isEqualTo(1);
    assertThat(selection.key(0, 2)).isEqualTo(new RankKey(4.0, 2));
    assertThatThrownBy(selection::pass).isInstanceOf(IllegalStateException.class);
    // No ranks at all: done from the start.
    RankSelection none = RankSelection.of(new long[] {0, 3}, new long[][] {{}, {}}, 8);
    assertThat(none.isDone()).isTrue();
    assertThatThrownBy(none::pass).isInstanceOf(IllegalStateException.class);
  }

  // ---- serialization ---------------------------------------------------------------------------

  @Test
  void serialization_selectionAndPassMidway_giveTheSameKeys() throws Exception {
    int[] sizes = {1, 800, 5000};
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2718);
    List<Obs> data = tiedData(sizes, rng);
    long[][] ranks = randomRanks(sizes, 8, rng);
    int limit = 7;
    RankSelection reference = RankSelection.of(longs(sizes), ranks, limit);
    int referencePasses = run(reference, List.of(data), rng);
    assertThat(referencePasses).isGreaterThanOrEqualTo(2);

    // A copy shipped before the first pass, and each pass's two halves shipped too: the second
    // half serialized after being fed, the first after being fed half of its part.
    RankSelection selection = roundTrip(RankSelection.of(longs(sizes), ranks, limit));
    int half = data.size() / 2;
    int passes = 0;
    while (!selection.isDone()) {
      RankSelection.Pass a = selection.pass();
      RankSelection.Pass b = selection.pass();
      int quarter = half / 2;
      feed(a, data.subList(0, quarter));
      a = roundTrip(a);
      feed(a, data.subList(quarter, half));
      feed(b, data.subList(half, data.size()));
      selection.advance(roundTrip(b).combine(a));
      // The selection shipped between passes, as a driver would broadcast it again.
      selection = roundTrip(selection);
      passes++;
      assertThat(passes).isLessThanOrEqualTo(MAX_PASSES);
    }
    assertThat(passes).isEqualTo(referencePasses);
    assertThat(keys(selection, ranks)).isDeepEqualTo(keys(reference, ranks));
    assertMatchesFullSort(selection, data, sizes, ranks, "serialized");
  }

  // ---- the 128-bit key helpers -----------------------------------------------------------------

  @Test
  void hi_specialAndRandomValues_preservesDoubleCompareOrderAndRoundTrips() {
    List<Double> values = new ArrayList<>(List.of(-Double.MAX_VALUE, -1e300, -1.0, -Double.MIN_NORMAL,
        -Math.nextDown(Double.MIN_NORMAL), -2 * Double.MIN_VALUE, -Double.MIN_VALUE, -0.0, 0.0,
        Double.MIN_VALUE, 2 * Double.MIN_VALUE, Math.nextDown(Double.MIN_NORMAL), Double.MIN_NORMAL,
        Math.nextDown(1.0), 1.0, Math.nextUp(1.0), 1e300, Double.MAX_VALUE,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(123);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    while (values.size() < 600) {
      double bits = Double.longBitsToDouble(rng.nextLong());
      if (!Double.isNaN(bits)) {
        values.add(bits);
      }
      values.add(gauss.sample());
      values.add(-gauss.sample() * 1e-310); // subnormals of both signs
    }
    for (double a : values) {
      long h = RankSelection.hi(a);
      assertThat(Double.doubleToRawLongBits(RankSelection.value(h)))
          .as("round trip of %s", a).isEqualTo(Double.doubleToRawLongBits(a));
      for (double b : values) {
        // Plain comparison in the inner loop: ~400,000 pairs.
        if (Integer.signum(Long.compareUnsigned(h, RankSelection.hi(b)))
            != Integer.signum(Double.compare(a, b))) {
          fail("hi() orders " + a + " and " + b + " unlike Double.compare");
        }
      }
    }
  }

  @Test
  void lo_specialAndRandomPathIds_preservesSignedOrderAndRoundTrips() {
    List<Long> ids = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L,
        Long.MAX_VALUE - 1, Long.MAX_VALUE, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE));
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(321);
    while (ids.size() < 300) {
      ids.add(rng.nextLong());
      ids.add((long) rng.nextInt(1000) - 500);
    }
    for (long a : ids) {
      long l = RankSelection.lo(a);
      assertThat(RankSelection.pathId(l)).isEqualTo(a);
      for (long b : ids) {
        if (Integer.signum(Long.compareUnsigned(l, RankSelection.lo(b)))
            != Integer.signum(Long.compare(a, b))) {
          fail("lo() orders " + a + " and " + b + " unlike Long.compare");
        }
      }
    }
  }

  @Test
  void digitInRangeCommonPrefixCompare_randomKeys_matchA128BitReference() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(128);
    BigInteger mask128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    for (int trial = 0; trial < 3000; trial++) {
      long hi1 = rng.nextLong();
      long lo1 = rng.nextLong();
      // A second key sharing a random number of leading bits with the first (0..128).
      int shared = rng.nextInt(129);
      BigInteger k1 = key(hi1, lo1);
      BigInteger k2;
      if (shared == 128) {
        k2 = k1;
      } else {
        BigInteger other = key(rng.nextLong(), rng.nextLong());
        BigInteger top = k1.shiftRight(128 - shared).shiftLeft(128 - shared);
        BigInteger flip = BigInteger.ONE.shiftLeft(127 - shared);
        BigInteger low = other.and(flip.subtract(BigInteger.ONE));
        k2 = top.or(k1.testBit(127 - shared) ? BigInteger.ZERO : flip).or(low).and(mask128);
      }
      long hi2 = k2.shiftRight(64).longValue();
      long lo2 = k2.longValue();
      assertThat(RankSelection.commonPrefix(hi1, lo1, hi2, lo2)).as("trial %d", trial)
          .isEqualTo(shared);
      assertThat(RankSelection.commonPrefix(hi2, lo2, hi1, lo1)).isEqualTo(shared);
      assertThat(Integer.signum(RankSelection.compare(hi1, lo1, hi2, lo2)))
          .isEqualTo(k1.compareTo(k2));
      for (int depth = 0; depth < 128; depth += 1 + rng.nextInt(9)) {
        assertThat(RankSelection.inRange(hi2, lo2, hi1, lo1, depth))
            .as("trial %d depth %d", trial, depth).isEqualTo(depth <= shared);
        int width = 1 + rng.nextInt(Math.min(31, 128 - depth));
        int expected = k1.shiftRight(128 - depth - width)
            .and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).intValueExact();
        assertThat(RankSelection.digit(hi1, lo1, depth, width))
            .as("trial %d depth %d width %d", trial, depth, width).isEqualTo(expected);
      }
      // The widths a pass actually uses, at the deep end.
      for (int depth = 117; depth < 128; depth++) {
        int width = Math.min(RankSelection.DIGIT_BITS, 128 - depth);
        int expected = k1.and(BigInteger.ONE.shiftLeft(128 - depth).subtract(BigInteger.ONE))
            .shiftRight(128 - depth - width).intValueExact();
        assertThat(RankSelection.digit(hi1, lo1, depth, width)).isEqualTo(expected);
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * Runs {@code selection} to completion: every pass gets one {@link RankSelection.Pass} per part,
   * fed that part, and the parts merged in a random tree.
   *
   * @return the passes it took
   */
  private static int run(RankSelection selection, List<List<Obs>> parts, UniformRandomProvider rng) {
    int passes = 0;
    while (!selection.isDone()) {
      List<RankSelection.Pass> pool = new ArrayList<>();
      for (List<Obs> part : parts) {
        RankSelection.Pass pass = selection.pass();
        feed(pass, part);
        pool.add(pass);
      }
      while (pool.size() > 1) {
        RankSelection.Pass a = pool.remove(rng.nextInt(pool.size()));
        RankSelection.Pass b = pool.remove(rng.nextInt(pool.size()));
        pool.add(a.combine(b));
      }
      selection.advance(pool.get(0));
      passes++;
      if (passes > MAX_PASSES) {
        fail("Not done after " + passes + " passes");
      }
    }
    return passes;
  }

  private static void feed(RankSelection.Pass pass, List<Obs> part) {
    for (Obs o : part) {
      pass.accept(o.series(), o.value(), o.pathId());
    }
  }

  /** Cuts the data into {@code parts} contiguous parts at random points (empty parts allowed). */
  private static List<List<Obs>> split(List<Obs> data, int parts, UniformRandomProvider rng) {
    int n = data.size();
    int[] cuts = new int[parts + 1];
    cuts[parts] = n;
    for (int p = 1; p < parts; p++) {
      cuts[p] = rng.nextInt(n + 1);
    }
    Arrays.sort(cuts, 1, parts);
    List<List<Obs>> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(data.subList(cuts[p], cuts[p + 1]));
    }
    return out;
  }

  /**
   * Per series, {@code sizes[s]} observations: tied values from {@link #TIED} half the time,
   * otherwise normals of mixed scale and sign; distinct path ids, some negative; series interleaved
   * in random order.
   */
  private static List<Obs> tiedData(int[] sizes, UniformRandomProvider rng) {
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    List<Obs> data = new ArrayList<>();
    for (int s = 0; s < sizes.length; s++) {
      for (int i = 0; i < sizes[s]; i++) {
        double value = rng.nextBoolean() ? TIED[rng.nextInt(TIED.length)]
            : gauss.sample() * (rng.nextBoolean() ? 1.0 : 1e-3) - 0.5;
        long pathId = (i % 3 == 0 ? -1L : 1L) * (i * 7919L + 13) + (rng.nextInt(4) == 0 ? Long.MIN_VALUE / 2 : 0);
        data.add(new Obs(s, value, pathId));
      }
    }
    shuffle(data, rng);
    return data;
  }

  /** Up to {@code perSeries} random ranks of each series, always including 1 and N. */
  private static long[][] randomRanks(int[] sizes, int perSeries, UniformRandomProvider rng) {
    long[][] ranks = new long[sizes.length][];
    for (int s = 0; s < sizes.length; s++) {
      if (sizes[s] == 0) {
        ranks[s] = new long[0];
        continue;
      }
      long[] r = new long[perSeries];
      r[0] = 1;
      r[1 % perSeries] = sizes[s];
      for (int i = 2; i < perSeries; i++) {
        r[i] = 1 + rng.nextInt(sizes[s]);
      }
      ranks[s] = r;
    }
    return ranks;
  }

  private static <T> void shuffle(List<T> list, UniformRandomProvider rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static long[] longs(int[] sizes) {
    return Arrays.stream(sizes).asLongStream().toArray();
  }

  /** The series' observations in (Double.compare value, Long.compare pathId) order. */
  private static List<Obs> sorted(List<Obs> data, int series) {
    Predicate<Obs> inSeries = o -> o.series() == series;
    return data.stream().filter(inSeries)
        .sorted(Comparator.<Obs>comparingDouble(Obs::value).thenComparingLong(Obs::pathId))
        .toList();
  }

  private static void assertMatchesFullSort(RankSelection selection, List<Obs> data, int[] sizes,
      long[][] ranks, String what) {
    assertThat(selection.isDone()).as(what).isTrue();
    for (int s = 0; s < sizes.length; s++) {
      List<Obs> x = sorted(data, s);
      assertThat(x).hasSize(sizes[s]);
      assertThat(selection.size(s)).isEqualTo(sizes[s]);
      for (long r : ranks[s]) {
        Obs expected = x.get((int) r - 1);
        RankKey got = selection.key(s, r);
        assertThat(Double.doubleToRawLongBits(got.value()))
            .as("%s series %d rank %d: value %s, expected %s", what, s, r, got.value(), expected.value())
            .isEqualTo(Double.doubleToRawLongBits(expected.value()));
        assertThat(got.pathId()).as("%s series %d rank %d path", what, s, r)
            .isEqualTo(expected.pathId());
      }
    }
  }

  private static RankKey[][] keys(RankSelection selection, long[][] ranks) {
    RankKey[][] out = new RankKey[ranks.length][];
    for (int s = 0; s < ranks.length; s++) {
      out[s] = new RankKey[ranks[s].length];
      for (int i = 0; i < ranks[s].length; i++) {
        out[s][i] = selection.key(s, ranks[s][i]);
      }
    }
    return out;
  }

  private static BigInteger key(long hi, long lo) {
    return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64)
        .or(new BigInteger(Long.toUnsignedString(lo)));
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
