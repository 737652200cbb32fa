package io.unwind.jobs.cli;

import io.unwind.config.StrategyKind;
import io.unwind.summary.Metrics;
import io.unwind.summary.SummaryRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A few sentences a risk committee can read, generated from a run's {@code summary} rows: how bad
 * (99 % ES of the horizon loss), how often (default, margin calls), how sure (the 95 %
 * intervals), and why (the attributions on common random numbers, the regimes of the worst paths).
 *
 * <p>A pure function of the rows: a sentence whose metrics are missing is left out.
 */
final class Headlines {
  /** The tail level the headlines quote. */
  static final double LEVEL = 0.99;

  private Headlines() {
  }

  /**
   * The headline sentences.
   *
   * @param rows the run's summary rows
   * @param strategies the run's strategies in order; the subject is levered-erc if it ran, else the first
   * @param horizonDays trading days per path
   * @return sentences, one per element, possibly empty
   */
  /**
   * Under importance sampling (the run has {@code effective_sample_size} rows): what the weights
   * leave of the sample. Null for plain sampling.
   */
  private static String weights(List<SummaryRow> rows, String subject) {
    SummaryRow ess = find(rows, subject, Metrics.EFFECTIVE_SAMPLE_SIZE, null, null);
    SummaryRow mean = find(rows, subject, Metrics.MEAN_WEIGHT, null, null);
    if (ess == null || mean == null) {
      return null;
    }
    return String.format(Locale.ROOT, "Importance sampling: every estimate weights each path by its "
        + "likelihood ratio; effective sample size %,.0f of %,d paths (Kish), mean weight %.3f "
        + "[%.3f, %.3f] (1 in expectation).", ess.value(), ess.n(), mean.value(), mean.ciLow(),
        mean.ciHigh());
  }

  static List<String> of(List<SummaryRow> rows, List<String> strategies, int horizonDays) {
    List<String> out = new ArrayList<>();
    if (strategies.isEmpty()) {
      return out;
    }
    String subject = strategies.contains(StrategyKind.LEVERED_ERC.key())
        ? StrategyKind.LEVERED_ERC.key() : strategies.get(0);
    String horizon = horizon(horizonDays);

    SummaryRow es = find(rows, subject, Metrics.LOSS_ES, null, LEVEL);
    SummaryRow defaults = find(rows, subject, Metrics.DEFAULT_PROB, null, null);
    SummaryRow calls = find(rows, subject, Metrics.MARGIN_CALL_PROB, null, null);
    List<String> parts = new ArrayList<>();
    if (es != null) {
      parts.add(String.format(Locale.ROOT, "99 %% ES of the %s loss %s of start equity",
          horizon, estimate(es)));
    }
    if (defaults != null) {
      parts.add(estimate(defaults) + " of paths default");
    }
    if (calls != null) {
      parts.add(String.format(Locale.ROOT, "%s meet at least one margin call", pct(calls.value())));
    }
    if (!parts.isEmpty()) {
      out.add(subject + ": " + String.join("; ", parts) + ".");
    }
    String weights = weights(rows, subject);
    if (weights != null) {
      out.add(weights);
    }

    List<String> others = new ArrayList<>();
    for (String s : strategies) {
      SummaryRow o = find(rows, s, Metrics.LOSS_ES, null, LEVEL);
      if (!s.equals(subject) && o != null) {
        others.add(s + " " + pct(o.value()));
      }
    }
    if (!others.isEmpty()) {
      out.add("For comparison, 99 % ES of the same loss: " + String.join(", ", others) + ".");
    }

    deleveraging(rows, subject, out);
    String regime = attributionText(rows, Metrics.ATTRIBUTION_VOL_ERROR, StrategyKind.ORACLE_ERC,
        "Not knowing the regime");
    if (regime != null) {
      out.add(regime + split(rows, Metrics.ATTRIBUTION_VOL_ERROR, StrategyKind.ORACLE_ERC) + ".");
    }
    String cascade = attributionText(rows, Metrics.ATTRIBUTION_CASCADE, StrategyKind.NO_IMPACT,
        "Price impact");
    SummaryRow share = find(rows, StrategyKind.LEVERED_ERC.key(), Metrics.IMPACT_LOSS_SHARE,
        Metrics.VERSUS + StrategyKind.NO_IMPACT.key(), LEVEL);
    if (cascade != null) {
      out.add(share == null ? cascade + "."
          : String.format(Locale.ROOT, "%s; impact caused %s of the loss on levered-erc's worst 1 %% of paths.",
              cascade, estimate(share)));
    }
    attribution(rows, Metrics.ATTRIBUTION_LEVERAGE, StrategyKind.UNLEVERED_ERC, "Leverage and its costs", out);
    precision(rows, out);
    regimes(rows, subject, out);
    return out;
  }

