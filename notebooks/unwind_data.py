"""Shared loading and analysis code for the unwind notebooks.

Every notebook reads unwind's Parquet output through :func:`open_source`, which exposes the tables
``paths``, ``events``, ``samples``, ``summary``, ``histograms`` and ``runs`` as SQL views restricted
to runs whose ``runs.status`` is ``complete`` (DESIGN.md: "a run is visible to readers only once
complete"). Two engines answer the same queries:

* ``duckdb`` (default): reads the Parquet files in place on one machine.
* ``spark``: for output too large for one machine; needs a SparkSession (``pyspark`` is not in
  requirements.txt, install it where Spark runs). Queries run on the cluster and only their
  (small) results come back as pandas.

**Where the numbers come from.** Every number the aggregate job writes (VaR, ES, probabilities,
means, quantiles, attribution, conditional tails, regime shares in ``summary``; the cascade, sales,
impact and loss histograms in ``histograms``) is read from those tables, never recomputed: a run
without them is refused with the command that writes them (:class:`SummaryMissing`). What a notebook
needs beyond them (a drawdown histogram, event rates per regime, a median of the called paths) is
computed from ``paths`` by the functions of the "Computed from paths" section, with the job's
definitions (one implementation each: :func:`tail_estimate`, :func:`mean_estimate`), weighted by
``exp(log_weight)`` for an importance-sampled run, and labelled "computed from paths" wherever shown.

The SQL in the notebooks and here is kept to what both dialects accept (no ``::`` casts, no
``GROUP BY ALL``, no quantile functions); statistics that need order statistics are computed in
pandas on the one column they need.

Layout read (Hive-partitioned, partition values in directory names)::

    <out>/<table>/run_id=<id>/[strategy=<s>/][chunk=<c>/]*.parquet

Each run is read on its own and the runs are unioned by column name, so runs written with
different partition depths (e.g. one with ``chunk=``) can be combined.
"""

from __future__ import annotations

import json
import math
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

TABLES = ("paths", "events", "samples", "summary", "histograms", "runs")
STRATEGIES = ["levered-erc", "oracle-erc", "no-impact", "unlevered-erc", "sixty-forty"]
REGIMES = ["calm", "rate-shock", "stressed", "crisis", "inflation-shock"]
LEVELS = [0.95, 0.99, 0.995, 0.999]
Z95 = 1.959963984540054

STRATEGY_COLORS = {
    "levered-erc": "#c0392b",
    "oracle-erc": "#2e86c1",
    "no-impact": "#e67e22",
    "unlevered-erc": "#27ae60",
    "sixty-forty": "#7f8c8d",
}
REGIME_COLORS = {"calm": "#d5f5e3", "rate-shock": "#d7bde2", "stressed": "#fcf3cf", "crisis": "#f5b7b1",
                 "inflation-shock": "#d7bde2"}

# What each paired difference measures (levered-erc minus the variant), per DESIGN.md.
ATTRIBUTION = {
    "oracle-erc": "wrong vol assumptions",
    "no-impact": "the cascade (price impact)",
    "unlevered-erc": "leverage",
}


def strategy_color(s: str) -> str:
    return STRATEGY_COLORS.get(s, "#34495e")


def regime_color(r: str) -> str:
    return REGIME_COLORS.get(r, "#eaeded")


def ordered(values: Iterable[str], reference: Sequence[str]) -> list[str]:
    """The values in reference order first, then any others alphabetically."""
    vals = list(dict.fromkeys(values))
    return [v for v in reference if v in vals] + sorted(v for v in vals if v not in reference)


# --------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------


def _run_dirs(out: Path, table: str) -> dict[str, Path]:
    base = Path(out) / table
    if not base.is_dir():
        return {}
    return {d.name.split("=", 1)[1]: d for d in sorted(base.glob("run_id=*")) if d.is_dir()
            and any(d.rglob("*.parquet"))}


def _duck_read(paths: Sequence[Path]) -> str:
    """A DuckDB relation text reading each run directory and unioning them by column name."""
    parts = [
        f"SELECT * FROM read_parquet('{p.as_posix()}/**/*.parquet', hive_partitioning=true, "
        f"union_by_name=true, hive_types_autocast=false)"
        for p in paths
    ]
    return " UNION ALL BY NAME ".join(parts)


def _all_runs_duckdb(con, out: Path) -> pd.DataFrame:
    dirs = _run_dirs(out, "runs")
    if not dirs:
        return pd.DataFrame(columns=["run_id", "status"])
    df = con.sql(_duck_read(list(dirs.values()))).df()
    return _latest_run_rows(df)


