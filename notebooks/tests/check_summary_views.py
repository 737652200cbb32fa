"""Check unwind_data's summary views: the job's rows, and the fallback that computes them from paths.

For RUN, whose summary must hold the aggregate job's attribution, conditional-loss and
regime-share rows (README, "The `summary` table"):
  * attribution_rows / regime_rows take them from the summary;
  * every value agrees with the same row recomputed from paths (attribution_from_paths,
    regime_views_from_paths) to 1e-12 relative, ES and impact-share intervals to 1e-6, and the two
    hold the same rows (a renamed, missing or extra row fails);
  * given a summary without those rows (the rows removed; also without the `condition` column; or
    no summary at all) they fall back to paths and return exactly the recomputed rows;
  * the views are coherent (regime shares sum to 1, conditional groups no larger than the run) and
    the display tables have rows.
For each --fallback-run (a run whose summary on disk lacks the rows): the rows come from paths.
Also a few golden values (Student t quantiles, VaR ranks, a hand-computed ES, tie-breaking).

Usage: python check_summary_views.py OUT RUN [--fallback-run RUN2 ...]
Prints `ok`/`FAIL` per check and `summary views: N passed, M failed`; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import unwind_data as ud  # noqa: E402

VALUE_TOLERANCE = 1e-12
# The fixture's intervals use z = 1.959964 where unwind uses 1.959963984540054 (8e-9 apart).
INTERVAL_TOLERANCE = 1e-6
# Rows whose interval both sides form the same way (means use Student t, approximated here).
INTERVAL_METRICS = {"loss_es", "loss_es_given_visited", ud.IMPACT_SHARE} | {
    name + "_es" for name in ud.ATTRIBUTION_METRICS.values()}


class Checks:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def keys(rows: pd.DataFrame) -> set:
    """(strategy, metric, condition, level) of every row; missing condition "" and level -1 (NaN
    would not compare equal to itself)."""
    return set(zip(rows["strategy"], rows["metric"], rows["condition"].fillna(""),
                   rows["level"].round(9).fillna(-1.0)))


def golden(c: Checks) -> None:
    # Student t 0.975 quantiles (R: qt(0.975, df)) and the accuracy student_t975 promises.
    table = {1: (12.706205, 1e-6), 2: (4.302653, 1e-6), 3: (3.182446, 2e-3), 5: (2.570582, 2e-4),
             10: (2.228139, 1e-5), 19: (2.093024, 1e-5), 30: (2.042272, 1e-5), 100: (1.983972, 1e-5),
             1000: (1.962339, 1e-5)}
    bad = {d: ud.student_t975(d) for d, (t, tol) in table.items() if abs(ud.student_t975(d) - t) > tol * t}
    c.check("student_t975 against tabulated quantiles", not bad, f"off at {bad}")
    ranks = {(2000, 0.99): 1980, (1000, 0.995): 995, (400, 0.999): 400, (400, 0.95): 380, (7, 0.5): 4}
    bad = {k: ud.var_rank(*k) for k, r in ranks.items() if ud.var_rank(*k) != r}
    c.check("var_rank is the exact ceiling of level * N", not bad, f"{bad}")
    # 1..10 at 0.75: alpha N = 7.5, r = 8, ES = (9 + 10 + 0.5 * 8) / 2.5 = 9.2.
    t = ud.tail_estimate(np.arange(10, 0, -1.0), 0.75)
    c.check("tail_estimate: Acerbi-Tasche ES with the boundary weighted", t["var"] == 8.0 and t["es"] == 9.2
            and t["es_low"] < 9.2 < t["es_high"], f"{t}")
    t = ud.tail_estimate(np.arange(1.0, 11.0), 0.9)
    c.check("tail_estimate: one observation beyond the VaR gives an unbounded interval",
            t["var"] == 9.0 and t["es"] == 10.0 and t["es_low"] == -math.inf and t["es_high"] == math.inf, f"{t}")
    mask = ud.worst_paths([1.0, 1.0, 1.0, 0.0], [3, 1, 2, 0], 0.5)
    c.check("worst_paths breaks ties by path id", list(mask) == [True, False, True, False], f"{mask}")
    m, lo, hi = ud.mean_estimate([1.0, 2.0, 3.0])
    c.check("mean_estimate: Student t interval", m == 2.0 and abs(hi - 2.0 - 4.302653 / math.sqrt(3)) < 1e-5,
            f"{m} [{lo}, {hi}]")


def without_new_rows(summ: pd.DataFrame) -> pd.DataFrame:
    """The summary as an aggregate job wrote it before the conditional views and attribution."""
    new = summ["condition"].notna() | summ["metric"].str.startswith("attribution_") | summ["metric"].isin(
        [ud.IMPACT_SHARE, "regime_share_all", "regime_share_worst1pct"])
    return summ[~new].reset_index(drop=True)


def compare(c: Checks, what: str, job: pd.DataFrame, own: pd.DataFrame) -> None:
    check = ud.cross_check(job, own, VALUE_TOLERANCE)
    bad = check[~check["agrees"]]
    c.check(f"{what}: {len(check)} values agree with paths to {VALUE_TOLERANCE:g}", len(check) > 0 and bad.empty,
            "none compared" if check.empty else bad.head(10).to_string())
    for end in ("ci_low", "ci_high"):
        j = job[job["metric"].isin(INTERVAL_METRICS)].drop(columns="value").rename(columns={end: "value"})
        o = own[own["metric"].isin(INTERVAL_METRICS)].drop(columns="value").rename(columns={end: "value"})
        ends = ud.cross_check(j, o, INTERVAL_TOLERANCE)
        bad = ends[~ends["agrees"]]
        c.check(f"{what}: {len(ends)} interval ends ({end}) agree to {INTERVAL_TOLERANCE:g}",
                len(ends) > 0 and bad.empty, "none compared" if ends.empty else bad.head(10).to_string())


def has_rows(table: pd.DataFrame) -> bool:
    return len(table) > 0 and "<tbody>" in table.to_html()


def run_with_rows(c: Checks, src: ud.Source, run_id: str) -> None:
    strategies, regimes = src.strategies(), ud.run_regimes(src, run_id)
    summ = ud.run_summary(src, run_id)
    att, att_origin = ud.attribution_rows(src, run_id)
    reg, reg_origin = ud.regime_rows(src, run_id, strategies, regimes)
    c.check(f"{run_id}: attribution read from the summary", att_origin == ud.FROM_SUMMARY, att_origin)
    c.check(f"{run_id}: regime views read from the summary", reg_origin == ud.FROM_SUMMARY, reg_origin)

    own_att = ud.attribution_from_paths(src, run_id)
    own_reg = ud.regime_views_from_paths(src, run_id, strategies, regimes)
    compare(c, f"{run_id} attribution", att, own_att)
    compare(c, f"{run_id} regime views", reg, own_reg)
    c.check(f"{run_id}: the summary and the paths hold the same attribution rows", keys(att) == keys(own_att),
            f"only in summary {keys(att) - keys(own_att)}, only from paths {keys(own_att) - keys(att)}")
    # The job writes loss_es at four levels; the fallback only those the conditional views use.
    reg_common = reg[(reg["metric"] != "loss_es") | reg["level"].round(9).isin(ud.CONDITIONAL_LEVELS)]
    c.check(f"{run_id}: the summary and the paths hold the same regime rows", keys(reg_common) == keys(own_reg),
            f"only in summary {keys(reg_common) - keys(own_reg)}, only from paths {keys(own_reg) - keys(reg_common)}")

    old = without_new_rows(summ)
    for what, s in (("rows removed", old), ("no condition column", old.drop(columns="condition")),
                    ("no summary", pd.DataFrame())):
        a, ao = ud.attribution_rows(src, run_id, s)
        r, ro = ud.regime_rows(src, run_id, strategies, regimes, s)
        c.check(f"{run_id}, summary with {what}: both fall back to paths", (ao, ro) == (ud.FROM_PATHS, ud.FROM_PATHS),
                f"{ao}, {ro}")
        same = a.equals(own_att) and r.equals(own_reg)
        c.check(f"{run_id}, summary with {what}: the fallback rows are the recomputed rows, to the bit", same,
                "" if same else ud.cross_check(pd.concat([a, r]), pd.concat([own_att, own_reg]))
                .sort_values("relative difference").tail(5).to_string())

    view = ud.attribution_view(att)
    present = [v for v in ud.ATTRIBUTION_METRICS if v in strategies and ud.ATTRIBUTION_BASE in strategies]
    c.check(f"{run_id}: one attribution row per variant that ran", list(view["variant"]) == present,
            f"{list(view['variant'])} against {present}")
    finite = view[["mean", "es95", "es99", "se_paired", "se_unpaired"]].map(math.isfinite).all().all()
    c.check(f"{run_id}: attribution means, ES and standard errors are finite, SEs positive",
            bool(finite) and (view["se_unpaired"] > 0).all() and (view["se_paired"] >= 0).all())
    c.check(f"{run_id}: ES of D at 99 % is at least its ES at 95 %, which is at least its mean",
            bool((view["es99"] >= view["es95"]).all() and (view["es95"] >= view["mean"]).all()))
    impact = ud.impact_share_view(att)
    c.check(f"{run_id}: impact share at both levels within its interval", len(impact) == len(ud.ATTRIBUTION_LEVELS)
            and bool(((impact["ci_low"] <= impact["value"]) & (impact["value"] <= impact["ci_high"])).all()),
            impact.to_string())

    for s in strategies:
        share = ud.regime_share_view(reg, s, regimes)
        c.check(f"{run_id} {s}: regime shares sum to 1 over all paths and over the worst 1 %",
                abs(share["all"].sum() - 1) < 1e-9 and abs(share["worst"].sum() - 1) < 1e-9,
                share[["regime", "all", "worst"]].to_string())
    cond = ud.conditional_view(reg, strategies, regimes)
    total = cond[cond["paths"] == "all paths"].set_index("strategy")["n"]
    c.check(f"{run_id}: conditional views hold all paths and at least one regime per strategy",
            set(total.index) == set(strategies) and (cond.groupby("strategy").size() >= 2).all())
    c.check(f"{run_id}: no conditional group is larger than the run",
            bool((cond["n"] <= cond["strategy"].map(total)).all()))

    own = ud.attribution(src, run_id)
    c.check(f"{run_id}: the notebook's own paired means agree with the summary's",
            ud.mean_agreement(view, own, att_origin).startswith("Cross-check: "), ud.mean_agreement(view, own, att_origin))
    tables = {"attribution_table": ud.attribution_table(view, impact, own),
              "conditional_table": ud.conditional_table(cond, strategies),
              "regime_share_table": ud.regime_share_table(ud.regime_share_view(reg, strategies[0], regimes)),
              "cross_check_table": ud.cross_check_table(ud.cross_check(att, own_att))}
    for name, table in tables.items():
        c.check(f"{run_id}: {name} has rows", has_rows(table))


def run_without_rows(c: Checks, src: ud.Source, run_id: str) -> None:
    strategies, regimes = src.strategies(), ud.run_regimes(src, run_id)
    att, ao = ud.attribution_rows(src, run_id)
    reg, ro = ud.regime_rows(src, run_id, strategies, regimes)
    c.check(f"{run_id} (summary without the rows): both computed from paths", (ao, ro) == (ud.FROM_PATHS, ud.FROM_PATHS),
            f"{ao}, {ro}")
    view, cond = ud.attribution_view(att), ud.conditional_view(reg, strategies, regimes)
    c.check(f"{run_id} (summary without the rows): views have rows",
            len(view) > 0 and len(cond) > 0 and has_rows(ud.attribution_table(view, ud.impact_share_view(att)))
            and has_rows(ud.conditional_table(cond, strategies)))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("run")
    ap.add_argument("--fallback-run", action="append", default=[])
    args = ap.parse_args(argv[1:])
    c = Checks()
    golden(c)
    run_with_rows(c, ud.open_source(args.out, args.run), args.run)
    for run_id in args.fallback_run:
        run_without_rows(c, ud.open_source(args.out, run_id), run_id)
    print(f"summary views: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
