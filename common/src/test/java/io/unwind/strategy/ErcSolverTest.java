package io.unwind.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.rng.PathRandom;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ErcSolverTest {
  private static final long SEED = 20261124L;

  @Test
  void solve_diagonalCovariance_givesInverseVolWeights() {
    double[] vol = {0.05, 0.1, 0.2, 0.4, 0.15, 0.03};
    double[] cov = NumericsFixtures.covariance(vol, NumericsFixtures.constantCorrelation(6, 0));
    assertInverseVol(cov, vol);
  }

  @Test
  void solve_constantCorrelation_givesInverseVolWeights() {
    // With a common correlation rho, w_i proportional to 1/sigma_i equalises w_i (S w)_i exactly
    // (Maillard, Roncalli, Teiletche 2010, doi:10.3905/jpm.2010.36.4.060).
    double[] vol = {0.05, 0.1, 0.2, 0.4, 0.15, 0.03};
    for (double rho : new double[] {-0.15, 0.3, 0.8, 0.95}) {
      double[] cov = NumericsFixtures.covariance(vol, NumericsFixtures.constantCorrelation(6, rho));
      assertInverseVol(cov, vol);
    }
  }

  private static void assertInverseVol(double[] cov, double[] vol) {
    int n = vol.length;
    double inverseSum = 0;
    for (double v : vol) {
      inverseSum += 1 / v;
    }
    // Cold start (inverse vol, which is exact here): to 1e-10.
    ErcSolver solver = new ErcSolver(n);
    double[] w = new double[n];
    assertThat(solver.solve(cov, 0, w)).isTrue();
    for (int i = 0; i < n; i++) {
      assertThat(w[i]).as("asset %d", i).isCloseTo((1 / vol[i]) / inverseSum, within(1e-10));
    }
    // From a poor warm start Newton must find it; it stops once relative risk contributions are
    // equal to 1e-8, which bounds the weight error at the same order (observed ~3e-10).
    double[] poor = {0.5, 0.1, 0.1, 0.1, 0.1, 0.1};
    assertThat(solver.solve(cov, 0, poor)).isTrue();
    assertThat(solver.lastIterations()).isPositive();
    for (int i = 0; i < n; i++) {
      assertThat(poor[i]).as("asset %d", i).isCloseTo((1 / vol[i]) / inverseSum, within(1e-8));
    }
  }

  @Test
  void solve_randomCovariances_equalisesRelativeRiskContributions() {
    PathRandom rng = PathRandom.forPath(SEED, 1);
    for (int n = 2; n <= 50; n++) {
      for (int rep = 0; rep < 4; rep++) {
        double[] cov = NumericsFixtures.randomCovariance(rng, n);
        // Embed at an offset to exercise off.
        double[] store = new double[7 + n * n];
        System.arraycopy(cov, 0, store, 7, n * n);
        ErcSolver solver = new ErcSolver(n);
        double[] w = new double[n];
        assertThat(solver.solve(store, 7, w)).as("n=%d rep=%d seed=%d", n, rep, SEED).isTrue();
        double sum = 0;
        for (int i = 0; i < n; i++) {
          assertThat(w[i]).isPositive();
          sum += w[i];
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
        double[] rc = new double[n];
        Portfolios.riskContributions(store, 7, n, w, rc);
        double vol = Portfolios.volatility(store, 7, n, w);
        double rcSum = 0;
        for (int i = 0; i < n; i++) {
          assertThat(rc[i] / vol - 1.0 / n).as("n=%d rep=%d asset %d seed=%d", n, rep, i, SEED)
              .isCloseTo(0, within(1e-8));
          rcSum += rc[i];
        }
        // Euler identity: contributions add up to the book's vol (vol is 1-homogeneous in w).
        assertThat(rcSum).isCloseTo(vol, within(1e-12 * vol));
      }
    }
  }

  @Test
  void riskContributions_independentVolatility_sumToIt() {
    PathRandom rng = PathRandom.forPath(SEED, 2);
    int n = 7;
    double[] cov = NumericsFixtures.randomCovariance(rng, n);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = rng.nextUniform() - 0.3;
    }
    double variance = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        variance += w[i] * cov[i * n + j] * w[j];
      }
    }
    double[] rc = new double[n];
    Portfolios.riskContributions(cov, 0, n, w, rc);
    double sum = 0;
    for (double r : rc) {
      sum += r;
    }
    assertThat(Portfolios.volatility(cov, 0, n, w)).isCloseTo(Math.sqrt(variance), within(1e-14));
    assertThat(sum).isCloseTo(Math.sqrt(variance), within(1e-14));
  }

  @Test
  void solve_warmStart_sameAnswerInFewerIterations() {
    PathRandom rng = PathRandom.forPath(SEED, 3);
    int n = 6;
    double lambda = Ewma.decayForHalfLife(30);
    ErcSolver solver = new ErcSolver(n);
    int coldTotal = 0;
    int warmTotal = 0;
    double[] cov = NumericsFixtures.randomCovariance(rng, n);
    double[] previous = new double[n];
    assertThat(solver.solve(cov, 0, previous)).isTrue();
    double[] r = new double[n];
    double[] chol = NumericsFixtures.choleskyOrNull(cov, 0, n);
    for (int day = 0; day < 200; day++) {
      // Move the covariance the way the kernel does between rebalances: 21 EWMA updates.
      for (int d = 0; d < 21; d++) {
        double[] z = new double[n];
        rng.nextShocks(0, z, 0, n);
        io.unwind.model.CorrelatedShocks.apply(chol, 0, n, z, r);
        Ewma.update(cov, 0, n, lambda, r);
      }
      double[] cold = new double[n];
      assertThat(solver.solve(cov, 0, cold)).isTrue();
      int coldIterations = solver.lastIterations();
      double[] warm = previous.clone();
      assertThat(solver.solve(cov, 0, warm)).isTrue();
      int warmIterations = solver.lastIterations();
      for (int i = 0; i < n; i++) {
        assertThat(warm[i]).as("day %d asset %d", day, i).isCloseTo(cold[i], within(1e-7));
      }
      assertThat(warmIterations).as("day %d", day).isLessThanOrEqualTo(coldIterations);
      coldTotal += coldIterations;
      warmTotal += warmIterations;
      previous = warm;
    }
    assertThat(warmTotal).isLessThan(coldTotal);
  }

  @Test
  void solve_invalidWarmStart_isIgnored() {
    double[] vol = {0.1, 0.2, 0.3};
    double[] cov = NumericsFixtures.covariance(vol, NumericsFixtures.constantCorrelation(3, 0.4));
    double[][] invalid = {{0.5, 0.5, 0.5}, {1.2, -0.1, -0.1}, {Double.NaN, 0.5, 0.5}, {0, 0.5, 0.5}};
    for (double[] w : invalid) {
      ErcSolver solver = new ErcSolver(3);
      assertThat(solver.solve(cov, 0, w)).isTrue();
      // Cold start is inverse vol, which is already the answer here.
      assertThat(solver.lastIterations()).isZero();
      assertThat(w[0] + w[1] + w[2]).isCloseTo(1, within(1e-12));
    }
  }

  @Test
  void solve_notPositiveDefinite_returnsFalseWithInverseVolFallbackOrSolvesAfterGuard() {
    // Pairwise correlations 0.9, 0.9, -0.9 are each legal but jointly impossible.
    double[] corr = {1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1};
    double[] cov = NumericsFixtures.covariance(new double[] {0.1, 0.2, 0.3}, corr);
    assertThat(NumericsFixtures.choleskyOrNull(cov, 0, 3)).isNull();
    CovarianceGuard guard = new CovarianceGuard(3);
    assertThat(guard.ensurePositiveDefinite(cov, 0, 3, 1e-8)).isTrue();
    assertThat(NumericsFixtures.choleskyOrNull(cov, 0, 3)).isNotNull();
    double[] w = new double[3];
    assertThat(new ErcSolver(3).solve(cov, 0, w)).isTrue();
    for (double x : w) {
      assertThat(x).isPositive();
    }
  }

  @Test
  void solve_zeroVariance_failsWithEqualWeights() {
    double[] cov = {0.04, 0, 0, 0};
    double[] w = new double[2];
    assertThat(new ErcSolver(2).solve(cov, 0, w)).isFalse();
    assertThat(w).containsExactly(0.5, 0.5);
  }

  @Test
  void solve_tenThousandCalls_allocatesAlmostNothing() {
    PathRandom rng = PathRandom.forPath(SEED, 4);
    int n = 6;
    double[] cov = NumericsFixtures.randomCovariance(rng, n);
    ErcSolver solver = new ErcSolver(n);
    double[] w = new double[n];
    double[] bump = new double[n];
    for (int i = 0; i < n; i++) {
      bump[i] = 0.01 * (i + 1);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    boolean allConverged = true;
    long before = threads.getThreadAllocatedBytes(thread);
    for (int call = 0; call < 10_000; call++) {
      // Alternate cold and warm starts and nudge the matrix so the work is not constant.
      if ((call & 1) == 0) {
        w[0] = -1;
      }
      Ewma.update(cov, 0, n, 0.999, bump);
      allConverged &= solver.solve(cov, 0, w);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(allConverged).isTrue();
    // A single boxed double or array per call would already be >= 160 KB over 10,000 calls.
    assertThat(allocated).as("bytes allocated by 10,000 solves").isLessThan(4096);
  }

  @Test
  void multiply_sixAssets_sameAsLoopsBitForBit() {
    // S v for six assets runs written out; it must be the loops' sums exactly (raw bits), at any
    // offset, with zero and negative-zero entries.
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261124L);
    int n = 6;
    double[] cov = new double[2 * n * n + 1];
    double[] v = new double[n];
    double[] six = new double[n];
    double[] loops = new double[n];
    for (int trial = 0; trial < 5_000; trial++) {
      for (int k = 0; k < cov.length; k++) {
        cov[k] = trial % 50 == 0 ? -0.0 : random.nextDouble() - 0.5;
      }
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(6);
        v[i] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : random.nextDouble() * 4 - 1;
      }
      int off = trial % 2 == 0 ? 0 : 1 + n * n;
      ErcSolver.multiply(cov, off, n, v, six);
      ErcSolver.multiplyLoops(cov, off, n, v, loops);
      assertThat(NumericsFixtures.rawBits(six)).as("trial %d", trial)
          .containsExactly(NumericsFixtures.rawBits(loops));
    }
  }
}
