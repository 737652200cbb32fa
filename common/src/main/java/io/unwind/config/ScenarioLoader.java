package io.unwind.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Loads a scenario file: parse, apply {@code --set} overrides, merge defaults, validate, resolve.
 *
 * <p>Every problem found on the way is gathered into one {@link InvalidScenarioException}, so a
 * user sees them all at once. Defaults come from {@code unwind-defaults.conf} on the classpath.
 */
public final class ScenarioLoader {

  /** Classpath resource holding every default and the rule of every key. */
  public static final String DEFAULTS_RESOURCE = "unwind-defaults.conf";

  private ScenarioLoader() {
  }

  /**
   * Loads and resolves a scenario file from the local file system.
   *
   * @param file the scenario file; its includes are read from the same directory
   * @param overrides {@code --set key=value} pairs in the order given; values are HOCON
   * @return the resolved scenario
   * @throws InvalidScenarioException listing every problem, including a missing or unreadable file
   */
  public static ResolvedScenario loadFile(Path file, Map<String, String> overrides)
      throws InvalidScenarioException {
    String text = ConfigSafety.readLocal(file, file.toString());
    Path dir = file.toAbsolutePath().normalize().getParent();
    Function<String, String> siblings = name -> {
      Path p = dir.resolve(name).normalize();
      if (!Files.exists(p)) {
        return null;
      }
      if (!p.startsWith(dir) || !ConfigSafety.inside(dir, p)) {
        throw new IllegalStateException("it leads outside " + dir + " (through a symbolic link)");
      }
      try {
        return ConfigSafety.readLocal(p, name);
      } catch (InvalidScenarioException e) {
        throw new IllegalStateException(String.join("; ", e.problems()), e);
      }
    };
    return loadText(text, file.toString(), siblings, overrides);
  }

  /**
   * Loads and resolves scenario text read by the caller (e.g. through Hadoop's FileSystem).
   *
   * @param text the scenario file's HOCON text
   * @param origin name of the text in messages, e.g. its path
   * @param includeReader maps an include's name (e.g. {@code "baseline.conf"}) to its text, or
   *     {@code null} when there is no such file; may itself be {@code null} if includes are not
   *     supported
   * @param overrides {@code --set key=value} pairs in the order given; values are HOCON
   * @return the resolved scenario
   * @throws InvalidScenarioException listing every problem
   */
  public static ResolvedScenario loadText(String text, String origin,
      Function<String, String> includeReader, Map<String, String> overrides)
      throws InvalidScenarioException {
    Problems problems = new Problems();
    try {
      return loadChecked(text, origin, includeReader, overrides, problems);
    } catch (StackOverflowError e) {
      // The bracket scan bounds what it can see; dotted key paths nest objects too.
      problems.addGeneral(origin + ": the config nests too deeply to read; at most "
          + ConfigSafety.MAX_NESTING + " levels are allowed");
      throw new InvalidScenarioException(problems.messages());
    }
  }

  private static ResolvedScenario loadChecked(String text, String origin,
      Function<String, String> includeReader, Map<String, String> overrides, Problems problems) {
    if (ConfigSafety.tooDeep(text, origin, problems)) {
      problems.throwIfAny();
    }
    ReaderIncluder includer = new ReaderIncluder(includeReader, problems, origin);
    Config user;
    try {
      user = ConfigFactory.parseString(text, includer.options(origin));
    } catch (ConfigException e) {
      problems.addGeneral(describeParseError(e, origin));
      throw new InvalidScenarioException(problems.messages());
    }
    // An include that was refused must not be echoed through later errors.
    problems.throwIfAny();
    user = applyOverrides(user, overrides, problems);

    Config defaults = defaults();
    Config merged;
    Set<String> undefined = new TreeSet<>();
    try {
      merged = user.withFallback(defaults.getConfig("scenario"))
          .resolve(ConfigSafety.resolveOptions(undefined));
    } catch (ConfigException e) {
      ConfigSafety.reportUndefined(undefined, origin, problems);
      if (undefined.isEmpty()) {
        problems.addGeneral(describeParseError(e, origin));
      }
      throw new InvalidScenarioException(problems.messages());
    }
    ConfigSafety.reportUndefined(undefined, origin, problems);
    problems.throwIfAny();
    merged = fillEntryDefaults(merged, defaults);

    ScenarioDefinition def = ScenarioDefinition.read(merged, problems);
    ScenarioValidator.validate(def, problems);
    problems.throwIfAny();

    String canonical = canonicalText(merged);
    return ScenarioResolver.resolve(def, canonical, sha256Hex(canonical));
  }

