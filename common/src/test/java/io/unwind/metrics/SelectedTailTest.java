package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SelectedTailTest {

  private static final double[] STANDARD = {0.95, 0.99, 0.995, 0.999};
  private static final double[] LOW = {0.5, 0.9};
  private static final int[] SIZES = {1, 2, 7, 1000, 20_011};

  // ---- same bits as the in-memory tail ---------------------------------------------------------

  @Test
  void finish_anyNLevelsAndPartitioning_equalsTailAccumulatorExactly() {
    for (double[] levels : new double[][] {STANDARD, LOW}) {
      for (int n : SIZES) {
        for (long seed = 1; seed <= 2; seed++) {
          UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed * 65_537 + n);
          double[] losses = losses(n, rng);
          long[] ids = shuffledIds(n, rng);
          int parts = n == 1 ? 1 : 1 + rng.nextInt(5);
          int[] cuts = cuts(n, parts, rng);
          int limit = seed == 1 ? RankSelection.DEFAULT_COLLECT_LIMIT : 3;
          String what = "levels " + Arrays.toString(levels) + " n " + n + " seed " + seed
              + " parts " + parts + " limit " + limit;

          TailLevels tailLevels = TailLevels.of(n, levels);
          RankSelection selection = select(tailLevels, losses, ids, cuts, limit);
          SelectedTail selected = selectedTail(tailLevels, selection, losses, ids, cuts);
          TailAccumulator reference = TailAccumulator.of(n, levels);
          for (int i = 0; i < n; i++) {
            reference.accept(losses[i], ids[i]);
          }
          TailEstimates expected = reference.finish();
          TailEstimates got = selected.finish();
          assertThat(got).as(what).isEqualTo(expected);
          // Record equality compares doubles with Double.compare; check the raw bits as well.
          assertThat(bits(got)).as(what).containsExactlyElementsOf(bits(expected));
          if (n <= 7) {
            // Small N: an interval end beyond the sample is unbounded, the same on both sides.
            assertThat(got.var(levels[levels.length - 1]).ciHigh()).as(what)
                .isEqualTo(Double.POSITIVE_INFINITY);
          }

          for (double level : levels) {
            RankKey key = selected.varKey(level);
            Set<Long> beyond = new HashSet<>();
            for (int i = 0; i < n; i++) {
              if (key.isExceededBy(losses[i], ids[i])) {
                beyond.add(ids[i]);
              }
            }
            Set<Long> worst = Arrays.stream(reference.worstPathIds(level)).boxed()
                .collect(Collectors.toSet());
            assertThat(beyond).as("%s level %s", what, level).isEqualTo(worst);
            assertThat((long) beyond.size())
                .isEqualTo(tailLevels.beyondVar(tailLevels.indexOf(level)));
            // The VaR key is the observation at the VaR rank: its value is the VaR.
            assertThat(Double.doubleToRawLongBits(key.value())).isEqualTo(
                Double.doubleToRawLongBits(expected.var(level).value()));
          }
        }
      }
    }
  }

  @Test
  void finish_tiesAtTheVar_splitByPathIdLikeTailAccumulator() {
    // 1000 paths, 30 of which default at exactly 1.0 and 10 at 2.0: the VaR_0.99 at rank 990 sits
    // inside the 1.0 block, so which 1.0 paths are beyond it is decided by path id alone.
    int n = 1000;
    double[] losses = new double[n];
    long[] ids = shuffledIds(n, RandomSource.XO_RO_SHI_RO_128_PP.create(8));
    for (int i = 0; i < n; i++) {
      losses[i] = i < 960 ? -0.001 * i : i < 990 ? 1.0 : 2.0;
    }
    losses[0] = -0.0;
    losses[1] = 0.0;
    double[] levels = {0.97, 0.98, 0.99, 0.995};
    TailLevels tailLevels = TailLevels.of(n, levels);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(18);
    int[] cuts = cuts(n, 4, rng);
    RankSelection selection = select(tailLevels, losses, ids, cuts, 16);
    SelectedTail selected = selectedTail(tailLevels, selection, losses, ids, cuts);
    TailAccumulator reference = TailAccumulator.of(n, levels);
    for (int i = n - 1; i >= 0; i--) {
      reference.accept(losses[i], ids[i]);
    }
    assertThat(selected.finish()).isEqualTo(reference.finish());
    assertThat(selected.varKey(0.98).value()).isEqualTo(1.0);
    for (double level : levels) {
      Set<Long> beyond = new HashSet<>();
      for (int i = 0; i < n; i++) {
        if (selected.varKey(level).isExceededBy(losses[i], ids[i])) {
          beyond.add(ids[i]);
        }
      }
      assertThat(beyond).as("level %s", level).containsExactlyInAnyOrderElementsOf(
          Arrays.stream(reference.worstPathIds(level)).boxed().toList());
    }
  }

  // ---- misuse ----------------------------------------------------------------------------------

  @Test
  void finish_beforeAllN_isIllegalState() {
    TailLevels levels = TailLevels.of(3, 0.5);
    RankSelection selection = selectAll(levels, new double[] {1, 2, 3});
    SelectedTail tail = SelectedTail.of(levels, selection, 0).accept(1, 0).accept(2, 1);
    assertThatThrownBy(tail::finish).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 observations").hasMessageContaining("N = 3");
    tail.accept(3, 2);
    assertThat(tail.finish().var(0.5).value()).isEqualTo(2.0);
  }

  @Test
  void acceptOrCombine_moreThanN_isIllegalState() {
    TailLevels levels = TailLevels.of(2, 0.5);
    RankSelection selection = selectAll(levels, new double[] {1, 2});
    SelectedTail full = SelectedTail.of(levels, selection, 0).accept(1, 0).accept(2, 1);
    assertThatThrownBy(() -> full.accept(3, 2)).isInstanceOf(IllegalStateException.class);
    SelectedTail one = SelectedTail.of(levels, selection, 0).accept(1, 0);
    assertThatThrownBy(() -> one.combine(full)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> one.combine(one)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> one.accept(Double.NaN, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_selectionOfAnotherN_isRejected() {
    RankSelection selection = selectAll(TailLevels.of(4, 0.5), new double[] {1, 2, 3, 4});
    assertThatThrownBy(() -> SelectedTail.of(TailLevels.of(5, 0.5), selection, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N = 5");
  }

  @Test
  void of_selectionLackingARankOrUnresolved_isRejected() {
    TailLevels levels = TailLevels.of(100, 0.9);
    // Every rank but the VaR's.
    long[] ranks = Arrays.stream(levels.ranks()).filter(r -> r != levels.varRank(0)).toArray();
    double[] values = new double[100];
    Arrays.setAll(values, i -> i);
    RankSelection lacking = RankSelection.of(new long[] {100}, new long[][] {ranks}, 8);
    run(lacking, values);
    assertThatThrownBy(() -> SelectedTail.of(levels, lacking, 0))
        .isInstanceOf(IllegalArgumentException.class);
    RankSelection unresolved = RankSelection.of(new long[] {100}, new long[][] {levels.ranks()}, 8);
    assertThatThrownBy(() -> SelectedTail.of(levels, unresolved, 0))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---- paired differences ----------------------------------------------------------------------

  @Test
  void pairedDifference_selectedTail_equalsInMemoryTail() {
    for (int n : new int[] {1, 7, 3000}) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(99 + n);
      ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      double[] a = new double[n];
      double[] b = new double[n];
      long[] ids = shuffledIds(n, rng);
      for (int i = 0; i < n; i++) {
        double market = 0.2 * gauss.sample();
        switch (rng.nextInt(5)) {
          case 0 -> { // the same loss: D = 0.0
            a[i] = market;
            b[i] = market;
          }
          case 1 -> { // −0.0 − 0.0 = −0.0: must order before the 0.0 differences
            a[i] = -0.0;
            b[i] = 0.0;
          }
          case 2 -> { // a default on A only: D = 1.0 exactly when B lost nothing
            a[i] = 1.0;
            b[i] = rng.nextBoolean() ? 0.0 : market;
          }
          default -> {
            a[i] = market + 0.01 * gauss.sample() + 0.002;
            b[i] = market;
          }
        }
      }
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = a[i] - b[i];
      }
      double[] levels = {0.9, 0.99};
      TailLevels tailLevels = TailLevels.of(n, levels);
      int parts = n == 1 ? 1 : 3;
      int[] cuts = cuts(n, parts, rng);
      RankSelection selection = select(tailLevels, d, ids, cuts, 5);

      // Same parts merged in the same order on both sides, so the moments agree bit for bit too.
      PairedDifferenceAccumulator viaSelection = null;
      PairedDifferenceAccumulator inMemory = null;
      for (int p = 0; p < parts; p++) {
        PairedDifferenceAccumulator s =
            PairedDifferenceAccumulator.of(SelectedTail.of(tailLevels, selection, 0));
        PairedDifferenceAccumulator m = PairedDifferenceAccumulator.of(TailAccumulator.of(n, levels));
        for (int i = cuts[p]; i < cuts[p + 1]; i++) {
          s.accept(ids[i], a[i], b[i]);
          m.accept(ids[i], a[i], b[i]);
        }
        viaSelection = viaSelection == null ? s : viaSelection.combine(s);
        inMemory = inMemory == null ? m : inMemory.combine(m);
      }
      PairedDifference expected = inMemory.finish();
      assertThat(viaSelection.finish()).as("n %d", n).isEqualTo(expected);
      assertThat(bits(viaSelection.finish().tail())).containsExactlyElementsOf(bits(expected.tail()));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Normal losses, a tenth defaulting at exactly 1.0, a few exact ±0.0 and repeated values. */
  private static double[] losses(int n, UniformRandomProvider rng) {
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(20);
      x[i] = kind < 2 ? 1.0 : kind == 2 ? (rng.nextBoolean() ? 0.0 : -0.0)
          : kind == 3 ? 0.25 * rng.nextInt(4) : 0.1 * gauss.sample() - 0.02;
    }
    return x;
  }

  private static long[] shuffledIds(int n, UniformRandomProvider rng) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i * 3L - n; // some negative
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return ids;
  }

  /** Part boundaries: {@code parts} contiguous parts, empty ones allowed. */
  private static int[] cuts(int n, int parts, UniformRandomProvider rng) {
    int[] cuts = new int[parts + 1];
    cuts[parts] = n;
    for (int p = 1; p < parts; p++) {
      cuts[p] = rng.nextInt(n + 1);
    }
    Arrays.sort(cuts, 1, parts);
    return cuts;
  }

  /** Runs a one-series selection of {@code levels.ranks()} to completion, one pass per part. */
  private static RankSelection select(TailLevels levels, double[] x, long[] ids, int[] cuts,
      int limit) {
    RankSelection selection =
        RankSelection.of(new long[] {levels.n()}, new long[][] {levels.ranks()}, limit);
    int passes = 0;
    while (!selection.isDone()) {
      RankSelection.Pass merged = null;
      // Parts merged last to first, to differ from the order the tails are merged in.
      for (int p = cuts.length - 2; p >= 0; p--) {
        RankSelection.Pass pass = selection.pass();
        for (int i = cuts[p]; i < cuts[p + 1]; i++) {
          pass.accept(0, x[i], ids[i]);
        }
        merged = merged == null ? pass : merged.combine(pass);
      }
      selection.advance(merged);
      assertThat(++passes).isLessThanOrEqualTo(40);
    }
    return selection;
  }

  /** One SelectedTail per part, fed its part, merged first to last. */
  private static SelectedTail selectedTail(TailLevels levels, RankSelection selection, double[] x,
      long[] ids, int[] cuts) {
    SelectedTail merged = null;
    for (int p = 0; p + 1 < cuts.length; p++) {
      SelectedTail part = SelectedTail.of(levels, selection, 0);
      for (int i = cuts[p]; i < cuts[p + 1]; i++) {
        part.accept(x[i], ids[i]);
      }
      merged = merged == null ? part : merged.combine(part);
    }
    assertThat(merged.count()).isEqualTo(levels.n());
    return merged;
  }

  private static RankSelection selectAll(TailLevels levels, double[] x) {
    RankSelection selection =
        RankSelection.of(new long[] {x.length}, new long[][] {levels.ranks()}, 1);
    run(selection, x);
    return selection;
  }

  /** Runs a one-series selection over {@code x} with path ids 0, 1, …, one part. */
  private static void run(RankSelection selection, double[] x) {
    while (!selection.isDone()) {
      RankSelection.Pass pass = selection.pass();
      for (int i = 0; i < x.length; i++) {
        pass.accept(0, x[i], i);
      }
      selection.advance(pass);
    }
  }

  /** Every double of the estimates as raw bits, VaR then ES, levels ascending. */
  private static List<Long> bits(TailEstimates t) {
    List<Long> out = new ArrayList<>();
    for (List<TailEstimate> list : List.of(t.valueAtRisk(), t.expectedShortfall())) {
      for (TailEstimate e : list) {
        out.add(Double.doubleToRawLongBits(e.level()));
        out.add(Double.doubleToRawLongBits(e.value()));
        out.add(Double.doubleToRawLongBits(e.ciLow()));
        out.add(Double.doubleToRawLongBits(e.ciHigh()));
        out.add(e.n());
      }
    }
    return out;
  }
}
