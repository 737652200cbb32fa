package io.unwind.strategy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The numbers behind {@code unwind explain}: per regime the ERC book, its leverage at the vol
 * target, and the vol surprise of that levered book in every regime.
 *
 * @param assets asset names, in scenario order
 * @param regimes one view per regime, in scenario order
 */
public record ExplainReport(List<String> assets, List<RegimeView> regimes) {

  /** Validates sizes: every weight vector matches the assets, every surprise vector the regimes. */
  public ExplainReport {
    assets = List.copyOf(assets);
    regimes = List.copyOf(regimes);
    for (RegimeView r : regimes) {
      if (r.ercWeights().length != assets.size()) {
        throw new IllegalArgumentException("Cannot use " + r.ercWeights().length + " ERC weights for regime "
            + r.name() + ", the value must equal the asset count " + assets.size());
      }
      if (r.volSurprise().length != regimes.size()) {
        throw new IllegalArgumentException("Cannot use " + r.volSurprise().length + " vol-surprise entries for regime "
            + r.name() + ", the value must equal the regime count " + regimes.size());
      }
    }
  }

  /**
   * One regime's line of the report.
   *
   * @param name regime name
   * @param stationaryShare long-run share of time in the regime
   * @param expectedDays expected stay, trading days
   * @param ercWeights ERC weights on the regime's true covariance, in asset order (sum 1)
   * @param leverageAtTarget min(max-leverage, vol-target / ERC book vol in the regime)
   * @param volSurprise realised annual vol of this levered book in each regime, in regime order
   */
  public record RegimeView(
      String name,
      double stationaryShare,
      double expectedDays,
      double[] ercWeights,
      double leverageAtTarget,
      double[] volSurprise) {

    /** Copies the arrays so the view stays immutable. */
    public RegimeView {
      Objects.requireNonNull(name, "name");
      ercWeights = ercWeights.clone();
      volSurprise = volSurprise.clone();
    }

    /** A copy of the ERC weights. */
    @Override
    public double[] ercWeights() {
      return ercWeights.clone();
    }

    /** A copy of the vol surprise vector. */
    @Override
    public double[] volSurprise() {
      return volSurprise.clone();
    }
  }

  /**
   * The DESIGN.md {@code explain --json} contract, compact and deterministic:
   * {@code {"assets":[..],"regimes":[{"name","stationary_share","expected_days",
   * "erc_weights":{asset:w},"leverage_at_target","vol_surprise":{regime:vol}}]}}. Numbers use
   * Java's shortest round-trip form; a non-finite number is written as {@code null}.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder(256 + 128 * regimes.size() * (assets.size() + regimes.size()));
    b.append("{\"assets\":[");
    for (int i = 0; i < assets.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      string(b, assets.get(i));
    }
    b.append("],\"regimes\":[");
    for (int r = 0; r < regimes.size(); r++) {
      RegimeView v = regimes.get(r);
      if (r > 0) {
        b.append(',');
      }
      b.append("{\"name\":");
      string(b, v.name());
      b.append(",\"stationary_share\":");
      number(b, v.stationaryShare());
      b.append(",\"expected_days\":");
      number(b, v.expectedDays());
      b.append(",\"erc_weights\":{");
      double[] w = v.ercWeights;
      for (int i = 0; i < w.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        string(b, assets.get(i));
        b.append(':');
        number(b, w[i]);
      }
      b.append("},\"leverage_at_target\":");
      number(b, v.leverageAtTarget());
      b.append(",\"vol_surprise\":{");
      double[] s = v.volSurprise;
      for (int k = 0; k < s.length; k++) {
        if (k > 0) {
          b.append(',');
        }
        string(b, regimes.get(k).name());
        b.append(':');
        number(b, s[k]);
      }
      b.append("}}");
    }
    return b.append("]}").toString();
  }

  /**
   * The human table {@code unwind explain} prints: one block with share, stay, leverage and
   * weights per regime, then the vol-surprise matrix (rows: regime the book was sized in;
   * columns: regime the market is in).
   */
  public String toTable() {
    int nameWidth = "sized in \\ market".length();
    for (RegimeView v : regimes) {
      nameWidth = Math.max(nameWidth, v.name().length());
    }
    StringBuilder b = new StringBuilder();
    b.append("ERC book per regime (weights on the regime's true covariance, levered to the vol target)\n");
    b.append(pad("regime", nameWidth)).append(right("share", 8)).append(right("stay (d)", 10))
        .append(right("leverage", 10));
    int[] assetWidths = new int[assets.size()];
    for (int i = 0; i < assets.size(); i++) {
      assetWidths[i] = Math.max(8, assets.get(i).length()) + 2;
      b.append(right(assets.get(i), assetWidths[i]));
    }
    b.append('\n');
    for (RegimeView v : regimes) {
      b.append(pad(v.name(), nameWidth))
          .append(right(format("%.1f%%", 100 * v.stationaryShare()), 8))
          .append(right(format("%.1f", v.expectedDays()), 10))
          .append(right(format("%.2fx", v.leverageAtTarget()), 10));
      for (int i = 0; i < assets.size(); i++) {
        b.append(right(format("%.1f%%", 100 * v.ercWeights[i]), assetWidths[i]));
      }
      b.append('\n');
    }
    b.append("\nVol surprise: annual vol of the book sized in a regime (row) when the market is in another (column)\n");
    b.append(pad("sized in \\ market", nameWidth));
    int[] regimeWidths = new int[regimes.size()];
    for (int k = 0; k < regimes.size(); k++) {
      regimeWidths[k] = Math.max(8, regimes.get(k).name().length()) + 2;
      b.append(right(regimes.get(k).name(), regimeWidths[k]));
    }
    b.append('\n');
    for (RegimeView v : regimes) {
      b.append(pad(v.name(), nameWidth));
      for (int k = 0; k < regimes.size(); k++) {
        b.append(right(format("%.1f%%", 100 * v.volSurprise[k]), regimeWidths[k]));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  private static String right(String s, int width) {
    StringBuilder b = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      b.append(' ');
    }
    return b.append(s).toString();
  }

  private static void number(StringBuilder b, double value) {
    if (Double.isFinite(value)) {
      b.append(value);
    } else {
      b.append("null");
    }
  }

  /** Appends a JSON string literal, escaped per RFC 8259 section 7. */
  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
