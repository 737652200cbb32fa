package io.unwind.calibrate;

/**
 * Bad calibration input: a missing or malformed price file, an impossible option, or data that
 * cannot support the requested model.
 *
 * <p>The message names the file, the line and column where there is one, the offending value and
 * the rule it breaks, so a user can fix the input without reading code. The command line maps this
 * exception to exit code 2 and writes nothing.
 */
public final class CalibrationInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the input, the value and the rule. */
  public CalibrationInputException(String message) {
    super(message);
  }

  /** Creates the exception with its underlying cause (e.g. an I/O error reading the file). */
  public CalibrationInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
