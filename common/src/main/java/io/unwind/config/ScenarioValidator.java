package io.unwind.config;

import io.unwind.model.RegimeChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The rules a scenario must obey, checked all at once.
 *
 * <p>Every broken rule adds one problem naming the key, the value and the rule. Keys that already
 * have a problem from reading (wrong type, missing) are skipped, so one mistake gives one message.
 */
final class ScenarioValidator {

  /**
   * Smallest eigenvalue a correlation matrix may have. Below it the Cholesky factor is so
   * ill-conditioned that the simulated correlations no longer match the file; 0.999 pairwise
   * correlation (eigenvalue 0.001) still passes.
   */
  static final double MIN_CORRELATION_EIGENVALUE = 1e-10;

  /** Tolerance of the symmetry check: files write correlations to a few decimals. */
  static final double SYMMETRY_TOLERANCE = 1e-12;

  /**
   * Most paths a run may have: path ids, chunk and block arithmetic stay far from overflow, and
   * at the kernel's 10 to 20 million path-days a second per core a billion ten-year paths is
   * already a cluster-day.
   */
  static final long MAX_PATHS = 1_000_000_000L;

  /**
   * Longest horizon, trading days (100 years): the kernel's workspace holds
   * {@code (horizon + 1) x assets} doubles per series and a path's events grow with it.
   */
  static final int MAX_HORIZON_DAYS = 25_200;

  /** Most sale rounds a day: the aggregate keeps a histogram bin per round. */
  static final int MAX_ROUNDS = 1_000;

  /** Largest annual vol (500 %): above it a day's shock alone wipes out any book. */
  static final double MAX_ANNUAL_VOL = 5.0;

  /** Largest absolute annual drift of log returns. */
  static final double MAX_ANNUAL_MEAN = 5.0;

  /** Largest absolute annual rate or spread (100 %). */
  static final double MAX_ANNUAL_RATE = 1.0;

  /** Largest leverage cap. */
  static final double MAX_LEVERAGE = 100.0;

  /** Largest impact coefficient Y (literature values are of order 1). */
  static final double MAX_IMPACT_COEFFICIENT = 100.0;

  /** Largest crowd, multiples of this fund (with depth it sets the cascade's scale). */
  static final double MAX_CROWD = 10_000.0;

  /** Shallowest and deepest market depth, multiples of the fund's start equity. */
  static final double MIN_DEPTH = 1e-3;
  static final double MAX_DEPTH = 1e6;

  private final Problems problems;

  private ScenarioValidator(Problems problems) {
    this.problems = problems;
  }

  /** Adds every broken rule of {@code def} to {@code problems}. */
  static void validate(ScenarioDefinition def, Problems problems) {
    new ScenarioValidator(problems).check(def);
  }

