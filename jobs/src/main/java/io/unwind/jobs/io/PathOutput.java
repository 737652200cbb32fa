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

  /** Doubles per strategy in {@link #pathDoubles}. */
  static final int PATH_DOUBLES = 12;
  /** Ints per strategy in {@link #pathInts}. */
  static final int PATH_INTS = 6;
  static final int EVENT_DOUBLES = 6;
  static final int EVENT_INTS = 3;

  final long pathId;
  final byte[] strategies;
  /** Per strategy: terminal_return, max_drawdown, realized_vol, avg_leverage, max_leverage,
   *  forced_sales, impact_cost, financing_cost, trading_cost, shortfall, drift_pnl,
   *  voluntary_sales. */
  final double[] pathDoubles;
  /** Per strategy: margin_calls, deleveraging_days, max_cascade_rounds, default_day (-1 = none),
   *  deleveraging_episodes, multi_round_episodes. */
  final int[] pathInts;
  final boolean[] defaulted;
  /** Days per regime, shared by the strategies. */
  final int[] regimeDays;
  /** The path's log likelihood ratio (importance sampling), the same for every strategy. */
  final double logWeight;

  final int eventCount;
  final byte[] eventStrategy;
  final byte[] eventTrigger;
  /** Per event: day, regime, rounds. */
  final int[] eventInts;
  /** Per event: equity_before, equity_after, gross_before, gross_after, sold, impact_cost. */
  final double[] eventDoubles;
  /** Per event: converged, defaulted. */
  final boolean[] eventFlags;

  final int sampleCount;
  final byte[] sampleStrategy;
  /** Per sample: day, regime. */
  final int[] sampleInts;
  /** Per sample: nav, leverage. */
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
      int d = i * PATH_DOUBLES;
      pathDoubles[d] = r.terminalReturn();
      pathDoubles[d + 1] = r.maxDrawdown();
      pathDoubles[d + 2] = r.realizedVol();
      pathDoubles[d + 3] = r.avgLeverage();
      pathDoubles[d + 4] = r.maxLeverage();
      pathDoubles[d + 5] = r.forcedSales();
      pathDoubles[d + 6] = r.impactCost();
      pathDoubles[d + 7] = r.financingCost();
      pathDoubles[d + 8] = r.tradingCost();
      pathDoubles[d + 9] = r.shortfall();
      pathDoubles[d + 10] = r.driftPnl();
      pathDoubles[d + 11] = r.voluntarySales();
      int n = i * PATH_INTS;
      pathInts[n] = r.marginCalls();
      pathInts[n + 1] = r.deleveragingDays();
      pathInts[n + 2] = r.maxCascadeRounds();
      pathInts[n + 3] = r.defaultDay();
      pathInts[n + 4] = r.deleveragingEpisodes();
      pathInts[n + 5] = r.multiRoundEpisodes();
      defaulted[i] = r.defaulted();
    }
    logWeight = s == 0 ? 0.0 : results[0].logWeight();
    regimeDays = s == 0 || results[0].daysPerRegime() == null ? new int[0] : results[0].daysPerRegime().clone();

    eventCount = events.size();
    eventStrategy = new byte[eventCount];
    eventTrigger = new byte[eventCount];
    eventInts = new int[eventCount * EVENT_INTS];
    eventDoubles = new double[eventCount * EVENT_DOUBLES];
    eventFlags = new boolean[eventCount * 2];
    for (int e = 0; e < eventCount; e++) {
      eventStrategy[e] = (byte) events.strategy(e).ordinal();
      eventTrigger[e] = (byte) events.trigger(e).ordinal();
      eventInts[e * EVENT_INTS] = events.day(e);
      eventInts[e * EVENT_INTS + 1] = events.regime(e);
      eventInts[e * EVENT_INTS + 2] = events.rounds(e);
      int d = e * EVENT_DOUBLES;
      eventDoubles[d] = events.equityBefore(e);
      eventDoubles[d + 1] = events.equityAfter(e);
      eventDoubles[d + 2] = events.grossBefore(e);
      eventDoubles[d + 3] = events.grossAfter(e);
      eventDoubles[d + 4] = events.sold(e);
      eventDoubles[d + 5] = events.impactCost(e);
      eventFlags[e * 2] = events.converged(e);
      eventFlags[e * 2 + 1] = events.defaulted(e);
    }

    sampleCount = samples.size();
    sampleStrategy = new byte[sampleCount];
    sampleInts = new int[sampleCount * 2];
    sampleDoubles = new double[sampleCount * 2];
    for (int i = 0; i < sampleCount; i++) {
      sampleStrategy[i] = (byte) samples.strategy(i).ordinal();
      sampleInts[i * 2] = samples.day(i);
      sampleInts[i * 2 + 1] = samples.regime(i);
      sampleDoubles[i * 2] = samples.nav(i);
      sampleDoubles[i * 2 + 1] = samples.leverage(i);
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

  /** Names of the {@link #pathDoubles} of a strategy, in order (the {@code paths} columns). */
  private static final String[] PATH_DOUBLE_COLUMNS = {"terminal_return", "max_drawdown",
      "realized_vol", "avg_leverage", "max_leverage", "forced_sales", "impact_cost",
      "financing_cost", "trading_cost", "shortfall", "drift_pnl", "voluntary_sales"};
  private static final String[] EVENT_DOUBLE_COLUMNS = {"equity_before", "equity_after",
      "gross_before", "gross_after", "sold", "impact_cost"};
  private static final String[] SAMPLE_DOUBLE_COLUMNS = {"nav", "leverage"};

  /**
   * The first value of this path's output that is NaN or infinite, as "path P, strategy S:
   * table.column = V", or null when every value is finite. A run whose data holds such a value
   * must not commit: every statistic read from it would be NaN or meaningless.
   */
  public String firstNonFinite() {
    int perStrategy = strategies.length == 0 ? 0 : pathDoubles.length / strategies.length;
    for (int i = 0; i < pathDoubles.length; i++) {
      if (!Double.isFinite(pathDoubles[i])) {
        int s = i / perStrategy;
        return describe(strategies[s], "paths", PATH_DOUBLE_COLUMNS, i - s * perStrategy,
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
        int k = i / 2;
        return describe(sampleStrategy[k], "samples", SAMPLE_DOUBLE_COLUMNS, i - k * 2,
            sampleDoubles[i], " (day " + sampleInts[k * 2] + ")");
      }
    }
    return null;
  }

  private String describe(byte strategy, String table, String[] columns, int column, double value,
      String where) {
    String name = column < columns.length ? columns[column] : "double #" + column;
    return "path " + pathId + ", strategy " + kind(strategy).key() + where + ": " + table + "."
        + name + " = " + value;
  }
}
