package io.unwind.calibrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibrates regimes from a price file: the single entry point the command line calls.
 *
 * <p>Reads the CSV ({@link PriceCsvReader}), takes log returns at the requested frequency, fits a
 * K-state Gaussian HMM by Baum–Welch from several seeded starts ({@link BaumWelch}), fits K−1 (when
 * at least 1) and K+1 regimes too for BIC, orders the regimes from calmest to most volatile and
 * decodes the most likely path. Runs on the driver; a few thousand rows take well under a second.
 */
public final class Calibrator {

  /** Observations required per free parameter of one regime; see {@link #minimumObservations}. */
  static final int OBSERVATIONS_PER_PARAMETER = 5;

  private Calibrator() {
  }

  /**
   * Reads the CSV, fits the HMM, orders regimes.
   *
   * @throws CalibrationInputException for bad input: a missing file, a malformed or non-positive
   *     cell, unparseable or unsorted dates, fewer than two assets, too few rows for K regimes, an
   *     asset whose price never changes; the message names the file, line/column, value and rule
   */
  public static CalibrationResult calibrate(CalibrationRequest request) {
    return calibrate(request, true);
  }

  /**
   * As {@link #calibrate(CalibrationRequest)}; without {@code scoreNeighbours} only the K-regime
   * model is fitted and scored (replay needs its Viterbi path, not the BIC of K−1 and K+1, which
   * take two thirds of the time).
   */
  public static CalibrationResult calibrate(CalibrationRequest request, boolean scoreNeighbours) {
    PriceTable table = PriceCsvReader.read(request);
    ReturnSeries returns = ReturnSeries.of(table, request.frequency());
    int n = table.assetCount();
    int k = request.regimes();
    int t = returns.length();
    int needed = minimumObservations(k, n);
    if (t < needed) {
      throw new CalibrationInputException(table.source() + ": " + t + " " + request.frequency().key()
          + " returns from " + table.rowCount() + " usable rows" + droppedNote(table)
          + "; " + k + " regime" + (k == 1 ? "" : "s") + " of " + n + " assets need at least "
          + needed + " (" + OBSERVATIONS_PER_PARAMETER + " x K x (n + n(n+1)/2 + K): "
          + OBSERVATIONS_PER_PARAMETER + " observations per free parameter of each regime)");
    }
    double[] sd = BaumWelch.standardDeviations(returns.values(), n);
    for (int j = 0; j < n; j++) {
      if (!(sd[j] > 0)) {
        throw new CalibrationInputException(table.source() + ": asset '" + table.columns()[j]
            + "' never changes price over " + table.rowCount() + " rows; a constant price has no "
            + "volatility to fit (remove the column)");
      }
    }

    HmmFit fit = fit(returns, k, request);
    List<ModelScore> scores = new ArrayList<>();
    int lowest = scoreNeighbours ? Math.max(1, k - 1) : k;
    int highest = scoreNeighbours ? k + 1 : k;
    for (int kk = lowest; kk <= highest; kk++) {
      HmmFit f = kk == k ? fit : fit(returns, kk, request);
      scores.add(ModelScore.of(f, t, t >= minimumObservations(kk, n)));
    }
    HmmParameters ordered = fit.parameters().orderedByVolatility();
    int[] path = BaumWelch.viterbi(ordered, returns.values());
    return new CalibrationResult(table.source(), request.frequency(), table.columns(),
        table.assetNames(), regimeNames(k), returns.dates(), ordered, fit, path, List.copyOf(scores),
        table.rowsRead(), table.rowsDropped(), table.valuesFilled(), request.seed(),
        request.tolerance());
  }

  /**
   * Reads and checks the price file of {@code request} without fitting anything (replay reads the
   * history with the same rules and messages as a calibration).
   *
   * @throws CalibrationInputException for bad input, as {@link #calibrate}
   */
  public static PriceTable readPrices(CalibrationRequest request) {
    return PriceCsvReader.read(request);
  }