  private static void attribution(List<SummaryRow> rows, String metric, StrategyKind against,
      String cause, List<String> out) {
    String text = attributionText(rows, metric, against, cause);
    if (text != null) {
      out.add(text + ".");
    }
  }

  /** "Cause (levered-erc vs X, same paths) costs m % of equity on average [..] and e % at the 99 % tail [..]". */
  private static String attributionText(List<SummaryRow> rows, String metric, StrategyKind against,
      String cause) {
    // "Leverage and its costs" add, "Price impact" adds
    boolean plural = cause.contains(" and ");
    String add = plural ? "add" : "adds";
    String reduce = plural ? "reduce" : "reduces";
    String condition = Metrics.VERSUS + against.key();
    String subject = StrategyKind.LEVERED_ERC.key();
    SummaryRow mean = find(rows, subject, metric + Metrics.MEAN, condition, null);
    SummaryRow tail = find(rows, subject, metric + Metrics.ES, condition, LEVEL);
    if (mean == null || tail == null) {
      return null;
    }
    if (mean.value() < 0) {
      // a saving on average (leverage earns its carry) that still costs in the tail
      SummaryRow saving = new SummaryRow(mean.strategy(), mean.metric(), mean.condition(),
          mean.level(), negate(mean.value()), negate(mean.ciHigh()), negate(mean.ciLow()), mean.n());
      return String.format(Locale.ROOT,
          "%s (levered-erc against %s on the same paths) %s the loss by %s of start equity "
              + "on average, yet %s %s on the 1 %% of paths where %s most",
          cause, against.key(), reduce, estimate(saving), add, estimate(tail),
          plural ? "they add" : "it adds");
    }
    return String.format(Locale.ROOT,
        "%s (levered-erc against %s on the same paths) %s %s of start equity to the loss on "
            + "average, and %s on the 1 %% of paths where %s most",
        cause, against.key(), add, estimate(mean), estimate(tail), plural ? "they add" : "it adds");
  }

  /**
   * "; of the mean, d [..] was earned on the regimes' drifts (timing of expected returns) and s
   * [..] on the shocks, costs and financing (sizing for risk)", or empty without the split.
   */
  private static String split(List<SummaryRow> rows, String metric, StrategyKind against) {
    String condition = Metrics.VERSUS + against.key();
    String subject = StrategyKind.LEVERED_ERC.key();
    SummaryRow drift = find(rows, subject, metric + Metrics.DRIFT_MEAN, condition, null);
    SummaryRow shock = find(rows, subject, metric + Metrics.SHOCK_MEAN, condition, null);
    if (drift == null || shock == null) {
      return "";
    }
    return String.format(Locale.ROOT, "; of the mean, %s comes from the regimes' drifts (the "
        + "oracle knows when expected returns turn: timing, not vol) and %s from the shocks, "
        + "costs and financing (sizing for risk)", estimate(drift), estimate(shock));
  }

