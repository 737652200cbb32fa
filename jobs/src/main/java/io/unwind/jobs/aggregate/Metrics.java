package io.unwind.jobs.aggregate;

import java.util.List;

/** The metric names and levels of the {@code summary} table (DESIGN.md's contract). */
public final class Metrics {
  /** Value at risk of horizon loss ({@code -terminal_return}), fraction of start equity. */
  public static final String LOSS_VAR = "loss_var";
  /** Expected shortfall of horizon loss. */
  public static final String LOSS_ES = "loss_es";
  /** Value at risk of max drawdown. */
  public static final String DRAWDOWN_VAR = "drawdown_var";
  /** Expected shortfall of max drawdown. */
  public static final String DRAWDOWN_ES = "drawdown_es";
  /** Share of paths that defaulted (level null). */
  public static final String DEFAULT_PROB = "default_prob";
  /** Share of paths with at least one margin call (level null). */
  public static final String MARGIN_CALL_PROB = "margin_call_prob";

  /** The tail levels every VaR and ES is reported at. */
  public static final List<Double> TAIL_LEVELS = List.of(0.95, 0.99, 0.995, 0.999);

  /** Confidence of every interval. */
  public static final double CONFIDENCE = 0.95;

  private Metrics() {
  }
}
