package io.unwind.calibrate;

/**
 * The best of several Baum–Welch runs.
 *
 * @param parameters fitted parameters, in the units of the observations, regimes in EM's order
 * @param logLikelihood log-likelihood of the observations under {@code parameters}
 * @param logLikelihoodTrace log-likelihood at the start of every EM iteration of the best start;
 *     the last entry is {@code logLikelihood}
 * @param objectiveTrace what EM maximises at each iteration: the log-likelihood plus the
 *     covariance prior's log density (see {@link BaumWelch}); never decreases
 * @param iterations EM iterations of the best start (M-steps taken)
 * @param converged whether the best start stopped by the tolerance rather than the iteration cap
 * @param bestStart index of the best start (0-based)
 * @param starts number of starts run
 */
public record HmmFit(
    HmmParameters parameters,
    double logLikelihood,
    double[] logLikelihoodTrace,
    double[] objectiveTrace,
    int iterations,
    boolean converged,
    int bestStart,
    int starts) {
}
