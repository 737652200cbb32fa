package io.unwind.calibrate;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Fits a K-state hidden Markov model with full-covariance Gaussian emissions by Baum–Welch (EM).
 *
 * <p>The E-step is the scaled forward–backward recursion of Rabiner (1989), "A tutorial on hidden
 * Markov models and selected applications in speech recognition", Proc. IEEE 77(2),
 * doi:10.1109/5.18626, section V.A; the emission densities are shifted by their per-observation
 * maximum before exponentiation so that no observation underflows, and the shift is added back to
 * the log-likelihood. The most likely path is Viterbi's recursion in log space.
 *
 * <p>Implementation note: to keep covariances positive definite the M-step is a MAP step under
 * an (improper) inverse-Wishart prior with scale {@code Psi = eps * I} and {@code nu = -(n+1)}
 * degrees of freedom in standardised units, which gives {@code Sigma_k = (S_k + Psi) / N_k} —
 * a ridge that cannot vanish — and adds {@code -tr(Psi Sigma_k^-1) / 2} per regime to the
 * objective. EM is then exactly monotone in that penalised objective (Dempster, Laird and Rubin
 * 1977, doi:10.1111/j.2517-6161.1977.tb01600.x), and the penalty also bounds the likelihood, so a
 * regime cannot collapse onto a single observation with a singular covariance.
 *
 * <p>Fitting standardises each asset by its sample standard deviation (the model is
 * equivariant under scaling, the log-likelihood shifts by {@code -T sum log s_j}) so that the ridge
 * and the decomposition thresholds are scale-free; results are returned in the data's units.
 *
 * <p>Starts are seeded k-means++ (Arthur and Vassilvitskii 2007) on a rolling log-variance feature,
 * so starts differ in where they place the volatility regimes; soft responsibilities are then
 * mixed with random noise. Every draw comes from {@code RandomSource.XO_RO_SHI_RO_128_PP} seeded
 * by the caller.
 */
public final class BaumWelch {

  /** Ridge {@code eps} of the covariance prior, in standardised units (variance 1 per asset). */
  static final double PRIOR_RIDGE = 1e-3;
  /** Half-width of the window of the rolling variance feature that seeds the starts. */
  private static final int FEATURE_HALF_WINDOW = 5;
  /** Weight of random noise mixed into a start's hard k-means responsibilities. */
  private static final double START_NOISE = 0.2;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private BaumWelch() {
  }

  /**
   * Fits the model from {@code starts} seeded random starts and keeps the best penalised
   * likelihood.
   *
   * @param observations row-major {@code T x assets} returns (not modified)
   * @param assets number of assets n (&ge; 1)
   * @param regimes number of regimes K (&ge; 1)
   * @param starts number of random starts (&ge; 1)
   * @param seed seed of the starts
   * @param tolerance stop when an iteration raises the objective by less than this per observation
   * @param maxIterations cap on EM iterations per start
   * @return the best fit, regimes in EM's order (see {@link HmmParameters#orderedByVolatility()})
   */
  public static HmmFit fit(double[] observations, int assets, int regimes, int starts, long seed,
      double tolerance, int maxIterations) {
    if (assets < 1 || observations.length % assets != 0) {
      throw new IllegalArgumentException("observations must hold whole rows of " + assets + " assets");
    }
    int t = observations.length / assets;
    if (t < 2 || regimes < 1 || starts < 1 || maxIterations < 1 || !(tolerance > 0)) {
      throw new IllegalArgumentException("need T >= 2, K >= 1, starts >= 1, maxIterations >= 1, tolerance > 0");
    }
    double[] scale = standardDeviations(observations, assets);
    double[] z = observations.clone();
    double logScale = 0;
    for (int j = 0; j < assets; j++) {
      if (!(scale[j] > 0) || !Double.isFinite(scale[j])) {
        throw new IllegalArgumentException("asset " + j + " has zero or non-finite variance");
      }
      logScale += Math.log(scale[j]);
    }
    for (int i = 0; i < z.length; i++) {
      z[i] /= scale[i % assets];
    }
    Em em = new Em(z, t, assets, regimes);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    Em.Run best = null;
    int bestStart = -1;
    for (int s = 0; s < starts; s++) {
      em.initialise(rng);
      Em.Run run = em.run(tolerance, maxIterations);
      if (best == null || run.objective() > best.objective()) {
        best = run;
        bestStart = s;
      }
    }
    // Back to data units: the Jacobian of z = x / s shifts every log-likelihood by -T sum log s_j;
    // the penalty tr(Psi Sigma^-1) is invariant because Psi scales with the data too.
    double shift = -t * logScale;
    double[] llTrace = best.logLikelihoodTrace().clone();
    double[] objTrace = best.objectiveTrace().clone();
    for (int i = 0; i < llTrace.length; i++) {
      llTrace[i] += shift;
      objTrace[i] += shift;
    }
    return new HmmFit(best.parameters().rescaled(scale), llTrace[llTrace.length - 1], llTrace,
        objTrace, best.iterations(), best.converged(), bestStart, starts);
  }

