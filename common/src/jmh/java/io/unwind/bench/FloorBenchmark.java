package io.unwind.bench;

import io.unwind.rng.PathRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The random-number floor: six standard normals per path-day, nothing else. One invocation is one
 * baseline path (2,520 days x 6 assets); the score is path-days per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FloorBenchmark {
  private static final int ASSETS = 6;

  private ZigguratSampler.NormalizedGaussian xoshiro;
  private final double[] shock = new double[ASSETS];
  private long pathId;

  @Setup
  public void setUp() {
    xoshiro = ZigguratSampler.NormalizedGaussian.of(new XoShiRo256PlusPlus(new long[] {1, 2, 3, 4}));
  }

  /** xoshiro256++ with Commons RNG's Ziggurat: the floor. */
  @Benchmark
  @OperationsPerInvocation(BenchScenarios.HORIZON)
  public double xoshiroZiggurat() {
    double sum = 0;
    for (int t = 0; t < BenchScenarios.HORIZON; t++) {
      for (int i = 0; i < ASSETS; i++) {
        sum += xoshiro.sample();
      }
    }
    return sum;
  }

  /** The kernel's own stream: a fresh Philox4x64 PathRandom per path, Gaussian shock vectors. */
  @Benchmark
  @OperationsPerInvocation(BenchScenarios.HORIZON)
  public double philoxPathRandom() {
    PathRandom random = PathRandom.forPath(20261124L, pathId++);
    double sum = 0;
    for (int t = 0; t < BenchScenarios.HORIZON; t++) {
      random.nextShocks(0, shock, 0, ASSETS);
      for (int i = 0; i < ASSETS; i++) {
        sum += shock[i];
      }
    }
    return sum;
  }
}
