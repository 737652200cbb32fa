"""Check unwind_data against the aggregate job: the estimators computed from paths, the views of the
job's rows, and the refusals.

For RUN, a run the aggregate job summarised (a real run made with jobs/bin/unwind):
  * `tail_estimate` on the run's `paths` gives the job's `summary` rows: loss and drawdown VaR/ES at
    every level, the loss tails given each regime visited and the ES of each attribution
    difference, to the bit: values and every interval end (order statistics, and exact sums whose
    quotients both round to 40 decimal digits and then to double).
    `quantile` gives the job's forced_sales_q and impact_cost_q to the bit;
  * `mean_estimate` gives the job's regime shares and attribution means to 2 ulps (the job rounds
    its exact sum over N once, fsum(x) / N rounds twice), their Student-t interval ends to 1e-5
    relative (student_t975's stated accuracy);
  * the views read the job's rows and are coherent (shares sum to 1, conditional groups no
    larger than the run), the display tables have rows;
  * a run without `summary` (a copy of the output root without it) or with a summary lacking
    the attribution and regime rows is refused with SummaryMissing naming the run and the
    `jobs/bin/unwind aggregate` command; an importance-sampled run is selected like any other and
    its paths weigh exp(log_weight).
Also golden values: Student t quantiles, VaR ranks, binomial quantiles, a hand-computed plain and
weighted ES, tie-breaking, the weighted estimators with unit weights against the plain ones, and
the weighted estimators against common's WeightedTailAccumulator and WeightedMomentAccumulator on
500 weighted paths (tests/weighted_golden.json), to the bit.

With --importance, RUN is an importance-sampled run whose summary the job weighted: the weighted
tail_estimate on its paths (weights exp(log_weight)) against its loss and drawdown VaR/ES rows, to
WEIGHTED_TOLERANCE (run it once the weighted summary lands).

Usage: python check_summary_views.py OUT RUN [--importance]
Prints `ok`/`FAIL` per check and `summary views: N passed, M failed`; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import unwind_data as ud  # noqa: E402

ES_INTERVAL_TOLERANCE = 0.0
MEAN_ULPS = 2
MEAN_INTERVAL_TOLERANCE = 1e-5
# Importance runs (--importance, once the job writes a weighted summary): the job forms each weight
# with Java's Math.exp and this module with numpy's exp, which may differ in the last bit; the
# estimators then sum the same products in the same order, so they agree to a few ulps per term.
WEIGHTED_TOLERANCE = 1e-12


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


def relative(a: float, b: float) -> float:
    """|a − b| / max(|a|, |b|); 0 when equal (infinities included), inf when only one is infinite."""
    if a == b:
        return 0.0
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.inf
    return abs(a - b) / max(abs(a), abs(b))


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
    # The job's VaR interval ranks (commons-math3's Binomial inverse CDF) against the smallest k whose
    # CDF, summed in exact rationals, reaches q.
    def exact_quantile(n, p, q):
        p, total = Fraction(p), Fraction(0)
        for k in range(n + 1):
            total += math.comb(n, k) * p ** k * (1 - p) ** (n - k)
            if total >= Fraction(q):
                return k
        return n
    cases = [(400, 0.99, 0.025), (400, 0.99, 0.975), (400, 0.999, 0.025), (400, 0.999, 0.975), (250, 0.95, 0.025),
             (250, 0.95, 0.975), (101, 0.5, 0.025), (101, 0.5, 0.975), (7, 0.995, 0.025)]
    bad = {k: (ud.binomial_quantile(*k), exact_quantile(*k)) for k in cases
           if ud.binomial_quantile(*k) != exact_quantile(*k)}
    c.check("binomial_quantile against the exact rational CDF", not bad, f"{bad}")
    # 1..10 at 0.75: alpha N = 7.5, r = 8, ES = (9 + 10 + 0.5 * 8) / 2.5 = 9.2.
    t = ud.tail_estimate(np.arange(10, 0, -1.0), 0.75)
    c.check("tail_estimate: Acerbi-Tasche ES with the boundary weighted", t["var"] == 8.0 and t["es"] == 9.2
            and t["es_low"] < 9.2 < t["es_high"], f"{t}")
    t = ud.tail_estimate(np.arange(1.0, 11.0), 0.9)
    c.check("tail_estimate: one observation beyond the VaR gives an unbounded interval",
            t["var"] == 9.0 and t["es"] == 10.0 and t["es_low"] == -math.inf and t["es_high"] == math.inf, f"{t}")
    # Weighted, t = (1 − 0.5)·5 = 2.5: worst first 5 (w 2, accumulated 2), 4 (w 1, accumulated 3 > 2.5):
    # VaR = 4, ES = 4 + 2·(5 − 4) / 2.5 = 4.8, the mean of the worst weight 2.5 (2 at 5, 0.5 at 4).
    t = ud.tail_estimate([1.0, 2.0, 3.0, 4.0, 5.0], 0.5, [0.5, 0.5, 1.0, 1.0, 2.0])
    c.check("tail_estimate weighted: VaR where the weight passes (1 − α)N, ES with the VaR's share",
            t["var"] == 4.0 and abs(t["es"] - 4.8) < 1e-15 and t["n"] == 5, f"{t}")
    # Ties rank by path id, as in the job: on these six paths the order of the three tied at 2.0
    # decides whether the VaR's upper end is bounded. common's WeightedTailAccumulator (jshell) gives
    # VaR 2.0 with upper end +∞ (ranking by position instead gives 2.0); its lower end is −∞ because
    # its kept tail ends there, where this module reads every path.
    t = ud.tail_estimate([0.0, 0.0, 2.0, 2.0, 2.0, 1.0], 0.9, [3.0, 0.5, 0.5, 3.0, 0.1, 0.5], [0, 2, 5, 1, 3, 4])
    c.check("weighted ties rank by path id", t["var"] == 2.0 and t["var_high"] == math.inf and t["es"] == 2.0, f"{t}")
    # Unit weights: the weighted estimators are the plain ones (VaR exactly at these N and levels,
    # where (1 − α)N rounds above the integer; ES to rounding, as WeightedTailAccumulator says).
    rng = np.random.Generator(np.random.Philox(20261206))
    x = rng.standard_t(4, 1000)
    ones = np.ones_like(x)
    bad = []
    for level in ud.LEVELS:
        p, w = ud.tail_estimate(x, level), ud.tail_estimate(x, level, ones)
        if p["var"] != w["var"] or relative(p["es"], w["es"]) > 1e-12 or ud.quantile(x, level, ones) != p["var"] \
                or ud.quantile(x, level) != p["var"]:
            bad.append((level, p, w))
    c.check("unit weights give the plain VaR, quantile and ES", not bad, f"{bad}")
    # The job's weighted estimators on 500 weighted paths with ties and zero weights (the file says
    # how it was made): every value and interval end to the bit.
    g = json.loads((Path(__file__).parent / "weighted_golden.json").read_text())
    x, w, ids = (np.array(col) for col in zip(*g["paths"]))
    bad = {}
    for level, want in g["tail"].items():
        t = ud.tail_estimate(x.astype(float), float(level), w.astype(float), ids.astype(np.int64))
        bad.update({f"{level} {k}": (t[k], v) for k, v in want.items() if t[k] != v})
    m = dict(zip(("value", "ci_low", "ci_high"), ud.mean_estimate(x.astype(float), w.astype(float))))
    bad.update({f"mean {k}": (m[k], v) for k, v in g["mean"].items() if m[k] != v})
    c.check("weighted tail_estimate and mean_estimate are common's WeightedTail/MomentAccumulator, to the bit",
            not bad, f"(python, java): {bad}")
    m, lo, hi = ud.mean_estimate([1.0, 2.0, 3.0])
    c.check("mean_estimate: Student t interval", m == 2.0 and abs(hi - 2.0 - 4.302653 / math.sqrt(3)) < 1e-5,
            f"{m} [{lo}, {hi}]")
    # (0.5·1 + 1·2 + 2·3) / 3 = 17/6, the unbiased form (the self-normalised one would give 8.5/3.5).
    m, lo, hi = ud.mean_estimate([1.0, 2.0, 3.0], [0.5, 1.0, 2.0])
    c.check("mean_estimate weighted: the unbiased (1/N) sum w x", m == float(Fraction(17, 6)) and lo < m < hi,
            f"{m} [{lo}, {hi}]")


def job_rows(summ: pd.DataFrame, strategy: str, metric: str, condition: str | None = None) -> pd.DataFrame:
    m = summ[(summ["strategy"] == strategy) & (summ["metric"] == metric)]
    m = m[m["condition"].isna()] if condition is None else m[m["condition"] == condition]
    return m


def compare_tail(c: Checks, what: str, job: pd.DataFrame, x, var_metric: str | None, es_metric: str,
                 weights=None, path_id=None) -> int:
    """Compares tail_estimate(x[, weights]) with the job's rows at each of their levels; returns the
    values compared. Mismatches are reported once per call, the first few with their values.
    Weighted (an importance run): to WEIGHTED_TOLERANCE, and an end the job leaves unbounded
    because it lies beyond the tail it keeps is not compared."""
    compared, bad = 0, []
    tolerance = 0.0 if weights is None else WEIGHTED_TOLERANCE
    for _, row in job.iterrows():
        t = ud.tail_estimate(x, float(row["level"]), weights, path_id)
        if row["metric"] == es_metric:
            want = [("es", row["value"], t["es"], 0.0), ("es_low", row["ci_low"], t["es_low"], ES_INTERVAL_TOLERANCE),
                    ("es_high", row["ci_high"], t["es_high"], ES_INTERVAL_TOLERANCE)]
        elif row["metric"] == var_metric:
            want = [("var", row["value"], t["var"], 0.0), ("var_low", row["ci_low"], t["var_low"], 0.0),
                    ("var_high", row["ci_high"], t["var_high"], 0.0)]
        else:
            continue
        for name, a, b, tol in want:
            tol = max(tol, tolerance)
            if weights is not None and name != "var" and name != "es" and math.isinf(float(a)):
                continue
            # the job clips interval ends to what the metric can be; clipping its row again changes
            # nothing, and lets the fixture (which writes them unclipped) pass the same comparison
            a, b = clip(row["metric"], float(a), name), clip(row["metric"], b, name)
            compared += 1
            if relative(float(a), float(b)) > tol or int(row["n"]) != t["n"]:
                bad.append(f"{row['metric']} {row['level']} {name}: job {a!r}, paths {b!r}, n {row['n']}/{t['n']}")
    c.check(f"{what}: {compared} values and interval ends agree with tail_estimate on paths", compared > 0 and not bad,
            "; ".join(bad[:6]) if bad else "none compared")
    return compared


# What a metric can be, exactly; the job clips every interval end to it (Metrics.feasibleRange).
CLIPS = {"loss_var": (-math.inf, 1.0), "loss_es": (-math.inf, 1.0), "loss_var_given_visited": (-math.inf, 1.0),
         "loss_es_given_visited": (-math.inf, 1.0), "drawdown_var": (0.0, 1.0), "drawdown_es": (0.0, 1.0),
         "forced_sales_q": (0.0, math.inf)}


def clip(metric: str, value: float, name: str) -> float:
    if name in ("var", "es"):
        return value
    lo, hi = CLIPS.get(metric, (-math.inf, math.inf))
    return min(max(value, lo), hi)


def run_with_rows(c: Checks, src: ud.Source, run_id: str) -> None:
    strategies, regimes = src.strategies(), ud.run_regimes(src, run_id)
    summ = ud.run_summary(src, run_id)
    paths = ud.paths_frame(src, run_id, "-terminal_return AS loss, max_drawdown, forced_sales, impact_cost")
    weighted = run_id in src.importance_runs()
    c.check(f"{run_id}: {'weighted' if weighted else 'plain'} estimators for a {'n importance' if weighted else ' plain'} "
            f"run", (ud.paths_weights(paths) is not None) == weighted)
    total = 0
    for s in strategies:
        g = paths[paths["strategy"] == s]
        w, ids = ud.paths_weights(g), g["path_id"].to_numpy()
        total += compare_tail(c, f"{run_id} {s} loss", pd.concat(
            [job_rows(summ, s, "loss_var"), job_rows(summ, s, "loss_es")]), g["loss"], "loss_var", "loss_es", w, ids)
        total += compare_tail(c, f"{run_id} {s} drawdown", pd.concat(
            [job_rows(summ, s, "drawdown_var"), job_rows(summ, s, "drawdown_es")]), g["max_drawdown"],
            "drawdown_var", "drawdown_es", w, ids)
        if weighted:
            continue  # the rest of the comparison is of the plain estimators
        bad = []
        for column, name in (("forced_sales", "forced_sales_q"), ("impact_cost", "impact_cost_q")):
            for _, row in job_rows(summ, s, name).iterrows():
                q = ud.quantile(g[column], float(row["level"]))
                if q != row["value"]:
                    bad.append(f"{name} {row['level']}: job {row['value']!r}, paths {q!r}")
        c.check(f"{run_id} {s}: quantile on paths is the job's forced_sales_q and impact_cost_q, to the bit",
                not bad and len(job_rows(summ, s, "forced_sales_q")) > 0, "; ".join(bad))
        days = ud.regime_days(src, run_id, s, regimes)
        for r in regimes:
            visited = days[days[r] > 0]
            cond = f"visited:{r}"
            rows = pd.concat([job_rows(summ, s, "loss_var_given_visited", cond),
                              job_rows(summ, s, "loss_es_given_visited", cond)])
            if len(visited) or len(rows):
                total += compare_tail(c, f"{run_id} {s} loss given {cond}", rows, visited["loss"],
                                      "loss_var_given_visited", "loss_es_given_visited")
        # regime shares: the job's means against mean_estimate of each path's share of days
        counts = days[list(regimes)].to_numpy(dtype=float)
        shares = counts / counts.sum(axis=1, keepdims=True)
        bad = []
        for j, r in enumerate(regimes):
            row = job_rows(summ, s, "regime_share_all", f"regime:{r}")
            m, lo, hi = ud.mean_estimate(shares[:, j])
            if len(row) != 1 or abs(row["value"].iloc[0] - m) > MEAN_ULPS * math.ulp(m) \
                    or relative(row["ci_low"].iloc[0], max(lo, 0.0)) > MEAN_INTERVAL_TOLERANCE \
                    or relative(row["ci_high"].iloc[0], min(hi, 1.0)) > MEAN_INTERVAL_TOLERANCE:
                bad.append(f"{r}: job {row[['value', 'ci_low', 'ci_high']].to_numpy().tolist()}, paths {(m, lo, hi)}")
        c.check(f"{run_id} {s}: mean_estimate on paths is the job's regime_share_all", not bad, "; ".join(bad))

    if weighted:
        c.check(f"{run_id}: weighted tail rows compared", total >= len(strategies) * 4 * 2 * 3 * 2 // 2, f"{total}")
        return
    for other, name in ud.ATTRIBUTION_METRICS.items():
        if other not in strategies or ud.ATTRIBUTION_BASE not in strategies:
            continue
        p = ud.paired_losses(src, run_id, ud.ATTRIBUTION_BASE, other)
        d = (p["base"] - p["other"]).to_numpy()
        vs = f"vs:{other}"
        total += compare_tail(c, f"{run_id} {name}", job_rows(summ, ud.ATTRIBUTION_BASE, name + "_es", vs), d,
                              None, name + "_es")
        row = job_rows(summ, ud.ATTRIBUTION_BASE, name + "_mean", vs)
        m, lo, hi = ud.mean_estimate(d)
        c.check(f"{run_id} {name}_mean: mean_estimate on paths is the job's to {MEAN_ULPS} ulps, interval to "
                f"{MEAN_INTERVAL_TOLERANCE:g}", len(row) == 1 and abs(row["value"].iloc[0] - m) <= MEAN_ULPS * math.ulp(m)
                and relative(row["ci_low"].iloc[0], lo) <= MEAN_INTERVAL_TOLERANCE
                and relative(row["ci_high"].iloc[0], hi) <= MEAN_INTERVAL_TOLERANCE,
                f"job {row[['value', 'ci_low', 'ci_high']].to_numpy().tolist()}, paths {(m, lo, hi)}")
    c.check(f"{run_id}: tail rows compared in all", total >= len(strategies) * 4 * 2 * 3 * 2, f"{total}")

    att = ud.attribution_rows(src, run_id)
    reg = ud.regime_rows(src, run_id, strategies)
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
    n_all = cond[cond["paths"] == "all paths"].set_index("strategy")["n"]
    c.check(f"{run_id}: conditional views hold all paths and at least one regime per strategy",
            set(n_all.index) == set(strategies) and (cond.groupby("strategy").size() >= 2).all())
    c.check(f"{run_id}: no conditional group is larger than the run", bool((cond["n"] <= cond["strategy"].map(n_all)).all()))
    tables = {"attribution_table": ud.attribution_table(view, impact),
              "conditional_table": ud.conditional_table(cond, strategies),
              "regime_share_table": ud.regime_share_table(ud.regime_share_view(reg, strategies[0], regimes)),
              "headline_table": ud.headline_table(summ, run_id, strategies)}
    for name, table in tables.items():
        c.check(f"{run_id}: {name} has rows", len(table) > 0 and "<tbody>" in table.to_html())
    c.check(f"{run_id}: the headline table shows the job's 99 % ES of loss",
            tables["headline_table"]["99 % ES of loss"].ne("–").all())


def refusals(c: Checks, out: Path, run_id: str) -> None:
    """Copies of the run without its summary, with an old summary, and marked importance-sampled."""
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "out"
        for table in ("runs", "paths"):
            (bare / table).mkdir(parents=True)
            (bare / table / f"run_id={run_id}").symlink_to(out / table / f"run_id={run_id}")
        src = ud.open_source(bare, run_id)
        for what, call in (("run_summary", lambda: ud.run_summary(src, run_id)), ("summary", lambda: ud.summary(src)),
                           ("histogram", lambda: ud.histogram(src, "loss", run_id)),
                           ("attribution_rows", lambda: ud.attribution_rows(src, run_id))):
            try:
                call()
                c.check(f"no summary: {what} refuses", False, "returned instead of raising")
            except ud.SummaryMissing as e:
                text = str(e)
                c.check(f"no summary: {what} refuses, naming the run and the command",
                        repr(run_id) in text and f"jobs/bin/unwind aggregate --out {bare} --run-id {run_id}" in text, text)
        # a summary as an older job wrote it: no attribution or regime rows, no condition column
        full = ud.run_summary(ud.open_source(out, run_id), run_id)
        old = full[full["condition"].isna() & ~full["metric"].str.startswith("attribution_")].drop(columns="condition")
        for what, call in (("attribution_rows", lambda: ud.attribution_rows(src, run_id, old)),
                           ("regime_rows", lambda: ud.regime_rows(src, run_id, src.strategies(), old))):
            try:
                call()
                c.check(f"old summary: {what} refuses", False, "returned instead of raising")
            except ud.SummaryMissing as e:
                c.check(f"old summary: {what} refuses, naming the run and the command",
                        "aggregate" in str(e) and repr(run_id) in str(e), str(e))

        # the same run marked importance-sampled: selected, and weighted
        weighted = Path(tmp) / "weighted"
        (weighted / "paths").mkdir(parents=True)
        (weighted / "paths" / f"run_id={run_id}").symlink_to(out / "paths" / f"run_id={run_id}")
        runs = pq.read_table(next((out / "runs" / f"run_id={run_id}").rglob("*.parquet")))
        sampling = pa.array(["importance tilt=given"] * runs.num_rows, pa.string())
        runs = runs.set_column(runs.schema.get_field_index("sampling"), "sampling", sampling) \
            if "sampling" in runs.column_names else runs.append_column("sampling", sampling)
        (weighted / "runs" / f"run_id={run_id}").mkdir(parents=True)
        pq.write_table(runs, weighted / "runs" / f"run_id={run_id}" / "part-0.parquet")
        c.check("importance run: selected like any complete run", list(ud.complete_runs(weighted)["run_id"]) == [run_id])
        wsrc = ud.open_source(weighted, run_id)
        frame = ud.paths_frame(wsrc, run_id, "log_weight")
        c.check("importance run: its paths weigh exp(log_weight)",
                ud.paths_weights(frame) is not None
                and np.array_equal(frame["weight"].to_numpy(), np.exp(frame["log_weight"].to_numpy())),
                wsrc.weight_sql())
        shutil.rmtree(bare, ignore_errors=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("run")
    ap.add_argument("--importance", action="store_true",
                    help="RUN is importance-sampled and its summary weighted: compare the weighted estimators")
    args = ap.parse_args(argv[1:])
    c = Checks()
    golden(c)
    out = Path(args.out).resolve()
    if args.importance:
        run_with_rows(c, ud.open_source(out, args.run), args.run)
    else:
        run_with_rows(c, ud.open_source(out, args.run), args.run)
        refusals(c, out, args.run)
    print(f"summary views: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