def _latest_run_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per run: a complete row wins over a running/failed one left behind."""
    if df.empty:
        return df
    df = df.copy()
    df["_rank"] = (df["status"] == "complete").astype(int)
    sort = ["run_id", "_rank"] + (["finished"] if "finished" in df.columns else [])
    df = df.sort_values(sort).groupby("run_id", as_index=False).tail(1)
    return df.drop(columns="_rank").reset_index(drop=True)


def is_importance(runs: pd.DataFrame) -> pd.Series:
    """Per `runs` row: was the run importance-sampled (its paths weigh exp(log_weight))?"""
    if "sampling" not in runs.columns:
        return pd.Series(False, index=runs.index)
    return runs["sampling"].fillna("plain").astype(str).str.startswith("importance")


def _selectable(all_runs: pd.DataFrame) -> pd.DataFrame:
    """The complete runs the notebooks may show, oldest first. Importance-sampled runs are among
    them: the job's summary is weighted for them, and what is computed here from `paths` weighs
    each path by exp(log_weight)."""
    runs = all_runs[all_runs["status"] == "complete"]
    if "started" in runs.columns:
        runs = runs.sort_values(["started", "run_id"])
    return runs.reset_index(drop=True)


def complete_runs(out: str | Path) -> pd.DataFrame:
    """The ``runs`` rows the notebooks may show: status ``complete``, oldest first."""
    import duckdb

    return _selectable(_all_runs_duckdb(duckdb.connect(), Path(out)))


def resolve_run_ids(runs: pd.DataFrame, run_ids: str | Sequence[str] | None, out) -> list[str]:
    """Check requested run ids against the selectable runs; None means all of them."""
    complete = list(runs["run_id"])
    if run_ids is None:
        if not complete:
            raise ValueError(f"no complete run under {out}; run `jobs/bin/unwind run --out {out}` first")
        return complete
    if isinstance(run_ids, str):
        # papermill -p passes strings: accept a JSON list or "a,b" as well as one id.
        text = run_ids.strip()
        run_ids = json.loads(text) if text.startswith("[") else [r.strip() for r in text.split(",") if r.strip()]
    missing = [r for r in run_ids if r not in complete]
    if missing:
        raise ValueError(
            f"run(s) {missing} not found as complete under {out} (only complete runs may be shown); "
            f"complete runs: {complete}")
    return list(run_ids)


class Source:
    """SQL over the output tables of the selected complete runs; answers come back as pandas."""

    engine: str
    out: Path
    run_ids: list[str]
    runs: pd.DataFrame
    tables: set[str]

    def sql(self, query: str) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError

    def has(self, table: str) -> bool:
        return table in self.tables

    def table(self, table: str, columns: str = "*", where: str | None = None) -> pd.DataFrame:
        q = f"SELECT {columns} FROM {table}" + (f" WHERE {where}" if where else "")
        return self.sql(q)

    def strategies(self) -> list[str]:
        return ordered(self.sql("SELECT DISTINCT strategy FROM paths")["strategy"], STRATEGIES)

    def importance_runs(self) -> list[str]:
        """The selected runs whose paths carry weights exp(log_weight)."""
        return list(self.runs.loc[is_importance(self.runs), "run_id"])

    def weight_sql(self, alias: str = "") -> str:
        """SQL for a `paths` row's weight (alias: its table's prefix, e.g. "a."): exp(log_weight) on
        an importance-sampled run, else 1."""
        weighted = self.importance_runs()
        if not weighted:
            return "1.0"
        ids = ", ".join("'" + r.replace("'", "''") + "'" for r in weighted)
        return f"(CASE WHEN {alias}run_id IN ({ids}) THEN EXP({alias}log_weight) ELSE 1.0 END)"


class DuckSource(Source):
    def __init__(self, out: Path, run_ids):
        import duckdb

        self.engine, self.out = "duckdb", Path(out)
        self.con = duckdb.connect()
        shown = _selectable(_all_runs_duckdb(self.con, self.out))
        self.run_ids = resolve_run_ids(shown, run_ids, out)
        self.runs = shown[shown["run_id"].isin(self.run_ids)].reset_index(drop=True)
        self.tables = set()
        for table in TABLES:
            dirs = _run_dirs(self.out, table)
            chosen = [dirs[r] for r in self.run_ids if r in dirs]
            if chosen:
                self.con.sql(f"CREATE OR REPLACE VIEW {table} AS {_duck_read(chosen)}")
                self.tables.add(table)

    def sql(self, query: str) -> pd.DataFrame:
        return self.con.sql(query).df()


class SparkSource(Source):
    """The same views on a SparkSession: for output too large for one machine."""

    def __init__(self, out: str, run_ids, spark=None):
        from functools import reduce

        from pyspark.sql import SparkSession

        self.engine, self.out = "spark", out
        self.spark = spark or SparkSession.builder.appName("unwind-notebook").getOrCreate()
        # Keep partition values (run ids such as 20261124) as strings.
        self.spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        root = str(out).rstrip("/")

        def read(table: str, ids: Sequence[str] | None):
            """Each run read on its own (partition depth may differ), then unioned by name."""
            try:
                if ids is None:
                    return self.spark.read.option("mergeSchema", "true").parquet(f"{root}/{table}")
                frames = [self.spark.read.option("basePath", f"{root}/{table}").option("mergeSchema", "true")
                          .parquet(f"{root}/{table}/run_id={r}") for r in ids]
            except Exception:  # the table (or this run's part of it) does not exist
                return None
            return reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), frames) if frames else None

        runs = read("runs", None)
        all_runs = _latest_run_rows(runs.toPandas()) if runs is not None else pd.DataFrame(
            columns=["run_id", "status"])
        shown = _selectable(all_runs)
        self.run_ids = resolve_run_ids(shown, run_ids, out)
        self.runs = shown[shown["run_id"].isin(self.run_ids)].reset_index(drop=True)
        self.tables = set()
        for table in TABLES:
            present = []
            for r in self.run_ids:
                df = read(table, [r])
                if df is not None:
                    present.append(df)
            if present:
                reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), present) \
                    .createOrReplaceTempView(table)
                self.tables.add(table)

    def sql(self, query: str) -> pd.DataFrame:
        return self.spark.sql(query).toPandas()


def open_source(out: str | Path, run_ids=None, engine: str = "duckdb", spark=None) -> Source:
    """Open the output root for the given complete runs (a run id, a list, or None for all)."""
    if engine == "duckdb":
        return DuckSource(Path(out), run_ids)
    if engine == "spark":
        return SparkSource(str(out), run_ids, spark)
    raise ValueError(f"engine must be 'duckdb' or 'spark', not {engine!r}")


def _quote(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


# --------------------------------------------------------------------------------------------------
# The job's tables: `summary` and `histograms`, read as written
# --------------------------------------------------------------------------------------------------

SUMMARY_COLUMNS = ["run_id", "strategy", "metric", "condition", "level", "value", "ci_low", "ci_high", "n"]
ATTRIBUTION_BASE = "levered-erc"
# The job's metric name for levered-erc minus each variant (condition `vs:<variant>`).
ATTRIBUTION_METRICS = {"oracle-erc": "attribution_vol_error", "no-impact": "attribution_cascade",
                       "unlevered-erc": "attribution_leverage"}
ATTRIBUTION_SUFFIXES = ("_mean", "_drift_mean", "_shock_mean", "_es", "_paired_se", "_unpaired_se")
IMPACT_SHARE, IMPACT_VARIANT = "impact_loss_share", "no-impact"
ATTRIBUTION_LEVELS = (0.95, 0.99)   # levels of `<attribution>_es` and of impact_loss_share
WORST_LEVEL = 0.99                  # regime_share_worst1pct: the paths ranked above the 99 % VaR
REGIME_METRICS = ("loss_es", "loss_var_given_visited", "loss_es_given_visited", "regime_share_all",
                  "regime_share_worst1pct")


class SummaryMissing(ValueError):
    """A run lacks the aggregate job's `summary` or `histograms` (or rows this version writes): the
    notebooks do not compute look-alikes, they say which command writes them."""


def aggregate_command(src: Source, run_id: str) -> str:
    return f"jobs/bin/unwind aggregate --out {src.out} --run-id {run_id}"


def _missing(src: Source, run_id: str, what: str) -> SummaryMissing:
    return SummaryMissing(f"run {run_id!r} under {src.out} has {what}: the notebooks read these numbers only "
                          f"from the aggregate job's output; run `{aggregate_command(src, run_id)}` first")


def _summary_frame(summ: pd.DataFrame | None) -> pd.DataFrame:
    """summ with every SUMMARY_COLUMNS column (a summary written before `condition` existed gets it
    null), numeric levels and values."""
    s = pd.DataFrame(columns=SUMMARY_COLUMNS) if summ is None else summ.copy()
    for c in SUMMARY_COLUMNS:
        if c not in s.columns:
            s[c] = None
    for c in ("level", "value", "ci_low", "ci_high"):
        s[c] = pd.to_numeric(s[c], errors="coerce").astype(float)
    s["condition"] = s["condition"].astype(object).where(s["condition"].notna(), None)
    return s[SUMMARY_COLUMNS].reset_index(drop=True)


def summary(src: Source) -> pd.DataFrame:
    """The job's `summary` rows of every selected run (SUMMARY_COLUMNS).

    Raises SummaryMissing naming the first run without a summary and the command that writes it."""
    have = _summary_frame(src.table("summary") if src.has("summary") else None)
    for run_id in src.run_ids:
        if not (have["run_id"] == run_id).any():
            raise _missing(src, run_id, "no `summary`")
    return have


def run_summary(src: Source, run_id: str) -> pd.DataFrame:
    """The run's `summary` rows as the job wrote them; SummaryMissing if it has none."""
    s = _summary_frame(src.table("summary", where=f"run_id = {_quote(run_id)}") if src.has("summary") else None)
    if s.empty:
        raise _missing(src, run_id, "no `summary`")
    return s


