package io.unwind.strategy;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The kernel's written-out six-asset forms against the loops they replace, on the same data:
 * one EWMA close ({@link Ewma#updateLowerObserved}) and one vol-check quadratic form
 * ({@link Portfolios#quadraticFormLower}) per operation, ns each. In this package because the loop
 * forms are package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FixedSizeBenchmark {
  private static final int N = 6;
  private static final int DAYS = 2520;
  private static final double SCALE = Math.sqrt(252);

  private final double lambda = Ewma.decayForHalfLife(30);
  private final double[] covSix = new double[N * N];
  private final double[] covLoops = new double[N * N];
  private final double[] logReturn = new double[DAYS * N];
  private final double[] impactChange = new double[N];
  private final double[] exposure = new double[DAYS * N];
  private final double[] r = new double[N];
  private int day;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(2026L);
    for (int k = 0; k < logReturn.length; k++) {
      logReturn[k] = 0.01 * (random.nextDouble() - 0.5);
      exposure[k] = random.nextDouble();
    }
    for (int i = 0; i < N; i++) {
      covSix[i * N + i] = 0.04;
      covLoops[i * N + i] = 0.04;
    }
  }

  private int nextDay() {
    final int d = day;
    day = d + 1 == DAYS ? 0 : d + 1;
    return d * N;
  }

  @Benchmark
  public double ewmaCloseSix() {
    return Ewma.updateLowerObserved(covSix, N, lambda, logReturn, nextDay(), impactChange, SCALE,
        r);
  }

  @Benchmark
  public double ewmaCloseLoops() {
    return Ewma.updateLowerObservedLoops(covLoops, N, lambda, logReturn, nextDay(), impactChange,
        SCALE, r);
  }

  @Benchmark
  public double quadraticFormSix() {
    final int off = nextDay();
    System.arraycopy(exposure, off, r, 0, N);
    return Portfolios.quadraticFormLower(covSix, 0, N, r);
  }

  @Benchmark
  public double quadraticFormLoops() {
    final int off = nextDay();
    System.arraycopy(exposure, off, r, 0, N);
    return Portfolios.quadraticFormLowerLoops(covSix, 0, N, r);
  }
}
