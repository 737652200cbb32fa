package io.unwind.jobs.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unwind.config.StrategyKind;
import io.unwind.replay.EpisodeReport;
import io.unwind.replay.HistoryReplay;
import io.unwind.replay.StrategyOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a whole-history replay's episodes as the printed table or the documented JSON object. */
public final class ReplayReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayReport() {
  }

  /**
   * {@code {"episodes": [{"name", "start", "end", "first_day", "last_day", "days", "strategies":
   * {"levered-erc": {"max_drawdown", "return", "realized_vol", "avg_leverage", "min_leverage",
   * "max_leverage", "deleveraging_days", "forced_sales", "margin_calls", "impact_cost",
   * "defaulted"}, ...}}], "whole": {same keys over the whole history}, "notes": [...]}};
   * fractions, not percent.
   */
  public static String json(HistoryReplay.WholeReplay replay, List<String> notes) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> episodes = new ArrayList<>();
    for (EpisodeReport e : replay.episodes()) {
      episodes.add(episode(e));
    }
    root.put("episodes", episodes);
    root.put("whole", episode(replay.whole()));
    root.put("notes", notes);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the replay as JSON", e);
    }
  }

  private static Map<String, Object> episode(EpisodeReport e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.episode().name());
    m.put("start", e.episode().start().toString());
    m.put("end", e.episode().end().toString());
    m.put("first_day", e.firstDay().toString());
    m.put("last_day", e.lastDay().toString());
    Map<String, Object> strategies = new LinkedHashMap<>();
    int days = 0;
    for (Map.Entry<StrategyKind, StrategyOutcome> s : e.strategies().entrySet()) {
      StrategyOutcome o = s.getValue();
      days = o.days();
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("max_drawdown", o.maxDrawdown());
      v.put("return", o.totalReturn());
      v.put("realized_vol", o.realizedVol());
      v.put("avg_leverage", o.avgLeverage());
      v.put("min_leverage", o.minLeverage());
      v.put("max_leverage", o.maxLeverage());
      v.put("deleveraging_days", o.deleveragingDays());
      v.put("forced_sales", o.forcedSales());
      v.put("margin_calls", o.marginCalls());
      v.put("impact_cost", o.impactCost());
      v.put("defaulted", o.defaulted());
      strategies.put(s.getKey().key(), v);
    }
    m.put("days", days);
    m.put("strategies", strategies);
    return m;
  }

  /** One block per episode, then the whole history: a row per strategy. */
  public static String table(HistoryReplay.WholeReplay replay) {
    StringBuilder out = new StringBuilder();
    List<EpisodeReport> all = new ArrayList<>(replay.episodes());
    all.add(replay.whole());
    for (EpisodeReport e : all) {
      int days = e.strategies().values().iterator().next().days();
      out.append(String.format(Locale.ROOT, "%s: %s to %s (%d trading days)%n", e.episode().name(),
          e.firstDay(), e.lastDay(), days));
      out.append(String.format(Locale.ROOT, "  %-14s %8s %8s %7s %8s %8s %6s %7s %6s %7s%n",
          "strategy", "max DD", "return", "vol", "avg lev", "min lev", "delev", "forced", "calls",
          "impact"));
      for (StrategyOutcome o : e.strategies().values()) {
        out.append(String.format(Locale.ROOT,
            "  %-14s %7.1f%% %7.1f%% %6.1f%% %7.2fx %7.2fx %6d %6.1f%% %6d %6.2f%%%s%n",
            o.strategy().key(), -100 * o.maxDrawdown(), 100 * o.totalReturn(), 100 * o.realizedVol(),
            o.avgLeverage(), o.minLeverage(), o.deleveragingDays(), 100 * o.forcedSales(),
            o.marginCalls(), 100 * o.impactCost(), o.defaulted() ? "  DEFAULTED" : ""));
      }
      out.append('\n');
    }
    out.append("max DD: fall from the running peak inside the episode; return: from the close before "
        + "its first day; vol: annualised; delev: days with a forced or vol-driven sale; forced: "
        + "notional sold under margin calls and impact: paid on those sale days, % of NAV at the "
        + "episode's start; calls: margin or liquidity calls.\n");
    return out.toString();
  }
}
