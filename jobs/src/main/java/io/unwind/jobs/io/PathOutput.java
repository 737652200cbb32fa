package io.unwind.jobs.io;

import io.unwind.config.StrategyKind;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.SampleLog;
import io.unwind.sim.Trigger;
import java.io.Serializable;

/**
 * One path's kernel output copied out of the workspace into a few primitive arrays: what the
 * simulate job keeps between the kernel and the three table writes.
 *
 * <p>Why not rows: Spark sizes every cached object by walking its graph, and a path as rows is
 * about 130 small objects (boxed values, maps), as primitive columns about 20. The copy also
 * makes the cached data independent of buffers the kernel reuses for the next path.
 */
public final class PathOutput implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final StrategyKind[] KINDS = StrategyKind.values();
  private static final Trigger[] TRIGGERS = Trigger.values();

  /**
   * The {@code paths} columns held in {@link #pathDoubles}, per strategy in this order: the one
   * list the copy below and {@link RowMapper} go by.
   */
  static final String[] PATH_DOUBLE_COLUMNS = {"terminal_return", "max_drawdown",
      "realized_vol", "avg_leverage", "max_leverage", "forced_sales", "impact_cost",
      "financing_cost", "trading_cost", "shortfall", "drift_pnl", "voluntary_sales"};
  /** The {@code paths} columns held in {@link #pathInts}, per strategy in this order ({@code default_day} -1 = none). */
  static final String[] PATH_INT_COLUMNS = {"margin_calls", "deleveraging_days",
      "max_cascade_rounds", "default_day", "deleveraging_episodes", "multi_round_episodes"};
  /** The {@code events} columns held in {@link #eventDoubles}, per event in this order. */
  static final String[] EVENT_DOUBLE_COLUMNS = {"equity_before", "equity_after",
      "gross_before", "gross_after", "sold", "impact_cost"};
  /** The {@code events} columns held in {@link #eventInts}, per event in this order ({@code regime} as an index). */
  static final String[] EVENT_INT_COLUMNS = {"day", "regime", "rounds"};
  /** The {@code events} columns held in {@link #eventFlags}, per event in this order. */
  static final String[] EVENT_FLAG_COLUMNS = {"converged", "defaulted"};
  /** The {@code samples} columns held in {@link #sampleInts}, per sample in this order ({@code regime} as an index). */
  static final String[] SAMPLE_INT_COLUMNS = {"day", "regime"};
  /** The {@code samples} columns held in {@link #sampleDoubles}, per sample in this order. */
  static final String[] SAMPLE_DOUBLE_COLUMNS = {"nav", "leverage"};

  static final int PATH_DOUBLES = PATH_DOUBLE_COLUMNS.length;
  static final int PATH_INTS = PATH_INT_COLUMNS.length;
  static final int EVENT_DOUBLES = EVENT_DOUBLE_COLUMNS.length;
  static final int EVENT_INTS = EVENT_INT_COLUMNS.length;
  static final int EVENT_FLAGS = EVENT_FLAG_COLUMNS.length;
  static final int SAMPLE_INTS = SAMPLE_INT_COLUMNS.length;
  static final int SAMPLE_DOUBLES = SAMPLE_DOUBLE_COLUMNS.length;

  final long pathId;
  final byte[] strategies;
  /** Per strategy, {@link #PATH_DOUBLE_COLUMNS}. */
  final double[] pathDoubles;
  /** Per strategy, {@link #PATH_INT_COLUMNS}. */
  final int[] pathInts;
  final boolean[] defaulted;
  /** Days per regime, shared by the strategies. */
  final int[] regimeDays;
  /** The path's log likelihood ratio (importance sampling), the same for every strategy. */
  final double logWeight;

  final int eventCount;
  final byte[] eventStrategy;
  final byte[] eventTrigger;
  /** Per event, {@link #EVENT_INT_COLUMNS}. */
  final int[] eventInts;
  /** Per event, {@link #EVENT_DOUBLE_COLUMNS}. */
  final double[] eventDoubles;
  /** Per event, {@link #EVENT_FLAG_COLUMNS}. */
  final boolean[] eventFlags;

  final int sampleCount;
  final byte[] sampleStrategy;
  /** Per sample, {@link #SAMPLE_INT_COLUMNS}. */
  final int[] sampleInts;
  /** Per sample, {@link #SAMPLE_DOUBLE_COLUMNS}. */
  final double[] sampleDoubles;

  private PathOutput(long pathId, PathResult[] results, EventLog events, SampleLog samples) {
    this.pathId = pathId;
    int s = results.length;
    strategies = new byte[s];
    pathDoubles = new double[s * PATH_DOUBLES];
    pathInts = new int[s * PATH_INTS];
    defaulted = new boolean[s];
    for (int i = 0; i < s; i++) {
      PathResult r = results[i];
      strategies[i] = (byte) r.strategy().ordinal();
      // In PATH_DOUBLE_COLUMNS and PATH_INT_COLUMNS order.
      int d = i * PATH_DOUBLES;
      pathDoubles[d++] = r.terminalReturn();
      pathDoubles[d++] = r.maxDrawdown();
      pathDoubles[d++] = r.realizedVol();
      pathDoubles[d++] = r.avgLeverage();
      pathDoubles[d++] = r.maxLeverage();
      pathDoubles[d++] = r.forcedSales();
      pathDoubles[d++] = r.impactCost();
      pathDoubles[d++] = r.financingCost();
      pathDoubles[d++] = r.tradingCost();
      pathDoubles[d++] = r.shortfall();
      pathDoubles[d++] = r.driftPnl();
      pathDoubles[d] = r.voluntarySales();
      int n = i * PATH_INTS;
      pathInts[n++] = r.marginCalls();
      pathInts[n++] = r.deleveragingDays();
      pathInts[n++] = r.maxCascadeRounds();
      pathInts[n++] = r.defaultDay();
      pathInts[n++] = r.deleveragingEpisodes();
      pathInts[n] = r.multiRoundEpisodes();
      defaulted[i] = r.defaulted();
    }
    logWeight = s == 0 ? 0.0 : results[0].logWeight();
    regimeDays = s == 0 || results[0].daysPerRegime() == null ? new int[0] : results[0].daysPerRegime().clone();

    eventCount = events.size();
    eventStrategy = new byte[eventCount];
    eventTrigger = new byte[eventCount];
    eventInts = new int[eventCount * EVENT_INTS];
    eventDoubles = new double[eventCount * EVENT_DOUBLES];
    eventFlags = new boolean[eventCount * EVENT_FLAGS];
    for (int e = 0; e < eventCount; e++) {
      // In EVENT_INT_COLUMNS, EVENT_DOUBLE_COLUMNS and EVENT_FLAG_COLUMNS order.
      eventStrategy[e] = (byte) events.strategy(e).ordinal();
      eventTrigger[e] = (byte) events.trigger(e).ordinal();
      int n = e * EVENT_INTS;
      eventInts[n++] = events.day(e);
      eventInts[n++] = events.regime(e);
      eventInts[n] = events.rounds(e);
      int d = e * EVENT_DOUBLES;
      eventDoubles[d++] = events.equityBefore(e);
      eventDoubles[d++] = events.equityAfter(e);
      eventDoubles[d++] = events.grossBefore(e);
      eventDoubles[d++] = events.grossAfter(e);
      eventDoubles[d++] = events.sold(e);
      eventDoubles[d] = events.impactCost(e);
      eventFlags[e * EVENT_FLAGS] = events.converged(e);
      eventFlags[e * EVENT_FLAGS + 1] = events.defaulted(e);
    }

    sampleCount = samples.size();
    sampleStrategy = new byte[sampleCount];
    sampleInts = new int[sampleCount * SAMPLE_INTS];
    sampleDoubles = new double[sampleCount * SAMPLE_DOUBLES];
    for (int i = 0; i < sampleCount; i++) {
      // In SAMPLE_INT_COLUMNS and SAMPLE_DOUBLE_COLUMNS order.
      sampleStrategy[i] = (byte) samples.strategy(i).ordinal();
      sampleInts[i * SAMPLE_INTS] = samples.day(i);
      sampleInts[i * SAMPLE_INTS + 1] = samples.regime(i);
      sampleDoubles[i * SAMPLE_DOUBLES] = samples.nav(i);
      sampleDoubles[i * SAMPLE_DOUBLES + 1] = samples.leverage(i);
    }
  }

  /**
   * Copies one path's output.
   *
   * @param pathId the path
   * @param results its result per strategy, in the scenario's strategy order
   * @param events its events (all strategies)
   * @param samples its daily samples (empty unless sampled)
   * @return the copy; nothing in it aliases the arguments
   */
  public static PathOutput of(long pathId, PathResult[] results, EventLog events, SampleLog samples) {
    return new PathOutput(pathId, results, events, samples);
  }

  /** The path id. */
  public long pathId() {
    return pathId;
  }

  /** Number of strategies ({@code paths} rows). */
  public int strategyCount() {
    return strategies.length;
  }

  /** Number of {@code events} rows. */
  public int eventCount() {
    return eventCount;
  }

  /** Number of {@code samples} rows. */
  public int sampleCount() {
    return sampleCount;
  }

  static StrategyKind kind(byte ordinal) {
    return KINDS[ordinal];
  }

  static Trigger trigger(byte ordinal) {
    return TRIGGERS[ordinal];
  }

  /**
   * The first value of this path's output that is NaN or infinite, as "path P, strategy S:
   * table.column = V", or null when every value is finite. A run whose data holds such a value
   * must not commit: every statistic read from it would be NaN or meaningless.
   */
  public String firstNonFinite() {
    for (int i = 0; i < pathDoubles.length; i++) {
      if (!Double.isFinite(pathDoubles[i])) {
        int s = i / PATH_DOUBLES;
        return describe(strategies[s], "paths", PATH_DOUBLE_COLUMNS, i - s * PATH_DOUBLES,
            pathDoubles[i], "");
      }
    }
    for (int i = 0; i < eventDoubles.length; i++) {
      if (!Double.isFinite(eventDoubles[i])) {
        int e = i / EVENT_DOUBLES;
        return describe(eventStrategy[e], "events", EVENT_DOUBLE_COLUMNS, i - e * EVENT_DOUBLES,
            eventDoubles[i], " (day " + eventInts[e * EVENT_INTS] + ")");
      }
    }
    for (int i = 0; i < sampleDoubles.length; i++) {
      if (!Double.isFinite(sampleDoubles[i])) {
        int k = i / SAMPLE_DOUBLES;
        return describe(sampleStrategy[k], "samples", SAMPLE_DOUBLE_COLUMNS, i - k * SAMPLE_DOUBLES,
            sampleDoubles[i], " (day " + sampleInts[k * SAMPLE_INTS] + ")");
      }
    }
    return null;
  }

  private String describe(byte strategy, String table, String[] columns, int column, double value,
      String where) {
    String name = columns[column];
    return "path " + pathId + ", strategy " + kind(strategy).key() + where + ": " + table + "."
        + name + " = " + value;
  }
}
