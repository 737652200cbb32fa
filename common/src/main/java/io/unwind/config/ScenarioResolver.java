package io.unwind.config;

import io.unwind.model.RegimeChain;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Turns a validated {@link ScenarioDefinition} into the flat {@link ResolvedScenario}.
 *
 * <p>Runs once on the driver, so it favours clarity over speed.
 */
final class ScenarioResolver {

  /**
   * Days over which the long-run occupancy is averaged when the chain has several recurrent
   * classes and a fixed start (the stationary distribution is then not unique): long enough for
   * the Cesàro mean to settle to ~1e-5 for stays of years.
   */
  private static final int OCCUPANCY_DAYS = 200_000;

  private ScenarioResolver() {
  }

  /**
   * The daily transition matrix, or {@code null} when some regime's stay or exits are invalid.
   */
  static double[] transitionOrNull(ScenarioDefinition def) {
    List<ScenarioDefinition.Regime> regimes = def.regimes();
    if (regimes == null || regimes.isEmpty()) {
      return null;
    }
    int k = regimes.size();
    List<String> names = def.regimeNames();
    double[] expected = new double[k];
    double[] weights = new double[k * k];
    for (int s = 0; s < k; s++) {
      ScenarioDefinition.Regime r = regimes.get(s);
      if (r == null) {
        return null;
      }
      if (k == 1) {
        break;
      }
      if (!(r.expectedDays() >= 1.0) || r.exits().isEmpty()) {
        return null;
      }
      expected[s] = r.expectedDays();
      for (var e : r.exits().entrySet()) {
        int t = names.indexOf(e.getKey());
        if (t < 0 || t == s || !(e.getValue() > 0.0)) {
          return null;
        }
        weights[s * k + t] = e.getValue();
      }
    }
    return RegimeChain.dailyTransition(expected, weights);
  }

  /** Resolves a definition that passed validation. */
  static ResolvedScenario resolve(ScenarioDefinition def, String canonicalConfig, String hash) {
    int n = def.assets().size();
    String[] assetNames = new String[n];
    AssetClass[] classes = new AssetClass[n];
    double[] depth = new double[n];
    double[] floor = new double[n];
    for (int i = 0; i < n; i++) {
      ScenarioDefinition.Asset a = def.assets().get(i);
      assetNames[i] = a.name();
      classes[i] = AssetClass.fromKey(a.assetClass());
      depth[i] = a.depth();
      floor[i] = a.haircutFloor();
    }

    List<ScenarioDefinition.Regime> regimes = def.regimes();
    int k = regimes.size();
    String[] regimeNames = def.regimeNames().toArray(new String[0]);
    double[] transition = transitionOrNull(def);
    int initial = ScenarioDefinition.STATIONARY.equals(def.initialRegime())
        ? -1 : def.regimeNames().indexOf(def.initialRegime());
    double[] stationary = RegimeChain.recurrentClassCount(transition, k) == 1
        ? RegimeChain.stationary(transition, k)
        : RegimeChain.occupancyFrom(transition, k, initial, OCCUPANCY_DAYS);

    double[] expectedDays = new double[k];
    double[] mean = new double[k * n];
    double[] vol = new double[k * n];
    double[] corr = new double[k * n * n];
    double[] cov = new double[k * n * n];
    double[] drift = new double[k * n];
    double[] chol = new double[k * n * n];
    double[] dof = new double[k];
    double[] spread = new double[k];
    double[] marginMultiplier = new double[k];
    double[] depthMultiplier = new double[k];
    double sqrtYear = Math.sqrt(ResolvedScenario.DAYS_PER_YEAR);
    for (int s = 0; s < k; s++) {
      ScenarioDefinition.Regime r = regimes.get(s);
      expectedDays[s] = k == 1 ? Double.POSITIVE_INFINITY : r.expectedDays();
      dof[s] = r.dof();
      spread[s] = r.fundingSpread();
      marginMultiplier[s] = r.marginMultiplier();
      depthMultiplier[s] = r.depthMultiplier();
      for (int i = 0; i < n; i++) {
        mean[s * n + i] = r.mean()[i];
        vol[s * n + i] = r.vol()[i];
        drift[s * n + i] = r.mean()[i] / ResolvedScenario.DAYS_PER_YEAR;
        for (int j = 0; j < n; j++) {
          int at = s * n * n + i * n + j;
          corr[at] = r.corr()[i][j];
          cov[at] = r.vol()[i] * r.corr()[i][j] * r.vol()[j];
        }
      }
      // Implementation note: factor the well-scaled correlation matrix and scale its rows,
      // L_daily = diag(vol / sqrt(252)) L_C, so that L_daily L_daily^T = D C D / 252 without
      // the absolute positivity threshold of the decomposition meeting tiny daily variances.
      RealMatrix lc = new CholeskyDecomposition(new Array2DRowRealMatrix(r.corr()),
          ScenarioValidator.SYMMETRY_TOLERANCE, 0.0).getL();
      for (int i = 0; i < n; i++) {
        double scale = r.vol()[i] / sqrtYear;
        for (int j = 0; j <= i; j++) {
          chol[s * n * n + i * n + j] = scale * lc.getEntry(i, j);
        }
      }
    }

    ScenarioDefinition.Strategy st = def.strategy();
    StrategySettings strategy = new StrategySettings(st.volTarget(), st.maxLeverage(),
        (int) st.rebalanceDays(), st.volBand(), st.ewmaHalflifeDays(), st.costBps(),
        st.shortRate(), st.varianceFloor());
    ScenarioDefinition.Margin mg = def.margin();
    MarginSettings margin = new MarginSettings(mg.enabled(), mg.z(), mg.mporDays(), mg.buffer(),
        mg.liquidityFloor());
    ScenarioDefinition.Market mk = def.market();
    MarketSettings market = new MarketSettings(ImpactModel.fromKey(mk.impact()),
        mk.impactCoefficient(), mk.crowd(), mk.persistence(), (int) mk.maxRounds(),
        SaleOrder.fromKey(mk.saleOrder()));
    List<StrategyKind> strategies = new ArrayList<>();
    for (String s : def.strategies()) {
      strategies.add(StrategyKind.fromKey(s));
    }

    ResolvedScenario plain = new ResolvedScenario(def.name(), def.description(), def.paths(),
        (int) def.horizonDays(), def.seed(), def.sampleEvery(), initial, assetNames, classes,
        depth, floor, regimeNames, transition, stationary, expectedDays, mean, vol, corr, cov,
        drift, chol, dof, spread, marginMultiplier, depthMultiplier, strategy, margin, market,
        strategies, canonicalConfig, hash,
        SamplingSettings.plain(transition, stationary, pilot(def.sampling())));
    return sampled(plain, def);
  }