  /**
   * Reads a scenario into its definition without validating the rules (for tools that want the
   * file's view, e.g. calibration writing a new file).
   *
   * @throws InvalidScenarioException when the text cannot be parsed or has keys of the wrong type
   */
  public static ScenarioDefinition define(String text, String origin,
      Function<String, String> includeReader, Map<String, String> overrides) {
    Problems problems = new Problems();
    if (ConfigSafety.tooDeep(text, origin, problems)) {
      problems.throwIfAny();
    }
    ReaderIncluder includer = new ReaderIncluder(includeReader, problems, origin);
    Config merged;
    try {
      Config user = applyOverrides(
          ConfigFactory.parseString(text, includer.options(origin)), overrides, problems);
      problems.throwIfAny();
      Set<String> undefined = new TreeSet<>();
      Config resolved;
      try {
        resolved = user.withFallback(defaults().getConfig("scenario"))
            .resolve(ConfigSafety.resolveOptions(undefined));
      } finally {
        ConfigSafety.reportUndefined(undefined, origin, problems);
      }
      problems.throwIfAny();
      merged = fillEntryDefaults(resolved, defaults());
    } catch (ConfigException e) {
      problems.addGeneral(describeParseError(e, origin));
      throw new InvalidScenarioException(problems.messages());
    } catch (StackOverflowError e) {
      problems.addGeneral(origin + ": the config nests too deeply to read; at most "
          + ConfigSafety.MAX_NESTING + " levels are allowed");
      throw new InvalidScenarioException(problems.messages());
    }
    ScenarioDefinition def = ScenarioDefinition.read(merged, problems);
    problems.throwIfAny();
    return def;
  }