def metric(summ: pd.DataFrame, name: str, level: float | None = None) -> pd.DataFrame:
    """Rows of one unconditional metric (and level) with run_id, strategy, value, ci_low, ci_high, n."""
    m = summ[(summ["metric"] == name) & summ["condition"].isna()]
    if level is not None:
        m = m[np.isclose(m["level"].astype(float), level)]
    return m[["run_id", "strategy", "value", "ci_low", "ci_high", "n"]].reset_index(drop=True)


def fmt_ci(value, low, high, pct: bool = True, digits: int = 1) -> str:
    """"value [low, high]" for display: percentages with `digits` decimals (or 3 significant digits
    when pct is False); "–" for a missing value, the value alone when the interval is missing, and
    −∞ / +∞ for an end the sample cannot bound (the summary writes ±Infinity there)."""
    if value is None or pd.isna(value):
        return "–"

    def f(v):
        if math.isinf(v):
            return "+∞" if v > 0 else "−∞"
        return f"{100 * v:.{digits}f} %" if pct else f"{v:.3g}"

    if low is None or high is None or pd.isna(low) or pd.isna(high):
        return f(value)
    return f"{f(value)} [{f(low)}, {f(high)}]"


HEADLINE = [("99 % VaR of loss", "loss_var", 0.99), ("99 % ES of loss", "loss_es", 0.99),
            ("99.9 % ES of loss", "loss_es", 0.999), ("99 % ES of max drawdown", "drawdown_es", 0.99),
            ("P(default)", "default_prob", None), ("P(margin call)", "margin_call_prob", None)]


def summary_table(summ: pd.DataFrame, run_id: str, strategies: Sequence[str],
                  spec: Sequence[tuple[str, str, float | None]] = HEADLINE, pct: bool = True) -> pd.DataFrame:
    """One row per strategy, one column per (label, metric, level) of spec: the job's value with its
    95 % interval; "–" where the summary has no such row (e.g. a share with nothing to share)."""
    s = summ[summ["run_id"] == run_id]
    table = {}
    for label, name, level in spec:
        m = metric(s, name, level).set_index("strategy")
        table[label] = [fmt_ci(*m.loc[st, ["value", "ci_low", "ci_high"]], pct=pct) if st in m.index else "–"
                        for st in strategies]
    return pd.DataFrame(table, index=pd.Index(strategies, name="strategy"))


def headline_table(summ: pd.DataFrame, run_id: str, strategies: Sequence[str]) -> pd.DataFrame:
    """Headline numbers per strategy from the job's summary: tail losses and probabilities."""
    return summary_table(summ, run_id, strategies, HEADLINE)


def histogram(src: Source, quantity: str, run_id: str | None = None) -> pd.DataFrame:
    """The job's histogram of `quantity` (max_cascade_rounds, forced_sales, impact_cost, loss): run_id,
    strategy, bin, bin_low, bin_high, count, for one run or every selected run. SummaryMissing if a
    run has none."""
    ids = [run_id] if run_id is not None else src.run_ids
    h = src.table("histograms", where=f"quantity = {_quote(quantity)}") if src.has("histograms") else pd.DataFrame(
        columns=["run_id", "strategy", "bin", "bin_low", "bin_high", "count"])
    h = h[h["run_id"].isin(ids)]
    for r in ids:
        if not (h["run_id"] == r).any():
            raise _missing(src, r, f"no `histograms` rows of {quantity}")
    return h.sort_values(["run_id", "strategy", "bin"]).reset_index(drop=True)


def survival(h: pd.DataFrame) -> pd.DataFrame:
    """Per (run_id, strategy) of a histogram: share = the bin's probability and survival = P(X ≥
    bin_low), the tail on a log scale. For an importance run the job's histogram carries the bin's
    estimated probability, (1/N) Σ exp(log_weight), in its `weight` column, and that is the share;
    otherwise share = count / N, N the number of paths (the `paths` column of paths_histogram, else
    Σ count; under- and overflow bins included), so a weighted paths_histogram's shares are the
    job's unbiased (1/N) Σ w too, not the weights normalised to 1."""
    out = []
    for key, g in h.groupby(["run_id", "strategy"]):
        g = g.sort_values("bin")
        if "weight" in g.columns and g["weight"].notna().all():
            share = g["weight"].astype(float)
        else:
            n = g["paths"].sum() if "paths" in g.columns else g["count"].sum()
            share = g["count"] / n
        out.append(g.assign(share=share, survival=share[::-1].cumsum()[::-1]))
    return pd.concat(out, ignore_index=True) if out else h.assign(share=[], survival=[])


# --------------------------------------------------------------------------------------------------
# Views of the job's attribution and regime rows
# --------------------------------------------------------------------------------------------------


