"""Shared loading and analysis code for the unwind notebooks.

Every notebook reads unwind's Parquet output through :func:`open_source`, which exposes the tables
``paths``, ``events``, ``samples``, ``summary``, ``histograms`` and ``runs`` as SQL views restricted
to runs whose ``runs.status`` is ``complete`` (DESIGN.md: "a run is visible to readers only once
complete"). Two engines answer the same queries:

* ``duckdb`` (default): reads the Parquet files in place on one machine.
* ``spark``: for output too large for one machine; needs a SparkSession (``pyspark`` is not in
  requirements.txt, install it where Spark runs). Queries run on the cluster and only their
  (small) results come back as pandas.

The SQL in the notebooks and here is kept to what both dialects accept (no ``::`` casts, no
``GROUP BY ALL``, no quantile functions); tail statistics that need order statistics are computed
in pandas on the one column they need, or read from ``summary``.

Layout read (Hive-partitioned, partition values in directory names)::

    <out>/<table>/run_id=<id>/[strategy=<s>/][chunk=<c>/]*.parquet

Each run is read on its own and the runs are unioned by column name, so runs written with
different partition depths (e.g. one with ``chunk=``) can be combined.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

TABLES = ("paths", "events", "samples", "summary", "histograms", "runs")
STRATEGIES = ["levered-erc", "oracle-erc", "no-impact", "unlevered-erc", "sixty-forty"]
REGIMES = ["calm", "stressed", "crisis", "inflation-shock"]
LEVELS = [0.95, 0.99, 0.995, 0.999]
Z95 = 1.959963984540054

STRATEGY_COLORS = {
    "levered-erc": "#c0392b",
    "oracle-erc": "#2e86c1",
    "no-impact": "#e67e22",
    "unlevered-erc": "#27ae60",
    "sixty-forty": "#7f8c8d",
}
REGIME_COLORS = {"calm": "#d5f5e3", "stressed": "#fcf3cf", "crisis": "#f5b7b1", "inflation-shock": "#d7bde2"}

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


def complete_runs(out: str | Path) -> pd.DataFrame:
    """The ``runs`` rows whose status is ``complete``, oldest first."""
    import duckdb

    con = duckdb.connect()
    runs = _all_runs_duckdb(con, Path(out))
    runs = runs[runs["status"] == "complete"]
    if "started" in runs.columns:
        runs = runs.sort_values(["started", "run_id"])
    return runs.reset_index(drop=True)


def resolve_run_ids(runs: pd.DataFrame, run_ids: str | Sequence[str] | None, out) -> list[str]:
    """Check requested run ids against the complete runs; None means all complete runs."""
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

    def in_runs(self) -> str:
        return "(" + ", ".join("'" + r.replace("'", "''") + "'" for r in self.run_ids) + ")"


class DuckSource(Source):
    def __init__(self, out: Path, run_ids):
        import duckdb

        self.engine, self.out = "duckdb", Path(out)
        self.con = duckdb.connect()
        all_runs = _all_runs_duckdb(self.con, self.out)
        complete = all_runs[all_runs["status"] == "complete"]
        self.run_ids = resolve_run_ids(complete, run_ids, out)
        self.runs = complete[complete["run_id"].isin(self.run_ids)].reset_index(drop=True)
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
        complete = all_runs[all_runs["status"] == "complete"]
        self.run_ids = resolve_run_ids(complete, run_ids, out)
        self.runs = complete[complete["run_id"].isin(self.run_ids)].reset_index(drop=True)
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


def load_table(out: str | Path, table: str, run_ids=None, columns: str = "*", where: str | None = None,
               engine: str = "duckdb") -> pd.DataFrame:
    """One table of the complete runs as pandas (an empty frame if the table was not written)."""
    src = open_source(out, run_ids, engine)
    if not src.has(table):
        return pd.DataFrame()
    return src.table(table, columns, where)


# --------------------------------------------------------------------------------------------------
# Statistics (used when `summary` lacks something, and for paired differences)
# --------------------------------------------------------------------------------------------------


def var_es(x: np.ndarray, level: float) -> dict:
    """VaR and expected shortfall of the upper tail of x, with 95 % intervals.

    VaR is the order statistic X_(ceil(level*n)); its interval is the distribution-free one from the
    binomial count of observations below it (order statistics ceil(n*a -+ z*sqrt(n*a*(1-a)))).
    ES is the mean of the tail from the VaR on; its interval is asymptotic, with variance
    (Var(tail) + level*(ES-VaR)^2) / (n*(1-level)) (the second term carries the VaR's own
    uncertainty; Brazauskas et al. 2008, doi:10.1016/j.jspi.2008.02.004).
    """
    xs = np.sort(np.asarray(x, dtype=float))
    n = len(xs)
    if n == 0:
        return dict(var=np.nan, var_low=np.nan, var_high=np.nan, es=np.nan, es_low=np.nan, es_high=np.nan, n=0)
    k = max(int(math.ceil(level * n)) - 1, 0)
    half = Z95 * math.sqrt(n * level * (1 - level))
    lo = xs[min(max(int(math.floor(n * level - half)) - 1, 0), n - 1)]
    hi = xs[min(max(int(math.ceil(n * level + half)) - 1, 0), n - 1)]
    tail = xs[k:]
    es = float(tail.mean())
    m = len(tail)
    se = math.sqrt((tail.var(ddof=1) + level * (es - xs[k]) ** 2) / m) if m > 1 else float("nan")
    return dict(var=float(xs[k]), var_low=float(lo), var_high=float(hi), es=es, es_low=es - Z95 * se,
                es_high=es + Z95 * se, n=n)


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score 95 % interval for a binomial proportion k/n."""
    if n == 0:
        return float("nan"), float("nan")
    p, z2 = k / n, Z95 * Z95
    den = 1 + z2 / n
    mid = (p + z2 / (2 * n)) / den
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / den
    return max(mid - half, 0.0), min(mid + half, 1.0)


