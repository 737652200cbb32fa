package io.unwind.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a scenario file says, type-checked but not yet validated against the rules.
 *
 * <p>The first step of define → validate → resolve: every key of DESIGN.md's scenario file with
 * the defaults of {@code unwind-defaults.conf} filled in. Enumerated values (asset class, impact
 * law, sale order, strategies, initial regime) stay as the file spells them so validation can
 * report a misspelling with the value; {@link ScenarioLoader} validates and resolves.
 * A value that could not be read is a placeholder ({@code null}, {@code NaN}, 0) and already
 * has a problem. Arrays are shared, not copied: treat them as read-only.
 *
 * @param name scenario name
 * @param description free text
 * @param paths {@code paths}
 * @param horizonDays {@code horizon-days}
 * @param seed {@code seed}
 * @param sampleEvery {@code sample-every}
 * @param initialRegime {@code initial-regime}: {@code stationary} or a regime name
 * @param assets {@code assets}, in file order
 * @param regimes {@code regimes}, ordered by name (a HOCON object has no order)
 * @param strategy {@code strategy} section
 * @param margin {@code margin} section
 * @param market {@code market} section
 * @param strategies {@code strategies}, in file order
 * @param sampling {@code sampling} section
 */
public record ScenarioDefinition(
    String name,
    String description,
    long paths,
    long horizonDays,
    long seed,
    long sampleEvery,
    String initialRegime,
    List<Asset> assets,
    List<Regime> regimes,
    Strategy strategy,
    Margin margin,
    Market market,
    List<String> strategies,
    Sampling sampling) {

  /** Value of {@code initial-regime} that draws the first regime from the stationary distribution. */
  public static final String STATIONARY = "stationary";

  static final Set<String> TOP_KEYS = Set.of("name", "description", "paths", "horizon-days",
      "seed", "sample-every", "initial-regime", "assets", "regimes", "strategy", "margin",
      "market", "strategies", "sampling");
  static final Set<String> ASSET_KEYS = Set.of("name", "class", "depth", "haircut-floor",
      "premium");
  static final Set<String> REGIME_KEYS = Set.of("mean", "vol", "corr", "dof", "funding-spread",
      "margin-multiplier", "depth-multiplier", "expected-days", "exits");
  static final Set<String> STRATEGY_KEYS = Set.of("vol-target", "max-leverage",
      "rebalance-days", "vol-band", "ewma-halflife-days", "cost-bps", "short-rate",
      "variance-floor");
  static final Set<String> MARGIN_KEYS = Set.of("enabled", "z", "mpor-days", "buffer",
      "liquidity-floor");
  static final Set<String> SAMPLING_KEYS = Set.of("method", "tilt", "volatile-entry", "entry",
      "stay", "pilot", "shock-shift");
  static final Set<String> PILOT_KEYS = Set.of("paths", "level", "iterations", "smoothing");
  static final Set<String> MARKET_KEYS = Set.of("impact", "impact-coefficient", "crowd",
      "persistence", "max-rounds", "sale-order");

  /** Lists are copied unmodifiable; nulls (unreadable values) are kept as placeholders. */
  public ScenarioDefinition {
    assets = assets == null ? null : Collections.unmodifiableList(new ArrayList<>(assets));
    regimes = regimes == null ? null : Collections.unmodifiableList(new ArrayList<>(regimes));
    strategies = strategies == null ? null : Collections.unmodifiableList(new ArrayList<>(strategies));
  }

  /**
   * One entry of {@code assets}.
   *
   * @param name {@code name}
   * @param assetClass {@code class}: equity | bond | credit | commodity | other
   * @param depth {@code depth}, multiples of the fund's start equity
   * @param haircutFloor {@code haircut-floor}
   * @param premium {@code premium}, annual arithmetic excess return over the short rate the
   *     regime means were set from ({@code calibrate --means premia}); {@code NaN} when absent.
   *     Documentation the simulation does not read: the means are what it simulates.
   */
  public record Asset(String name, String assetClass, double depth, double haircutFloor,
      double premium) {
  }

  /**
   * One regime of {@code regimes}.
   *
   * @param name the regime's key
   * @param mean {@code mean}, annual drift of log returns per asset
   * @param vol {@code vol}, annual volatility per asset
   * @param corr {@code corr}, rows of the correlation matrix
   * @param dof {@code dof}, 0 = Gaussian
   * @param fundingSpread {@code funding-spread}, annual
   * @param marginMultiplier {@code margin-multiplier}: haircuts in this regime over their base
   * @param depthMultiplier {@code depth-multiplier}: market depth in this regime over its base
   * @param expectedDays {@code expected-days}, {@code NaN} when absent
   * @param exits {@code exits}, target regime → weight, sorted by name; empty when absent
   */
  public record Regime(
      String name,
      double[] mean,
      double[] vol,
      double[][] corr,
      double dof,
      double fundingSpread,
      double marginMultiplier,
      double depthMultiplier,
      double expectedDays,
      Map<String, Double> exits) {

    /** The exits are copied unmodifiable. */
    public Regime {
      exits = Collections.unmodifiableMap(new TreeMap<>(exits));
    }
  }

  /**
   * The {@code strategy} section as written.
   *
   * @param volTarget {@code vol-target}
   * @param maxLeverage {@code max-leverage}
   * @param rebalanceDays {@code rebalance-days}
   * @param volBand {@code vol-band}
   * @param ewmaHalflifeDays {@code ewma-halflife-days}
   * @param costBps {@code cost-bps}
   * @param shortRate {@code short-rate}
   * @param varianceFloor {@code variance-floor} (developer key)
   */
  public record Strategy(
      double volTarget,
      double maxLeverage,
      long rebalanceDays,
      double volBand,
      double ewmaHalflifeDays,
      double costBps,
      double shortRate,
      double varianceFloor) {
  }

  /**
   * The {@code margin} section as written.
   *
   * @param enabled {@code enabled}
   * @param z {@code z}
   * @param mporDays {@code mpor-days}
   * @param buffer {@code buffer}
   * @param liquidityFloor {@code liquidity-floor}
   */
  public record Margin(boolean enabled, double z, double mporDays, double buffer,
      double liquidityFloor) {
  }

  /**
   * The {@code market} section as written.
   *
   * @param impact {@code impact}: sqrt | exponential | none
   * @param impactCoefficient {@code impact-coefficient}
   * @param crowd {@code crowd}
   * @param persistence {@code persistence}
   * @param maxRounds {@code max-rounds}
   * @param saleOrder {@code sale-order}: pro-rata | most-liquid-first (developer key)
   */
  public record Market(
      String impact,
      double impactCoefficient,
      double crowd,
      double persistence,
      long maxRounds,
      String saleOrder) {
  }

  /**
   * The {@code sampling} section as written.
   *
   * @param method {@code method}: plain | importance
   * @param tilt {@code tilt}: volatile | given | auto
   * @param volatileEntry {@code volatile-entry}: entry multiplier of the most volatile regime
   * @param entry {@code entry}: regime → multiplier of the exit weights into it, sorted by name
   * @param stay {@code stay}: regime → multiplier of its expected stay, sorted by name
   * @param pilotPaths {@code pilot.paths}
   * @param pilotLevel {@code pilot.level}
   * @param pilotIterations {@code pilot.iterations}
   * @param pilotSmoothing {@code pilot.smoothing}
   * @param shockShift {@code shock-shift}
   */
  public record Sampling(
      String method,
      String tilt,
      double volatileEntry,
      Map<String, Double> entry,
      Map<String, Double> stay,
      long pilotPaths,
      double pilotLevel,
      long pilotIterations,
      double pilotSmoothing,
      double shockShift) {

    /** The maps are copied unmodifiable. */
    public Sampling {
      entry = Collections.unmodifiableMap(new TreeMap<>(entry));
      stay = Collections.unmodifiableMap(new TreeMap<>(stay));
    }
  }

  /** Number of assets, or 0 when {@code assets} could not be read. */
  public int assetCount() {
    return assets == null ? 0 : assets.size();
  }

  /** Names of the regimes, in index order (by name), or an empty list. */
  public List<String> regimeNames() {
    List<String> out = new ArrayList<>();
    if (regimes != null) {
      for (Regime r : regimes) {
        out.add(r.name());
      }
    }
    return out;
  }

  /**
   * Reads a merged, resolved config (defaults already filled in) into a definition.
   *
   * <p>Reports unknown keys, missing required keys and values of the wrong type into
   * {@code problems}; range rules are {@link ScenarioValidator}'s.
   */
  static ScenarioDefinition read(Config config, Problems problems) {
    ConfigReader top = new ConfigReader(config, problems, "");
    top.onlyKeys("", TOP_KEYS);
    String name = top.string("name");
    String description = top.string("description");
    long paths = top.integer("paths");
    long horizon = top.integer("horizon-days");
    long seed = top.integer("seed");
    long sampleEvery = top.integer("sample-every");
    String initial = top.string("initial-regime");
    List<Asset> assets = readAssets(config, problems);
    List<Regime> regimes = readRegimes(top, problems);

    Strategy strategy = null;
    if (top.onlyKeys("strategy", STRATEGY_KEYS) != null) {
      strategy = new Strategy(
          top.number("strategy.vol-target"),
          top.number("strategy.max-leverage"),
          top.integer("strategy.rebalance-days"),
          top.number("strategy.vol-band"),
          top.number("strategy.ewma-halflife-days"),
          top.number("strategy.cost-bps"),
          top.number("strategy.short-rate"),
          top.number("strategy.variance-floor"));
    }
    Margin margin = null;
    if (top.onlyKeys("margin", MARGIN_KEYS) != null) {
      margin = new Margin(
          top.bool("margin.enabled"),
          top.number("margin.z"),
          top.number("margin.mpor-days"),
          top.number("margin.buffer"),
          top.number("margin.liquidity-floor"));
    }
    Market market = null;
    if (top.onlyKeys("market", MARKET_KEYS) != null) {
      market = new Market(
          top.string("market.impact"),
          top.number("market.impact-coefficient"),
          top.number("market.crowd"),
          top.number("market.persistence"),
          top.integer("market.max-rounds"),
          top.string("market.sale-order"));
    }
    List<String> strategies = top.strings("strategies");
    Sampling sampling = null;
    if (top.onlyKeys("sampling", SAMPLING_KEYS) != null
        && top.onlyKeys("sampling.pilot", PILOT_KEYS) != null) {
      sampling = new Sampling(
          top.string("sampling.method"),
          top.string("sampling.tilt"),
          top.number("sampling.volatile-entry"),
          readMultipliers(top, "sampling.entry"),
          readMultipliers(top, "sampling.stay"),
          top.integer("sampling.pilot.paths"),
          top.number("sampling.pilot.level"),
          top.integer("sampling.pilot.iterations"),
          top.number("sampling.pilot.smoothing"),
          top.number("sampling.shock-shift"));
    }
    return new ScenarioDefinition(name, description, paths, horizon, seed, sampleEvery, initial,
        assets, regimes, strategy, margin, market, strategies, sampling);
  }

  /** A { regime = number } object; unreadable numbers are NaN with a problem. */
  private static Map<String, Double> readMultipliers(ConfigReader top, String path) {
    Map<String, Double> out = new TreeMap<>();
    ConfigObject o = top.object(path);
    if (o != null) {
      for (String regime : new TreeSet<>(o.keySet())) {
        out.put(regime, top.number(path + "." + ConfigReader.quote(regime)));
      }
    }
    return out;
  }

  private static List<Asset> readAssets(Config config, Problems problems) {
    ConfigReader top = new ConfigReader(config, problems, "");
    if (!top.has("assets")) {
      problems.add("assets", "is required (a non-empty list of { name, class, depth, haircut-floor })");
      return null;
    }
    if (config.getIsNull("assets")) {
      problems.add("assets", "null must be a list of asset objects [ { name = ... } ]");
      return null;
    }
    ConfigValue v = config.getValue("assets");
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add("assets", ConfigReader.render(v) + " must be a list of asset objects [ { name = ... } ]");
      return null;
    }
    ConfigList list = (ConfigList) v;
    List<Asset> assets = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue e = list.get(i);
      String label = "assets[" + i + "]";
      if (e.valueType() != ConfigValueType.OBJECT) {
        problems.add(label, ConfigReader.render(e) + " must be an object { name = ..., class = ... }");
        assets.add(null);
        continue;
      }
      ConfigObject o = (ConfigObject) e;
      ConfigValue nameValue = o.get("name");
      if (nameValue != null && nameValue.valueType() == ConfigValueType.STRING
          && !((String) nameValue.unwrapped()).isBlank()) {
        label = "assets[" + nameValue.unwrapped() + "]";
      }
      ConfigReader r = new ConfigReader(o.toConfig(), problems, label);
      r.onlyKeys("", ASSET_KEYS);
      assets.add(new Asset(r.string("name"), r.string("class"), r.number("depth"),
          r.number("haircut-floor"), r.has("premium") ? r.number("premium") : Double.NaN));
    }
    return assets;
  }

  private static List<Regime> readRegimes(ConfigReader top, Problems problems) {
    ConfigObject all = top.object("regimes");
    if (all == null) {
      return null;
    }
    List<Regime> regimes = new ArrayList<>();
    // A HOCON object has no order: regimes are indexed by name so that results depend on the
    // canonical config alone, never on how the file happens to list them.
    for (String name : new TreeSet<>(all.keySet())) {
      String path = "regimes." + ConfigReader.quote(name);
      if (top.onlyKeys(path, REGIME_KEYS) == null) {
        regimes.add(null);
        continue;
      }
      double expectedDays = top.has(path + ".expected-days")
          ? top.number(path + ".expected-days") : Double.NaN;
      Map<String, Double> exits = new TreeMap<>();
      if (top.has(path + ".exits")) {
        ConfigObject o = top.object(path + ".exits");
        if (o != null) {
          for (String to : new TreeSet<>(o.keySet())) {
            exits.put(to, top.number(path + ".exits." + ConfigReader.quote(to)));
          }
        }
      }
      regimes.add(new Regime(name,
          top.numbers(path + ".mean"),
          top.numbers(path + ".vol"),
          top.matrix(path + ".corr"),
          top.number(path + ".dof"),
          top.number(path + ".funding-spread"),
          top.number(path + ".margin-multiplier"),
          top.number(path + ".depth-multiplier"),
          expectedDays,
          exits));
    }
    return regimes;
  }
}
