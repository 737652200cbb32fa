package io.unwind.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overheads, their median and the mismatch line of the report. */
class BenchReportTest {
  private static final HeapWatch.Phase NO_GC = new HeapWatch.Phase(0, 0, 0);

  private static BenchReport.Pair pair(int n, double kernelSeconds, double sparkSeconds,
      PathChecksum kernel, PathChecksum written) {
    Duration k = Duration.ofMillis((long) (kernelSeconds * 1000));
    Duration sp = Duration.ofMillis((long) (sparkSeconds * 1000));
    // CPU time: both phases on 2 cores, so the CPU overhead equals the wall overhead.
    return new BenchReport.Pair(n, new KernelAlone.Result(100, 2, k, kernel),
        new ProcessClock.Phase(k, k.multipliedBy(2), 1.0), NO_GC,
        new ProcessClock.Phase(sp, sp.multipliedBy(2), 1.0), NO_GC, written, Duration.ZERO);
  }

  @Test
  void median_oddAndEvenCounts_middleOrMeanOfMiddle() {
    assertThat(BenchReport.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(BenchReport.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void overhead_sparkTakesLonger_ratioMinusOne() {
    PathChecksum c = new PathChecksum(500, 42);
    List<BenchReport.Pair> pairs = List.of(pair(1, 10, 12, c, c), pair(2, 10, 11, c, c), pair(3, 8, 12, c, c));
    assertThat(pairs.get(0).overhead()).isCloseTo(0.2, within(1e-12));
    assertThat(BenchReport.medianOverhead(pairs)).isCloseTo(0.2, within(1e-12));
    assertThat(BenchReport.medianCpuOverhead(pairs)).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void percent_undefinedRatio_readsNotApplicable() {
    // A kernel run below the CPU clock's resolution has 0 CPU seconds: its overhead is undefined.
    assertThat(BenchReport.percent(Double.NaN)).isEqualTo("n/a");
    assertThat(BenchReport.percent(0.178)).isEqualTo("+17.8%");
    assertThat(BenchReport.percent(-0.01)).isEqualTo("-1.0%");
  }

  @Test
  void render_checksumsDiffer_saysMismatch() {
    BenchReport.Setup setup = new BenchReport.Setup("s", 100, 5, 21, 1, "local[2]", 2, 4, 1,
        100_000, 1, "17", 1L << 30, "/tmp/x", true, Duration.ofSeconds(1), Duration.ofSeconds(2),
        new KernelAlone.Result(100, 2, Duration.ofMillis(5), PathChecksum.EMPTY));
    String text = BenchReport.render(setup,
        List.of(pair(1, 1, 2, new PathChecksum(500, 1), new PathChecksum(500, 2))));
    assertThat(text).contains("MISMATCH").doesNotContain("match (");
    assertThat(text).contains("+100.0%");
  }
}
