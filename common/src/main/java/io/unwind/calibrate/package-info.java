/**
 * Calibrating market regimes from price history: a multivariate Gaussian hidden Markov model
 * fitted by Baum–Welch, ordered from calmest to most volatile, written as a scenario file.
 *
 * <p>{@link io.unwind.calibrate.Calibrator#calibrate(CalibrationRequest)} is the single entry
 * point: it reads a CSV of prices ({@link io.unwind.calibrate.PriceCsvReader}), turns it into log
 * returns, fits the model ({@link io.unwind.calibrate.BaumWelch}) and returns a
 * {@link io.unwind.calibrate.CalibrationResult} that renders the scenario HOCON, a text report and
 * the Viterbi path. Bad input raises {@link io.unwind.calibrate.CalibrationInputException}, which
 * the command line maps to exit code 2. {@link io.unwind.calibrate.BaseScenario} finds and reads
 * the base scenario a calibration keeps its non-market keys from, and
 * {@link io.unwind.calibrate.CalibrationOutputs} plans and writes the three output files.
 * Everything here runs on the driver; no Spark.
 */
package io.unwind.calibrate;
