package io.unwind.bench;

import io.unwind.strategy.CovarianceGuard;
import io.unwind.strategy.ErcSolver;
import io.unwind.strategy.Ewma;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One ERC solve on an EWMA covariance estimate, n = 6 / 20 / 50, microseconds per solve.
 *
 * <p>The estimates are what the kernel sees: an EWMA (half-life 30 days) of one-factor returns
 * with vols between 4 % and 50 %. {@code cold} starts from inverse volatility; {@code warm}
 * alternates between the estimate and the same estimate 21 trading days later, each solve starting
 * from the other's weights, as a monthly rebalance does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ErcBenchmark {
  @Param({"6", "20", "50"})
  public int n;

  private ErcSolver solver;
  private double[] now;
  private double[] monthLater;
  private double[] weights;
  private boolean flip;

  @Setup
  public void setUp() {
    ZigguratSampler.NormalizedGaussian normal =
        ZigguratSampler.NormalizedGaussian.of(new XoShiRo256PlusPlus(new long[] {11, 12, 13, 14}));
    double[] vol = new double[n];
    double[] beta = new double[n];
    for (int i = 0; i < n; i++) {
      vol[i] = 0.04 + 0.46 * i / Math.max(1, n - 1);
      beta[i] = (i % 3 == 1 ? -0.4 : 0.8) * (1 - 0.3 * i / n);
    }
    double lambda = Ewma.decayForHalfLife(30);
    now = new double[n * n];
    for (int i = 0; i < n; i++) {
      now[i * n + i] = vol[i] * vol[i];
    }
    double[] r = new double[n];
    for (int day = 0; day < 500 + 21; day++) {
      if (day == 500) {
        monthLater = now.clone();
      }
      double[] target = day < 500 ? now : monthLater;
      double factor = normal.sample();
      for (int i = 0; i < n; i++) {
        double idio = Math.sqrt(1 - beta[i] * beta[i]);
        r[i] = vol[i] * (beta[i] * factor + idio * normal.sample());
      }
      Ewma.update(target, 0, n, lambda, r);
    }
    CovarianceGuard guard = new CovarianceGuard(n);
    guard.ensurePositiveDefinite(now, 0, n, 1e-10);
    guard.ensurePositiveDefinite(monthLater, 0, n, 1e-10);
    solver = new ErcSolver(n);
    weights = new double[n];
    solver.solve(now, 0, weights);
  }

  /** From inverse volatility. */
  @Benchmark
  public double[] cold() {
    Arrays.fill(weights, 0.0);
    solver.solve(now, 0, weights);
    return weights;
  }

  /** From the previous rebalance's weights. */
  @Benchmark
  public double[] warm() {
    flip = !flip;
    solver.solve(flip ? monthLater : now, 0, weights);
    return weights;
  }
}
