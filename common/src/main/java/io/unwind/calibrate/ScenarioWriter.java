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
 * them: each asset's {@code class}, {@code depth}, {@code haircut-floor} (matched by name), each
 * regime's {@code funding-spread} (matched by name), and every other top-level section. Otherwise
 * defaults, flagged in a comment: asset class guessed from the name, depth {@value #DEFAULT_DEPTH},
 * haircut floor by class, funding spread rising linearly from {@value #CALM_SPREAD} (calmest) to
 * {@value #CRISIS_SPREAD} (most volatile).
 */
final class ScenarioWriter {

  static final double DEFAULT_DEPTH = 20;
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

  static String write(CalibrationResult result, String scenarioName, String baseText) {
    if (scenarioName == null || scenarioName.isBlank()) {
      throw new CalibrationInputException("Cannot write a scenario without a name (name is blank)");
    }
    Config base = parseBase(baseText);
    int n = result.assetCount();
    int k = result.regimeCount();
    String[] regimes = result.regimeNames();

    StringBuilder out = new StringBuilder(4096);
    out.append("# Written by unwind calibrate from ").append(result.source()).append('\n');
    out.append("# ").append(result.summaryLine()).append('\n');
    out.append(String.format(Locale.ROOT, "# log-likelihood %.3f; regimes ordered by average annual vol, calmest first.%n",
        result.logLikelihood()));
    out.append("# Means are in-sample estimates: set simulation means by judgement.\n");
    out.append("name = ").append(ConfigUtil.quoteString(scenarioName)).append('\n');
    out.append("description = ").append(ConfigUtil.quoteString("Calibrated from "
        + fileName(result.source()) + ": " + result.summaryLine())).append('\n');

    // assets
    Map<String, ConfigObject> baseAssets = baseAssets(base);
    List<String> guessed = new ArrayList<>();
    out.append("assets = [\n");
    for (int j = 0; j < n; j++) {
      String name = result.assetNames()[j];
      Map<String, String> fields = new LinkedHashMap<>();
      ConfigObject known = baseAssets.get(name);
      if (known == null) {
        guessed.add(name);
        String cls = guessClass(name);
        fields.put("class", cls);
        fields.put("depth", number(DEFAULT_DEPTH));
        fields.put("haircut-floor", number(defaultHaircutFloor(cls)));
      } else {
        for (Map.Entry<String, ConfigValue> e : known.entrySet()) {
          if (!e.getKey().equals("name")) {
            fields.put(e.getKey(), e.getValue().render(RENDER));
          }
        }
      }
      out.append("  { name = ").append(ConfigUtil.quoteString(name));
      for (Map.Entry<String, String> e : fields.entrySet()) {
        out.append(", ").append(ConfigUtil.joinPath(e.getKey())).append(" = ").append(e.getValue());
      }
      out.append(" }\n");
    }
    out.append("]\n");
    if (!guessed.isEmpty()) {
      out.append("# class, depth and haircut-floor of ").append(String.join(", ", guessed))
          .append(" are defaults, not estimates: review them.\n");
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
              regimes[r], 1 - result.parameters().transition(r, r), result.frequency().label()));
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

    // everything else, from the base
    if (base != null) {
      Set<String> regimeSet = Set.of(regimes);
      for (String key : sectionKeys(base.root())) {
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
    return out.toString();
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
        byName.put(String.valueOf(o.get("name").unwrapped()), o);
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

  /** Asset class from words in the name; {@code other} when nothing matches. */
  static String guessClass(String name) {
    List<String> tokens = List.of(name.split("_"));
    if (containsAny(name, "high_yield", "credit", "corporate", "corp") || tokens.contains("hy")
        || tokens.contains("ig")) {
      return "credit";
    }
    if (containsAny(name, "treasur", "bond", "bund", "gilt", "jgb", "govt", "oat", "btp")
        || tokens.contains("ust")) {
      return "bond";
    }
    if (containsAny(name, "equit", "stock", "share", "spx", "sp500", "s_p", "nasdaq", "dax",
        "ftse", "nikkei", "stoxx", "msci", "russell")) {
      return "equity";
    }
    if (containsAny(name, "commodit", "gold", "oil", "crb", "gsci", "wti", "brent", "copper")) {
      return "commodity";
    }
    return "other";
  }

  private static boolean containsAny(String s, String... parts) {
    for (String p : parts) {
      if (s.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** Judgement defaults for the margin haircut floor by class (exchange-style minima). */
  static double defaultHaircutFloor(String assetClass) {
    return switch (assetClass) {
      case "bond" -> 0.02;
      case "credit" -> 0.08;
      default -> 0.15;
    };
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
