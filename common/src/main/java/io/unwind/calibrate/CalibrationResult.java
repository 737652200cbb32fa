package io.unwind.calibrate;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A calibrated regime model with everything needed to write it out.
 *
 * <p>{@code parameters} are per period of {@code frequency}, regimes already ordered from calmest
 * to most volatile and named by {@code regimeNames}; the accessors convert to the scenario file's
 * annual and trading-day units. Arrays are shared, not copied; treat them as read-only.
 *
 * @param source the price file, as given
 * @param frequency frequency of the fitted returns
 * @param columns asset columns' header text
 * @param assetNames asset names as the header spells them (see {@code PriceCsvReader#sanitise}), in file order
 * @param regimeNames regime names, calmest first
 * @param dates the date each return ends on
 * @param parameters fitted model, ordered calm to volatile, per period
 * @param fit the raw fit (EM's regime order, traces, convergence)
 * @param viterbiPath most likely ordered regime per observation
 * @param scores fits for K−1 (when &ge; 1), K and K+1 regimes, by K
 * @param rowsRead data rows in the file
 * @param rowsDropped rows dropped for missing values
 * @param valuesFilled cells forward-filled
 * @param seed seed of the random starts
 * @param tolerance EM tolerance per observation
 */
public record CalibrationResult(
    String source,
    Frequency frequency,
    String[] columns,
    String[] assetNames,
    String[] regimeNames,
    LocalDate[] dates,
    HmmParameters parameters,
    HmmFit fit,
    int[] viterbiPath,
    List<ModelScore> scores,
    int rowsRead,
    int rowsDropped,
    int valuesFilled,
    long seed,
    double tolerance) {

  /**
   * Transition probabilities this close to 1 count as "never leaves": the expected stay would
   * exceed a billion periods, which no history can support.
   */
  static final double ABSORBING = 1e-9;

  /** The written scenario's comment on fitted means; {@code --means premia} replaces it. */
  public static final String IN_SAMPLE_MEANS_NOTE =
      "# Means are in-sample estimates: set simulation means by judgement.";

  /** Number of regimes, K. */
  public int regimeCount() {
    return regimeNames.length;
  }

  /** Number of assets, n. */
  public int assetCount() {
    return assetNames.length;
  }

  /** Number of fitted returns, T. */
  public int observations() {
    return dates.length;
  }

  /** Log-likelihood of the returns under the fitted model (data units). */
  public double logLikelihood() {
    return fit.logLikelihood();
  }

  /**
   * Log-likelihood at the start of every EM iteration of the best start, ending at
   * {@link #logLikelihood()}. Non-decreasing up to rounding: EM is exactly monotone in the
   * penalised objective ({@link HmmFit#objectiveTrace()}), which differs from it only by the
   * covariance ridge's small, slowly changing term.
   */
  public double[] logLikelihoodTrace() {
    return fit.logLikelihoodTrace().clone();
  }

  /** Annual drift of log returns in regime {@code k}: per-period mean × periods per year. */
  public double[] annualMean(int k) {
    int n = assetCount();
    double[] mu = new double[n];
    for (int j = 0; j < n; j++) {
      mu[j] = parameters.mean()[k * n + j] * frequency.periodsPerYear();
    }
    return mu;
  }

  /**
   * The same fit with other annual drifts of log returns ({@code [regime][asset]}, e.g. from
   * {@link PremiaMeans}); everything else, including the Viterbi path and scores, unchanged.
   */
  public CalibrationResult withAnnualMeans(double[][] annualMeans) {
    int n = assetCount();
    double[] mean = new double[regimeCount() * n];
    for (int k = 0; k < regimeCount(); k++) {
      for (int j = 0; j < n; j++) {
        mean[k * n + j] = annualMeans[k][j] / frequency.periodsPerYear();
      }
    }
    HmmParameters p = new HmmParameters(parameters.regimes(), parameters.assets(),
        parameters.initial(), parameters.transition(), mean, parameters.covariance());
    return new CalibrationResult(source, frequency, columns, assetNames, regimeNames, dates, p, fit,
        viterbiPath, scores, rowsRead, rowsDropped, valuesFilled, seed, tolerance);
  }

  /** Annual volatility in regime {@code k}: per-period vol × sqrt(periods per year). */
  public double[] annualVol(int k) {
    int n = assetCount();
    double[] vol = new double[n];
    for (int j = 0; j < n; j++) {
      vol[j] = parameters.volatility(k, j) * Math.sqrt(frequency.periodsPerYear());
    }
    return vol;
  }

  /** Correlation matrix of regime {@code k}, row-major n x n. */
  public double[] correlation(int k) {
    return parameters.correlation(k);
  }

  /**
   * Expected stay in regime {@code k} in trading days: {@code 1 / (1 - p_kk)} periods times the
   * trading days per period; infinite when the regime never leaves.
   */
  public double expectedDays(int k) {
    double leave = 1.0 - parameters.transition(k, k);
    if (leave < ABSORBING) {
      return Double.POSITIVE_INFINITY;
    }
    return frequency.tradingDaysPerPeriod() / leave;
  }

  /** Where regime {@code k} goes when it leaves: off-diagonal row entries normalised to sum to 1. */
  public double[] exitWeights(int k) {
    int m = regimeCount();
    double[] w = new double[m];
    double sum = 0;
    for (int j = 0; j < m; j++) {
      if (j != k) {
        w[j] = parameters.transition(k, j);
        sum += w[j];
      }
    }
    for (int j = 0; j < m; j++) {
      w[j] = sum > 0 ? w[j] / sum : 0.0;
    }
    return w;
  }

  /** Share of observations the Viterbi path assigns to each regime. */
  public double[] viterbiShare() {
    double[] share = new double[regimeCount()];
    for (int s : viterbiPath) {
      share[s] += 1.0 / viterbiPath.length;
    }
    return share;
  }

  /**
   * A complete HOCON scenario: {@code name}, {@code description}, {@code assets} and
   * {@code regimes} (annualised {@code mean}, {@code vol}, {@code corr}, {@code expected-days},
   * {@code exits}, {@code dof = 0}, {@code funding-spread} from the base or a default), and every
   * other top-level section copied from {@code baseText}.
   *
   * @param scenarioName the scenario's {@code name}
   * @param baseText a base scenario's HOCON text, already parsed to the point where includes are
   *     inlined (e.g. {@code ConfigFactory.parseFile(f).root().render()}); {@code null} = write
   *     only name, description, assets and regimes
   * @throws CalibrationInputException when the base text is not HOCON, or a regime never leaves
   *     (its expected stay cannot be written)
   */
  public String toScenarioHocon(String scenarioName, String baseText) {
    return toScenario(scenarioName, baseText, java.util.Map.of()).text();
  }

  /**
   * As {@link #toScenarioHocon}, with the classes of columns given ({@code --class}) and the notes
   * the writer made (assets left as {@code other}, strategies left out and how to keep them).
   *
   * @param classes class by column name (matched ignoring case): {@code equity}, {@code bond},
   *     {@code credit}, {@code commodity} or {@code other}; overrides the base's class
   * @throws CalibrationInputException also for a name that is not a column or an unknown class
   */
  public ScenarioText toScenario(String scenarioName, String baseText, java.util.Map<String, String> classes) {
    return ScenarioWriter.write(this, scenarioName, baseText, classes);
  }

  /**
   * A text report: data used, log-likelihood, BIC for K−1, K, K+1, then per regime the annual
   * vols, expected stay (trading days), share of time (stationary and Viterbi), correlations and
   * the transition matrix.
   */
  public String report() {
    return CalibrationReport.render(this);
  }

  /** The most likely regime per observation as CSV: header {@code date,regime}, one row per return. */
  public String viterbiCsv() {
    StringBuilder out = new StringBuilder(dates.length * 20);
    out.append("date,regime\n");
    for (int s = 0; s < dates.length; s++) {
      out.append(dates[s]).append(',').append(regimeNames[viterbiPath[s]]).append('\n');
    }
    return out.toString();
  }

  /** "K-state Gaussian HMM on T daily log returns, first to last" — shared by the report and the file. */
  String summaryLine() {
    return String.format(Locale.ROOT, "%d-state Gaussian HMM (full covariances) on %d %s log returns, %s to %s",
        regimeCount(), observations(), frequency.key(), dates[0], dates[dates.length - 1]);
  }
}