def summary_from_paths(src: Source) -> pd.DataFrame:
    """The DESIGN `summary` contract's core metrics computed from `paths` (fallback)."""
    rows = []
    for (run_id, strategy), g in src.sql(
            "SELECT run_id, strategy, terminal_return, max_drawdown, defaulted, margin_calls FROM paths"
    ).groupby(["run_id", "strategy"]):
        for name, x in (("loss", -g["terminal_return"].to_numpy()), ("drawdown", g["max_drawdown"].to_numpy())):
            for a in LEVELS:
                t = var_es(x, a)
                rows.append((run_id, strategy, f"{name}_var", a, t["var"], t["var_low"], t["var_high"], t["n"]))
                rows.append((run_id, strategy, f"{name}_es", a, t["es"], t["es_low"], t["es_high"], t["n"]))
        n = len(g)
        for metric, flags in (("default_prob", g["defaulted"].astype(bool)), ("margin_call_prob", g["margin_calls"] > 0)):
            k = int(flags.sum())
            lo, hi = wilson(k, n)
            rows.append((run_id, strategy, metric, np.nan, k / n, lo, hi, n))
    return pd.DataFrame(rows, columns=["run_id", "strategy", "metric", "level", "value", "ci_low", "ci_high", "n"])


REQUIRED_METRICS = ["loss_var", "loss_es", "drawdown_var", "drawdown_es", "default_prob", "margin_call_prob"]


def summary(src: Source) -> tuple[pd.DataFrame, str]:
    """The `summary` table of the selected runs, and where it came from.

    Uses the aggregate job's table; any (run, strategy) missing a required metric is filled from
    `paths`, so the notebooks work on runs written before `summary` grew.
    """
    have = src.table("summary") if src.has("summary") else pd.DataFrame(
        columns=["run_id", "strategy", "metric", "level", "value", "ci_low", "ci_high", "n"])
    have["level"] = pd.to_numeric(have["level"], errors="coerce")
    keys = set(map(tuple, src.sql("SELECT DISTINCT run_id, strategy FROM paths")[["run_id", "strategy"]].to_numpy()))
    complete = {k for k, g in have.groupby(["run_id", "strategy"]) if set(REQUIRED_METRICS) <= set(g["metric"])}
    if keys <= complete:
        return have, "summary table"
    fallback = summary_from_paths(src)
    lacking = keys - complete
    fill = fallback[[k in lacking for k in zip(fallback["run_id"], fallback["strategy"])]]
    frames = [f for f in (have, fill) if not f.empty]
    return pd.concat(frames, ignore_index=True), (
        "computed from paths" if have.empty else "summary table, gaps computed from paths")


def metric(summ: pd.DataFrame, name: str, level: float | None = None) -> pd.DataFrame:
    """Rows of one metric (and level) with run_id, strategy, value, ci_low, ci_high."""
    m = summ[summ["metric"] == name]
    if level is not None:
        m = m[np.isclose(m["level"].astype(float), level)]
    return m[["run_id", "strategy", "value", "ci_low", "ci_high", "n"]].reset_index(drop=True)


def fmt_ci(value, low, high, pct: bool = True) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    f = (lambda v: f"{100 * v:.1f} %") if pct else (lambda v: f"{v:.3g}")
    if low is None or high is None or any(isinstance(v, float) and math.isnan(v) for v in (low, high)):
        return f(value)
    return f"{f(value)} [{f(low)}, {f(high)}]"