  private void check(ScenarioDefinition def) {
    if (def.name() != null && def.name().isBlank()) {
      problems.add("name", "\"" + def.name() + "\" must be a non-empty string");
    }
    atLeast("paths", def.paths(), 1);
    atMost("paths", def.paths(), MAX_PATHS);
    atLeast("horizon-days", def.horizonDays(), 1);
    atMost("horizon-days", def.horizonDays(), MAX_HORIZON_DAYS);
    atLeast("sample-every", def.sampleEvery(), 0);

    int n = checkAssets(def.assets());
    List<String> regimeNames = def.regimeNames();
    checkRegimes(def.regimes(), n, regimeNames);
    checkInitialRegime(def, regimeNames);

    ScenarioDefinition.Strategy st = def.strategy();
    if (st != null) {
      positive("strategy.vol-target", st.volTarget());
      fraction("strategy.vol-target", st.volTarget(), MAX_ANNUAL_VOL, "annual vol");
      atLeast("strategy.max-leverage", st.maxLeverage(), 1.0);
      atMost("strategy.max-leverage", st.maxLeverage(), MAX_LEVERAGE);
      atLeast("strategy.rebalance-days", st.rebalanceDays(), 1);
      atMost("strategy.rebalance-days", st.rebalanceDays(), MAX_HORIZON_DAYS);
      atLeast("strategy.vol-band", st.volBand(), 0.0);
      positive("strategy.ewma-halflife-days", st.ewmaHalflifeDays());
      // Below a day the estimate is the last squared return alone: no covariance to size with.
      atLeast("strategy.ewma-halflife-days", st.ewmaHalflifeDays(), 1.0);
      atMost("strategy.ewma-halflife-days", st.ewmaHalflifeDays(), MAX_HORIZON_DAYS);
      atLeast("strategy.cost-bps", st.costBps(), 0.0);
      atMost("strategy.cost-bps", st.costBps(), 10_000.0);
      if (!problems.hasAt("strategy.short-rate") && !Double.isNaN(st.shortRate())
          && Math.abs(st.shortRate()) > MAX_ANNUAL_RATE) {
        problems.add("strategy.short-rate", Problems.show(st.shortRate()) + " must lie in [-"
            + Problems.show(MAX_ANNUAL_RATE) + ", " + Problems.show(MAX_ANNUAL_RATE)
            + "] (annual rate as a fraction: 0.02 = 2 %)" + percentHint(st.shortRate()));
      }
      positive("strategy.variance-floor", st.varianceFloor());
      atMost("strategy.variance-floor", st.varianceFloor(), 1.0);
    }
    ScenarioDefinition.Margin mg = def.margin();
    if (mg != null) {
      atLeast("margin.z", mg.z(), 0.0);
      atMost("margin.z", mg.z(), 10.0);
      positive("margin.mpor-days", mg.mporDays());
      atMost("margin.mpor-days", mg.mporDays(), 252.0);
      atLeast("margin.buffer", mg.buffer(), 0.0);
      atLeast("margin.liquidity-floor", mg.liquidityFloor(), 0.0);
      atMost("margin.liquidity-floor", mg.liquidityFloor(), 10.0);
      atMost("margin.buffer", mg.buffer(), 10.0);
    }
    ScenarioDefinition.Market mk = def.market();
    if (mk != null) {
      oneOf("market.impact", mk.impact(), Keyed.keys(ImpactModel.class));
      atLeast("market.impact-coefficient", mk.impactCoefficient(), 0.0);
      atMost("market.impact-coefficient", mk.impactCoefficient(), MAX_IMPACT_COEFFICIENT);
      atLeast("market.crowd", mk.crowd(), 0.0);
      atMost("market.crowd", mk.crowd(), MAX_CROWD);
      within("market.persistence", mk.persistence(), 0.0, 1.0);
      atLeast("market.max-rounds", mk.maxRounds(), 1);
      atMost("market.max-rounds", mk.maxRounds(), MAX_ROUNDS);
      oneOf("market.sale-order", mk.saleOrder(), Keyed.keys(SaleOrder.class));
    }
    checkStrategies(def);
    checkSampling(def, regimeNames);
  }

  /** Tilt multipliers: the bounds keep q's entries well inside double range. */
  static final double MIN_TILT = 0.001;
  static final double MAX_TILT = 1000.0;
  /** Largest daily shift of the normals: 0.2 a day is 10 sd a year, far past any useful tilt. */
  static final double MAX_SHOCK_SHIFT = 0.2;

