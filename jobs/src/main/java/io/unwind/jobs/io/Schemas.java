package io.unwind.jobs.io;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Explicit Spark schemas of every table unwind writes, in column order.
 *
 * <p>Each schema lists the data columns first and the Hive partition columns last, which is the
 * order Spark reports when it reads the table back. Units live in each field's {@code comment}
 * metadata, so they travel into the Parquet footer and show in {@code DESCRIBE}. Money amounts
 * are fractions of the strategy's start equity unless the comment says otherwise.
 */
public final class Schemas {
  // Element nullability true: Parquet readers report nested values as nullable whatever was written.
  private static final DataType STRINGS = new ArrayType(DataTypes.StringType, true);

  /**
   * One row per path and strategy: the per-path outcome.
   *
   * <p>Losses and money (returns, drawdowns, sales, costs, shortfall) are doubles: they feed the
   * tail statistics and the paired attribution, where differences between strategies on one path
   * can be tiny. The three descriptive measures (realised vol and the two leverages) are float32:
   * 24 significant bits (relative resolution 6e-8) are four orders below any digit a report
   * quotes, and halving their high-entropy mantissas keeps a row within 60 bytes on disk
   * (BENCHMARKS.md, "Output size"); no summary is computed from them.
   */
  public static final StructType PATHS = new StructType(new StructField[] {
      field("path_id", DataTypes.LongType, false, "path id, 0-based; with the run seed it fixes the path's random numbers"),
      field("terminal_return", DataTypes.DoubleType, false, "equity at the horizon over start equity minus 1 (-1 after a default); loss = -terminal_return"),
      field("max_drawdown", DataTypes.DoubleType, false, "largest peak-to-trough fall of equity, fraction of the peak (0..1)"),
      field("realized_vol", DataTypes.FloatType, false, "annualised sample standard deviation of daily NAV returns (NAV over the previous close minus 1) while alive; float32 (descriptive, ~7 significant digits)"),
      field("avg_leverage", DataTypes.FloatType, false, "mean gross exposure over equity across alive days, times; float32 (descriptive, ~7 significant digits)"),
      field("max_leverage", DataTypes.FloatType, false, "largest gross exposure over equity at a day close, times; float32 (descriptive, ~7 significant digits)"),
      field("margin_calls", DataTypes.IntegerType, false, "days on which a margin call fired"),
      field("deleveraging_days", DataTypes.IntegerType, false, "days with a forced or vol-driven sale"),
      field("max_cascade_rounds", DataTypes.IntegerType, false, "most sale rounds in one day's cascade"),
      field("forced_sales", DataTypes.DoubleType, false, "notional sold under margin calls over the horizon, fraction of start equity"),
      field("impact_cost", DataTypes.DoubleType, false, "execution shortfall from price impact of the fund's own sales, fraction of start equity"),
      field("financing_cost", DataTypes.DoubleType, false, "net interest paid on borrowed cash, fraction of start equity (negative when cash earned more)"),
      field("trading_cost", DataTypes.DoubleType, false, "transaction costs (cost-bps) on all trades, fraction of start equity"),
      field("defaulted", DataTypes.BooleanType, false, "whether equity reached zero"),
      field("default_day", DataTypes.IntegerType, true, "trading day of the default, 1-based; null when none"),
      field("shortfall", DataTypes.DoubleType, false, "what liquidation left owing to lenders at default, fraction of start equity; 0 otherwise"),
      field("drift_pnl", DataTypes.DoubleType, false, "P&L earned on the regimes' drifts: exposure at each previous close times the day's mu_s dt, summed over days, fraction of start equity"),
      field("voluntary_sales", DataTypes.DoubleType, false, "notional sold by vol-driven and scheduled rebalances over the horizon, fraction of start equity"),
      field("deleveraging_episodes", DataTypes.IntegerType, false, "episodes in which gross closed below half its highest close of the previous ten days, on a day with sales (at most one per ten days)"),
      field("multi_round_episodes", DataTypes.IntegerType, false, "deleveraging episodes with more than one sale round in their ten days (a margin call counts its cascade rounds, any other day with sales one)"),
      field("regime_days", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, true), false,
          "trading days the path spent in each regime, by regime name"),
      field("log_weight", DataTypes.DoubleType, false, "log likelihood ratio log(p/q) of the path's regime path under sampling.method = importance (the path weighs exp(log_weight); the same on every strategy's row of the path); 0 under plain sampling"),
      runId(),
      strategy(),
      chunk()});

  /** One row per path, strategy and day with a forced or vol-driven sale. */
  public static final StructType EVENTS = new StructType(new StructField[] {
      field("path_id", DataTypes.LongType, false, "path id"),
      field("day", DataTypes.IntegerType, false, "trading day, 1-based"),
      field("regime", DataTypes.StringType, false, "regime name on the day"),
      field("trigger", DataTypes.StringType, false, "why the strategy sold: margin_call | vol_target | default (equity gone before any call: the rest liquidated)"),
      field("rounds", DataTypes.IntegerType, false, "sale rounds the day's cascade took"),
      field("converged", DataTypes.BooleanType, false, "false when the cascade hit max-rounds before the call was met"),
      field("equity_before", DataTypes.DoubleType, false, "equity before the sales, fraction of start equity"),
      field("equity_after", DataTypes.DoubleType, false, "equity after the sales, fraction of start equity"),
      field("gross_before", DataTypes.DoubleType, false, "gross exposure before the sales, fraction of start equity"),
      field("gross_after", DataTypes.DoubleType, false, "gross exposure after the sales, fraction of start equity"),
      field("sold", DataTypes.DoubleType, false, "notional sold that day, fraction of start equity (divide by equity_before for the share of the day's equity)"),
      field("impact_cost", DataTypes.DoubleType, false, "impact cost of the day's sales, fraction of start equity"),
      field("defaulted", DataTypes.BooleanType, false, "whether the strategy defaulted that day"),
      runId(),
      strategy(),
      chunk()});

  /** One row per sampled path, strategy and day: trajectories for fan charts. */
  public static final StructType SAMPLES = new StructType(new StructField[] {
      field("path_id", DataTypes.LongType, false, "path id (a seed-independent subset: ids divisible by sample-every)"),
      field("day", DataTypes.IntegerType, false, "trading day; 0 is the start"),
      field("regime", DataTypes.StringType, false, "regime name on the day"),
      field("nav", DataTypes.DoubleType, false, "equity over start equity"),
      field("leverage", DataTypes.DoubleType, false, "gross exposure over equity, times"),
      runId(),
      strategy(),
      chunk()});

  /** One row per run: what was run, with which config and code, and whether it finished. */
  public static final StructType RUNS = new StructType(new StructField[] {
      field("scenario", DataTypes.StringType, false, "scenario name"),
      field("description", DataTypes.StringType, true, "scenario description"),
      field("config", DataTypes.StringType, false, "resolved configuration, canonical text (sorted keys)"),
      field("config_hash", DataTypes.StringType, false, "SHA-256 hex of config"),
      field("seed", DataTypes.LongType, false, "run seed"),
      field("paths", DataTypes.LongType, false, "simulated market paths"),
      field("steps", DataTypes.IntegerType, false, "trading days per path"),
      field("assets", STRINGS, false, "asset names in config order"),
      field("regimes", STRINGS, false, "regime names in config order"),
      field("strategies", STRINGS, false, "strategy variants in config order"),
      field("chunk_paths", DataTypes.LongType, false, "paths per committed chunk (chunk c holds path ids [c*chunk_paths, (c+1)*chunk_paths))"),
      field("code_version", DataTypes.StringType, false, "unwind version that ran"),
      field("spark_version", DataTypes.StringType, false, "Spark version that ran"),
      field("started", DataTypes.TimestampType, false, "when the run started (UTC instant)"),
      field("finished", DataTypes.TimestampType, true, "when the run finished; null while running"),
      field("status", DataTypes.StringType, false, "running | complete | failed; readers use complete runs only"),
      field("attempt_id", DataTypes.StringType, true, "the attempt that wrote the run (every chunk marker names it); null in runs of older versions"),
      field("sampling", DataTypes.StringType, true, "what sampling ran: plain, or importance with its tilt (tilt=volatile | given | pilot, entry and stay multipliers, shock-shift) and the daily regime transition matrix q the paths were drawn from, rows = from, regimes in the order of the regimes column (a cross-entropy pilot's q in full precision)"),
      runId()});

  /** Long-format summary: one row per strategy, metric and level. */
  public static final StructType SUMMARY = new StructType(new StructField[] {
      field("strategy", DataTypes.StringType, false, "strategy variant"),
      field("metric", DataTypes.StringType, false, "metric name, e.g. loss_var, loss_es, default_prob (see README)"),
      field("condition", DataTypes.StringType, true, "what the row is conditional on or compared with: visited:<regime> | regime:<regime> | vs:<strategy>; null for unconditional metrics"),
      field("level", DataTypes.DoubleType, true, "confidence level of a tail metric (e.g. 0.99); null where none"),
      field("value", DataTypes.DoubleType, true, "estimate; losses and drawdowns as fractions of start equity"),
      field("ci_low", DataTypes.DoubleType, true, "lower end of the 95 % confidence interval"),
      field("ci_high", DataTypes.DoubleType, true, "upper end of the 95 % confidence interval"),
      field("n", DataTypes.LongType, false, "observations behind the estimate"),
      runId()});

  /** Distributions of per-path quantities: one row per strategy, quantity and bin. */
  public static final StructType HISTOGRAMS = new StructType(new StructField[] {
      field("strategy", DataTypes.StringType, false, "strategy variant"),
      field("quantity", DataTypes.StringType, false, "the per-path quantity, e.g. max_cascade_rounds"),
      field("bin", DataTypes.IntegerType, false, "bin index, 0-based; -1 is the underflow bin (-inf, first edge), B the overflow bin [last edge, +inf), each present only when not empty"),
      field("bin_low", DataTypes.DoubleType, false, "inclusive lower edge, in the quantity's unit (-Infinity for underflow)"),
      field("bin_high", DataTypes.DoubleType, false, "exclusive upper edge, in the quantity's unit (+Infinity for overflow)"),
      field("count", DataTypes.LongType, false, "paths in the bin"),
      field("weight", DataTypes.DoubleType, true, "importance sampling: the bin's estimated probability under the scenario, (1/N) x the sum of exp(log_weight) over the paths in the bin; null under plain sampling (count / N)"),
      runId()});

  /**
   * One row per replay episode (and the whole history) and strategy: what the strategy did over
   * that stretch of real history ({@code unwind replay}). Fractions, not percent.
   */
  public static final StructType EPISODES = new StructType(new StructField[] {
      field("episode", DataTypes.StringType, false, "episode name; 'whole' is the whole replayed history"),
      field("start", DataTypes.DateType, false, "the episode's start date as asked"),
      field("end", DataTypes.DateType, false, "the episode's end date as asked"),
      field("first_day", DataTypes.DateType, false, "first trading day inside the episode"),
      field("last_day", DataTypes.DateType, false, "last trading day inside the episode"),
      field("days", DataTypes.IntegerType, false, "trading days in the episode"),
      field("max_drawdown", DataTypes.DoubleType, false, "largest fall of NAV from its running peak inside the episode (the close before its first day included), fraction of the peak"),
      field("return", DataTypes.DoubleType, false, "NAV at the last day's close over NAV at the close before the first day, minus 1"),
      field("realized_vol", DataTypes.DoubleType, false, "annualised standard deviation of daily NAV returns in the episode"),
      field("avg_leverage", DataTypes.DoubleType, false, "mean gross exposure over equity at the day closes, times"),
      field("min_leverage", DataTypes.DoubleType, false, "smallest gross exposure over equity at a day close, times"),
      field("max_leverage", DataTypes.DoubleType, false, "largest gross exposure over equity at a day close, times"),
      field("deleveraging_days", DataTypes.IntegerType, false, "days with a forced or vol-driven sale"),
      field("forced_sales", DataTypes.DoubleType, false, "notional sold under margin calls, fraction of NAV at the episode's start"),
      field("margin_calls", DataTypes.IntegerType, false, "days on which a margin or liquidity call fired"),
      field("impact_cost", DataTypes.DoubleType, false, "price impact paid on the sale-event days (forced and vol-driven sales), fraction of NAV at the episode's start"),
      field("defaulted", DataTypes.BooleanType, false, "whether the strategy defaulted in the episode"),
      runId(),
      field("strategy", DataTypes.StringType, false, "strategy variant")});

  private Schemas() {
  }

  /** The comment (unit and meaning) of a field, or null. */
  public static String comment(StructField field) {
    return field.metadata().contains("comment") ? field.metadata().getString("comment") : null;
  }

  private static StructField runId() {
    return field("run_id", DataTypes.StringType, false, "run id (partition column)");
  }

  private static StructField strategy() {
    return field("strategy", DataTypes.StringType, false, "strategy variant (partition column)");
  }

  private static StructField chunk() {
    return field("chunk", DataTypes.IntegerType, false,
        "path-id chunk committed as one unit (partition column); see runs.chunk_paths");
  }

  private static StructField field(String name, DataType type, boolean nullable, String comment) {
    Metadata metadata = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, nullable, metadata);
  }
}