def headline_table(summ: pd.DataFrame, run_id: str, strategies: Sequence[str]) -> pd.DataFrame:
    """Headline numbers per strategy: tail losses and probabilities with their 95 % intervals."""
    s = summ[summ["run_id"] == run_id]
    spec = [("99 % VaR of loss", "loss_var", 0.99), ("99 % ES of loss", "loss_es", 0.99),
            ("99.9 % ES of loss", "loss_es", 0.999), ("99 % ES of max drawdown", "drawdown_es", 0.99),
            ("P(default)", "default_prob", None), ("P(margin call)", "margin_call_prob", None)]
    table = {}
    for label, name, level in spec:
        m = metric(s, name, level).set_index("strategy")
        table[label] = [fmt_ci(*m.loc[st, ["value", "ci_low", "ci_high"]]) if st in m.index else "–"
                        for st in strategies]
    return pd.DataFrame(table, index=pd.Index(strategies, name="strategy"))


# --------------------------------------------------------------------------------------------------
# Histograms
# --------------------------------------------------------------------------------------------------


def binned(src: Source, column_sql: str, table: str = "paths", bins: int = 60, where: str | None = None,
           lo: float | None = None, hi: float | None = None) -> pd.DataFrame:
    """Histogram per (run_id, strategy) computed in the engine: bin, bin_low, bin_high, count.

    One pass for the range, one for the counts, so it scales to any number of paths.
    """
    w = f" WHERE {where}" if where else ""
    if lo is None or hi is None:
        r = src.sql(f"SELECT MIN({column_sql}) AS lo, MAX({column_sql}) AS hi FROM {table}{w}").iloc[0]
        lo = float(r["lo"]) if lo is None else lo
        hi = float(r["hi"]) if hi is None else hi
    if not np.isfinite(lo) or not np.isfinite(hi):
        return pd.DataFrame(columns=["run_id", "strategy", "bin", "bin_low", "bin_high", "count"])
    width = (hi - lo) / bins if hi > lo else 1.0
    b = f"LEAST(GREATEST(CAST(FLOOR(({column_sql} - ({lo!r})) / {width!r}) AS INT), 0), {bins - 1})"
    df = src.sql(f"SELECT run_id, strategy, {b} AS bin, COUNT(*) AS count FROM {table}{w} "
                 f"GROUP BY run_id, strategy, {b}")
    df["bin_low"] = lo + df["bin"] * width
    df["bin_high"] = df["bin_low"] + width
    return df.sort_values(["run_id", "strategy", "bin"]).reset_index(drop=True)


def histogram(src: Source, quantity: str, bins: int = 40) -> tuple[pd.DataFrame, str]:
    """A cascade histogram from the `histograms` table, or computed from `paths` if absent."""
    if src.has("histograms"):
        h = src.table("histograms", where=f"quantity = '{quantity}'")
        if not h.empty:
            return h.sort_values(["run_id", "strategy", "bin"]).reset_index(drop=True), "histograms table"
    if quantity == "max_cascade_rounds":
        df = src.sql("SELECT run_id, strategy, max_cascade_rounds AS bin, COUNT(*) AS count FROM paths "
                     "GROUP BY run_id, strategy, max_cascade_rounds")
        df["bin_low"], df["bin_high"] = df["bin"].astype(float), df["bin"] + 1.0
        return df.sort_values(["run_id", "strategy", "bin"]).reset_index(drop=True), "computed from paths"
    return binned(src, quantity, bins=bins, lo=0.0 if quantity != "terminal_return" else None), "computed from paths"


def survival(h: pd.DataFrame) -> pd.DataFrame:
    """P(X >= bin_low) per (run_id, strategy) from histogram counts: the tail on a log scale."""
    out = []
    for key, g in h.groupby(["run_id", "strategy"]):
        g = g.sort_values("bin")
        tail = g["count"][::-1].cumsum()[::-1]
        out.append(g.assign(survival=tail / g["count"].sum()))
    return pd.concat(out, ignore_index=True) if out else h.assign(survival=[])


# --------------------------------------------------------------------------------------------------
# Paired differences on common random numbers
# --------------------------------------------------------------------------------------------------


def paired_losses(src: Source, run_id: str, base: str, other: str, column: str = "terminal_return",
                  sign: float = -1.0) -> pd.DataFrame:
    """Per path: sign*column under base and under other, joined on path_id (same shocks)."""
    rid = run_id.replace("'", "''")
    q = (f"SELECT a.path_id, {sign!r} * a.{column} AS base, {sign!r} * b.{column} AS other "
         f"FROM paths a JOIN paths b ON a.run_id = b.run_id AND a.path_id = b.path_id "
         f"WHERE a.run_id = '{rid}' AND a.strategy = '{base}' AND b.strategy = '{other}'")
    return src.sql(q)


