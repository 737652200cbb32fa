package io.unwind.calibrate;

/**
 * How well a K-regime model fits the same returns, for choosing K by BIC.
 *
 * @param regimes number of regimes K
 * @param freeParameters free parameters p (see {@link HmmParameters#freeParameters(int, int)})
 * @param logLikelihood maximised log-likelihood
 * @param bic Bayesian information criterion {@code -2 logL + p ln T} (Schwarz 1978,
 *     doi:10.1214/aos/1176344136); lower is better
 * @param converged whether EM met the tolerance before the iteration cap
 * @param enoughData whether T meets {@link Calibrator#minimumObservations(int, int)} for this K
 */
public record ModelScore(
    int regimes, int freeParameters, double logLikelihood, double bic, boolean converged,
    boolean enoughData) {

  /** Scores a fit of {@code observations} returns. */
  static ModelScore of(HmmFit fit, int observations, boolean enoughData) {
    int p = fit.parameters().freeParameters();
    double bic = -2 * fit.logLikelihood() + p * Math.log(observations);
    return new ModelScore(fit.parameters().regimes(), p, fit.logLikelihood(), bic, fit.converged(),
        enoughData);
  }
}