  /** Log-likelihood of {@code observations} (row-major, T x n) under {@code parameters}. */
  public static double logLikelihood(HmmParameters parameters, double[] observations) {
    int n = parameters.assets();
    int k = parameters.regimes();
    int t = observations.length / n;
    double[] logB = new double[t * k];
    logEmissions(observations, t, n, k, parameters.mean(), parameters.covariance(), logB, null);
    double ll = 0;
    double[] alpha = new double[k];
    double[] next = new double[k];
    double[] b = new double[k];
    for (int s = 0; s < t; s++) {
      double max = shiftedDensities(logB, s, k, b);
      double c = 0;
      for (int j = 0; j < k; j++) {
        double prior;
        if (s == 0) {
          prior = parameters.initial()[j];
        } else {
          prior = 0;
          for (int i = 0; i < k; i++) {
            prior += alpha[i] * parameters.transition()[i * k + j];
          }
        }
        next[j] = prior * b[j];
        c += next[j];
      }
      for (int j = 0; j < k; j++) {
        alpha[j] = next[j] / c;
      }
      ll += Math.log(c) + max;
    }
    return ll;
  }

  /**
   * Most likely regime path (Viterbi, in log space) of {@code observations} under
   * {@code parameters}; ties go to the lower regime index.
   */
  public static int[] viterbi(HmmParameters parameters, double[] observations) {
    int n = parameters.assets();
    int k = parameters.regimes();
    int t = observations.length / n;
    double[] logB = new double[t * k];
    logEmissions(observations, t, n, k, parameters.mean(), parameters.covariance(), logB, null);
    double[] logA = new double[k * k];
    for (int i = 0; i < k * k; i++) {
      logA[i] = Math.log(parameters.transition()[i]);
    }
    double[] delta = new double[k];
    double[] next = new double[k];
    int[] back = new int[t * k];
    for (int j = 0; j < k; j++) {
      delta[j] = Math.log(parameters.initial()[j]) + logB[j];
    }
    for (int s = 1; s < t; s++) {
      for (int j = 0; j < k; j++) {
        double bestScore = Double.NEGATIVE_INFINITY;
        int arg = 0;
        for (int i = 0; i < k; i++) {
          double score = delta[i] + logA[i * k + j];
          if (score > bestScore) {
            bestScore = score;
            arg = i;
          }
        }
        next[j] = bestScore + logB[s * k + j];
        back[s * k + j] = arg;
      }
      System.arraycopy(next, 0, delta, 0, k);
    }
    int[] path = new int[t];
    int last = 0;
    for (int j = 1; j < k; j++) {
      if (delta[j] > delta[last]) {
        last = j;
      }
    }
    path[t - 1] = last;
    for (int s = t - 1; s > 0; s--) {
      path[s - 1] = back[s * k + path[s]];
    }
    return path;
  }

  /** Sample standard deviation of each column of a row-major T x n array. */
  static double[] standardDeviations(double[] x, int n) {
    int t = x.length / n;
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (int s = 0; s < t; s++) {
      for (int j = 0; j < n; j++) {
        mean[j] += x[s * n + j];
      }
    }
    for (int j = 0; j < n; j++) {
      mean[j] /= t;
    }
    for (int s = 0; s < t; s++) {
      for (int j = 0; j < n; j++) {
        double d = x[s * n + j] - mean[j];
        sd[j] += d * d;
      }
    }
    for (int j = 0; j < n; j++) {
      sd[j] = Math.sqrt(sd[j] / Math.max(1, t - 1));
    }
    return sd;
  }