  private void checkSampling(ScenarioDefinition def, List<String> names) {
    ScenarioDefinition.Sampling sp = def.sampling();
    if (sp == null) {
      return;
    }
    int before = problems.messages().size();
    oneOf("sampling.method", sp.method(), Keyed.keys(SamplingSettings.Method.class));
    oneOf("sampling.tilt", sp.tilt(), SamplingSettings.TILTS);
    within("sampling.volatile-entry", sp.volatileEntry(), 1.0, MAX_TILT);
    within("sampling.pilot.level", sp.pilotLevel(), 0.5, 0.9999);
    within("sampling.shock-shift", sp.shockShift(), 0.0, MAX_SHOCK_SHIFT);
    within("sampling.pilot.paths", sp.pilotPaths(), 100, 1_000_000);
    within("sampling.pilot.iterations", sp.pilotIterations(), 1, 50);
    if (!problems.hasAt("sampling.pilot.smoothing") && !Double.isNaN(sp.pilotSmoothing())
        && !(sp.pilotSmoothing() > 0.0 && sp.pilotSmoothing() <= 1.0)) {
      problems.add("sampling.pilot.smoothing", Problems.show(sp.pilotSmoothing())
          + " must lie in (0, 1]");
    }
    boolean given = SamplingSettings.GIVEN.equals(sp.tilt());
    multipliers("sampling.entry", sp.entry(), names, given, sp.tilt());
    multipliers("sampling.stay", sp.stay(), names, given, sp.tilt());
    if (problems.messages().size() > before || names.size() < 2
        || !SamplingSettings.Method.IMPORTANCE.key().equals(sp.method())
        || ScenarioResolver.transitionOrNull(def) == null) {
      return;
    }
    // q must allow every transition p allows: a stay probability 1 - 1/e > 0 must stay > 0, and
    // the tilted probability of leaving must stay a probability.
    double[][] tilt = ScenarioResolver.tiltMultipliers(def);
    double[] tilted = ScenarioResolver.tiltedExpectedDays(def, tilt[0], tilt[1]);
    for (int s = 0; s < names.size(); s++) {
      double e = def.regimes().get(s).expectedDays();
      if (tilted[s] > 1.0 || tilted[s] == 1.0 && e == 1.0) {
        continue;
      }
      String key = given ? "sampling.stay." + ConfigReader.quote(names.get(s))
          : "sampling.volatile-entry";
      double value = given ? tilt[1][s] : sp.volatileEntry();
      if (problems.has(key)) {
        continue;
      }
      problems.add(key, Problems.show(value) + " makes regime " + names.get(s)
          + "'s expected stay " + String.format(Locale.ROOT, "%.3g", tilted[s]) + " days (expected-days "
          + Problems.show(e) + " x stay / the entry-weighted share of its exits); it must stay"
          + " > 1, or staying, which the scenario allows, could never be sampled and the"
          + " likelihood ratio would be infinite");
    }
  }

  private void multipliers(String key, Map<String, Double> values, List<String> names,
      boolean given, String tilt) {
    for (Map.Entry<String, Double> e : values.entrySet()) {
      String at = key + "." + ConfigReader.quote(e.getKey());
      if (!given) {
        problems.add(at, Problems.show(e.getValue()) + " applies only with sampling.tilt = "
            + SamplingSettings.GIVEN + " (tilt is " + tilt + "); set the tilt or remove the key");
      } else if (!names.isEmpty() && !names.contains(e.getKey())) {
        problems.add(at, "names unknown regime " + e.getKey() + "; regimes are "
            + String.join(", ", names));
      } else {
        within(at, e.getValue(), MIN_TILT, MAX_TILT);
      }
    }
  }

  private int checkAssets(List<ScenarioDefinition.Asset> assets) {
    if (assets == null) {
      return -1;
    }
    if (assets.isEmpty()) {
      problems.add("assets", "[] must list at least one asset");
      return -1;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < assets.size(); i++) {
      ScenarioDefinition.Asset a = assets.get(i);
      if (a == null) {
        continue;
      }
      String label = a.name() != null && !a.name().isBlank()
          ? "assets[" + a.name() + "]" : "assets[" + i + "]";
      if (a.name() != null) {
        if (a.name().isBlank()) {
          problems.add(label + ".name", "\"" + a.name() + "\" must be a non-empty string");
        } else if (seen.containsKey(a.name())) {
          problems.add("assets[" + i + "].name", a.name() + " duplicates the name of assets["
              + seen.get(a.name()) + "]; asset names must be unique");
        } else {
          seen.put(a.name(), i);
        }
      }
      oneOf(label + ".class", a.assetClass(), Keyed.keys(AssetClass.class));
      positive(label + ".depth", a.depth());
      within(label + ".depth", a.depth(), MIN_DEPTH, MAX_DEPTH);
      if (!problems.hasAt(label + ".haircut-floor")
          && !(a.haircutFloor() >= 0.0 && a.haircutFloor() < 1.0)) {
        problems.add(label + ".haircut-floor", Problems.show(a.haircutFloor())
            + " must lie in [0, 1)");
      }
      if (!Double.isNaN(a.premium()) && !problems.hasAt(label + ".premium")
          && !(Math.abs(a.premium()) <= 0.5)) {
        problems.add(label + ".premium", Problems.show(a.premium())
            + " must lie in [-0.5, 0.5]: an annual excess return over the short rate (0.05 = 5 %)");
      }
    }
    return assets.size();
  }

