package io.unwind.config;

import java.util.List;

/**
 * A scenario that cannot be run, with every problem found in it.
 *
 * <p>Each problem names the key, the offending value and the rule it breaks, e.g.
 * {@code regimes.calm.corr: entry [0][2] = 1.3 must lie in [-1, 1]}. The message lists them, one
 * per line, so a user fixes them all in one round.
 */
public final class InvalidScenarioException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** An exception carrying {@code problems}, which must not be empty. */
  public InvalidScenarioException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid scenario needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order they were found. */
  public List<String> problems() {
    return problems;
  }
}