def attribution_rows(src: Source, run_id: str, summ: pd.DataFrame | None = None) -> pd.DataFrame:
    """The run's attribution and impact-share rows from the job's summary (summ, or the run's
    `summary` when None). SummaryMissing if a variant ran beside levered-erc without its rows (a
    summary written before they existed)."""
    s = run_summary(src, run_id) if summ is None else _summary_frame(summ)
    names = {n + suffix for n in ATTRIBUTION_METRICS.values() for suffix in ATTRIBUTION_SUFFIXES}
    rows = s[s["metric"].isin(names | {IMPACT_SHARE})].reset_index(drop=True)
    ran = set(src.sql(f"SELECT DISTINCT strategy FROM paths WHERE run_id = {_quote(run_id)}")["strategy"])
    lacking = [name + "_mean" for other, name in ATTRIBUTION_METRICS.items()
               if {other, ATTRIBUTION_BASE} <= ran and not (rows["metric"] == name + "_mean").any()]
    if lacking:
        raise _missing(src, run_id, f"a `summary` without the attribution rows {lacking} (written by an older unwind)")
    return rows


def regime_rows(src: Source, run_id: str, strategies: Sequence[str], summ: pd.DataFrame | None = None) -> pd.DataFrame:
    """The run's rows of REGIME_METRICS from the job's summary (unconditional `loss_es`, conditional
    tails, regime shares). SummaryMissing if a strategy lacks `regime_share_all` rows (a summary
    written before they existed)."""
    s = run_summary(src, run_id) if summ is None else _summary_frame(summ)
    rows = s[s["metric"].isin(REGIME_METRICS) & ((s["metric"] != "loss_es") | s["condition"].isna())]
    lacking = [st for st in strategies if not ((rows["strategy"] == st) & (rows["metric"] == "regime_share_all")).any()]
    if lacking:
        raise _missing(src, run_id, f"a `summary` without regime rows for {lacking} (written by an older unwind)")
    return rows.reset_index(drop=True)


def _pick(rows: pd.DataFrame, metric: str, condition: str | None = None, level: float | None = None,
          strategy: str | None = None):
    """The one row of (metric, condition, level[, strategy]) as a Series, or None."""
    m = rows[rows["metric"] == metric]
    if strategy is not None:
        m = m[m["strategy"] == strategy]
    m = m[m["condition"].isna()] if condition is None else m[m["condition"] == condition]
    m = m[m["level"].isna()] if level is None else m[np.isclose(m["level"].astype(float), level)]
    return m.iloc[0] if len(m) else None


def _es_key(level: float) -> str:
    return f"es{100 * level:g}"  # es95, es99


