package io.unwind.calibrate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link CalibrationResult} as a scenario file in DESIGN.md's keys.
 *
 * <p>Fitted: {@code regimes.*.mean|vol|corr|expected-days|exits}. Taken from the base when it has
 * them: each asset's {@code class}, {@code depth}, {@code haircut-floor} (matched by name, ignoring
 * case; the written name keeps the price file's spelling), each regime's {@code funding-spread}
 * (matched by name), and every other top-level section. An asset the base does not know gets the
 * class {@code --class} gives it, else {@code other}, and its class's default depth and haircut
 * floor ({@link ClassDefaults}), stated in the file's comments; funding spreads the base lacks
 * rise linearly from {@value #CALM_SPREAD} (calmest) to {@value #CRISIS_SPREAD} (most volatile).
 * A strategy that cannot run on the written assets (sixty-forty without an equity and a bond) is
 * left out of {@code strategies} with a note saying how to keep it.
 */
final class ScenarioWriter {

  /**
   * Depth (multiples of the fund's start equity) and haircut floor of an asset the base does not
   * know, by class: the default scenario's figures for a comparable market (eu_equity, us
   * treasuries and bunds, commodities, us_high_yield) and unwind-defaults.conf's for other.
   */
  enum ClassDefaults {
    EQUITY("equity", 40, 0.15),
    BOND("bond", 60, 0.02),
    CREDIT("credit", 6, 0.10),
    COMMODITY("commodity", 15, 0.12),
    OTHER("other", 20, 0.10);

    final String key;
    final double depth;
    final double haircutFloor;

    ClassDefaults(String key, double depth, double haircutFloor) {
      this.key = key;
      this.depth = depth;
      this.haircutFloor = haircutFloor;
    }

    static ClassDefaults of(String key) {
      for (ClassDefaults c : values()) {
        if (c.key.equals(key)) {
          return c;
        }
      }
      return null;
    }

    /** "equity 40 / 0.15, bond 60 / 0.02, ..." for the written file's comment. */
    static String table() {
      StringBuilder s = new StringBuilder();
      for (ClassDefaults c : values()) {
        s.append(s.length() == 0 ? "" : ", ").append(c.key).append(' ').append(number(c.depth))
            .append(" / ").append(number(c.haircutFloor));
      }
      return s.toString();
    }
  }

  static final String SIXTY_FORTY = "sixty-forty";
  static final double CALM_SPREAD = 0.002;
  static final double CRISIS_SPREAD = 0.02;
  private static final int SIGNIFICANT = 6;
  private static final int CORR_DECIMALS = 6;
  /** Top-level keys this writer produces itself; all others are copied from the base. */
  private static final Set<String> WRITTEN = Set.of("name", "description", "assets", "regimes");
  /** Order in which copied sections appear (DESIGN.md's); unknown keys follow alphabetically. */
  private static final List<String> SECTION_ORDER = List.of("paths", "horizon-days", "seed",
      "sample-every", "initial-regime", "strategy", "margin", "market", "strategies");
  private static final ConfigRenderOptions RENDER =
      ConfigRenderOptions.concise().setJson(false).setFormatted(true);

  private ScenarioWriter() {
  }

  static ScenarioText write(CalibrationResult result, String scenarioName, String baseText,
      Map<String, String> classes) {
    if (scenarioName == null || scenarioName.isBlank()) {
      throw new CalibrationInputException("Cannot write a scenario without a name (name is blank)");
    }
    Config base = parseBase(baseText);
    Map<String, String> classByName = checkClasses(result, classes);
    List<String> notes = new ArrayList<>();
    int n = result.assetCount();
    int k = result.regimeCount();
    String[] regimes = result.regimeNames();

    StringBuilder out = new StringBuilder(4096);
    out.append("# Written by unwind calibrate from ").append(result.source()).append('\n');
    out.append("# ").append(result.summaryLine()).append('\n');
    out.append(String.format(Locale.ROOT, "# log-likelihood %.3f; regimes ordered by average annual vol, calmest first.%n",
        result.logLikelihood()));
    out.append(CalibrationResult.IN_SAMPLE_MEANS_NOTE).append('\n');
    out.append("name = ").append(ConfigUtil.quoteString(scenarioName)).append('\n');
    out.append("description = ").append(ConfigUtil.quoteString("Calibrated from "
        + fileName(result.source()) + ": " + result.summaryLine())).append('\n');

    // assets
    Map<String, ConfigObject> baseAssets = baseAssets(base);
    List<String> defaulted = new ArrayList<>();
    List<String> unclassified = new ArrayList<>();
    List<String> writtenClasses = new ArrayList<>();
    out.append("assets = [\n");
    for (int j = 0; j < n; j++) {
      String name = result.assetNames()[j];
      String lower = name.toLowerCase(Locale.ROOT);
      Map<String, String> fields = new LinkedHashMap<>();
      ConfigObject known = baseAssets.get(lower);
      String given = classByName.get(lower);
      if (known == null) {
        String cls = given != null ? given : "other";
        if (given == null) {
          unclassified.add(name);
        }
        ClassDefaults d = ClassDefaults.of(cls);
        defaulted.add(name + " (" + cls + ")");
        fields.put("class", cls);
        fields.put("depth", number(d.depth));
        fields.put("haircut-floor", number(d.haircutFloor));
      } else {
        for (Map.Entry<String, ConfigValue> e : known.entrySet()) {
          if (!e.getKey().equals("name")) {
            fields.put(e.getKey(), e.getValue().render(RENDER));
          }
        }
        if (given != null) {
          fields.put("class", given);
        }
      }
      String cls = fields.containsKey("class") ? unquote(fields.get("class")) : "other";
      writtenClasses.add(cls);
      out.append("  { name = ").append(ConfigUtil.quoteString(name));
      for (Map.Entry<String, String> e : fields.entrySet()) {
        out.append(", ").append(ConfigUtil.joinPath(e.getKey())).append(" = ").append(e.getValue());
      }
      out.append(" }\n");
    }
    out.append("]\n");
    if (!defaulted.isEmpty()) {
      out.append("# ").append(String.join(", ", defaulted))
          .append(": not in the base; depth and haircut-floor are the class defaults (")
          .append(ClassDefaults.table())
          .append("; depth in multiples of the fund's start equity), not estimates: review them.\n");
    }
    if (!unclassified.isEmpty()) {
      String note = String.join(", ", unclassified) + ": class other (the base does not know "
          + (unclassified.size() == 1 ? "it" : "them") + "); set a class with --class NAME=CLASS "
          + "(equity, bond, credit, commodity, other)";
      out.append("# ").append(note).append('\n');
      notes.add(note);
    }

    // regimes
    out.append("regimes {\n");
    for (int r = 0; r < k; r++) {
      out.append("  ").append(ConfigUtil.joinPath(regimes[r])).append(" {\n");
      out.append("    mean = ").append(vector(result.annualMean(r))).append('\n');
      out.append("    vol = ").append(vector(result.annualVol(r))).append('\n');
      double[] corr = result.correlation(r);
      out.append("    corr = [\n");
      for (int i = 0; i < n; i++) {
        out.append("      [");
        for (int j = 0; j < n; j++) {
          out.append(j == 0 ? "" : ", ").append(i == j ? "1" : correlation(corr[i * n + j]));
        }
        out.append(i + 1 < n ? "],\n" : "]\n");
      }
      out.append("    ]\n");
      out.append("    dof = 0\n");
      out.append("    funding-spread = ").append(fundingSpread(base, regimes[r], r, k)).append('\n');
      if (k > 1) {
        double days = result.expectedDays(r);
        if (Double.isInfinite(days)) {
          throw new CalibrationInputException(String.format(Locale.ROOT,
              "Cannot write regime %s: the fit never leaves it (1 - p_ii = %.3g per %s period), so "
                  + "its expected-days is infinite; fit fewer regimes or a longer history",
              regimes[r], 1 - result.parameters().transition(r, r), result.frequency().key()));
        }
        out.append("    expected-days = ").append(number(days)).append('\n');
        out.append("    exits { ");
        double[] w = result.exitWeights(r);
        boolean first = true;
        for (int j = 0; j < k; j++) {
          String weight = j == r ? null : number(w[j]);
          if (weight != null && new BigDecimal(weight).signum() > 0) {
            out.append(first ? "" : ", ").append(ConfigUtil.joinPath(regimes[j])).append(" = ").append(weight);
            first = false;
          }
        }
        out.append(" }\n");
      }
      out.append("  }\n");
    }
    out.append("}\n");

    // strategies: those that cannot run on these assets are left out, with a note
    List<String> strategies = strategies(base);
    boolean sixtyFortyRuns = writtenClasses.contains("equity") && writtenClasses.contains("bond");
    String strategiesLine = null;
    if (!sixtyFortyRuns && strategies.contains(SIXTY_FORTY)) {
      List<String> kept = new ArrayList<>(strategies);
      kept.remove(SIXTY_FORTY);
      String note = "sixty-forty left out of strategies: it needs at least one asset of class "
          + "equity and one of class bond, and the assets' classes are " + String.join(", ",
          new TreeSet<>(writtenClasses)) + "; to keep it, give an equity column and a bond column "
          + "their classes: --class NAME=equity --class NAME=bond (e.g. --class "
          + result.assetNames()[0] + "=equity)";
      out.append("# ").append(note).append('\n');
      notes.add(note);
      strategiesLine = "strategies = [" + String.join(", ", kept) + "]";
    }

    // everything else, from the base
    if (base == null && strategiesLine != null) {
      out.append(strategiesLine).append('\n');
    }
    if (base != null) {
      Set<String> regimeSet = Set.of(regimes);
      List<String> keys = sectionKeys(base.root());
      if (strategiesLine != null && !keys.contains("strategies")) {
        keys.add("strategies");
      }
      for (String key : keys) {
        if (key.equals("strategies") && strategiesLine != null) {
          out.append(strategiesLine).append('\n');
          continue;
        }
        ConfigValue value = base.root().get(key);
        if (key.equals("initial-regime") && value.valueType() == ConfigValueType.STRING
            && !"stationary".equals(value.unwrapped()) && !regimeSet.contains((String) value.unwrapped())) {
          out.append("# the base starts in regime ").append(value.unwrapped())
              .append(", which this calibration does not have\n");
          out.append("initial-regime = stationary\n");
          continue;
        }
        // Rendered as a one-key root so objects keep their braces (a bare object renders without).
        out.append(ConfigFactory.empty().withValue(ConfigUtil.joinPath(key), value).root()
            .render(RENDER).strip()).append('\n');
      }
    }
    return new ScenarioText(out.toString(), List.copyOf(notes));
  }

  /**
   * {@code --class} by lower-case column name, each checked: the name must be a column of the
   * price file (ignoring case) and the class one of the five.
   */
  private static Map<String, String> checkClasses(CalibrationResult result, Map<String, String> classes) {
    Map<String, String> byName = new LinkedHashMap<>();
    if (classes == null) {
      return byName;
    }
    List<String> columns = new ArrayList<>();
    for (String a : result.assetNames()) {
      columns.add(a.toLowerCase(Locale.ROOT));
    }
    for (Map.Entry<String, String> e : classes.entrySet()) {
      String name = e.getKey().trim().toLowerCase(Locale.ROOT);
      String cls = e.getValue().trim().toLowerCase(Locale.ROOT);
      if (!columns.contains(name)) {
        throw new CalibrationInputException("--class " + e.getKey() + "=" + e.getValue() + ": "
            + result.source() + " has no column " + e.getKey() + " (ignoring case); its columns are "
            + String.join(", ", result.assetNames()));
      }
      if (ClassDefaults.of(cls) == null) {
        throw new CalibrationInputException("--class " + e.getKey() + "=" + e.getValue()
            + ": unknown class " + e.getValue() + "; classes are equity, bond, credit, commodity, other");
      }
      byName.put(name, cls);
    }
    return byName;
  }

  /** The base's strategies, or the defaults' when the base has none. */
  private static List<String> strategies(Config base) {
    if (base != null && base.hasPath("strategies")
        && base.getValue("strategies").valueType() == ConfigValueType.LIST) {
      List<String> list = new ArrayList<>();
      for (ConfigValue v : base.getList("strategies")) {
        list.add(String.valueOf(v.unwrapped()));
      }
      return list;
    }
    return ConfigFactory.parseResources("unwind-defaults.conf").getStringList("scenario.strategies");
  }

  private static String unquote(String rendered) {
    String s = rendered.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private static Config parseBase(String baseText) {
    if (baseText == null) {
      return null;
    }
    try {
      return ConfigFactory.parseString(baseText)
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
    } catch (ConfigException e) {
      throw new CalibrationInputException("Cannot read the base scenario: " + e.getMessage(), e);
    }
  }

  private static Map<String, ConfigObject> baseAssets(Config base) {
    Map<String, ConfigObject> byName = new LinkedHashMap<>();
    if (base == null || !base.hasPath("assets")
        || base.getValue("assets").valueType() != ConfigValueType.LIST) {
      return byName;
    }
    ConfigList list = base.getList("assets");
    for (ConfigValue v : list) {
      if (v instanceof ConfigObject o && o.get("name") != null) {
        byName.put(String.valueOf(o.get("name").unwrapped()).toLowerCase(Locale.ROOT), o);
      }
    }
    return byName;
  }

  private static String fundingSpread(Config base, String regime, int rank, int regimes) {
    String path = "regimes." + ConfigUtil.joinPath(regime) + ".funding-spread";
    if (base != null && base.hasPath(path)) {
      return base.getValue(path).render(RENDER);
    }
    double spread = regimes == 1 ? CALM_SPREAD
        : CALM_SPREAD + (CRISIS_SPREAD - CALM_SPREAD) * rank / (regimes - 1);
    return number(spread);
  }

  private static List<String> sectionKeys(ConfigObject root) {
    List<String> keys = new ArrayList<>();
    for (String k : SECTION_ORDER) {
      if (root.containsKey(k)) {
        keys.add(k);
      }
    }
    for (String k : new TreeSet<>(root.keySet())) {
      if (!WRITTEN.contains(k) && !SECTION_ORDER.contains(k)) {
        keys.add(k);
      }
    }
    return keys;
  }

  private static String vector(double[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append(number(v[i]));
    }
    return s.append(']').toString();
  }

  /** {@code v} to {@value #SIGNIFICANT} significant digits, plain notation, no trailing zeros. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalStateException("cannot write non-finite number " + v);
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(new MathContext(SIGNIFICANT, RoundingMode.HALF_EVEN))
        .stripTrailingZeros().toPlainString();
  }

  private static String correlation(double rho) {
    String s = new BigDecimal(rho).setScale(CORR_DECIMALS, RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString();
    return new BigDecimal(s).signum() == 0 ? "0" : s;
  }

  private static String fileName(String source) {
    Path p = Path.of(source).getFileName();
    return p == null ? source : p.toString();
  }
}
