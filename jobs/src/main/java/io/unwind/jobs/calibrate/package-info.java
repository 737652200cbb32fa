/**
 * The file side of {@code unwind calibrate}: finding and reading the base scenario, planning and
 * writing the three output files.
 *
 * <p>The fitting itself lives in {@code io.unwind.calibrate} (common). Everything here runs on the
 * driver; no Spark. Bad input raises {@link io.unwind.calibrate.CalibrationInputException}, which
 * the command maps to exit code 2 before anything is written.
 */
package io.unwind.jobs.calibrate;