  private void checkRegimes(List<ScenarioDefinition.Regime> regimes, int n, List<String> names) {
    if (regimes == null) {
      return;
    }
    if (regimes.isEmpty()) {
      problems.add("regimes", "{} must define at least one regime");
      return;
    }
    int k = regimes.size();
    Set<String> nameSet = new HashSet<>(names);
    for (ScenarioDefinition.Regime r : regimes) {
      if (r == null) {
        continue;
      }
      String p = "regimes." + ConfigReader.quote(r.name());
      if (r.mean() != null && vectorLength(p + ".mean", r.mean(), n)) {
        entriesAtMost(p + ".mean", r.mean(), MAX_ANNUAL_MEAN, true,
            "annual drift of log returns as a fraction: 0.05 = 5 %");
      }
      if (r.vol() != null && vectorLength(p + ".vol", r.vol(), n)) {
        for (int i = 0; i < r.vol().length; i++) {
          if (!(r.vol()[i] > 0.0)) {
            problems.add(p + ".vol", "entry [" + i + "] = " + Problems.show(r.vol()[i])
                + " must be > 0");
          }
        }
        entriesAtMost(p + ".vol", r.vol(), MAX_ANNUAL_VOL, false,
            "annual vol as a fraction: 0.15 = 15 %");
      }
      if (r.corr() != null) {
        checkCorrelation(p + ".corr", r.corr(), n);
      }
      if (!problems.hasAt(p + ".dof") && !(r.dof() == 0.0 || r.dof() > 2.0)) {
        problems.add(p + ".dof", Problems.show(r.dof())
            + " must be 0 (Gaussian) or > 2 (Student-t with finite variance)");
      }
      atLeast(p + ".funding-spread", r.fundingSpread(), 0.0);
      positive(p + ".margin-multiplier", r.marginMultiplier());
      atMost(p + ".margin-multiplier", r.marginMultiplier(), 100.0);
      positive(p + ".depth-multiplier", r.depthMultiplier());
      atMost(p + ".depth-multiplier", r.depthMultiplier(), 100.0);
      fraction(p + ".funding-spread", r.fundingSpread(), MAX_ANNUAL_RATE, "annual spread");

      if (k == 1) {
        if (!Double.isNaN(r.expectedDays())) {
          problems.add(p + ".expected-days", Problems.show(r.expectedDays())
              + " cannot apply: a single regime never leaves; remove the key");
        }
      } else if (Double.isNaN(r.expectedDays())) {
        if (!problems.hasAt(p + ".expected-days")) {
          problems.add(p + ".expected-days",
              "is required when there is more than one regime (expected stay, trading days >= 1)");
        }
      } else {
        atLeast(p + ".expected-days", r.expectedDays(), 1.0);
      }
      if (k > 1 && r.exits().isEmpty() && !problems.hasAt(p + ".exits")) {
        problems.add(p + ".exits", "is required when there is more than one regime: "
            + "{ other-regime = weight > 0, ... }");
      }
      for (Map.Entry<String, Double> e : r.exits().entrySet()) {
        String key = p + ".exits." + ConfigReader.quote(e.getKey());
        if (e.getKey().equals(r.name())) {
          problems.add(key, "a regime cannot exit to itself; its stay is set by expected-days");
        } else if (!nameSet.contains(e.getKey())) {
          problems.add(key, "exits to unknown regime " + e.getKey() + "; regimes are "
              + String.join(", ", names));
        } else {
          positive(key, e.getValue());
        }
      }
    }
  }

