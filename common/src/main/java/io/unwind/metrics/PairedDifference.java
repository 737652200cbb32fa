package io.unwind.metrics;

/**
 * Attribution of strategy A against strategy B on common random numbers: the per-path difference
 * {@code D = L_A − L_B} of their losses.
 *
 * @param mean mean of D with its 95 % Student-t interval (standard error from the paired sample)
 * @param tail VaR and expected shortfall of D with their 95 % intervals ({@link TailLevels})
 * @param pairedStandardError {@code sd(D)/√N}
 * @param unpairedStandardError {@code sqrt(Var(L_A)/N + Var(L_B)/N)}: what the standard error of
 *     the mean difference would be had A and B been run on independent paths
 * @param meanA mean loss of A
 * @param meanB mean loss of B
 * @param n number of paths
 */
public record PairedDifference(
    MeanEstimate mean,
    TailEstimates tail,
    double pairedStandardError,
    double unpairedStandardError,
    double meanA,
    double meanB,
    long n) {

  /** Validates that the parts are present and {@code n} is positive. */
  public PairedDifference {
    if (mean == null || tail == null) {
      throw new IllegalArgumentException("Cannot build a paired difference without mean and tail");
    }
    if (n < 1) {
      throw new IllegalArgumentException("Cannot set n to " + n + ", the value must be positive");
    }
  }

  /**
   * How many times fewer paths the paired design needs for the same precision of the mean:
   * {@code (unpaired SE / paired SE)²}; +∞ when the paired SE is zero.
   */
  public double varianceReduction() {
    double ratio = unpairedStandardError / pairedStandardError;
    return ratio * ratio;
  }
}