def attribution_view(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per variant present: paths, mean (mean_low, mean_high), ES of D per ATTRIBUTION_LEVELS
    (es95, es95_low, …), se_paired, se_unpaired and variance_reduction = (unpaired / paired)², how
    many times more paths two independent runs would need for the same precision of the mean."""
    out = []
    for other, name in ATTRIBUTION_METRICS.items():
        vs = f"vs:{other}"
        mean = _pick(rows, name + "_mean", vs)
        if mean is None:
            continue
        rec = {"variant": other, "cost of": ATTRIBUTION[other], "paths": int(mean["n"]),
               "mean": mean["value"], "mean_low": mean["ci_low"], "mean_high": mean["ci_high"]}
        for level in ATTRIBUTION_LEVELS:
            e, k = _pick(rows, name + "_es", vs, level), _es_key(level)
            rec.update({k: math.nan, f"{k}_low": math.nan, f"{k}_high": math.nan} if e is None else
                       {k: e["value"], f"{k}_low": e["ci_low"], f"{k}_high": e["ci_high"]})
        sp, su = _pick(rows, name + "_paired_se", vs), _pick(rows, name + "_unpaired_se", vs)
        rec["se_paired"] = sp["value"] if sp is not None else math.nan
        rec["se_unpaired"] = su["value"] if su is not None else math.nan
        rec["variance_reduction"] = ((rec["se_unpaired"] / rec["se_paired"]) ** 2 if rec["se_paired"] > 0
                                     else math.inf if rec["se_unpaired"] > 0 else math.nan)
        out.append(rec)
    es_cols = [f"{_es_key(l)}{s}" for l in ATTRIBUTION_LEVELS for s in ("", "_low", "_high")]
    return pd.DataFrame(out, columns=["variant", "cost of", "paths", "mean", "mean_low", "mean_high", *es_cols,
                                      "se_paired", "se_unpaired", "variance_reduction"])


def impact_share_view(rows: pd.DataFrame) -> pd.DataFrame:
    """impact_loss_share per level: level, value, ci_low, ci_high, n (tail paths); empty if absent."""
    m = rows[rows["metric"] == IMPACT_SHARE].sort_values("level")
    return m[["level", "value", "ci_low", "ci_high", "n"]].reset_index(drop=True)


def attribution_table(view: pd.DataFrame, impact: pd.DataFrame) -> pd.DataFrame:
    """attribution_view and impact_share_view formatted for display, one row per cause."""
    t = pd.DataFrame(index=pd.Index(view["cost of"], name="cost of"))
    t["levered-erc minus"] = view["variant"].to_numpy()
    t["paths"] = view["paths"].to_numpy()
    t["mean [95 % CI]"] = [fmt_ci(*r, digits=2) for r in view[["mean", "mean_low", "mean_high"]].to_numpy()]
    for level in sorted(ATTRIBUTION_LEVELS, reverse=True):
        k = _es_key(level)
        t[f"{100 * level:g} % ES [95 % CI]"] = [fmt_ci(*r, digits=2) for r in view[[k, f"{k}_low", f"{k}_high"]].to_numpy()]
    t["SE paired"] = [fmt_ci(v, None, None, digits=3) for v in view["se_paired"]]
    t["SE unpaired"] = [fmt_ci(v, None, None, digits=3) for v in view["se_unpaired"]]
    t["variance reduction"] = ["–" if pd.isna(v) else "∞" if math.isinf(v) else f"{v:,.0f}×"
                               for v in view["variance_reduction"]]
    for level in sorted(ATTRIBUTION_LEVELS, reverse=True):
        share = impact[np.isclose(impact["level"].astype(float), level)]
        cell = fmt_ci(*share.iloc[0][["value", "ci_low", "ci_high"]], digits=1) if len(share) else "–"
        t[f"impact share of {100 * level:g} % ES [95 % CI]"] = [cell if v == IMPACT_VARIANT else "–"
                                                                 for v in view["variant"]]
    return t


def conditional_view(rows: pd.DataFrame, strategies: Sequence[str], regimes: Sequence[str],
                     level: float = 0.99) -> pd.DataFrame:
    """ES of loss at `level` per strategy on all paths and on the paths that visited each regime:
    strategy, paths ("all paths" / "visited <regime>"), n, share of paths, es, es_low, es_high."""
    out = []
    for s in strategies:
        every = _pick(rows, "loss_es", None, level, s)
        if every is None:
            continue
        total = int(every["n"])
        out.append({"strategy": s, "paths": "all paths", "n": total, "share of paths": 1.0,
                    "es": every["value"], "es_low": every["ci_low"], "es_high": every["ci_high"]})
        for r in regimes:
            e = _pick(rows, "loss_es_given_visited", f"visited:{r}", level, s)
            if e is not None:
                out.append({"strategy": s, "paths": f"visited {r}", "n": int(e["n"]),
                            "share of paths": int(e["n"]) / total if total else math.nan,
                            "es": e["value"], "es_low": e["ci_low"], "es_high": e["ci_high"]})
    return pd.DataFrame(out, columns=["strategy", "paths", "n", "share of paths", "es", "es_low", "es_high"])


def conditional_table(cond: pd.DataFrame, strategies: Sequence[str]) -> pd.DataFrame:
    """conditional_view for display: one row per group of paths (share of paths and n from the first
    strategy), one column per strategy with ES [95 % CI]."""
    if cond.empty:
        return pd.DataFrame({"note": ["no loss rows for this run"]}, index=pd.Index(["–"], name="paths"))
    cells = cond.assign(cell=[fmt_ci(*r) for r in cond[["es", "es_low", "es_high"]].to_numpy()])
    wide = cells.pivot_table(index="paths", columns="strategy", values="cell", aggfunc="first")
    wide = wide[[s for s in strategies if s in wide.columns]]
    share = cells.groupby("paths")[["share of paths", "n"]].first()
    return as_percent(share.join(wide).loc[list(dict.fromkeys(cells["paths"]))], ["share of paths"])


def regime_share_view(rows: pd.DataFrame, strategy: str, regimes: Sequence[str]) -> pd.DataFrame:
    """Per regime, the mean share of days spent in it over all paths (all, all_low, all_high) and over
    the strategy's worst 1 % of paths (worst, worst_low, worst_high, worst_n; NaN if absent)."""
    out = []
    for r in regimes:
        a = _pick(rows, "regime_share_all", f"regime:{r}", None, strategy)
        w = _pick(rows, "regime_share_worst1pct", f"regime:{r}", WORST_LEVEL, strategy)
        rec = {"regime": r}
        for key, row in (("all", a), ("worst", w)):
            rec.update({key: math.nan, f"{key}_low": math.nan, f"{key}_high": math.nan} if row is None else
                       {key: row["value"], f"{key}_low": row["ci_low"], f"{key}_high": row["ci_high"]})
        rec["worst_n"] = int(w["n"]) if w is not None else 0
        out.append(rec)
    return pd.DataFrame(out, columns=["regime", "all", "all_low", "all_high", "worst", "worst_low", "worst_high",
                                      "worst_n"])


def regime_share_table(view: pd.DataFrame) -> pd.DataFrame:
    """regime_share_view for display: shares with intervals and how over-represented each regime is
    in the worst paths (worst / all)."""
    t = pd.DataFrame(index=pd.Index(view["regime"], name="regime"))
    t["all paths [95 % CI]"] = [fmt_ci(*r) for r in view[["all", "all_low", "all_high"]].to_numpy()]
    n = int(view["worst_n"].max()) if len(view) else 0
    t[f"worst 1 % ({n} paths) [95 % CI]"] = [fmt_ci(*r) for r in view[["worst", "worst_low", "worst_high"]].to_numpy()]
    t["worst / all"] = ["–" if not (a > 0) or pd.isna(w) else f"{w / a:.2f}×" for a, w in zip(view["all"], view["worst"])]
    return t



# --------------------------------------------------------------------------------------------------
# Computed from paths: what the job does not write, with the job's definitions
# --------------------------------------------------------------------------------------------------
#
# One implementation of each estimator the job uses, for numbers the summary does not hold (other
# levels, other populations). tests/check_summary_views.py compares them with the job's summary
# rows of a real run. Callers label their results "computed from paths".


def var_rank(n: int, level: float) -> int:
    """⌈level·N⌉, the rank (from 1, ascending) of the VaR; the N − ⌈level·N⌉ paths above it are the
    tail. level·N is formed in exact decimal from level's shortest form, as the job forms it, so the
    rank never depends on how level·N happens to round in binary."""
    return int((Decimal(repr(float(level))) * n).to_integral_value(rounding=ROUND_CEILING))


def binomial_quantile(n: int, p: float, q: float) -> int:
    """The smallest k with P(Binomial(n, p) ≤ k) ≥ q (commons-math3's inverseCumulativeProbability,
    which the job's VaR interval uses). The pmf is formed in log space and summed in double; it can
    differ from commons-math3's only where the CDF lies within ~1e-12 of q."""
    k = np.arange(n + 1, dtype=float)
    log_choose = np.concatenate([[0.0], np.cumsum(np.log(n - k[1:] + 1.0) - np.log(k[1:]))])
    log_pmf = log_choose + k * math.log(p) + (n - k) * math.log1p(-p)
    pmf = np.exp(log_pmf - log_pmf.max())
    cdf = np.cumsum(pmf) / pmf.sum()
    return int(min(np.searchsorted(cdf, q, side="left"), n))


def _exact_sum(values, power: int = 1) -> Fraction:
    """Σ v**power over doubles, exactly: each is num/2^k, so all are summed as integers over the
    largest 2^k (fast where adding Fractions one by one is not)."""
    ratios = [v.as_integer_ratio() for v in map(float, values)]
    ratios = [(num ** power, den.bit_length() - 1) for num, den in ratios]  # num / 2^shift
    if not ratios:
        return Fraction(0)
    top = max(shift for _, shift in ratios) * power
    return Fraction(sum(num << (top - shift * power) for num, shift in ratios), 1 << top)


def _round_decimal(q: Fraction, digits: int = 40) -> Fraction:
    """q rounded to `digits` significant decimal digits, half to even: the job's BigDecimal division
    (MathContext(40, HALF_EVEN) in TailLevels, DECIMAL128's 34 digits in WeightedMomentAccumulator).
    Rounding to double after it can differ from rounding q directly by one ulp when q lies on a
    binary tie, so quotients are formed the job's way to match it to the bit."""
    if q == 0:
        return q
    with localcontext() as ctx:
        ctx.prec, ctx.rounding = digits, ROUND_HALF_EVEN
        return Fraction(Decimal(q.numerator) / Decimal(q.denominator))


_NO_TAIL = dict(var=math.nan, var_low=math.nan, var_high=math.nan, es=math.nan, es_low=math.nan,
                es_high=math.nan, n=0)


def tail_estimate(x, level: float, weights=None, path_id=None) -> dict:
    """VaR and expected shortfall of the upper tail of x, with 95 % intervals, as the aggregate job
    forms them: var, var_low, var_high, es, es_low, es_high, n.

    Plain paths (weights None; common's `TailLevels`): with r = ⌈αN⌉, VaR = x(r) with the
    order-statistic interval [x(a), x(b + 1)], a and b the 2.5 % and 97.5 % quantiles of
    Binomial(N, α) (±∞ for a rank outside 1..N); ES = [Σ_{i>r} x(i) + (r − αN)·x(r)] / ((1 − α)N),
    the Acerbi–Tasche estimator (doi:10.1016/S0378-4266(02)00283-2), with the interval
    ES ± z·sqrt([V + α(ES − VaR)²] / ((1 − α)N)) and the plug-in tail variance
    V = [(r − αN)(VaR − ES)² + Σ_{i>r}(x(i) − ES)²] / ((1 − α)N), unbounded with fewer than two
    observations beyond rank r. The sums are exact and every quotient is rounded to 40 digits and
    then to double, as the job's are, so VaR, ES and their intervals are the job's to the bit.

    Importance-sampled paths (weights = exp(log_weight), path_id breaking ties; common's
    `WeightedTailAccumulator`, the same operations in the same order): paths ranked worst first by
    (x, path id), t = (1 − α)N; VaR = the first x whose accumulated weight exceeds t; ES = VaR +
    Σ_{above} w (x − VaR) / t; their intervals as that class documents. Where the job's lower VaR end
    lies beyond the tail it keeps (weight 2(1 − α_min)N) it writes −∞; this one reads every path.
    """
    if weights is not None:
        return _weighted_tail(x, level, weights, path_id)
    xs = np.sort(np.asarray(x, dtype=float))
    n = len(xs)
    if n == 0:
        return dict(_NO_TAIL)
    alpha = Decimal(repr(float(level)))
    r = var_rank(n, level)
    low_rank = binomial_quantile(n, float(level), 0.025)
    high_rank = binomial_quantile(n, float(level), 0.975) + 1
    var_low = float(xs[low_rank - 1]) if low_rank >= 1 else -math.inf
    var_high = float(xs[high_rank - 1]) if high_rank <= n else math.inf
    boundary = Fraction(Decimal(r) - alpha * n)  # r − αN, in [0, 1)
    weight = Fraction((1 - alpha) * n)  # (1 − α)N
    v = float(xs[r - 1])
    beyond = xs[r:]
    total = _exact_sum(beyond)
    es = float(_round_decimal((total + boundary * Fraction(v)) / weight))
    low, high = -math.inf, math.inf
    if len(beyond) >= 2:
        e = Fraction(es)
        d = Fraction(v) - e
        # Σ(x − ES)² = Σx² − 2·ES·Σx + k·ES², exactly; α enters as its binary value, as in the job.
        squares = boundary * d * d + _exact_sum(beyond, 2) - 2 * e * total + len(beyond) * e * e
        inner = _round_decimal((_round_decimal(squares / weight) + Fraction(float(level)) * d * d) / weight)
        half = Z95 * math.sqrt(float(inner))
        low, high = es - half, es + half
    return dict(var=v, var_low=var_low, var_high=var_high, es=es, es_low=low, es_high=high, n=n)


def _worst_first(x: np.ndarray, w: np.ndarray, path_id) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x and w ranked worst first by (x, path id) descending, as the job ranks paths, and the weight
    accumulated down to each (summed in that order, as the job's running sum)."""
    ids = np.arange(len(x)) if path_id is None else np.asarray(path_id)
    order = np.lexsort((ids, x))[::-1]
    ws = w[order]
    return x[order], ws, np.cumsum(ws)


def _crossing(cum: np.ndarray, target: float) -> int:
    """The first j (worst first) whose accumulated weight cum[j] exceeds target; the last when the
    whole sample weighs no more (WeightedTailAccumulator.crossing)."""
    if not cum[-1] > target:
        return len(cum) - 1
    return int(np.searchsorted(cum, target, side="right"))


def quantile(x, level: float, weights=None, path_id=None) -> float:
    """The VaR of tail_estimate alone (the job's upper empirical quantile, as `forced_sales_q`): plain,
    x(⌈αN⌉); weighted, the first x, worst first by (x, path id), whose accumulated weight exceeds
    (1 − α)N. NaN for no observation."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    if n == 0:
        return math.nan
    if weights is None:
        return float(np.partition(x, var_rank(n, level) - 1)[var_rank(n, level) - 1])
    xs, _, cum = _worst_first(x, np.asarray(weights, dtype=float), path_id)
    return float(xs[_crossing(cum, (1.0 - level) * float(n))])


def _weighted_tail(x, level: float, weights, path_id) -> dict:
    """tail_estimate on weighted paths (WeightedTailAccumulator.finish, line for line)."""
    x = np.asarray(x, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = len(x)
    if n == 0:
        return dict(_NO_TAIL)
    xs, ws, cum = _worst_first(x, w, path_id)

    def crossing(target: float) -> int:
        return _crossing(cum, target)

    nf = float(n)
    target = (1.0 - level) * nf
    j = crossing(target)
    v = float(xs[j])
    s1 = s2 = w1 = w2 = 0.0
    for xi, wi in zip(xs[:j].tolist(), ws[:j].tolist()):
        excess = wi * (xi - v)
        s1 += excess
        s2 += excess * excess
        w1 += wi
        w2 += wi * wi
    es = v + s1 / target
    tail = w1 / nf
    sd_tail = math.sqrt(max(0.0, (w2 / nf - tail * tail) / nf))
    var_high = math.inf if level + Z95 * sd_tail >= 1.0 else max(v, float(xs[crossing((1.0 - level - Z95 * sd_tail) * nf)]))
    var_low = min(v, float(xs[crossing((1.0 - level + Z95 * sd_tail) * nf)]))
    if j < 2:
        es_low, es_high = -math.inf, math.inf
    else:
        mean = s1 / nf
        se = math.sqrt(max(0.0, (s2 / nf - mean * mean) / nf)) / (1.0 - level)
        es_low, es_high = min(es, es - Z95 * se), max(es, es + Z95 * se)
    return dict(var=v, var_low=var_low, var_high=var_high, es=es, es_low=es_low, es_high=es_high, n=n)


def student_t975(dof: int) -> float:
    """The 0.975 quantile of Student's t with `dof` degrees of freedom (the job's mean intervals).

    Closed forms for 1 and 2 degrees of freedom; beyond, the Cornish-Fisher expansion in 1/dof of
    Abramowitz & Stegun 26.7.5 (off by less than 2e-3 at 3 degrees of freedom, 1e-5 from 10).
    """
    if dof < 1:
        return float("nan")
    if dof == 1:
        return math.tan(0.475 * math.pi)
    if dof == 2:
        return 0.95 * math.sqrt(2 / (4 * 0.975 * 0.025))
    z, v = Z95, float(dof)
    g1 = (z ** 3 + z) / 4
    g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96
    g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384
    g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160
    return z + g1 / v + g2 / v ** 2 + g3 / v ** 3 + g4 / v ** 4


def mean_estimate(x, weights=None) -> tuple[float, float, float]:
    """Mean with its 95 % interval as the job forms it. Plain (MomentAccumulator): the sum rounded
    once over N, Student-t interval; (−∞, +∞) for one observation. Weighted (WeightedMomentAccumulator,
    to the bit): the unbiased (1/N) Σ w·x (each product rounded once, the sum exact), normal interval
    ± z·sd(w·x)/√N. NaN for no observation."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    if n == 0:
        return math.nan, math.nan, math.nan
    if weights is not None:
        wx = np.asarray(weights, dtype=float) * x  # each product rounded once, as the job's
        total = _exact_sum(wx)
        m = float(total / n)
        if n == 1:
            return m, -math.inf, math.inf
        # (Σy² − (Σy)²/N) / (N − 1) / N with y = w·x, the sums exact, each quotient in 34 digits
        centred = _exact_sum(wx, 2) - _round_decimal(total * total / n, 34)
        variance = float(_round_decimal(_round_decimal(centred / (n - 1), 34) / n, 34))
        half = Z95 * math.sqrt(max(variance, 0.0))
        return m, m - half, m + half
    m = math.fsum(x) / n
    if n == 1:
        return m, -math.inf, math.inf
    se = float(np.std(x, ddof=1)) / math.sqrt(n)
    half = student_t975(n - 1) * se if se > 0 else 0.0
    return m, m - half, m + half


def paths_frame(src: Source, run_id: str, columns: str, where: str | None = None) -> pd.DataFrame:
    """`paths` rows of one run in (strategy, path id) order with the SQL `columns` (path_id and
    strategy always included) and `weight`: exp(log_weight) on an importance-sampled run, else 1.
    attrs["weighted"] says which, for paths_weights."""
    q = (f"SELECT path_id, strategy, {src.weight_sql()} AS weight, {columns} FROM paths "
         f"WHERE run_id = {_quote(run_id)}" + (f" AND ({where})" if where else "") + " ORDER BY strategy, path_id")
    df = src.sql(q)
    df.attrs["weighted"] = run_id in src.importance_runs()
    return df


def paths_weights(df: pd.DataFrame):
    """The weights to pass to tail_estimate / mean_estimate for rows of paths_frame: None on a plain
    run (the plain estimators), the `weight` column on an importance-sampled one."""
    return df["weight"].to_numpy(dtype=float) if df.attrs.get("weighted") else None


def paths_tail(df: pd.DataFrame, column: str, level: float) -> dict:
    """tail_estimate of a paths_frame column (weighted on an importance-sampled run)."""
    return tail_estimate(df[column].to_numpy(dtype=float), level, paths_weights(df), df["path_id"].to_numpy())


def paths_histogram(src: Source, column_sql: str, bins: int = 60, where: str | None = None,
                    lo: float | None = None, hi: float | None = None) -> pd.DataFrame:
    """Histogram of a `paths` expression per (run_id, strategy), computed in the engine from paths
    (for a quantity the job's `histograms` lacks): bin, bin_low, bin_high, paths and count, the
    weight in the bin (Σ exp(log_weight) on an importance-sampled run, else the number of paths).
    One pass for the range, one for the counts, so it scales to any number of paths."""
    w = f" WHERE {where}" if where else ""
    if lo is None or hi is None:
        r = src.sql(f"SELECT MIN({column_sql}) AS lo, MAX({column_sql}) AS hi FROM paths{w}").iloc[0]
        lo = float(r["lo"]) if lo is None else lo
        hi = float(r["hi"]) if hi is None else hi
    if not np.isfinite(lo) or not np.isfinite(hi):
        return pd.DataFrame(columns=["run_id", "strategy", "bin", "bin_low", "bin_high", "paths", "count"])
    width = (hi - lo) / bins if hi > lo else 1.0
    b = f"LEAST(GREATEST(CAST(FLOOR(({column_sql} - ({lo!r})) / {width!r}) AS INT), 0), {bins - 1})"
    df = src.sql(f"SELECT run_id, strategy, {b} AS bin, COUNT(*) AS paths, SUM({src.weight_sql()}) AS count "
                 f"FROM paths{w} GROUP BY run_id, strategy, {b}")
    df["bin_low"] = lo + df["bin"] * width
    df["bin_high"] = df["bin_low"] + width
    return df.sort_values(["run_id", "strategy", "bin"]).reset_index(drop=True)


def paths_event_rates(src: Source, run_id: str) -> pd.DataFrame:
    """Events per (strategy, regime, trigger), each weighted by its path's weight (1 on a plain run):
    events (rows), weight (Σ w), mean_rounds, unconverged, mean_sold (weighted means over the events),
    impact (Σ w·impact_cost) and defaults (Σ w over defaulting events)."""
    rid = _quote(run_id)
    ev = src.sql(f"""SELECT e.strategy, e.regime, e."trigger" AS trig, COUNT(*) AS events, SUM(p.w) AS weight,
                            SUM(p.w * e.rounds) / SUM(p.w) AS mean_rounds,
                            SUM(CASE WHEN e.converged THEN 0.0 ELSE p.w END) / SUM(p.w) AS unconverged,
                            SUM(p.w * e.sold) / SUM(p.w) AS mean_sold, SUM(p.w * e.impact_cost) AS impact,
                            SUM(CASE WHEN e.defaulted THEN p.w ELSE 0.0 END) AS defaults
                     FROM events e JOIN (SELECT path_id, strategy, {src.weight_sql()} AS w FROM paths
                                         WHERE run_id = {rid}) p
                       ON e.path_id = p.path_id AND e.strategy = p.strategy
                     WHERE e.run_id = {rid} GROUP BY e.strategy, e.regime, e."trigger" """)
    return ev


def paired_losses(src: Source, run_id: str, base: str, other: str, column: str = "terminal_return",
                  sign: float = -1.0) -> pd.DataFrame:
    """Per path, in path id order: sign*column under base and under other, joined on path_id (same
    shocks), and the path's weight (1 on a plain run). The fixed order makes every statistic of them
    the same to the bit on every call."""
    q = (f"SELECT a.path_id, {sign!r} * a.{column} AS base, {sign!r} * b.{column} AS other, "
         f"{src.weight_sql('a.')} AS weight "
         f"FROM paths a JOIN paths b ON a.run_id = b.run_id AND a.path_id = b.path_id "
         f"WHERE a.run_id = {_quote(run_id)} AND a.strategy = {_quote(base)} AND b.strategy = {_quote(other)} "
         f"ORDER BY a.path_id")
    return src.sql(q)



def regime_days(src: Source, run_id: str, strategy: str, regimes: Sequence[str]) -> pd.DataFrame:
    """Per path, in path id order (a paths_frame): weight, loss, max_drawdown, and days spent in each
    regime (from the regime_days map)."""
    cols = ", ".join(f"regime_days['{r}'] AS \"{r}\"" for r in regimes)
    df = paths_frame(src, run_id, f"-terminal_return AS loss, max_drawdown, {cols}", f"strategy = {_quote(strategy)}")
    for r in regimes:
        df[r] = pd.to_numeric(df[r], errors="coerce").fillna(0).astype(int)
    return df


def run_regimes(src: Source, run_id: str) -> list[str]:
    """Regime names of a run, from `runs.regimes` if written, else from the regime_days keys."""
    row = src.runs[src.runs["run_id"] == run_id]
    if "regimes" in row.columns and len(row):
        v = row.iloc[0]["regimes"]
        if v is not None and len(v):
            return list(v)
    rid = run_id.replace("'", "''")
    keys = src.sql(f"SELECT DISTINCT regime FROM samples WHERE run_id = '{rid}'")["regime"] if src.has("samples") else []
    return ordered(keys, REGIMES) or list(REGIMES)


def regime_spells(samples: pd.DataFrame) -> pd.DataFrame:
    """Per sampled (run_id, path_id, day): days since the current regime spell began (1 = first day)."""
    s = samples.sort_values(["run_id", "path_id", "day"])[["run_id", "path_id", "day", "regime"]].drop_duplicates(
        ["run_id", "path_id", "day"])
    new = (s["regime"] != s.groupby(["run_id", "path_id"])["regime"].shift()).astype(int)
    spell = new.groupby([s["run_id"], s["path_id"]]).cumsum()
    s = s.assign(spell=spell.to_numpy())
    s["day_in_spell"] = s.groupby(["run_id", "path_id", "spell"]).cumcount() + 1
    return s


def shade_regimes(ax, days: np.ndarray, regimes: Sequence[str], alpha: float = 0.6) -> None:
    """Colour the background of ax by the regime in force on each day."""
    days, regimes = np.asarray(days), np.asarray(regimes)
    if len(days) == 0:
        return
    start = 0
    for i in range(1, len(days) + 1):
        if i == len(days) or regimes[i] != regimes[start]:
            ax.axvspan(days[start] - 0.5, days[i - 1] + 0.5, color=regime_color(str(regimes[start])),
                       alpha=alpha, lw=0)
            start = i


def regime_legend(ax, regimes: Sequence[str], **kw) -> None:
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=regime_color(r), label=r) for r in regimes], **kw)