  private static SamplingSettings.Pilot pilot(ScenarioDefinition.Sampling sp) {
    return sp == null ? null : new SamplingSettings.Pilot((int) sp.pilotPaths(), sp.pilotLevel(),
        (int) sp.pilotIterations(), sp.pilotSmoothing());
  }

  /**
   * The scenario under the sampling its {@code sampling} section asks for.
   *
   * <p>A tilt sets {@code q(s, t) = p(s, t) * entry[t] / stay[s]} for {@code t != s} and lets
   * {@code q(s, s)} take the rest: regime t is entered entry[t] times as often from every other
   * regime, and regime s is left 1/stay[s] times as often. It is built as p is, from tilted stays
   * {@link #tiltedExpectedDays} and exit weights {@code w(s, t) * entry[t]}, so that with every
   * multiplier 1 each product and quotient is exact and q is p bit for bit.
   */
  private static ResolvedScenario sampled(ResolvedScenario plain, ScenarioDefinition def) {
    ScenarioDefinition.Sampling sp = def.sampling();
    if (sp == null
        || SamplingSettings.Method.PLAIN == SamplingSettings.Method.fromKey(sp.method())) {
      return plain;
    }
    int k = plain.regimeCount();
    double[][] tilt = tiltMultipliers(def);
    double[] entry = tilt[0];
    double[] stay = tilt[1];
    if (SamplingSettings.AUTO.equals(sp.tilt()) || k == 1) {
      // auto: q = p until the pilot has run (SamplingSettings.needsPilot).
      return plain.withTransition(sp.tilt(), entry, stay, plain.dailyTransition(),
          sp.shockShift());
    }
    double[] expected = tiltedExpectedDays(def, entry, stay);
    double[] weights = new double[k * k];
    List<String> names = def.regimeNames();
    for (int s = 0; s < k; s++) {
      for (var e : def.regimes().get(s).exits().entrySet()) {
        int t = names.indexOf(e.getKey());
        weights[s * k + t] = e.getValue() * entry[t];
      }
    }
    return plain.withTransition(sp.tilt(), entry, stay,
        RegimeChain.dailyTransition(expected, weights), sp.shockShift());
  }

  /**
   * The entry and stay multipliers per regime (index order) of a valid {@code sampling} section:
   * {@code volatile} tilts the entry of the regime with the highest mean annual vol, {@code given}
   * what the file lists, {@code auto} nothing (the pilot does).
   *
   * @return {@code {entry, stay}}
   */
  static double[][] tiltMultipliers(ScenarioDefinition def) {
    ScenarioDefinition.Sampling sp = def.sampling();
    List<String> names = def.regimeNames();
    int k = names.size();
    double[] entry = new double[k];
    double[] stay = new double[k];
    java.util.Arrays.fill(entry, 1.0);
    java.util.Arrays.fill(stay, 1.0);
    if (SamplingSettings.GIVEN.equals(sp.tilt())) {
      sp.entry().forEach((regime, m) -> entry[names.indexOf(regime)] = m);
      sp.stay().forEach((regime, m) -> stay[names.indexOf(regime)] = m);
    } else if (SamplingSettings.VOLATILE.equals(sp.tilt())) {
      entry[mostVolatile(def)] = sp.volatileEntry();
    }
    return new double[][] {entry, stay};
  }

  /**
   * Per regime the expected stay under the tilt, {@code e[s] * stay[s] * sum_t w(s, t) / sum_t
   * w(s, t) entry[t]}: its inverse is the tilted daily probability of leaving. Both sums run in
   * the same order, so with every entry 1 the quotient is exactly 1.
   */
  static double[] tiltedExpectedDays(ScenarioDefinition def, double[] entry, double[] stay) {
    List<String> names = def.regimeNames();
    int k = names.size();
    double[] expected = new double[k];
    for (int s = 0; s < k; s++) {
      ScenarioDefinition.Regime r = def.regimes().get(s);
      double weights = 0;
      double tilted = 0;
      for (var e : r.exits().entrySet()) {
        weights += e.getValue();
        tilted += e.getValue() * entry[names.indexOf(e.getKey())];
      }
      expected[s] = r.expectedDays() * stay[s] * (weights / tilted);
    }
    return expected;
  }

  /** The regime with the highest mean annual vol over the assets (the first on a tie). */
  static int mostVolatile(ScenarioDefinition def) {
    int best = 0;
    double bestVol = -1;
    for (int r = 0; r < def.regimes().size(); r++) {
      double sum = 0;
      for (double v : def.regimes().get(r).vol()) {
        sum += v;
      }
      if (sum > bestVol) {
        bestVol = sum;
        best = r;
      }
    }
    return best;
  }
}
