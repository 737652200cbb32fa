package io.unwind.strategy;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A measurement for the SIMD-across-paths question, not kernel code: the Newton step's Cholesky
 * solve (the ERC solve's latency chain, see BENCHMARKS.md) for eight paths, one after another as
 * the kernel does it, against the same arithmetic with the eight paths in the lanes of one
 * AVX-512 register (the incubating Vector API, which Spark 4.2's JVM options already add). One
 * operation = eight 6 x 6 factorisations and their two substitutions, input copies included.
 * {@link #setUp} checks that every lane's step equals the sequential one bit for bit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class LaneCholeskyBenchmark {
  private static final VectorSpecies<Double> LANES = DoubleVector.SPECIES_512;
  private static final int PATHS = 8;
  private static final int N = 6;

  /** Per path: the Hessian's lower triangle (row-major n x n) and the gradient. */
  private final double[][] hessians = new double[PATHS][N * N];
  private final double[][] gradients = new double[PATHS][N];
  private final double[] h = new double[N * N];
  private final double[] inverseDiagonal = new double[N];
  private final double[] step = new double[N];
  private final double[][] steps = new double[PATHS][N];
  /** The same inputs with the paths in lanes: entry k of path p at k * PATHS + p. */
  private final double[] hessianLanes = new double[N * N * PATHS];
  private final double[] gradientLanes = new double[N * PATHS];
  private final double[] hLanes = new double[N * N * PATHS];
  private final double[] inverseLanes = new double[N * PATHS];
  private final double[] stepLanes = new double[N * PATHS];

  @Setup
  public void setUp() {
    if (LANES.length() != PATHS) {
      throw new IllegalStateException("needs 8 double lanes (AVX-512), has " + LANES.length());
    }
    SplittableRandom random = new SplittableRandom(2026L);
    for (int p = 0; p < PATHS; p++) {
      double[] b = new double[N * N];
      for (int k = 0; k < b.length; k++) {
        b[k] = 0.1 * (random.nextDouble() - 0.5);
      }
      for (int i = 0; i < N; i++) {
        for (int j = 0; j <= i; j++) {
          double s = i == j ? 0.01 + 0.05 * random.nextDouble() : 0;
          for (int k = 0; k < N; k++) {
            s += b[i * N + k] * b[j * N + k];
          }
          hessians[p][i * N + j] = s;
        }
        gradients[p][i] = random.nextDouble() - 0.5;
      }
      for (int k = 0; k < N * N; k++) {
        hessianLanes[k * PATHS + p] = hessians[p][k];
      }
      for (int i = 0; i < N; i++) {
        gradientLanes[i * PATHS + p] = gradients[p][i];
      }
    }
    sequential();
    lanes();
    for (int p = 0; p < PATHS; p++) {
      for (int i = 0; i < N; i++) {
        if (Double.doubleToRawLongBits(steps[p][i])
            != Double.doubleToRawLongBits(stepLanes[i * PATHS + p])) {
          throw new IllegalStateException("lane " + p + " step " + i + " differs: "
              + steps[p][i] + " vs " + stepLanes[i * PATHS + p]);
        }
      }
    }
  }

  /** Eight solves one after another, each by {@code ErcSolver}'s own factorisation. */
  @Benchmark
  public double sequential() {
    double sum = 0;
    for (int p = 0; p < PATHS; p++) {
      System.arraycopy(hessians[p], 0, h, 0, N * N);
      if (!ErcSolver.choleskySolve(h, gradients[p], inverseDiagonal, step, N)) {
        throw new IllegalStateException("not positive definite");
      }
      System.arraycopy(step, 0, steps[p], 0, N);
      sum += step[0];
    }
    return sum;
  }

  /** The same eight solves with the paths in lanes. */
  @Benchmark
  public double lanes() {
    System.arraycopy(hessianLanes, 0, hLanes, 0, hLanes.length);
    final double[] l = hLanes;
    for (int j = 0; j < N; j++) {
      final int rowJ = j * N;
      DoubleVector d = load(l, rowJ + j);
      for (int k = 0; k < j; k++) {
        final DoubleVector ljk = load(l, rowJ + k);
        d = d.sub(ljk.mul(ljk));
      }
      if (!d.compare(VectorOperators.GT, 0.0).allTrue()) {
        throw new IllegalStateException("not positive definite");
      }
      final DoubleVector ljj = d.lanewise(VectorOperators.SQRT);
      ljj.intoArray(l, (rowJ + j) * PATHS);
      final DoubleVector inverse = DoubleVector.broadcast(LANES, 1.0).div(ljj);
      inverse.intoArray(inverseLanes, j * PATHS);
      for (int i = j + 1; i < N; i++) {
        final int rowI = i * N;
        DoubleVector s = load(l, rowI + j);
        for (int k = 0; k < j; k++) {
          s = s.sub(load(l, rowI + k).mul(load(l, rowJ + k)));
        }
        s.mul(inverse).intoArray(l, (rowI + j) * PATHS);
      }
    }
    for (int i = 0; i < N; i++) {
      final int row = i * N;
      DoubleVector s = DoubleVector.fromArray(LANES, gradientLanes, i * PATHS);
      for (int k = 0; k < i; k++) {
        s = s.sub(load(l, row + k).mul(DoubleVector.fromArray(LANES, stepLanes, k * PATHS)));
      }
      s.mul(DoubleVector.fromArray(LANES, inverseLanes, i * PATHS)).intoArray(stepLanes, i * PATHS);
    }
    for (int i = N - 1; i >= 0; i--) {
      DoubleVector s = DoubleVector.fromArray(LANES, stepLanes, i * PATHS);
      for (int k = i + 1; k < N; k++) {
        s = s.sub(load(l, k * N + i).mul(DoubleVector.fromArray(LANES, stepLanes, k * PATHS)));
      }
      s.mul(DoubleVector.fromArray(LANES, inverseLanes, i * PATHS)).intoArray(stepLanes, i * PATHS);
    }
    return stepLanes[0];
  }

  private static DoubleVector load(double[] lanes, int entry) {
    return DoubleVector.fromArray(LANES, lanes, entry * PATHS);
  }
}