# --------------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------------


def _flatten(obj, prefix=""):
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        return out
    return {prefix[:-1]: json.dumps(obj) if isinstance(obj, list) else obj}


def parse_config(text: str | None) -> dict:
    """The run's resolved config as flat key -> value: JSON if it parses, else `key = value` lines."""
    if not text:
        return {}
    try:
        return _flatten(json.loads(text))
    except (ValueError, TypeError):
        pass
    flat, stack = {}, []
    for line in str(text).splitlines():
        line = line.split("#", 1)[0].strip().rstrip(",")
        if not line:
            continue
        if line.endswith("{"):
            stack.append(line[:-1].strip().rstrip("=").strip().strip('"'))
        elif line == "}":
            stack = stack[:-1]
        elif "=" in line or ":" in line:
            k, v = (line.split("=", 1) if "=" in line else line.split(":", 1))
            flat[".".join(stack + [k.strip().strip('"')])] = v.strip()
    return flat


def config_differences(runs: pd.DataFrame) -> pd.DataFrame:
    """Config keys whose values differ between the runs (rows: keys, columns: run ids)."""
    if "config" not in runs.columns or len(runs) < 2:
        return pd.DataFrame()
    flat = {r: parse_config(c) for r, c in zip(runs["run_id"], runs["config"])}
    keys = sorted(set().union(*flat.values()))
    rows = {k: [str(flat[r].get(k, "–")) for r in runs["run_id"]] for k in keys}
    diff = {k: v for k, v in rows.items() if len(set(v)) > 1}
    return pd.DataFrame(diff, index=list(runs["run_id"])).T if diff else pd.DataFrame()


def as_percent(df: pd.DataFrame, columns: Sequence[str], digits: int = 1) -> pd.DataFrame:
    """A copy with the given fraction columns rendered as percentages, for display."""
    out = df.copy()
    for c in columns:
        out[c] = out[c].map(lambda v: "–" if pd.isna(v) else f"{100 * v:.{digits}f} %")
    return out


def show_source(src: Source) -> pd.DataFrame:
    """The runs being shown, for the top of every notebook."""
    cols = [c for c in ("run_id", "scenario", "description", "paths", "steps", "seed", "config_hash",
                        "code_version", "finished", "status") if c in src.runs.columns]
    return src.runs[cols]


def yerr(value, low, high) -> np.ndarray:
    """Asymmetric error-bar lengths for matplotlib; a missing, degenerate or unbounded interval end
    (the summary writes ±Infinity where the sample cannot bound it) draws no bar."""
    v, lo, hi = (np.asarray(pd.to_numeric(pd.Series(np.ravel(x)), errors="coerce"), dtype=float)
                 for x in (value, low, high))
    err = np.clip(np.vstack([v - lo, hi - v]), 0, None)
    return np.where(np.isfinite(err), err, 0.0)