def attribution(src: Source, run_id: str, base: str = "levered-erc", tail_level: float = 0.99) -> pd.DataFrame:
    """What each variant's difference from the base costs, in fractions of start equity.

    For each variant: the mean paired loss difference with its paired standard error and, for
    comparison, the unpaired one (as if the strategies had been simulated on independent shocks);
    the difference of the two strategies' ES at tail_level; and the mean difference on the paths in
    the base strategy's worst (1 - tail_level) tail ("what it cost when it mattered").
    """
    rows = []
    present = set(src.strategies())
    for other, what in ATTRIBUTION.items():
        if other not in present or base not in present:
            continue
        p = paired_losses(src, run_id, base, other)
        if p.empty:
            continue
        d = (p["base"] - p["other"]).to_numpy()
        n = len(d)
        se_paired = d.std(ddof=1) / math.sqrt(n) if n > 1 else float("nan")
        se_unpaired = math.sqrt((p["base"].var(ddof=1) + p["other"].var(ddof=1)) / n) if n > 1 else float("nan")
        es_base, es_other = var_es(p["base"].to_numpy(), tail_level), var_es(p["other"].to_numpy(), tail_level)
        cut = es_base["var"]
        tail_d = d[p["base"].to_numpy() >= cut]
        tail_se = tail_d.std(ddof=1) / math.sqrt(len(tail_d)) if len(tail_d) > 1 else float("nan")
        rows.append({
            "variant": other, "cost of": what, "paths": n,
            "mean": d.mean(), "mean_low": d.mean() - Z95 * se_paired, "mean_high": d.mean() + Z95 * se_paired,
            "se_paired": se_paired, "se_unpaired": se_unpaired,
            "variance_reduction": (se_unpaired / se_paired) ** 2 if se_paired > 0 else float("inf"),
            "es_difference": es_base["es"] - es_other["es"],
            "tail_mean": tail_d.mean() if len(tail_d) else float("nan"),
            "tail_low": tail_d.mean() - Z95 * tail_se if len(tail_d) > 1 else float("nan"),
            "tail_high": tail_d.mean() + Z95 * tail_se if len(tail_d) > 1 else float("nan"),
            "tail_paths": len(tail_d),
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------------
# Regimes
# --------------------------------------------------------------------------------------------------


def regime_days(src: Source, run_id: str, strategy: str, regimes: Sequence[str]) -> pd.DataFrame:
    """Per path: loss, and days spent in each regime (from the regime_days map)."""
    rid = run_id.replace("'", "''")
    cols = ", ".join(f"regime_days['{r}'] AS \"{r}\"" for r in regimes)
    df = src.sql(f"SELECT path_id, -terminal_return AS loss, max_drawdown, {cols} FROM paths "
                 f"WHERE run_id = '{rid}' AND strategy = '{strategy}'")
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


def conditional_losses(days: pd.DataFrame, regimes: Sequence[str], level: float = 0.99) -> pd.DataFrame:
    """Loss statistics on the paths that visited each regime (and on those that visited none of the
    non-calm ones), with the share of paths and ES at level."""
    groups = {"all paths": np.ones(len(days), dtype=bool)}
    for r in regimes:
        groups[f"visited {r}"] = (days[r] > 0).to_numpy()
    others = [r for r in regimes if r != regimes[0]]
    if others:
        groups[f"only {regimes[0]}"] = (days[others].sum(axis=1) == 0).to_numpy()
    rows = []
    for name, mask in groups.items():
        if not mask.any():
            continue
        x = days.loc[mask, "loss"].to_numpy()
        t = var_es(x, level) if len(x) else {"es": np.nan, "es_low": np.nan, "es_high": np.nan}
        rows.append({"paths": name, "share of paths": mask.mean(), "n": int(mask.sum()),
                     "mean loss": x.mean() if len(x) else np.nan, f"ES {level:.0%}": t["es"],
                     "es_low": t["es_low"], "es_high": t["es_high"]})
    return pd.DataFrame(rows)


def regime_time_share(days: pd.DataFrame, regimes: Sequence[str], worst: float = 0.01) -> pd.DataFrame:
    """Share of time in each regime among the worst `worst` of paths by loss, against all paths."""
    cut = np.quantile(days["loss"], 1 - worst)
    tail = days[days["loss"] >= cut]
    tot_all = days[list(regimes)].to_numpy().sum()
    tot_tail = tail[list(regimes)].to_numpy().sum()
    return pd.DataFrame({
        "regime": list(regimes),
        "all paths": [days[r].sum() / tot_all if tot_all else np.nan for r in regimes],
        f"worst {worst:.0%} of paths": [tail[r].sum() / tot_tail if tot_tail else np.nan for r in regimes],
    })


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
    """Asymmetric error-bar lengths for matplotlib; a missing or degenerate interval draws no bar."""
    v, lo, hi = (np.asarray(pd.to_numeric(pd.Series(np.ravel(x)), errors="coerce"), dtype=float)
                 for x in (value, low, high))
    return np.nan_to_num(np.clip(np.vstack([v - lo, hi - v]), 0, None), nan=0.0)
