package io.unwind.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantileAccumulatorTest {

  @Test
  void finish_permutedIntegers_givesUpperEmpiricalQuantiles() {
    int n = 1001;
    QuantileAccumulator a = QuantileAccumulator.of(n, 0.5, 0.9, 0.99);
    QuantileAccumulator b = QuantileAccumulator.of(n, 0.9, 0.99, 0.5);
    for (int i = 0; i < n; i++) {
      int value = (int) ((i * 617L) % n) + 1; // 617 is coprime to 1001: a permutation of 1..n
      (i % 2 == 0 ? a : b).accept(value, value);
    }
    List<TailEstimate> q = a.combine(b).finish();
    // ⌈0.5·1001⌉ = 501, ⌈0.9·1001⌉ = 901, ⌈0.99·1001⌉ = 991.
    assertThat(q).extracting(TailEstimate::level).containsExactly(0.5, 0.9, 0.99);
    assertThat(q).extracting(TailEstimate::value).containsExactly(501.0, 901.0, 991.0);
    // Median interval from Binomial(1001, 0.5): about 501 ± 1.96·√250 ≈ ±31 ranks.
    assertThat(q.get(0).ciLow()).isBetween(468.0, 472.0);
    assertThat(q.get(0).ciHigh()).isBetween(530.0, 534.0);
  }

  @Test
  void finish_manyZeros_tiesBrokenByPathId() {
    int n = 100;
    QuantileAccumulator acc = QuantileAccumulator.of(n, 0.5, 0.9);
    for (int i = 0; i < n; i++) {
      acc.accept(i < 80 ? 0.0 : i / 100.0, i);
    }
    List<TailEstimate> q = acc.finish();
    assertThat(q.get(0).value()).isEqualTo(0.0);
    assertThat(q.get(1).value()).isEqualTo(0.89); // rank 90 of 0×80, 0.80, 0.81, ...
  }
}
