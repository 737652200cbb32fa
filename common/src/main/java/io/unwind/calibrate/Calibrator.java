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
    PriceTable table = PriceCsvReader.read(request);
    ReturnSeries returns = ReturnSeries.of(table, request.frequency());
    int n = table.assetCount();
    int k = request.regimes();
    int t = returns.length();
    int needed = minimumObservations(k, n);
    if (t < needed) {
      throw new CalibrationInputException(table.source() + ": " + t + " " + request.frequency().label()
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
    for (int kk = Math.max(1, k - 1); kk <= k + 1; kk++) {
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
