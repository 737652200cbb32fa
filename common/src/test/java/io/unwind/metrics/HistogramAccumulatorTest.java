package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class HistogramAccumulatorTest {

  @Test
  void integers_rounds_countEachIntegerAndOverflow() {
    HistogramAccumulator h = HistogramAccumulator.integers(3);
    int[] rounds = {0, 0, 1, 3, 3, 3, 7};
    for (int r : rounds) {
      h.accept(r);
    }
    List<HistogramBin> bins = h.finish();
    assertThat(bins).containsExactly(
        new HistogramBin(0, 0, 1, 2),
        new HistogramBin(1, 1, 2, 1),
        new HistogramBin(2, 2, 3, 0),
        new HistogramBin(3, 3, 4, 3),
        new HistogramBin(4, 4, Double.POSITIVE_INFINITY, 1));
  }

  @Test
  void logSpaced_edges_areDecadesAndTheirRoots() {
    double[] e = HistogramAccumulator.logSpaced(-2, 0, 2).edges();
    assertThat(e).hasSize(6);
    assertThat(e[0]).isEqualTo(0.0);
    assertThat(e[1]).isEqualTo(0.01);
    assertThat(e[2]).isCloseTo(Math.sqrt(10) / 100, org.assertj.core.api.Assertions.within(1e-16));
    assertThat(e[3]).isEqualTo(0.1);
    assertThat(e[5]).isEqualTo(1.0);
  }

  @Test
  void accept_edgeValues_goToUpperBinAndNegativeZeroToZeroBin() {
    HistogramAccumulator h = HistogramAccumulator.withEdges(0.0, 0.5, 1.0);
    h.accept(-0.0).accept(0.5).accept(1.0).accept(-1e-300);
    List<HistogramBin> bins = h.finish();
    assertThat(bins).containsExactly(
        new HistogramBin(-1, Double.NEGATIVE_INFINITY, 0.0, 1),
        new HistogramBin(0, 0.0, 0.5, 1),
        new HistogramBin(1, 0.5, 1.0, 1),
        new HistogramBin(2, 1.0, Double.POSITIVE_INFINITY, 1));
  }

  @Test
  void combine_parts_equalsSinglePass() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(99);
    HistogramAccumulator single = HistogramAccumulator.logSpaced(-4, 1, 4);
    HistogramAccumulator[] parts = new HistogramAccumulator[4];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = HistogramAccumulator.logSpaced(-4, 1, 4);
    }
    long total = 0;
    for (int i = 0; i < 10_000; i++) {
      double v = rng.nextInt(4) == 0 ? 0.0 : Math.pow(10, -5 + 7 * rng.nextDouble());
      single.accept(v);
      parts[rng.nextInt(3)].accept(v); // parts[3] stays empty
      total++;
    }
    HistogramAccumulator merged = parts[3].combine(parts[2]).combine(parts[0].combine(parts[1]));
    assertThat(merged.finish()).isEqualTo(single.finish());
    assertThat(merged.finish().stream().mapToLong(HistogramBin::count).sum()).isEqualTo(total);
    assertThatThrownBy(() -> merged.combine(HistogramAccumulator.integers(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void finishWeighted_partsMerged_binProbabilitiesAreTheWeightSumsOverN() {
    HistogramAccumulator a = HistogramAccumulator.withEdges(0, 1, 2);
    HistogramAccumulator b = HistogramAccumulator.withEdges(0, 1, 2);
    a.accept(0.5, 0.25).accept(1.5, 1.0).accept(-1.0, 2.0);
    b.accept(0.75, 0.5).accept(3.0, 0.25);
    List<HistogramBin> bins = a.combine(b).finishWeighted(5);
    assertThat(bins).extracting(HistogramBin::count).containsExactly(1L, 2L, 1L, 1L);
    // (2) / 5, (0.25 + 0.5) / 5, 1 / 5, 0.25 / 5: exact binary fractions.
    assertThat(bins).extracting(HistogramBin::probability).containsExactly(0.4, 0.15, 0.2, 0.05);
    assertThat(HistogramAccumulator.withEdges(0, 1).accept(0.5).finish().get(0).probability()).isNaN();
  }
}
