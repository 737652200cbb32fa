package io.unwind.config;

import io.unwind.model.RegimeChain;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A validated scenario resolved into the flat form the path kernel wants.
 *
 * <p>Produced once on the driver by {@code ScenarioLoader}, broadcast to executors and never
 * modified: the arrays are shared, not copied, so callers must treat them as read-only.
 * Per-asset vectors have length {@code n = assetCount()}; per-regime blocks are stored regime-major,
 * so regime {@code s}'s vector starts at {@code s * n} and its matrix at {@code s * n * n}
 * (row-major). {@code K = regimeCount()}.
 *
 * @param name scenario name (also the default run id)
 * @param description free text from the file
 * @param paths number of simulated market paths
 * @param horizonDays trading days per path
 * @param seed run seed; every path's stream is addressed by (seed, path id)
 * @param sampleEvery keep daily trajectories of path ids divisible by this; 0 = none
 * @param initialRegime index of the fixed starting regime, or -1 to draw it from {@link #stationary()}
 * @param assetNames asset names, in file order
 * @param assetClasses asset classes
 * @param depth per asset, the daily value traded at start prices, in multiples of the fund's start
 *     equity (scaled by the exogenous price level and the regime's depth multiplier in the kernel)
 * @param haircutFloor per asset, the smallest margin haircut
 * @param regimeNames regime names, sorted by name (a HOCON object has no order; see ScenarioLoader)
 * @param dailyTransition K x K row-major daily transition matrix (row = from)
 * @param stationary K stationary distribution of {@code dailyTransition}
 * @param expectedDays K expected stay in each regime, trading days
 * @param annualMean K x n annual drift of log returns
 * @param annualVol K x n annual volatilities
 * @param correlation K x n x n correlation matrices
 * @param annualCovariance K x n x n annual covariances D C D
 * @param dailyDrift K x n, {@code annualMean / 252}
 * @param dailyCholesky K x n x n lower Cholesky factors of the daily covariance {@code annualCovariance / 252}
 * @param dof K Student-t degrees of freedom; 0 = Gaussian
 * @param fundingSpread K annual spread over the short rate paid on borrowed cash
 * @param marginMultiplier K regime multiplier of every haircut (margins rise in stress)
 * @param depthMultiplier K regime multiplier of every asset's depth (markets thin out in stress)
 * @param strategy strategy settings
 * @param margin margin settings
 * @param market market settings
 * @param strategies the variants to run, in the order the file lists them
 * @param canonicalConfig the resolved configuration as canonical text (sorted keys, comments gone)
 * @param configHash SHA-256 hex of {@code canonicalConfig}
 * @param sampling plain or importance sampling of the regime chain, with its log likelihood
 *     ratios
 */
public record ResolvedScenario(
    String name,
    String description,
    long paths,
    int horizonDays,
    long seed,
    long sampleEvery,
    int initialRegime,
    String[] assetNames,
    AssetClass[] assetClasses,
    double[] depth,
    double[] haircutFloor,
    String[] regimeNames,
    double[] dailyTransition,
    double[] stationary,
    double[] expectedDays,
    double[] annualMean,
    double[] annualVol,
    double[] correlation,
    double[] annualCovariance,
    double[] dailyDrift,
    double[] dailyCholesky,
    double[] dof,
    double[] fundingSpread,
    double[] marginMultiplier,
    double[] depthMultiplier,
    StrategySettings strategy,
    MarginSettings margin,
    MarketSettings market,
    List<StrategyKind> strategies,
    String canonicalConfig,
    String configHash,
    SamplingSettings sampling) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Trading days in a year: every annual figure converts with it. */
  public static final double DAYS_PER_YEAR = 252.0;

  public ResolvedScenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(assetNames, "assetNames");
    Objects.requireNonNull(regimeNames, "regimeNames");
    strategies = List.copyOf(strategies);
    if (sampling == null) {
      sampling = SamplingSettings.plain(dailyTransition, stationary, null);
    }
  }

  /** A scenario sampled plainly from its own chain (the form before {@code sampling} existed). */
  public ResolvedScenario(String name, String description, long paths, int horizonDays, long seed,
      long sampleEvery, int initialRegime, String[] assetNames, AssetClass[] assetClasses,
      double[] depth, double[] haircutFloor, String[] regimeNames, double[] dailyTransition,
      double[] stationary, double[] expectedDays, double[] annualMean, double[] annualVol,
      double[] correlation, double[] annualCovariance, double[] dailyDrift,
      double[] dailyCholesky, double[] dof, double[] fundingSpread, double[] marginMultiplier,
      double[] depthMultiplier, StrategySettings strategy, MarginSettings margin,
      MarketSettings market, List<StrategyKind> strategies, String canonicalConfig,
      String configHash) {
    this(name, description, paths, horizonDays, seed, sampleEvery, initialRegime, assetNames,
        assetClasses, depth, haircutFloor, regimeNames, dailyTransition, stationary, expectedDays,
        annualMean, annualVol, correlation, annualCovariance, dailyDrift, dailyCholesky, dof,
        fundingSpread, marginMultiplier, depthMultiplier, strategy, margin, market, strategies,
        canonicalConfig, configHash, null);
  }

  /** This scenario with only the given strategy variants (e.g. a pilot run of the subject). */
  public ResolvedScenario withStrategies(List<StrategyKind> only) {
    return new ResolvedScenario(name, description, paths, horizonDays, seed, sampleEvery,
        initialRegime, assetNames, assetClasses, depth, haircutFloor, regimeNames,
        dailyTransition, stationary, expectedDays, annualMean, annualVol, correlation,
        annualCovariance, dailyDrift, dailyCholesky, dof, fundingSpread, marginMultiplier,
        depthMultiplier, strategy, margin, market, only, canonicalConfig, configHash, sampling);
  }

  /** This scenario sampled as {@code sampling} says (e.g. the tilt a pilot found). */
  public ResolvedScenario withSampling(SamplingSettings sampling) {
    return new ResolvedScenario(name, description, paths, horizonDays, seed, sampleEvery,
        initialRegime, assetNames, assetClasses, depth, haircutFloor, regimeNames,
        dailyTransition, stationary, expectedDays, annualMean, annualVol, correlation,
        annualCovariance, dailyDrift, dailyCholesky, dof, fundingSpread, marginMultiplier,
        depthMultiplier, strategy, margin, market, strategies, canonicalConfig, configHash,
        sampling);
  }

  /**
   * Importance sampling under the regime chain {@code q}, the initial regime (when drawn) from
   * q's stationary distribution; {@code tilt} names where q came from.
   *
   * @throws IllegalArgumentException when q is 0 where the scenario's matrix is not, or q has
   *     several recurrent classes while the initial regime is drawn
   */
  public ResolvedScenario withTransition(String tilt, double[] entry, double[] stay, double[] q) {
    return withTransition(tilt, entry, stay, q, sampling.shockShift());
  }

  /** As {@link #withTransition(String, double[], double[], double[])}, with a shock shift. */
  public ResolvedScenario withTransition(String tilt, double[] entry, double[] stay, double[] q,
      double shockShift) {
    int k = regimeCount();
    double[] qStationary = stationary;
    if (initialRegime < 0) {
      if (RegimeChain.recurrentClassCount(q, k) != 1) {
        throw new IllegalArgumentException("Cannot draw the initial regime from a tilted chain "
            + "without a unique stationary distribution");
      }
      qStationary = RegimeChain.stationary(q, k);
    }
    SamplingSettings.Pilot pilot = sampling.pilot();
    return withSampling(SamplingSettings.importance(tilt, entry, stay, dailyTransition,
        stationary, q, qStationary, initialRegime >= 0, pilot, shockShift));
  }

  /**
   * This scenario with the shocks of each regime shifted by the pilot's vectors (K x n): the
   * standard normals of a regime-s day are drawn with mean {@code -a_s}.
   */
  public ResolvedScenario withShiftVectors(double[] vectors) {
    if (vectors.length != regimeCount() * assetCount()) {
      throw new IllegalArgumentException("Shift vectors need " + regimeCount() * assetCount()
          + " values (regimes x assets), got " + vectors.length);
    }
    return withSampling(sampling.withShiftVectors(vectors));
  }

  /** Number of assets, n. */
  public int assetCount() {
    return assetNames.length;
  }

  /** Number of regimes, K. */
  public int regimeCount() {
    return regimeNames.length;
  }

  /** Index of the named regime, or -1. */
  public int regimeIndex(String regime) {
    for (int s = 0; s < regimeNames.length; s++) {
      if (regimeNames[s].equals(regime)) {
        return s;
      }
    }
    return -1;
  }

  /** Whether path {@code pathId} keeps daily samples. */
  public boolean isSampled(long pathId) {
    return sampleEvery > 0 && pathId % sampleEvery == 0;
  }
}
