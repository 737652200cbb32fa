package io.unwind.replay;

/** Bad replay input (an option, the regime path, an episode): the message names the value and the rule. */
public final class ReplayInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReplayInputException(String message) {
    super(message);
  }
}
