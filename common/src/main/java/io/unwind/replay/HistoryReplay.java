package io.unwind.replay;

import io.unwind.calibrate.CalibrationInputException;
import io.unwind.calibrate.CalibrationResult;
import io.unwind.calibrate.Calibrator;
import io.unwind.calibrate.PriceTable;
import io.unwind.calibrate.ScenarioText;
import io.unwind.config.InvalidScenarioException;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.config.StrategyKind;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.PathSimulator;
import io.unwind.sim.PathWorkspace;
import io.unwind.sim.SampleLog;
import io.unwind.sim.Trigger;
import io.unwind.strategy.Ewma;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A price history prepared for the kernel: the scenario its assets and regimes resolve to, the
 * regime of every day, and the paths cut from it (the whole history, or windows).
 *
 * <p>Price row 0 is the first date of the file; the return of row r is {@code log(P_r / P_{r-1})}.
 * A path starting at row a of d days has day 0 = row a (the first book is sized there, at prices
 * 1.0) and day t = row a + t. With a warm-up of W days the returns of rows a - W + 1 .. a are not
 * traded: they only start the EWMA estimate (their equally weighted second moment, then the
 * EWMA recursion through them, the scenario's half-life), which the kernel sees as the covariance
 * of a pseudo-regime {@value #WARMUP_REGIME} on day 0. The first path starts at row W. With a
 * warm-up of 0 the estimate starts at the initial regime's true covariance, as in simulate.
 */
public final class HistoryReplay {
  /** Name of the day-0 pseudo-regime holding the warm-up estimate. */
  public static final String WARMUP_REGIME = "warm-up";

  private final PriceTable table;
  private final ReplayRequest request;
  private final ResolvedScenario whole;
  private final ResolvedScenario window;
  private final int[] rowRegime;
  private final int windows;
  private final List<String> notes;
  private final String scenarioText;

  private HistoryReplay(PriceTable table, ReplayRequest request, ResolvedScenario whole,
      ResolvedScenario window, int[] rowRegime, int windows, List<String> notes, String scenarioText) {
    this.table = table;
    this.request = request;
    this.whole = whole;
    this.window = window;
    this.rowRegime = rowRegime;
    this.windows = windows;
    this.notes = notes;
    this.scenarioText = scenarioText;
  }

  /**
   * Reads the prices, finds the regimes (fitted, or the given path), builds the scenario and
   * checks every option and episode against the history, before any path runs.
   *
   * @throws ReplayInputException or {@link CalibrationInputException} for bad input
   */
  public static HistoryReplay prepare(ReplayRequest request) {
    int warmup = request.ewmaWarmup();
    if (warmup < 0) {
      throw new ReplayInputException("--ewma-warmup " + warmup + ": must be at least 0 (trading days)");
    }
    if (request.windowDays() < 0) {
      throw new ReplayInputException("--window-days " + request.windowDays() + ": must be at least 1");
    }
    if (request.windowDays() > 0 && request.stepDays() < 1) {
      throw new ReplayInputException("--step-days " + request.stepDays() + ": must be at least 1");
    }
    PriceTable table = Calibrator.readPrices(request.prices());
    int rows = table.rowCount();
    int returns = rows - 1;
    int wholeDays = returns - warmup;
    int needed = Math.max(1, request.windowDays());
    if (wholeDays < needed) {
      throw new ReplayInputException(table.source() + ": " + returns + " daily returns ("
          + (rows > 0 ? table.dates()[0] + " to " + table.dates()[rows - 1] : "no rows")
          + ") are shorter than the warm-up of " + warmup + " days plus one "
          + (request.windowDays() > 0 ? "window of " + request.windowDays() + " days" : "traded day"));
    }
    int windows = request.windowDays() > 0 ? (wholeDays - request.windowDays()) / request.stepDays() + 1 : 0;
    // Checked before any fit: a wrong class or episode should not cost a fit's time.
    checkClasses(request, table);
    for (Episode e : request.episodes()) {
      episodeRange(table, warmup, wholeDays, e);
    }

    // Regimes: the given path, or the Viterbi path of a fit; the scenario's assets and regimes.
    String[] labels;
    String dayZeroLabel = null;
    String text;
    List<String> notes = new ArrayList<>();
    if (request.regimePath() != null) {
      Map<LocalDate, String> given = readRegimePath(request.regimePath());
      labels = new String[returns];
      for (int r = 1; r < rows; r++) {
        labels[r - 1] = given.get(table.dates()[r]);
        if (labels[r - 1] == null) {
          throw new ReplayInputException("--regime-path " + request.regimePath() + ": no regime for "
              + table.dates()[r] + ", a date of " + table.source() + " (every date after the first needs one)");
        }
      }
      dayZeroLabel = given.get(table.dates()[0]);
      String baseCovering = baseCovering(request, table, labels);
      if (baseCovering != null) {
        text = baseCovering;
        notes.add("regimes and assets from the base scenario (it has every column and every regime of "
            + request.regimePath().getFileName() + ")");
      } else {
        CalibrationResult estimated = Calibrator.fromRegimePath(table, labels, request.prices().seed());
        ScenarioText written = estimated.toScenario(request.scenarioName(), request.baseText(), request.classes());
        text = written.text();
        notes.addAll(written.notes());
      }
    } else {
      CalibrationResult fit = Calibrator.calibrate(request.prices(), false);
      labels = new String[returns];
      for (int s = 0; s < returns; s++) {
        labels[s] = fit.regimeNames()[fit.viterbiPath()[s]];
      }
      ScenarioText written = fit.toScenario(request.scenarioName(), request.baseText(), request.classes());
      text = written.text();
      notes.addAll(written.notes());
    }

    ResolvedScenario whole = load(text, request, wholeDays, 1);
    ResolvedScenario window = windows > 0 ? load(text, request, request.windowDays(), windows) : null;
    int[] rowRegime = new int[rows];
    for (int r = 1; r < rows; r++) {
      rowRegime[r] = whole.regimeIndex(labels[r - 1]);
    }
    rowRegime[0] = dayZeroLabel != null && whole.regimeIndex(dayZeroLabel) >= 0
        ? whole.regimeIndex(dayZeroLabel) : rowRegime[Math.min(1, rows - 1)];

    return new HistoryReplay(table, request, whole, window, rowRegime, windows, List.copyOf(notes), text);
  }

  /**
   * The base's own text when it already describes this history: its assets are the file's
   * columns in the file's order (ignoring case) and it has every regime of the path. Then the
   * replay uses its regimes as they are (a price file written from a simulated path replays
   * that path).
   */
  private static String baseCovering(ReplayRequest request, PriceTable table, String[] labels) {
    if (request.baseText() == null) {
      return null;
    }
    ResolvedScenario base;
    try {
      base = ScenarioLoader.loadText(request.baseText(), "base", null, Map.of());
    } catch (InvalidScenarioException e) {
      return null;
    }
    if (base.assetCount() != table.assetCount()) {
      return null;
    }
    for (int i = 0; i < base.assetCount(); i++) {
      if (!base.assetNames()[i].equalsIgnoreCase(table.assetNames()[i])) {
        return null;
      }
    }
    for (String label : labels) {
      if (base.regimeIndex(label) < 0) {
        return null;
      }
    }
    return request.baseText();
  }

  private static ResolvedScenario load(String text, ReplayRequest request, int days, int paths) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("name", quote(request.scenarioName()));
    // The runs row carries the scenario's description: say what was replayed, so the run can be redone.
    overrides.put("description", quote("Replay of " + request.prices().prices() + ": ewma-warmup "
        + request.ewmaWarmup() + (request.windowDays() > 0 ? ", windows of " + request.windowDays()
        + " days every " + request.stepDays() : ", whole history") + ", regimes "
        + (request.regimePath() != null ? "from " + request.regimePath()
        : "fitted (" + request.prices().regimes() + ", seed " + request.prices().seed() + ")")));
    overrides.put("horizon-days", Integer.toString(days));
    overrides.put("paths", Integer.toString(paths));
    try {
      return ScenarioLoader.loadText(text, request.scenarioName(), null, overrides);
    } catch (InvalidScenarioException e) {
      throw new ReplayInputException("the replay's scenario (assets and regimes from "
          + request.prices().prices() + ", other sections from the base) is not valid: "
          + String.join("; ", e.problems()));
    }
  }

  private static String quote(String s) {
    return com.typesafe.config.ConfigUtil.quoteString(s);
  }

  /** Reads a {@code date,regime} file (as {@code calibrate --viterbi} writes). */
  static Map<LocalDate, String> readRegimePath(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReplayInputException("--regime-path " + file + ": cannot read the file (" + e + ")");
    }
    Map<LocalDate, String> byDate = new HashMap<>();
    LocalDate previous = null;
    boolean header = true;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = "--regime-path " + file + " line " + (i + 1);
      String[] cells = line.split(",", -1);
      if (header) {
        header = false;
        if (cells.length != 2 || !cells[0].strip().equalsIgnoreCase("date")
            || !cells[1].strip().equalsIgnoreCase("regime")) {
          throw new ReplayInputException(where + ": '" + line + "' must be the header date,regime");
        }
        continue;
      }
      if (cells.length != 2 || cells[1].isBlank()) {
        throw new ReplayInputException(where + ": '" + line + "' must be date,regime");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(cells[0].strip());
      } catch (DateTimeParseException e) {
        throw new ReplayInputException(where + ": '" + cells[0].strip() + "' is not a date yyyy-MM-dd");
      }
      if (previous != null && !date.isAfter(previous)) {
        throw new ReplayInputException(where + ": date " + date + " is not after " + previous
            + " (dates must be unique and increasing)");
      }
      previous = date;
      byDate.put(date, cells[1].strip());
    }
    return byDate;
  }

  /** The scenario of the whole-history path (horizon = the traded days). */
  public ResolvedScenario wholeScenario() {
    return whole;
  }

  /** The scenario of one window (horizon = the window's days; paths = windows), or null without windows. */
  public ResolvedScenario windowScenario() {
    return window;
  }

  /** The scenario's HOCON text (assets and regimes of this history, other sections from the base). */
  public String scenarioText() {
    return scenarioText;
  }

  /** Notes for the user: columns left as class other, strategies left out, where regimes came from. */
  public List<String> notes() {
    return notes;
  }

  /** Number of windows (paths) with {@code --window-days}; 0 without. */
  public int windowCount() {
    return windows;
  }

  /** The date of trading day {@code day} of the whole-history path (day 0 = the first book). */
  public LocalDate wholeDate(int day) {
    return table.dates()[request.ewmaWarmup() + day];
  }

  /** The price file's column names, as the scenario's asset names. */
  public String[] assetNames() {
    return table.assetNames();
  }

  /** Regime names of events and samples: the scenario's, then {@value #WARMUP_REGIME} when there is a warm-up. */
  public String[] eventRegimeNames() {
    String[] names = whole.regimeNames();
    if (request.ewmaWarmup() == 0) {
      return names.clone();
    }
    String[] with = Arrays.copyOf(names, names.length + 1);
    with[names.length] = WARMUP_REGIME;
    return with;
  }

  /** Receives each path the replay runs, with the workspace holding its results, events and samples. */
  @FunctionalInterface
  public interface PathSink {
    void accept(long pathId, PathWorkspace ws);
  }

  /**
   * Runs the whole history as path 0, sampled every day, and reports the episodes and the whole.
   *
   * @param sink receives the path (for writing), or null
   */
  public WholeReplay runWhole(PathSink sink) {
    int days = whole.horizonDays();
    PathWorkspace ws = runPath(whole, request.ewmaWarmup(), days, 0, true);
    if (sink != null) {
      sink.accept(0, ws);
    }
    List<StrategyKind> kinds = whole.strategies();
    List<EpisodeReport> episodes = new ArrayList<>();
    for (Episode e : request.episodes()) {
      int[] range = episodeDays(e);
      episodes.add(report(e, ws, kinds, range[0], range[1]));
    }
    Episode all = new Episode("whole", wholeDate(1), wholeDate(days));
    EpisodeReport wholeReport = report(all, ws, kinds, 1, days);
    PathResult[] results = new PathResult[ws.strategyCount()];
    for (int j = 0; j < results.length; j++) {
      results[j] = ws.result(j);
    }
    return new WholeReplay(episodes, wholeReport, results);
  }

  /** Runs every window as one path (path id = window index) into {@code sink}. */
  public void runWindows(PathSink sink) {
    for (int w = 0; w < windows; w++) {
      int start = request.ewmaWarmup() + w * request.stepDays();
      PathWorkspace ws = runPath(window, start, window.horizonDays(), w, window.isSampled(w));
      sink.accept(w, ws);
    }
  }

  /** The whole-history replay: episodes, the whole, and the path's results per strategy. */
  public record WholeReplay(List<EpisodeReport> episodes, EpisodeReport whole, PathResult[] results) {
  }

  /** Runs one path of {@code days} days whose day 0 is price row {@code start}. */
  PathWorkspace runPath(ResolvedScenario scenario, int start, int days, long pathId, boolean sampled) {
    int n = scenario.assetCount();
    int warmup = request.ewmaWarmup();
    double[] p = table.prices();
    int[] regimes = new int[days + 1];
    double[] prices = new double[(days + 1) * n];
    double[] logReturns = new double[days * n];
    for (int t = 0; t <= days; t++) {
      int row = start + t;
      regimes[t] = rowRegime[row];
      for (int i = 0; i < n; i++) {
        prices[t * n + i] = p[row * n + i] / p[start * n + i];
        if (t > 0) {
          logReturns[(t - 1) * n + i] = Math.log(p[row * n + i] / p[(row - 1) * n + i]);
        }
      }
    }
    ResolvedScenario run = scenario;
    if (warmup > 0) {
      run = WarmupRegime.append(scenario, warmupCovariance(scenario, start, warmup));
      regimes[0] = scenario.regimeCount();
    }
    PathSimulator simulator = new PathSimulator(run);
    PathWorkspace ws = simulator.newWorkspace();
    ws.setMarket(regimes, prices, logReturns);
    simulator.runStrategies(pathId, ws, sampled);
    return ws;
  }

  /**
   * The annual EWMA estimate after the warm-up returns of rows {@code start - warmup + 1 ..
   * start}: started at their equally weighted second moment (zero mean, as the kernel's EWMA),
   * then the recursion through them with the scenario's half-life.
   */
  double[] warmupCovariance(ResolvedScenario scenario, int start, int warmup) {
    int n = scenario.assetCount();
    double[] p = table.prices();
    double[] cov = new double[n * n];
    double[] r = new double[n];
    int first = start - warmup + 1;
    for (int row = first; row <= start; row++) {
      dailyReturn(p, row, n, r);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          cov[i * n + j] += r[i] * r[j] / warmup;
        }
      }
    }
    double lambda = Ewma.decayForHalfLife(scenario.strategy().ewmaHalflifeDays());
    for (int row = first; row <= start; row++) {
      dailyReturn(p, row, n, r);
      Ewma.update(cov, 0, n, lambda, r);
    }
    for (int k = 0; k < cov.length; k++) {
      cov[k] *= ResolvedScenario.DAYS_PER_YEAR;
    }
    return cov;
  }

  private static void dailyReturn(double[] p, int row, int n, double[] r) {
    for (int i = 0; i < n; i++) {
      r[i] = Math.log(p[row * n + i] / p[(row - 1) * n + i]);
    }
  }

  /** The whole path's first and last trading day inside {@code e}; bad input when it lies outside the history. */
  int[] episodeDays(Episode e) {
    return episodeRange(table, request.ewmaWarmup(), whole.horizonDays(), e);
  }

  private static void checkClasses(ReplayRequest request, PriceTable table) {
    for (Map.Entry<String, String> e : request.classes().entrySet()) {
      boolean found = false;
      for (String column : table.assetNames()) {
        found |= column.equalsIgnoreCase(e.getKey().trim());
      }
      if (!found) {
        throw new ReplayInputException("--class " + e.getKey() + "=" + e.getValue() + ": "
            + table.source() + " has no column " + e.getKey() + " (ignoring case); its columns are "
            + String.join(", ", table.assetNames()));
      }
      String cls = e.getValue().trim().toLowerCase(java.util.Locale.ROOT);
      if (!List.of("equity", "bond", "credit", "commodity", "other").contains(cls)) {
        throw new ReplayInputException("--class " + e.getKey() + "=" + e.getValue()
            + ": unknown class " + e.getValue() + "; classes are equity, bond, credit, commodity, other");
      }
    }
  }

  private static int[] episodeRange(PriceTable table, int warmup, int days, Episode e) {
    LocalDate[] dates = table.dates();
    LocalDate first = dates[warmup + 1];
    LocalDate last = dates[warmup + days];
    if (e.start().isBefore(dates[warmup]) || e.end().isAfter(last) || e.start().isAfter(e.end())) {
      throw new ReplayInputException("episode " + e.name() + " (" + e.start() + " to " + e.end()
          + ") is not inside the replayed history, " + first + " to " + last + " (the first "
          + warmup + " returns of " + table.source() + " only warm up the estimate)");
    }
    int a = 1;
    while (a <= days && dates[warmup + a].isBefore(e.start())) {
      a++;
    }
    int b = days;
    while (b >= 1 && dates[warmup + b].isAfter(e.end())) {
      b--;
    }
    if (a > b) {
      throw new ReplayInputException("episode " + e.name() + " (" + e.start() + " to " + e.end()
          + ") holds no trading day of " + table.source());
    }
    return new int[] {a, b};
  }

  private EpisodeReport report(Episode e, PathWorkspace ws, List<StrategyKind> kinds, int a, int b) {
    Map<StrategyKind, StrategyOutcome> byKind = new LinkedHashMap<>();
    for (StrategyKind kind : kinds) {
      byKind.put(kind, outcome(kind, ws.samples(), ws.events(), whole.horizonDays(), a, b));
    }
    return new EpisodeReport(e, wholeDate(a), wholeDate(b), byKind);
  }

  /** One strategy over days {@code a..b} of a path sampled every day. */
  static StrategyOutcome outcome(StrategyKind kind, SampleLog samples, EventLog events, int horizon,
      int a, int b) {
    double[] nav = new double[horizon + 1];
    double[] leverage = new double[horizon + 1];
    for (int i = 0; i < samples.size(); i++) {
      if (samples.strategy(i) == kind) {
        nav[samples.day(i)] = samples.nav(i);
        leverage[samples.day(i)] = samples.leverage(i);
      }
    }
    double base = nav[a - 1];
    double peak = base;
    double drawdown = 0;
    double sum = 0;
    double sumSquares = 0;
    double sumLeverage = 0;
    double minLeverage = Double.POSITIVE_INFINITY;
    double maxLeverage = 0;
    int days = b - a + 1;
    for (int t = a; t <= b; t++) {
      peak = Math.max(peak, nav[t]);
      drawdown = Math.max(drawdown, peak > 0 ? 1.0 - nav[t] / peak : 0.0);
      double daily = nav[t - 1] > 0 ? nav[t] / nav[t - 1] - 1.0 : 0.0;
      sum += daily;
      sumSquares += daily * daily;
      sumLeverage += leverage[t];
      minLeverage = Math.min(minLeverage, leverage[t]);
      maxLeverage = Math.max(maxLeverage, leverage[t]);
    }
    double vol = 0;
    if (days > 1) {
      double mean = sum / days;
      vol = Math.sqrt(Math.max(0.0, (sumSquares - days * mean * mean) / (days - 1))
          * ResolvedScenario.DAYS_PER_YEAR);
    }
    int deleveragingDays = 0;
    int marginCalls = 0;
    double forced = 0;
    double impact = 0;
    boolean defaulted = false;
    int lastDay = -1;
    for (int i = 0; i < events.size(); i++) {
      int day = events.day(i);
      if (events.strategy(i) != kind || day < a || day > b) {
        continue;
      }
      if (day != lastDay) {
        deleveragingDays++;
        lastDay = day;
      }
      if (events.trigger(i) == Trigger.MARGIN_CALL) {
        marginCalls += events.rounds(i) > 0 ? 1 : 0;
        forced += events.sold(i) * events.equityBefore(i);
      }
      impact += events.impactCost(i);
      defaulted |= events.defaulted(i);
    }
    return new StrategyOutcome(kind, drawdown, base > 0 ? nav[b] / base - 1.0 : -1.0, vol,
        sumLeverage / days, minLeverage, maxLeverage, deleveragingDays,
        base > 0 ? forced / base : 0.0, marginCalls, base > 0 ? impact / base : 0.0, defaulted, days);
  }
}
