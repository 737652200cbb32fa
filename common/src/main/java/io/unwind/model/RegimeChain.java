package io.unwind.model;

/**
 * Draws of the Markov regime chain by inverse CDF. Stateless and allocation-free.
 *
 * <p>Both methods return the first state whose cumulative probability exceeds {@code u}; if
 * round-off leaves the row summing to slightly less than {@code u}, the last state with positive
 * probability is returned, so a zero-probability state is never drawn.
 */
public final class RegimeChain {
  private RegimeChain() {
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