  /**
   * Log Gaussian densities {@code logB[s*K + k] = log N(x_s; mu_k, Sigma_k)}.
   *
   * @param logB modified: T x K output
   * @param inverseTrace modified when not null: K values of {@code tr(Sigma_k^-1)}
   */
  private static void logEmissions(double[] x, int t, int n, int k, double[] mean, double[] cov,
      double[] logB, double[] inverseTrace) {
    double[] lower = new double[n * n];
    double[] y = new double[n];
    for (int r = 0; r < k; r++) {
      choleskyLower(cov, r * n * n, n, lower);
      double logDet = 0;
      for (int i = 0; i < n; i++) {
        logDet += 2 * Math.log(lower[i * n + i]);
      }
      double constant = -0.5 * (n * LOG_2PI + logDet);
      int mu = r * n;
      for (int s = 0; s < t; s++) {
        // Mahalanobis distance by forward substitution L y = x - mu, |y|^2 = (x-mu)' Sigma^-1 (x-mu).
        double q = 0;
        int row = s * n;
        for (int i = 0; i < n; i++) {
          double v = x[row + i] - mean[mu + i];
          int li = i * n;
          for (int m = 0; m < i; m++) {
            v -= lower[li + m] * y[m];
          }
          y[i] = v / lower[li + i];
          q += y[i] * y[i];
        }
        logB[s * k + r] = constant - 0.5 * q;
      }
      if (inverseTrace != null) {
        // tr(Sigma^-1) = |L^-1|_F^2: solve L y = e_c for each column c.
        double tr = 0;
        for (int c = 0; c < n; c++) {
          for (int i = 0; i < n; i++) {
            double v = i == c ? 1.0 : 0.0;
            int li = i * n;
            for (int m = 0; m < i; m++) {
              v -= lower[li + m] * y[m];
            }
            y[i] = v / lower[li + i];
            tr += y[i] * y[i];
          }
        }
        inverseTrace[r] = tr;
      }
    }
  }

