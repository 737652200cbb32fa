/**
 * Strategy numerics: EWMA covariance estimation, the covariance guard, the equal-risk-contribution
 * solver, portfolio risk measures, and the {@code unwind explain} report.
 */
package io.unwind.strategy;