  private static Config applyOverrides(Config user, Map<String, String> overrides,
      Problems problems) {
    if (overrides == null) {
      return user;
    }
    Config out = user;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = e.getKey() == null ? "" : e.getKey().trim();
      String value = e.getValue() == null ? "" : e.getValue();
      String shown = "--set " + key + "=" + value;
      if (key.isEmpty()) {
        problems.addGeneral(shown + ": the key is empty; write --set key=value");
        continue;
      }
      if (ConfigSafety.tooDeep(value, shown, problems)) {
        continue;
      }
      ConfigValue parsed;
      try {
        Config holder = ConfigFactory.parseString("v = " + value + "\n",
            ConfigParseOptions.defaults().setOriginDescription(shown)
                .setAllowMissing(false));
        if (!holder.hasPathOrNull("v")) {
          problems.addGeneral(shown + ": the value is empty; write --set key=value");
          continue;
        }
        parsed = holder.root().get("v");
      } catch (ConfigException ex) {
        problems.addGeneral(shown + ": the value is not valid HOCON: " + stripOrigin(ex));
        continue;
      }
      try {
        // Merge rather than replace, as HOCON does for a repeated key: --set market={crowd=50}
        // changes only the crowd.
        out = parsed.atPath(key).withFallback(out);
      } catch (ConfigException ex) {
        problems.addGeneral(shown + ": " + key + " is not a valid key path: " + stripOrigin(ex));
      }
    }
    return out;
  }

  /** The defaults resource, parsed. */
  static Config defaults() {
    return ConfigFactory.parseResources(ScenarioLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  /** Fills every asset entry and every regime from the {@code asset} and {@code regime} defaults. */
  private static Config fillEntryDefaults(Config merged, Config defaults) {
    Config out = merged;
    ConfigObject assetDefaults = defaults.getObject("asset");
    ConfigObject regimeDefaults = defaults.getObject("regime");
    if (merged.hasPath("assets") && merged.getValue("assets").valueType() == ConfigValueType.LIST) {
      List<ConfigValue> filled = new ArrayList<>();
      for (ConfigValue v : (ConfigList) merged.getValue("assets")) {
        filled.add(v instanceof ConfigObject o ? o.withFallback(assetDefaults) : v);
      }
      out = out.withValue("assets", ConfigValueFactory.fromIterable(filled));
    }
    if (merged.hasPath("regimes")
        && merged.getValue("regimes").valueType() == ConfigValueType.OBJECT) {
      ConfigObject regimes = merged.getObject("regimes");
      for (String name : regimes.keySet()) {
        if (regimes.get(name) instanceof ConfigObject o) {
          out = out.withValue("regimes." + ConfigReader.quote(name), o.withFallback(regimeDefaults));
        }
      }
    }
    return out;
  }

  /**
   * The canonical text of a resolved config: concise JSON, keys sorted at every level, numbers as
   * values (so {@code 0.10} and {@code 0.1} agree), no comments, no origins.
   */
  static String canonicalText(Config resolved) {
    // Rebuilding from the unwrapped values drops origins and original number spellings; the
    // renderer sorts keys, so the text depends only on the values.
    ConfigValue plain = ConfigValueFactory.fromAnyRef(resolved.root().unwrapped());
    return plain.render(ConfigRenderOptions.concise());
  }

  /** Lower-case hex SHA-256 of {@code text} in UTF-8. */
  static String sha256Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** A parse or resolution error as "origin line N: detail". */
  private static String describeParseError(ConfigException e, String fallbackOrigin) {
    ConfigOrigin o = e.origin();
    String detail = stripOrigin(e);
    if (o == null) {
      return fallbackOrigin + ": " + detail;
    }
    String name = o.description();
    String suffix = ": " + o.lineNumber();
    if (o.lineNumber() >= 0 && name.endsWith(suffix)) {
      name = name.substring(0, name.length() - suffix.length());
    }
    return o.lineNumber() >= 0
        ? name + " line " + o.lineNumber() + ": " + detail
        : name + ": " + detail;
  }

  /** The exception's message without the leading "origin: " Typesafe Config puts there. */
  private static String stripOrigin(ConfigException e) {
    String m = e.getMessage();
    if (e.origin() != null && m.startsWith(e.origin().description() + ": ")) {
      return m.substring(e.origin().description().length() + 2);
    }
    return m;
  }

  /**
   * A human-readable account of a resolved scenario: what {@code unwind validate} prints.
   *
   * <p>Assets, each regime's daily transition row, stationary share, expected stay, annual means
   * and vols, then the strategy, margin and market settings.
   */
  public static String describe(ResolvedScenario s) {
    StringBuilder b = new StringBuilder();
    int n = s.assetCount();
    int k = s.regimeCount();
    b.append("scenario ").append(s.name());
    if (s.description() != null && !s.description().isBlank()) {
      b.append(" - ").append(s.description().strip());
    }
    b.append('\n');
    b.append(f("  paths %d, horizon %d days (%.1f years), seed %d, sample-every %d, "
        + "initial regime %s%n", s.paths(), s.horizonDays(),
        s.horizonDays() / ResolvedScenario.DAYS_PER_YEAR, s.seed(), s.sampleEvery(),
        s.initialRegime() < 0 ? "drawn from the stationary distribution"
            : s.regimeNames()[s.initialRegime()]));
    b.append("  config sha256 ").append(s.configHash()).append("\n\n");

    int nameWidth = 10;
    for (String a : s.assetNames()) {
      nameWidth = Math.max(nameWidth, a.length());
    }
    for (String r : s.regimeNames()) {
      nameWidth = Math.max(nameWidth, r.length());
    }
    b.append(f("assets (%d)%n", n));
    b.append(f("  %-" + nameWidth + "s  %-9s  %7s  %13s%n", "name", "class", "depth",
        "haircut-floor"));
    for (int i = 0; i < n; i++) {
      b.append(f("  %-" + nameWidth + "s  %-9s  %7.1f  %13.3f%n", s.assetNames()[i],
          s.assetClasses()[i].key(), s.depth()[i], s.haircutFloor()[i]));
    }

    b.append(f("%nregimes (%d): daily transition probabilities (row = from), stationary share, "
        + "expected stay%n", k));
    b.append(f("  %-" + nameWidth + "s", "from \\ to"));
    for (String r : s.regimeNames()) {
      b.append(f("  %" + Math.max(9, r.length()) + "s", r));
    }
    b.append(f("  %10s  %13s%n", "stationary", "expected-days"));
    for (int from = 0; from < k; from++) {
      b.append(f("  %-" + nameWidth + "s", s.regimeNames()[from]));
      for (int to = 0; to < k; to++) {
        b.append(f("  %" + Math.max(9, s.regimeNames()[to].length()) + ".6f",
            s.dailyTransition()[from * k + to]));
      }
      double days = s.expectedDays()[from];
      b.append(f("  %9.2f %%  %13s%n", 100 * s.stationary()[from],
          Double.isInfinite(days) ? "forever" : f("%.1f", days)));
    }

    b.append(f("%nper regime, annual %%: mean / vol; dof (0 = Gaussian); funding spread%n"));
    b.append(f("  %-" + nameWidth + "s", "regime"));
    for (String a : s.assetNames()) {
      b.append(f("  %15s", a));
    }
    b.append(f("  %5s  %7s%n", "dof", "spread"));
    for (int r = 0; r < k; r++) {
      b.append(f("  %-" + nameWidth + "s", s.regimeNames()[r]));
      for (int i = 0; i < n; i++) {
        b.append(f("  %15s", f("%6.1f / %5.1f", 100 * s.annualMean()[r * n + i],
            100 * s.annualVol()[r * n + i])));
      }
      b.append(f("  %5s  %6.2f%%%n", s.dof()[r] == 0 ? "-" : Problems.show(s.dof()[r]),
          100 * s.fundingSpread()[r]));
    }

    StrategySettings st = s.strategy();
    b.append(f("%nstrategy  vol-target %s, max-leverage %s, rebalance-days %d, vol-band %s, "
            + "ewma-halflife-days %s, cost-bps %s, short-rate %s, variance-floor %s%n",
        Problems.show(st.volTarget()), Problems.show(st.maxLeverage()), st.rebalanceDays(),
        Problems.show(st.volBand()), Problems.show(st.ewmaHalflifeDays()),
        Problems.show(st.costBps()), Problems.show(st.shortRate()),
        Problems.show(st.varianceFloor())));
    MarginSettings mg = s.margin();
    b.append(f("margin    enabled %s, z %s, mpor-days %s, buffer %s%n", mg.enabled(),
        Problems.show(mg.z()), Problems.show(mg.mporDays()), Problems.show(mg.buffer())));
    MarketSettings mk = s.market();
    b.append(f("market    impact %s, impact-coefficient %s, crowd %s, persistence %s, "
            + "max-rounds %d, sale-order %s%n", mk.impact().key(),
        Problems.show(mk.impactCoefficient()), Problems.show(mk.crowd()),
        Problems.show(mk.persistence()), mk.maxRounds(), mk.saleOrder().key()));
    List<String> kinds = new ArrayList<>();
    for (StrategyKind kind : s.strategies()) {
      kinds.add(kind.key());
    }
    b.append("strategies ").append(String.join(", ", kinds)).append('\n');
    return b.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