  /** Lower Cholesky factor of the n x n block at {@code offset} (commons-math3), into {@code lower}. */
  private static void choleskyLower(double[] cov, int offset, int n, double[] lower) {
    RealMatrix m = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // Symmetrise so rounding in the M-step never trips the symmetry check.
        m.setEntry(i, j, 0.5 * (cov[offset + i * n + j] + cov[offset + j * n + i]));
      }
    }
    double[][] l;
    try {
      l = new CholeskyDecomposition(m, 1e-10, 0.0).getL().getData();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalStateException("covariance is not positive definite despite the ridge", e);
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(l[i], 0, lower, i * n, n);
    }
  }

  /** Fills {@code b} with {@code exp(logB[s,k] - max_k logB[s,k])} and returns the max. */
  private static double shiftedDensities(double[] logB, int s, int k, double[] b) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, logB[s * k + j]);
    }
    for (int j = 0; j < k; j++) {
      b[j] = Math.exp(logB[s * k + j] - max);
    }
    return max;
  }

  /** One EM workspace over standardised observations: every array sized once. */
  private static final class Em {
    private final double[] x;
    private final int t;
    private final int n;
    private final int k;
    private final double[] feature;
    private final double[] logB;
    private final double[] b;
    private final double[] shift;
    private final double[] alpha;
    private final double[] beta;
    private final double[] scale;
    private final double[] gamma;
    private final double[] xiSum;
    private final double[] inverseTrace;
    private double[] initial;
    private double[] transition;
    private double[] mean;
    private double[] cov;

    record Run(HmmParameters parameters, double objective, double[] logLikelihoodTrace,
        double[] objectiveTrace, int iterations, boolean converged) {
    }

    Em(double[] x, int t, int n, int k) {
      this.x = x;
      this.t = t;
      this.n = n;
      this.k = k;
      this.feature = rollingLogVariance(x, t, n);
      this.logB = new double[t * k];
      this.b = new double[t * k];
      this.shift = new double[t];
      this.alpha = new double[t * k];
      this.beta = new double[t * k];
      this.scale = new double[t];
      this.gamma = new double[t * k];
      this.xiSum = new double[k * k];
      this.inverseTrace = new double[k];
    }

    /** Runs EM from the current parameters until the tolerance or the cap. */
    Run run(double tolerance, int maxIterations) {
      double[] llTrace = new double[maxIterations + 1];
      double[] objTrace = new double[maxIterations + 1];
      int iterations = 0;
      boolean converged = false;
      int entries = 0;
      while (true) {
        double ll = eStep();
        double penalty = 0;
        for (int r = 0; r < k; r++) {
          penalty -= 0.5 * PRIOR_RIDGE * inverseTrace[r];
        }
        llTrace[entries] = ll;
        objTrace[entries] = ll + penalty;
        entries++;
        if (entries > 1 && objTrace[entries - 1] - objTrace[entries - 2] < tolerance * t) {
          converged = true;
          break;
        }
        if (iterations == maxIterations) {
          break;
        }
        mStep();
        iterations++;
      }
      HmmParameters p = new HmmParameters(k, n, initial.clone(), transition.clone(), mean.clone(), cov.clone());
      return new Run(p, objTrace[entries - 1], Arrays.copyOf(llTrace, entries),
          Arrays.copyOf(objTrace, entries), iterations, converged);
    }

    /**
     * Scaled forward–backward (Rabiner 1989, eqs. 91–93 with scaling): fills gamma and the summed
     * two-slice posteriors, returns the log-likelihood of the current parameters.
     */
    double eStep() {
      logEmissions(x, t, n, k, mean, cov, logB, inverseTrace);
      double[] row = new double[k];
      for (int s = 0; s < t; s++) {
        shift[s] = shiftedDensities(logB, s, k, row);
        System.arraycopy(row, 0, b, s * k, k);
      }
      double ll = 0;
      for (int s = 0; s < t; s++) {
        double c = 0;
        int o = s * k;
        for (int j = 0; j < k; j++) {
          double prior;
          if (s == 0) {
            prior = initial[j];
          } else {
            prior = 0;
            int p = o - k;
            for (int i = 0; i < k; i++) {
              prior += alpha[p + i] * transition[i * k + j];
            }
          }
          double a = prior * b[o + j];
          alpha[o + j] = a;
          c += a;
        }
        if (!(c > 0) || !Double.isFinite(c)) {
          throw new IllegalStateException("forward pass failed at observation " + s + " (scale " + c + ")");
        }
        for (int j = 0; j < k; j++) {
          alpha[o + j] /= c;
        }
        scale[s] = c;
        ll += Math.log(c) + shift[s];
      }
      int last = (t - 1) * k;
      Arrays.fill(beta, last, last + k, 1.0);
      for (int s = t - 2; s >= 0; s--) {
        int o = s * k;
        int q = o + k;
        double c = scale[s + 1];
        for (int i = 0; i < k; i++) {
          double v = 0;
          for (int j = 0; j < k; j++) {
            v += transition[i * k + j] * b[q + j] * beta[q + j];
          }
          beta[o + i] = v / c;
        }
      }
      // With this scaling alpha_t(i) beta_t(i) is already the posterior gamma_t(i).
      for (int i = 0; i < t * k; i++) {
        gamma[i] = alpha[i] * beta[i];
      }
      Arrays.fill(xiSum, 0.0);
      for (int s = 0; s < t - 1; s++) {
        int o = s * k;
        int q = o + k;
        double c = scale[s + 1];
        for (int i = 0; i < k; i++) {
          double ai = alpha[o + i] / c;
          for (int j = 0; j < k; j++) {
            xiSum[i * k + j] += ai * transition[i * k + j] * b[q + j] * beta[q + j];
          }
        }
      }
      return ll;
    }

    /** Maximisation step from gamma and xiSum (covariances by the MAP ridge, see class doc). */
    void mStep() {
      for (int j = 0; j < k; j++) {
        initial[j] = gamma[j];
      }
      for (int i = 0; i < k; i++) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
          sum += xiSum[i * k + j];
        }
        if (sum > 0) {
          for (int j = 0; j < k; j++) {
            transition[i * k + j] = xiSum[i * k + j] / sum;
          }
        }
      }
      gaussianStep();
    }

    /** Means and MAP covariances from the responsibilities in gamma. */
    private void gaussianStep() {
      for (int r = 0; r < k; r++) {
        double weight = 0;
        double[] mu = new double[n];
        for (int s = 0; s < t; s++) {
          double g = gamma[s * k + r];
          weight += g;
          for (int i = 0; i < n; i++) {
            mu[i] += g * x[s * n + i];
          }
        }
        if (!(weight > 0)) {
          // No observation belongs to this regime: any mean and covariance maximise Q; keep them.
          continue;
        }
        for (int i = 0; i < n; i++) {
          mu[i] /= weight;
        }
        double[] scatter = new double[n * n];
        double[] d = new double[n];
        for (int s = 0; s < t; s++) {
          double g = gamma[s * k + r];
          for (int i = 0; i < n; i++) {
            d[i] = x[s * n + i] - mu[i];
          }
          for (int i = 0; i < n; i++) {
            double gi = g * d[i];
            for (int j = 0; j <= i; j++) {
              scatter[i * n + j] += gi * d[j];
            }
          }
        }
        int base = r * n * n;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j <= i; j++) {
            double v = (scatter[i * n + j] + (i == j ? PRIOR_RIDGE : 0.0)) / weight;
            cov[base + i * n + j] = v;
            cov[base + j * n + i] = v;
          }
        }
        System.arraycopy(mu, 0, mean, r * n, n);
      }
    }

    /**
     * A random start: seeded k-means++ on the rolling log-variance, hard labels mixed with noise
     * as responsibilities, transitions from the labels' transition counts (plus one each).
     */
    void initialise(UniformRandomProvider rng) {
      double[] centres = kMeansPlusPlus(rng);
      int[] label = new int[t];
      for (int s = 0; s < t; s++) {
        label[s] = nearest(centres, feature[s]);
      }
      double[] noise = new double[k];
      for (int s = 0; s < t; s++) {
        double sum = 0;
        for (int r = 0; r < k; r++) {
          noise[r] = rng.nextDouble();
          sum += noise[r];
        }
        for (int r = 0; r < k; r++) {
          gamma[s * k + r] = (1 - START_NOISE) * (label[s] == r ? 1.0 : 0.0) + START_NOISE * noise[r] / sum;
        }
      }
      initial = new double[k];
      Arrays.fill(initial, 1.0 / k);
      double[] counts = new double[k * k];
      Arrays.fill(counts, 1.0);
      for (int s = 1; s < t; s++) {
        counts[label[s - 1] * k + label[s]] += 1;
      }
      transition = new double[k * k];
      for (int i = 0; i < k; i++) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
          sum += counts[i * k + j];
        }
        for (int j = 0; j < k; j++) {
          transition[i * k + j] = counts[i * k + j] / sum;
        }
      }
      mean = new double[k * n];
      cov = new double[k * n * n];
      for (int r = 0; r < k; r++) {
        for (int i = 0; i < n; i++) {
          cov[(r * n + i) * n + i] = 1.0;
        }
      }
      gaussianStep();
    }

    /** k-means++ seeding (D^2 weighting) then Lloyd iterations, on the 1-D feature. */
    private double[] kMeansPlusPlus(UniformRandomProvider rng) {
      double[] centres = new double[k];
      double[] d2 = new double[t];
      centres[0] = feature[rng.nextInt(t)];
      for (int c = 1; c < k; c++) {
        double total = 0;
        for (int s = 0; s < t; s++) {
          double best = Double.POSITIVE_INFINITY;
          for (int m = 0; m < c; m++) {
            double d = feature[s] - centres[m];
            best = Math.min(best, d * d);
          }
          d2[s] = best;
          total += best;
        }
        int pick = t - 1;
        if (total > 0) {
          double u = rng.nextDouble() * total;
          for (int s = 0; s < t; s++) {
            u -= d2[s];
            if (u < 0) {
              pick = s;
              break;
            }
          }
        } else {
          pick = rng.nextInt(t);
        }
        centres[c] = feature[pick];
      }
      double[] sum = new double[k];
      int[] count = new int[k];
      for (int iteration = 0; iteration < 20; iteration++) {
        Arrays.fill(sum, 0);
        Arrays.fill(count, 0);
        for (int s = 0; s < t; s++) {
          int c = nearest(centres, feature[s]);
          sum[c] += feature[s];
          count[c]++;
        }
        for (int c = 0; c < k; c++) {
          if (count[c] > 0) {
            centres[c] = sum[c] / count[c];
          }
        }
      }
      return centres;
    }

    private static int nearest(double[] centres, double v) {
      int best = 0;
      for (int c = 1; c < centres.length; c++) {
        if (Math.abs(v - centres[c]) < Math.abs(v - centres[best])) {
          best = c;
        }
      }
      return best;
    }

    /** log of the mean squared standardised return over a centred window: a local variance level. */
    private static double[] rollingLogVariance(double[] x, int t, int n) {
      double[] squared = new double[t + 1];
      for (int s = 0; s < t; s++) {
        double q = 0;
        for (int i = 0; i < n; i++) {
          q += x[s * n + i] * x[s * n + i];
        }
        squared[s + 1] = squared[s] + q / n;
      }
      double[] f = new double[t];
      for (int s = 0; s < t; s++) {
        int from = Math.max(0, s - FEATURE_HALF_WINDOW);
        int to = Math.min(t, s + FEATURE_HALF_WINDOW + 1);
        f[s] = Math.log((squared[to] - squared[from]) / (to - from) + 1e-6);
      }
      return f;
    }
  }
}
