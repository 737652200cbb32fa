package io.unwind.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The Markov regime chain on a small row-major K x K transition matrix (row = from): built from
 * expected stays and exit weights, its recurrent classes and long-run shares (what resolution and
 * validation ask of it), and its draws by inverse CDF (what the path kernel asks of it). Stateless;
 * the draws allocate nothing.
 *
 * <p>Both draws return the first state whose cumulative probability exceeds {@code u}; if
 * round-off leaves the row summing to slightly less than {@code u}, the last state with positive
 * probability is returned, so a zero-probability state is never drawn. The construction and
 * long-run methods run once per scenario on a handful of regimes, so clarity beats speed there.
 */
public final class RegimeChain {
  private RegimeChain() {
  }

  /**
   * The daily transition matrix from expected stays and exit weights.
   *
   * <p>A stay of geometric length with mean {@code e} has daily stay probability {@code 1 - 1/e};
   * the leaving mass {@code 1/e} is split over the exits in proportion to their weights.
   *
   * @param expectedDays K expected stays (ignored when K = 1)
   * @param exitWeights K x K row-major exit weights, zero on the diagonal and where there is no exit
   * @return K x K row-major daily transition matrix; {@code [1]} when K = 1
   */
  public static double[] dailyTransition(double[] expectedDays, double[] exitWeights) {
    int k = expectedDays.length;
    double[] p = new double[k * k];
    if (k == 1) {
      p[0] = 1.0;
      return p;
    }
    for (int s = 0; s < k; s++) {
      double leave = 1.0 / expectedDays[s];
      double total = 0.0;
      for (int t = 0; t < k; t++) {
        total += exitWeights[s * k + t];
      }
      for (int t = 0; t < k; t++) {
        p[s * k + t] = t == s ? 1.0 - leave : leave * exitWeights[s * k + t] / total;
      }
    }
    return p;
  }

  /**
   * The recurrent classes of the chain: groups of regimes that, once entered, are never left.
   *
   * <p>The stationary distribution is unique exactly when there is one recurrent class
   * (Norris, Markov Chains, 1997, thm 1.7.7 and its corollaries); computed from reachability,
   * so the answer does not depend on a numerical rank tolerance.
   *
   * @return for each regime the index of its recurrent class, or -1 when it is transient; the
   *     number of classes is {@code max + 1}
   */
  public static int[] recurrentClasses(double[] transition, int k) {
    boolean[][] reach = new boolean[k][k];
    for (int i = 0; i < k; i++) {
      reach[i][i] = true;
      for (int j = 0; j < k; j++) {
        reach[i][j] |= transition[i * k + j] > 0.0;
      }
    }
    // Warshall's transitive closure.
    for (int m = 0; m < k; m++) {
      for (int i = 0; i < k; i++) {
        if (reach[i][m]) {
          for (int j = 0; j < k; j++) {
            reach[i][j] |= reach[m][j];
          }
        }
      }
    }
    int[] cls = new int[k];
    java.util.Arrays.fill(cls, -2);
    int next = 0;
    for (int i = 0; i < k; i++) {
      if (cls[i] != -2) {
        continue;
      }
      boolean recurrent = true;
      for (int j = 0; j < k; j++) {
        if (reach[i][j] && !reach[j][i]) {
          recurrent = false;
          break;
        }
      }
      if (!recurrent) {
        cls[i] = -1;
        continue;
      }
      for (int j = 0; j < k; j++) {
        if (reach[i][j]) {
          cls[j] = next;
        }
      }
      next++;
    }
    return cls;
  }

  /** Number of recurrent classes; 1 means a unique stationary distribution. */
  public static int recurrentClassCount(double[] transition, int k) {
    int max = -1;
    for (int c : recurrentClasses(transition, k)) {
      max = Math.max(max, c);
    }
    return max + 1;
  }

  /**
   * The stationary distribution of a chain with one recurrent class.
   *
   * <p>Solves {@code pi (P - I) = 0} with {@code sum(pi) = 1} as the overdetermined system
   * {@code [P^T - I; 1^T] pi = [0; 1]} by QR least squares: the system is consistent, so the
   * least-squares solution is the exact one to rounding.
   */
  public static double[] stationary(double[] transition, int k) {
    double[][] a = new double[k + 1][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        a[i][j] = transition[j * k + i] - (i == j ? 1.0 : 0.0);
      }
    }
    java.util.Arrays.fill(a[k], 1.0);
    double[] b = new double[k + 1];
    b[k] = 1.0;
    RealVector pi = new QRDecomposition(new Array2DRowRealMatrix(a, false))
        .getSolver().solve(new ArrayRealVector(b, false));
    double[] out = pi.toArray();
    for (int i = 0; i < k; i++) {
      // Transient regimes come out as +-1e-17 rather than 0.
      out[i] = Math.max(out[i], 0.0);
    }
    return out;
  }

  /**
   * Long-run share of days in each regime starting from {@code start}, for a chain with several
   * recurrent classes: the Cesàro mean of {@code e_start P^t} over {@code steps} days.
   */
  public static double[] occupancyFrom(double[] transition, int k, int start, int steps) {
    double[] p = new double[k];
    double[] q = new double[k];
    double[] sum = new double[k];
    p[start] = 1.0;
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < k; j++) {
        sum[j] += p[j];
        q[j] = 0.0;
      }
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          q[j] += p[i] * transition[i * k + j];
        }
      }
      double[] swap = p;
      p = q;
      q = swap;
    }
    // Normalise by the accumulated total rather than by steps: rounding over many additions
    // must not leave the shares summing to 1 +- 1e-12.
    double total = 0.0;
    for (int j = 0; j < k; j++) {
      total += sum[j];
    }
    for (int j = 0; j < k; j++) {
      sum[j] /= total;
    }
    return sum;
  }

  /**
   * The next regime: an inverse-CDF draw from row {@code from} of a transition matrix.
   *
   * @param transition K x K row-major transition matrix (row = from), rows summing to 1
   * @param k number of regimes K
   * @param from current regime
   * @param u uniform in [0, 1)
   * @return the next regime, in [0, K)
   */
  public static int next(double[] transition, int k, int from, double u) {
    return inverseCdf(transition, from * k, k, u);
  }

  /**
   * A draw from a probability vector, e.g. the stationary distribution for the initial regime.
   *
   * @param probabilities probabilities summing to 1
   * @param u uniform in [0, 1)
   * @return an index into {@code probabilities}
   */
  public static int draw(double[] probabilities, double u) {
    return inverseCdf(probabilities, 0, probabilities.length, u);
  }

  private static int inverseCdf(double[] p, int off, int k, double u) {
    double cumulative = 0;
    int lastPositive = 0;
    for (int j = 0; j < k; j++) {
      double pj = p[off + j];
      if (pj > 0) {
        cumulative += pj;
        lastPositive = j;
        if (u < cumulative) {
          return j;
        }
      }
    }
    return lastPositive;
  }
}