  private void checkInitialRegime(ScenarioDefinition def, List<String> names) {
    String initial = def.initialRegime();
    if (initial == null || def.regimes() == null) {
      return;
    }
    if (!ScenarioDefinition.STATIONARY.equals(initial) && !names.contains(initial)) {
      problems.add("initial-regime", initial + " must be " + ScenarioDefinition.STATIONARY
          + " or a regime name (" + String.join(", ", names) + ")");
      return;
    }
    if (!ScenarioDefinition.STATIONARY.equals(initial) || names.size() < 2
        || problems.hasAt("regimes")) {
      return;
    }
    // The chain is only built when every regime's stay and exits are valid.
    double[] transition = ScenarioResolver.transitionOrNull(def);
    if (transition == null) {
      return;
    }
    int k = names.size();
    int[] classes = RegimeChain.recurrentClasses(transition, k);
    int count = 0;
    for (int c : classes) {
      count = Math.max(count, c + 1);
    }
    if (count > 1) {
      StringJoiner groups = new StringJoiner(" and ");
      for (int c = 0; c < count; c++) {
        List<String> members = new ArrayList<>();
        for (int s = 0; s < k; s++) {
          if (classes[s] == c) {
            members.add(names.get(s));
          }
        }
        groups.add("{" + String.join(", ", members) + "}");
      }
      problems.add("initial-regime", "stationary needs a unique stationary distribution, but the "
          + "regime chain splits into groups it never leaves: " + groups
          + "; connect them through exits or name a starting regime");
    }
  }

  private void checkStrategies(ScenarioDefinition def) {
    List<String> strategies = def.strategies();
    if (strategies == null) {
      return;
    }
    if (strategies.isEmpty()) {
      problems.add("strategies", "[] must list at least one strategy");
      return;
    }
    Set<String> seen = new HashSet<>();
    boolean sixtyForty = false;
    for (int i = 0; i < strategies.size(); i++) {
      String s = strategies.get(i);
      StrategyKind kind = StrategyKind.fromKey(s);
      if (kind == null) {
        problems.add("strategies[" + i + "]", s + " is not a strategy; known: "
            + String.join(", ", Keyed.keys(StrategyKind.class)));
      } else if (!seen.add(s)) {
        problems.add("strategies[" + i + "]", s + " is listed twice; list each strategy once");
      }
      sixtyForty |= kind == StrategyKind.SIXTY_FORTY;
    }
    if (sixtyForty && def.assets() != null) {
      boolean equity = false;
      boolean bond = false;
      for (ScenarioDefinition.Asset a : def.assets()) {
        if (a != null) {
          equity |= AssetClass.EQUITY.key().equals(a.assetClass());
          bond |= AssetClass.BOND.key().equals(a.assetClass());
        }
      }
      if (!equity || !bond) {
        problems.add("strategies", "sixty-forty needs at least one asset of class equity and one "
            + "of class bond (has equity: " + equity + ", bond: " + bond + ")");
      }
    }
  }

  private boolean vectorLength(String key, double[] v, int n) {
    if (n >= 0 && v.length != n) {
      problems.add(key, "has " + v.length + " entries; must have one per asset (" + n + ")");
      return false;
    }
    return true;
  }

  private void checkCorrelation(String key, double[][] c, int n) {
    int rows = c.length;
    if (n >= 0 && rows != n) {
      problems.add(key, "has " + rows + " rows; must be " + n + " x " + n
          + " (one row and column per asset)");
      return;
    }
    boolean ok = true;
    for (int i = 0; i < rows; i++) {
      if (c[i].length != rows) {
        problems.add(key, "row [" + i + "] has " + c[i].length + " entries; must be square ("
            + rows + " x " + rows + ")");
        ok = false;
      }
    }
    if (!ok) {
      return;
    }
    for (int i = 0; i < rows; i++) {
      if (c[i][i] != 1.0) {
        problems.add(key, "diagonal entry [" + i + "][" + i + "] = " + Problems.show(c[i][i])
            + " must be 1");
        ok = false;
      }
      for (int j = 0; j < rows; j++) {
        // Lower-triangle entries are reported only where they differ from their mirror, so a
        // symmetric matrix with one bad pair gives one problem.
        boolean reportable = j > i || j < i && c[i][j] != c[j][i];
        if (reportable && !(c[i][j] >= -1.0 && c[i][j] <= 1.0)) {
          problems.add(key, "entry [" + i + "][" + j + "] = " + Problems.show(c[i][j])
              + " must lie in [-1, 1]");
          ok = false;
        }
        if (j > i && Math.abs(c[i][j] - c[j][i]) > SYMMETRY_TOLERANCE) {
          problems.add(key, "entry [" + i + "][" + j + "] = " + Problems.show(c[i][j])
              + " differs from [" + j + "][" + i + "] = " + Problems.show(c[j][i])
              + "; the matrix must be symmetric");
          ok = false;
        }
      }
    }
    if (!ok) {
      return;
    }
    double minEigen = minEigenvalue(c);
    if (!(minEigen > MIN_CORRELATION_EIGENVALUE)) {
      problems.add(key, "is not positive definite (smallest eigenvalue "
          + String.format(Locale.ROOT, "%.3g", minEigen)
          + "); a correlation matrix must be positive definite, eigenvalues > "
          + MIN_CORRELATION_EIGENVALUE);
    }
  }

