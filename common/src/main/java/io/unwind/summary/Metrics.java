package io.unwind.summary;

import java.util.List;

/**
 * The metric names, levels and conditions of the {@code summary} table that readers (the command
 * line, tests) look rows up by. What each metric is and how it is estimated is its entry in
 * {@link SummaryMetrics#ALL}; every name is documented in README's {@code summary} table section.
 *
 * <p>A metric name fixes what {@code level} and {@code condition} mean for its rows: the
 * unconditional metrics have {@code condition} null, so a reader selecting a metric by name never
 * mixes populations. Conditional views have their own names ({@code *_given_visited}) and say the
 * condition in the {@code condition} column.
 */
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
  /**
   * Share of paths with at least one deleveraging episode ({@code deleveraging_episodes > 0}:
   * gross closed below half its highest close of the previous ten days).
   */
  public static final String DELEVERAGING_PROB = "deleveraging_prob";
  /** Mean number of deleveraging episodes per path (level null). */
  public static final String DELEVERAGING_EPISODES_MEAN = "deleveraging_episodes_mean";
  /** Share of deleveraging episodes with more than one sale round: Σ multi-round / Σ episodes. */
  public static final String MULTI_ROUND_EPISODE_SHARE = "multi_round_episode_share";
  /** Share of everything sold that margin calls forced: Σ forced / Σ (forced + voluntary). */
  public static final String FORCED_SALE_SHARE = "forced_sale_share";
  /** Share of paths whose deepest cascade took more than 1 sale round. */
  public static final String CASCADE_GT1_PROB = "cascade_gt1_prob";
  /** Share of paths whose deepest cascade took more than 3 sale rounds. */
  public static final String CASCADE_GT3_PROB = "cascade_gt3_prob";
  /** Share of paths whose deepest cascade took more than 5 sale rounds. */
  public static final String CASCADE_GT5_PROB = "cascade_gt5_prob";
  /** Quantile of {@code forced_sales} (levels {@link #QUANTILE_LEVELS}), fraction of start equity. */
  public static final String FORCED_SALES_Q = "forced_sales_q";
  /** Quantile of {@code impact_cost}, fraction of start equity. */
  public static final String IMPACT_COST_Q = "impact_cost_q";
  /** Loss VaR among paths that visited a regime (condition {@code visited:<regime>}). */
  public static final String LOSS_VAR_GIVEN_VISITED = "loss_var_given_visited";
  /** Loss ES among paths that visited a regime (condition {@code visited:<regime>}). */
  public static final String LOSS_ES_GIVEN_VISITED = "loss_es_given_visited";
  /** Mean share of days in a regime (condition {@code regime:<name>}) over all paths. */
  public static final String REGIME_SHARE_ALL = "regime_share_all";
  /** Mean share of days in a regime over the strategy's worst 1 % of paths by loss (level 0.99). */
  public static final String REGIME_SHARE_WORST1PCT = "regime_share_worst1pct";
  /**
   * Share of levered-erc's tail loss that price impact caused: over levered-erc's worst
   * {@code (1 − level)} paths, Σ(L_levered − L_no-impact) / Σ L_levered (condition
   * {@code vs:no-impact}).
   */
  public static final String IMPACT_LOSS_SHARE = "impact_loss_share";
  /**
   * Importance sampling only: Kish's effective sample size {@code (Σ w)² / Σ w²} of the run's
   * likelihood-ratio weights (level null, no interval; the same for every strategy, whose paths
   * share their weights). Plain runs, where it would be N, have no such row.
   */
  public static final String EFFECTIVE_SAMPLE_SIZE = "effective_sample_size";
  /**
   * Importance sampling only: the mean likelihood-ratio weight {@code Σ w / N} with its normal
   * interval; 1 in expectation under any valid tilt, so an interval far from 1 flags a tilt
   * whose weights the sample cannot estimate.
   */
  public static final String MEAN_WEIGHT = "mean_weight";
  /** levered-erc − oracle-erc per path: the cost of wrong vol assumptions. */
  public static final String ATTRIBUTION_VOL_ERROR = "attribution_vol_error";
  /** levered-erc − no-impact per path: the cost of the cascade. */
  public static final String ATTRIBUTION_CASCADE = "attribution_cascade";
  /** levered-erc − unlevered-erc per path: the cost of leverage. */
  public static final String ATTRIBUTION_LEVERAGE = "attribution_leverage";
  /**
   * Suffix: mean of the part of the per-path difference earned on the regimes' drifts,
   * {@code −(drift_pnl_a − drift_pnl_b)} in loss terms: the timing of expected returns.
   */
  public static final String DRIFT_MEAN = "_drift_mean";
  /**
   * Suffix: mean of the rest of the per-path difference, total − drift part: earned on the
   * shocks (sizing for risk), with costs, impact and financing. Drift and shock parts add up to
   * the {@link #MEAN} row per path.
   */
  public static final String SHOCK_MEAN = "_shock_mean";
  /** Suffix: mean of the per-path difference with its Student-t interval (level null). */
  public static final String MEAN = "_mean";
  /** Suffix: expected shortfall of the per-path difference (levels {@link #ATTRIBUTION_LEVELS}). */
  public static final String ES = "_es";
  /** Suffix: standard error of the mean from the paired differences (level null, no interval). */
  public static final String PAIRED_SE = "_paired_se";
  /** Suffix: the standard error had the two strategies run on independent paths. */
  public static final String UNPAIRED_SE = "_unpaired_se";

  /** Condition prefix: the path spent at least one day in the named regime. */
  public static final String VISITED = "visited:";
  /** Condition prefix: the regime a share of days refers to. */
  public static final String REGIME = "regime:";
  /** Condition prefix: the strategy an attribution or share is measured against. */
  public static final String VERSUS = "vs:";

  /** The tail levels every VaR and ES is reported at. */
  public static final List<Double> TAIL_LEVELS = List.of(0.95, 0.99, 0.995, 0.999);
  /** Levels of the conditional loss tails ({@code *_given_visited}). */
  public static final List<Double> CONDITIONAL_LEVELS = List.of(0.95, 0.99);
  /** Levels of the attribution ES and of {@link #IMPACT_LOSS_SHARE}. */
  public static final List<Double> ATTRIBUTION_LEVELS = List.of(0.95, 0.99);
  /** Levels of {@link #FORCED_SALES_Q} and {@link #IMPACT_COST_Q}. */
  public static final List<Double> QUANTILE_LEVELS = List.of(0.5, 0.9, 0.99);
  /** The tail level defining "the worst 1 %" of {@link #REGIME_SHARE_WORST1PCT}. */
  public static final double WORST_LEVEL = 0.99;

  /** Confidence of every interval. */
  public static final double CONFIDENCE = 0.95;

  private Metrics() {
  }
}