  /** How often the subject deleverages hard, in how many rounds, and how much of it was forced. */
  private static void deleveraging(List<SummaryRow> rows, String subject, List<String> out) {
    SummaryRow prob = find(rows, subject, Metrics.DELEVERAGING_PROB, null, null);
    SummaryRow multi = find(rows, subject, Metrics.MULTI_ROUND_EPISODE_SHARE, null, null);
    SummaryRow forced = find(rows, subject, Metrics.FORCED_SALE_SHARE, null, null);
    if (prob == null) {
      return;
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%s: %s of paths have a deleveraging episode (gross cut below half its ten-day high)",
        subject, estimate(prob)));
    if (multi != null) {
      sb.append(String.format(Locale.ROOT, "; %s of episodes take more than one sale round",
          estimate(multi)));
    }
    if (forced != null) {
      sb.append(String.format(Locale.ROOT, "; margin calls forced %s of everything it sold, "
          + "the vol target and the schedule the rest", estimate(forced)));
    }
    out.add(sb.append('.').toString());
  }

  private static Double negate(Double x) {
    return x == null ? null : -x;
  }

  /** How much the pairing buys, on the attribution where it buys most. */
  private static void precision(List<SummaryRow> rows, List<String> out) {
    double best = 1;
    SummaryRow bestPaired = null;
    SummaryRow bestUnpaired = null;
    for (String metric : List.of(Metrics.ATTRIBUTION_VOL_ERROR, Metrics.ATTRIBUTION_CASCADE,
        Metrics.ATTRIBUTION_LEVERAGE)) {
      for (SummaryRow paired : rows) {
        if (!paired.metric().equals(metric + Metrics.PAIRED_SE)) {
          continue;
        }
        SummaryRow unpaired = find(rows, paired.strategy(), metric + Metrics.UNPAIRED_SE,
            paired.condition(), null);
        if (unpaired != null && paired.value() != null && unpaired.value() != null
            && paired.value() > 0 && unpaired.value() / paired.value() > best) {
          best = unpaired.value() / paired.value();
          bestPaired = paired;
          bestUnpaired = unpaired;
        }
      }
    }
    if (bestPaired != null) {
      out.add(String.format(Locale.ROOT, "Common random numbers pay: the standard error of the "
          + "mean difference %s − %s is %s, against %s had the two run on independent paths "
          + "(%.0fx as many paths would be needed).", bestPaired.strategy(),
          bestPaired.condition().substring(Metrics.VERSUS.length()),
          pct(bestPaired.value()), pct(bestUnpaired.value()), best * best));
    }
  }

  /** The regime most over-represented among the subject's worst 1 % of paths. */
  private static void regimes(List<SummaryRow> rows, String subject, List<String> out) {
    SummaryRow bestWorst = null;
    SummaryRow bestAll = null;
    double bestRatio = 1.0;
    for (SummaryRow worst : rows) {
      if (!worst.strategy().equals(subject) || !worst.metric().equals(Metrics.REGIME_SHARE_WORST1PCT)) {
        continue;
      }
      SummaryRow all = find(rows, subject, Metrics.REGIME_SHARE_ALL, worst.condition(), null);
      if (all != null && all.value() > 0 && worst.value() / all.value() > bestRatio) {
        bestRatio = worst.value() / all.value();
        bestWorst = worst;
        bestAll = all;
      }
    }
    if (bestWorst != null) {
      String regime = bestWorst.condition().substring(Metrics.REGIME.length());
      out.add(String.format(Locale.ROOT, "%s's worst 1 %% of paths spent %s of their days in the %s "
          + "regime, against %s over all paths.", subject, pct(bestWorst.value()), regime, pct(bestAll.value())));
    }
  }

  static String horizon(int days) {
    if (days % 252 == 0) {
      return (days / 252) + "-year";
    }
    return days + "-day";
  }

  /** A percentage with enough decimals that a rare event does not print as zero. */
  static String pct(Double x) {
    if (x == null || x.isNaN()) {
      return "n/a";
    }
    double p = 100 * x;
    double a = Math.abs(p);
    // Below 0.001 % (e.g. the upper bound on a default probability when no path defaulted) keep
    // one significant digit rather than print a bound of "0.000 %".
    int decimals = a == 0 || a >= 1 ? 1 : a >= 0.1 ? 2
        : Math.min(9, Math.max(3, (int) Math.ceil(-Math.log10(a))));
    return String.format(Locale.ROOT, "%." + decimals + "f %%", p);
  }

  /** "41.0 % [39.0 %, 43.0 %]": the value and its interval, if it has one. */
  static String estimate(SummaryRow r) {
    String i = interval(r);
    return i.isEmpty() ? pct(r.value()) : pct(r.value()) + " " + i;
  }

  /** "[39.0 %, 43.0 %]", with "n/a" for an end the sample cannot bound; empty without an interval. */
  static String interval(SummaryRow r) {
    if (r.ciLow() == null && r.ciHigh() == null) {
      return "";
    }
    return "[" + end(r.ciLow()) + ", " + end(r.ciHigh()) + "]";
  }

  private static String end(Double x) {
    return x == null || x.isInfinite() ? "n/a" : pct(x);
  }

  static SummaryRow find(List<SummaryRow> rows, String strategy, String metric, String condition,
      Double level) {
    for (SummaryRow r : rows) {
      if (r.strategy().equals(strategy) && r.metric().equals(metric)
          && Objects.equals(r.condition(), condition) && Objects.equals(r.level(), level)) {
        return r;
      }
    }
    return null;
  }
}