  /** Smallest eigenvalue of a symmetric matrix (commons-math3's symmetric eigen solver). */
  static double minEigenvalue(double[][] symmetric) {
    double[] eigen = new EigenDecomposition(new Array2DRowRealMatrix(symmetric)).getRealEigenvalues();
    double min = Double.POSITIVE_INFINITY;
    for (double e : eigen) {
      min = Math.min(min, e);
    }
    return min;
  }

  private void oneOf(String key, String value, List<String> allowed) {
    if (value != null && !problems.hasAt(key) && !allowed.contains(value)) {
      problems.add(key, value + " must be one of " + String.join(" | ", allowed));
    }
  }

  private void positive(String key, double value) {
    if (!problems.hasAt(key) && !Double.isNaN(value) && !(value > 0.0)) {
      problems.add(key, Problems.show(value) + " must be > 0");
    }
  }

  private void atLeast(String key, double value, double min) {
    if (!problems.hasAt(key) && !Double.isNaN(value) && !(value >= min)) {
      problems.add(key, Problems.show(value) + " must be at least " + Problems.show(min));
    }
  }

  private void atMost(String key, double value, double max) {
    if (!problems.hasAt(key) && !Double.isNaN(value) && !(value <= max)) {
      problems.add(key, Problems.show(value) + " must be at most " + Problems.show(max));
    }
  }

  /** A fraction at most {@code max} in absolute value, with a hint when it looks like percent. */
  private void fraction(String key, double value, double max, String what) {
    if (!problems.hasAt(key) && !Double.isNaN(value) && !(Math.abs(value) <= max)) {
      problems.add(key, Problems.show(value) + " must be at most " + Problems.show(max) + " ("
          + what + " as a fraction: 0.15 = 15 %)" + percentHint(value));
    }
  }

  /** One problem listing every entry above {@code max} (in absolute value when {@code signed}). */
  private void entriesAtMost(String key, double[] v, double max, boolean signed, String unit) {
    StringJoiner bad = new StringJoiner(", ");
    boolean percentLike = true;
    for (int i = 0; i < v.length; i++) {
      double x = signed ? Math.abs(v[i]) : v[i];
      if (x > max) {
        bad.add("[" + i + "] = " + Problems.show(v[i]));
      }
      percentLike &= v[i] == 0.0 || Math.abs(v[i]) >= 0.5 && Math.abs(v[i]) <= 100;
    }
    if (bad.length() > 0) {
      problems.add(key, "entries " + bad + " must be " + (signed ? "within +-" : "at most ")
          + Problems.show(max) + " (" + unit + ")"
          + (percentLike ? "; the values look like percentages: divide them by 100" : ""));
    }
  }

  private static String percentHint(double value) {
    return Math.abs(value) > 1 && Math.abs(value) <= 100
        ? "; " + Problems.show(value) + " looks like a percentage: write "
            + Problems.show(value / 100) : "";
  }

  /** As {@link #atMost(String, double, double)} for whole numbers, shown exactly. */
  private void atMost(String key, long value, long max) {
    if (!problems.hasAt(key) && value > max) {
      problems.add(key, value + " must be at most " + max);
    }
  }

  private void within(String key, double value, double min, double max) {
    if (!problems.hasAt(key) && !Double.isNaN(value) && !(value >= min && value <= max)) {
      problems.add(key, Problems.show(value) + " must lie in [" + Problems.show(min) + ", "
          + Problems.show(max) + "]");
    }
  }
}