  /**
   * A regime model read off a given regime path instead of fitted: each regime's mean and
   * covariance are the sample moments of the returns labelled with it, its transitions the
   * counted moves of the path ({@code replay --regime-path}). Regimes are ordered calmest first,
   * as a fit's.
   *
   * @param table the prices, read by {@link #readPrices}
   * @param labels the regime name of every return (length {@code rows - 1}), in date order
   * @throws CalibrationInputException when a regime has too few days for its covariance
   *     (fewer than n + 1), or its covariance is singular
   */
  public static CalibrationResult fromRegimePath(PriceTable table, String[] labels, long seed) {
    ReturnSeries returns = ReturnSeries.of(table, Frequency.DAILY);
    int n = table.assetCount();
    int t = returns.length();
    java.util.List<String> names = new ArrayList<>(new java.util.TreeSet<>(java.util.Arrays.asList(labels)));
    int k = names.size();
    int[] state = new int[t];
    double[] count = new double[k];
    double[] mean = new double[k * n];
    double[] cov = new double[k * n * n];
    double[] moves = new double[k * k];
    double[] initial = new double[k];
    for (int s = 0; s < t; s++) {
      state[s] = names.indexOf(labels[s]);
      count[state[s]]++;
      for (int i = 0; i < n; i++) {
        mean[state[s] * n + i] += returns.values()[s * n + i];
      }
      if (s > 0) {
        moves[state[s - 1] * k + state[s]]++;
      }
    }
    initial[state[0]] = 1.0;
    for (int r = 0; r < k; r++) {
      if (count[r] < n + 1) {
        throw new CalibrationInputException("regime " + names.get(r) + " labels " + (int) count[r]
            + " returns of " + table.source() + "; its covariance of " + n + " assets needs at least "
            + (n + 1));
      }
      for (int i = 0; i < n; i++) {
        mean[r * n + i] /= count[r];
      }
    }
    for (int s = 0; s < t; s++) {
      int r = state[s];
      for (int i = 0; i < n; i++) {
        double di = returns.values()[s * n + i] - mean[r * n + i];
        for (int j = 0; j < n; j++) {
          cov[(r * n + i) * n + j] += di * (returns.values()[s * n + j] - mean[r * n + j]) / (count[r] - 1);
        }
      }
    }
    double[] transition = new double[k * k];
    for (int r = 0; r < k; r++) {
      double leaving = 0;
      for (int j = 0; j < k; j++) {
        leaving += moves[r * k + j];
      }
      for (int j = 0; j < k; j++) {
        transition[r * k + j] = leaving > 0 ? moves[r * k + j] / leaving : (j == r ? 1.0 : 0.0);
      }
    }
    HmmParameters raw = new HmmParameters(k, n, initial, transition, mean, cov);
    HmmParameters ordered = raw.orderedByVolatility();
    int[] order = raw.calmToVolatileOrder();
    String[] orderedNames = new String[k];
    int[] rank = new int[k];
    for (int r = 0; r < k; r++) {
      orderedNames[r] = names.get(order[r]);
      rank[order[r]] = r;
    }
    int[] path = new int[t];
    for (int s = 0; s < t; s++) {
      path[s] = rank[state[s]];
    }
    HmmFit fit = new HmmFit(raw, Double.NaN, new double[] {Double.NaN}, new double[] {Double.NaN},
        0, true, 0, 1);
    return new CalibrationResult(table.source(), Frequency.DAILY, table.columns(),
        table.assetNames(), orderedNames, returns.dates(), ordered, fit, path, List.of(),
        table.rowsRead(), table.rowsDropped(), table.valuesFilled(), seed, 0.0);
  }

  /**
   * Fewest returns accepted for K regimes of n assets: {@code 5 K (n + n(n+1)/2 + K)}.
   *
   * <p>Each regime has n means, n(n+1)/2 covariances and K transition probabilities; asking for
   * five observations per such parameter keeps every regime's covariance estimable when its share
   * of time is near 1/K. (Ten per parameter would reject the 794 weekly returns of the reference
   * six-asset, three-regime fit in DESIGN.md, which needs 450 under this rule.) It is a floor, not a
   * guarantee: a rare regime can still be thinly observed, which the report's shares show.
   */
  public static int minimumObservations(int regimes, int assets) {
    return OBSERVATIONS_PER_PARAMETER * regimes * (assets + assets * (assets + 1) / 2 + regimes);
  }

  /** Names by calm-to-volatile rank: calm, crisis (K = 2); calm, stressed, crisis (K = 3); else regime-N. */
  public static String[] regimeNames(int regimes) {
    if (regimes == 2) {
      return new String[] {"calm", "crisis"};
    }
    if (regimes == 3) {
      return new String[] {"calm", "stressed", "crisis"};
    }
    String[] names = new String[regimes];
    for (int i = 0; i < regimes; i++) {
      names[i] = "regime-" + (i + 1);
    }
    return names;
  }

  private static HmmFit fit(ReturnSeries returns, int regimes, CalibrationRequest request) {
    return BaumWelch.fit(returns.values(), returns.assets(), regimes, request.starts(),
        request.seed(), request.tolerance(), request.maxIterations());
  }

  private static String droppedNote(PriceTable table) {
    return table.rowsDropped() == 0 ? "" : " (" + table.rowsDropped() + " dropped for missing values)";
  }
}
