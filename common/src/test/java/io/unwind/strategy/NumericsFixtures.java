package io.unwind.strategy;

import io.unwind.config.AssetClass;
import io.unwind.config.ImpactModel;
import io.unwind.config.MarginSettings;
import io.unwind.config.MarketSettings;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.SaleOrder;
import io.unwind.config.StrategyKind;
import io.unwind.config.StrategySettings;
import io.unwind.rng.PathRandom;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Shared test inputs for the numerics packages: random covariances, independent linear algebra
 * (commons-math3), and resolved scenarios built with the canonical constructor.
 */
public final class NumericsFixtures {
  private NumericsFixtures() {
  }

  /**
   * A random positive-definite covariance D C D: vols uniform in [0.02, 0.6], C the normalised
   * Gram matrix of n random normal vectors of length n + 2 (full rank with probability one),
   * optionally with a common factor so correlations are sizeable.
   */
  public static double[] randomCovariance(PathRandom rng, int n) {
    int m = n + 2;
    double[] a = new double[n * m];
    double factorLoading = rng.nextUniform() * 2;
    double[] factor = new double[m];
    for (int k = 0; k < m; k++) {
      factor[k] = rng.nextNormal();
    }
    for (int i = 0; i < n; i++) {
      double sign = rng.nextUniform() < 0.25 ? -1 : 1;
      for (int k = 0; k < m; k++) {
        a[i * m + k] = rng.nextNormal() + sign * factorLoading * factor[k];
      }
    }
    double[] gram = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < m; k++) {
          s += a[i * m + k] * a[j * m + k];
        }
        gram[i * n + j] = s;
      }
    }
    double[] vol = new double[n];
    for (int i = 0; i < n; i++) {
      vol[i] = 0.02 + 0.58 * rng.nextUniform();
    }
    double[] cov = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double corr = gram[i * n + j] / Math.sqrt(gram[i * n + i] * gram[j * n + j]);
        cov[i * n + j] = vol[i] * vol[j] * corr;
      }
    }
    symmetrise(cov, n);
    return cov;
  }

  /** Covariance D C D from vols and a row-major correlation matrix. */
  public static double[] covariance(double[] vol, double[] corr) {
    int n = vol.length;
    double[] cov = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cov[i * n + j] = vol[i] * vol[j] * corr[i * n + j];
      }
    }
    return cov;
  }

  /** A constant-correlation matrix. */
  public static double[] constantCorrelation(int n, double rho) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i * n + j] = i == j ? 1 : rho;
      }
    }
    return c;
  }

  /** Makes the block exactly symmetric by copying the upper triangle down. */
  public static void symmetrise(double[] cov, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        cov[i * n + j] = cov[j * n + i];
      }
    }
  }

  /** The lower Cholesky factor by commons-math3 (row-major), or null if not positive definite. */
  public static double[] choleskyOrNull(double[] cov, int off, int n) {
    RealMatrix m = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m.setEntry(i, j, cov[off + i * n + j]);
      }
    }
    try {
      // Positivity threshold relative to the scale of the matrix, not commons-math3's absolute 1e-10.
      double scale = 0;
      for (int i = 0; i < n; i++) {
        scale = Math.max(scale, m.getEntry(i, i));
      }
      RealMatrix l = new CholeskyDecomposition(m, 1e-12, 1e-14 * scale).getL();
      double[] out = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          out[i * n + j] = l.getEntry(i, j);
        }
      }
      return out;
    } catch (NonPositiveDefiniteMatrixException e) {
      return null;
    }
  }

  /** Stationary distribution of a row-stochastic K x K matrix by power iteration. */
  public static double[] stationaryByPowerIteration(double[] p, int k) {
    double[] pi = new double[k];
    java.util.Arrays.fill(pi, 1.0 / k);
    double[] next = new double[k];
    for (int it = 0; it < 200_000; it++) {
      java.util.Arrays.fill(next, 0);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          next[j] += pi[i] * p[i * k + j];
        }
      }
      double change = 0;
      for (int j = 0; j < k; j++) {
        change = Math.max(change, Math.abs(next[j] - pi[j]));
        pi[j] = next[j];
      }
      if (change < 1e-16) {
        break;
      }
    }
    return pi;
  }

  /**
   * A resolved scenario over the given assets and regimes (per-regime annual vols K x n and
   * correlations K x n x n, daily transition K x K), strategy vol target and max leverage; every
   * other field holds a plausible constant.
   */
  public static ResolvedScenario scenario(
      String[] assets, String[] regimes, double[] annualVol, double[] correlation,
      double[] dailyTransition, double volTarget, double maxLeverage) {
    int n = assets.length;
    int k = regimes.length;
    double[] annualCov = new double[k * n * n];
    double[] dailyChol = new double[k * n * n];
    for (int s = 0; s < k; s++) {
      double[] vol = java.util.Arrays.copyOfRange(annualVol, s * n, (s + 1) * n);
      double[] corr = java.util.Arrays.copyOfRange(correlation, s * n * n, (s + 1) * n * n);
      double[] cov = covariance(vol, corr);
      System.arraycopy(cov, 0, annualCov, s * n * n, n * n);
      double[] daily = cov.clone();
      for (int i = 0; i < daily.length; i++) {
        daily[i] /= ResolvedScenario.DAYS_PER_YEAR;
      }
      double[] l = choleskyOrNull(daily, 0, n);
      if (l == null) {
        throw new IllegalArgumentException("fixture regime " + s + " is not positive definite");
      }
      System.arraycopy(l, 0, dailyChol, s * n * n, n * n);
    }
    double[] stationary = stationaryByPowerIteration(dailyTransition, k);
    double[] expectedDays = new double[k];
    for (int s = 0; s < k; s++) {
      double stay = dailyTransition[s * k + s];
      expectedDays[s] = stay < 1 ? 1 / (1 - stay) : Double.POSITIVE_INFINITY;
    }
    AssetClass[] classes = new AssetClass[n];
    java.util.Arrays.fill(classes, AssetClass.OTHER);
    double[] depth = new double[n];
    java.util.Arrays.fill(depth, 40);
    double[] floor = new double[n];
    java.util.Arrays.fill(floor, 0.1);
    double[] mean = new double[k * n];
    double[] dailyDrift = new double[k * n];
    return new ResolvedScenario(
        "fixture", "numerics test fixture", 1000, 252, 42L, 0, -1,
        assets, classes, depth, floor, regimes, dailyTransition, stationary, expectedDays,
        mean, annualVol, correlation, annualCov, dailyDrift, dailyChol,
        new double[k], new double[k], ones(k), ones(k),
        new StrategySettings(volTarget, maxLeverage, 21, 0.25, 30, 2, 0.02, 1e-8),
        new MarginSettings(true, 2.33, 5, 0.25, 0.0),
        new MarketSettings(ImpactModel.SQRT, 1.0, 20, 0.5, 50, SaleOrder.PRO_RATA),
        List.of(StrategyKind.LEVERED_ERC), "canonical", "hash");
  }

  private static double[] ones(int k) {
    double[] one = new double[k];
    java.util.Arrays.fill(one, 1.0);
    return one;
  }

  /**
   * The raw bits of each value, for comparing two computations that must agree bit for bit
   * ({@code -0.0} and {@code 0.0} differ, as does every NaN payload).
   */
  public static long[] rawBits(double... values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToRawLongBits(values[i]);
    }
    return bits;
  }
}
