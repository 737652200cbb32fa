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
from decimal import ROUND_CEILING, Decimal
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


def complete_runs(out: str | Path) -> pd.DataFrame:
    """The ``runs`` rows whose status is ``complete``, oldest first (plain sampling only)."""
    import duckdb

    con = duckdb.connect()
    runs = _all_runs_duckdb(con, Path(out))
    runs = runs[runs["status"] == "complete"]
    if "sampling" in runs.columns:
        # Importance-sampled paths carry weights these notebooks do not apply yet (the job's
        # summary refuses them too): reading them unweighted would be wrong, so they are left out.
        runs = runs[~runs["sampling"].fillna("plain").str.startswith("importance")]
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
    """Per path, in path id order: sign*column under base and under other, joined on path_id (same
    shocks). The fixed order makes every statistic of them the same to the bit on every call."""
    rid = run_id.replace("'", "''")
    q = (f"SELECT a.path_id, {sign!r} * a.{column} AS base, {sign!r} * b.{column} AS other "
         f"FROM paths a JOIN paths b ON a.run_id = b.run_id AND a.path_id = b.path_id "
         f"WHERE a.run_id = '{rid}' AND a.strategy = '{base}' AND b.strategy = '{other}' ORDER BY a.path_id")
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
        mean = math.fsum(d) / n  # the sum rounded once, as the aggregate job's exact sum is
        se_paired = d.std(ddof=1) / math.sqrt(n) if n > 1 else float("nan")
        se_unpaired = math.sqrt((p["base"].var(ddof=1) + p["other"].var(ddof=1)) / n) if n > 1 else float("nan")
        es_base, es_other = var_es(p["base"].to_numpy(), tail_level), var_es(p["other"].to_numpy(), tail_level)
        cut = es_base["var"]
        tail_d = d[p["base"].to_numpy() >= cut]
        tail_se = tail_d.std(ddof=1) / math.sqrt(len(tail_d)) if len(tail_d) > 1 else float("nan")
        rows.append({
            "variant": other, "cost of": what, "paths": n,
            "mean": mean, "mean_low": mean - Z95 * se_paired, "mean_high": mean + Z95 * se_paired,
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
    """Per path, in path id order: loss, and days spent in each regime (from the regime_days map)."""
    rid = run_id.replace("'", "''")
    cols = ", ".join(f"regime_days['{r}'] AS \"{r}\"" for r in regimes)
    df = src.sql(f"SELECT path_id, -terminal_return AS loss, max_drawdown, {cols} FROM paths "
                 f"WHERE run_id = '{rid}' AND strategy = '{strategy}' ORDER BY path_id")
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
# The aggregate job's attribution and regime rows, or the same computed from paths
# --------------------------------------------------------------------------------------------------
#
# `unwind aggregate` writes into `summary` the attribution on common random numbers, the losses
# conditional on the regimes visited and the regime shares (README, "The `summary` table"): exact,
# with intervals, in memory that does not grow with the number of paths. The notebooks show those
# rows. For a run whose summary lacks them (written before they existed, or a fixture) the
# `*_from_paths` functions compute the same rows with the same definitions from `paths`, in memory;
# `cross_check` compares the two on a run that has both.

SUMMARY_COLUMNS = ["run_id", "strategy", "metric", "condition", "level", "value", "ci_low", "ci_high", "n"]
FROM_SUMMARY = "summary table (aggregate job)"
FROM_PATHS = "computed from paths"
ATTRIBUTION_BASE = "levered-erc"
# The job's metric name for levered-erc minus each variant (condition `vs:<variant>`).
ATTRIBUTION_METRICS = {"oracle-erc": "attribution_vol_error", "no-impact": "attribution_cascade",
                       "unlevered-erc": "attribution_leverage"}
ATTRIBUTION_SUFFIXES = ("_mean", "_drift_mean", "_shock_mean", "_es", "_paired_se", "_unpaired_se")
IMPACT_SHARE, IMPACT_VARIANT = "impact_loss_share", "no-impact"
ATTRIBUTION_LEVELS = (0.95, 0.99)   # levels of `<attribution>_es` and of impact_loss_share
CONDITIONAL_LEVELS = (0.95, 0.99)   # levels of loss_var/es_given_visited
WORST_LEVEL = 0.99                  # regime_share_worst1pct: the paths ranked above the 99 % VaR
REGIME_METRICS = ("loss_es", "loss_var_given_visited", "loss_es_given_visited", "regime_share_all",
                  "regime_share_worst1pct")


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


def var_rank(n: int, level: float) -> int:
    """⌈level·N⌉, the rank (from 1, ascending) of the VaR; the N − ⌈level·N⌉ paths above it are the
    tail. level·N is formed in exact decimal from level's shortest form, as the job forms it, so the
    rank never depends on how level·N happens to round in binary."""
    return int((Decimal(repr(float(level))) * n).to_integral_value(rounding=ROUND_CEILING))


def worst_paths(loss, path_id, level: float) -> np.ndarray:
    """Mask of the paths ranked above the VaR rank ⌈level·N⌉ by (loss, path id), ties broken by
    path id: exactly the job's tail set of N − ⌈level·N⌉ paths."""
    loss = np.asarray(loss, dtype=float)
    order = np.lexsort((np.asarray(path_id), loss))
    mask = np.zeros(len(loss), dtype=bool)
    mask[order[var_rank(len(loss), level):]] = True
    return mask


def _exact_sum(values, power: int = 1) -> Fraction:
    """Σ v**power over doubles, exactly: each is num/2^k, so all are summed as integers over the
    largest 2^k (fast where adding Fractions one by one is not)."""
    ratios = [v.as_integer_ratio() for v in map(float, values)]
    ratios = [(num ** power, den.bit_length() - 1) for num, den in ratios]  # num / 2^shift
    if not ratios:
        return Fraction(0)
    top = max(shift for _, shift in ratios) * power
    return Fraction(sum(num << (top - shift * power) for num, shift in ratios), 1 << top)


def tail_estimate(x, level: float) -> dict:
    """VaR and expected shortfall of the upper tail of x as the aggregate job forms them.

    With r = ⌈αN⌉: VaR = x(r); ES = [Σ_{i>r} x(i) + (r − αN)·x(r)] / ((1 − α)N), the Acerbi–Tasche
    estimator (doi:10.1016/S0378-4266(02)00283-2); its 95 % interval ES ± z·sqrt([V + α(ES − VaR)²] /
    ((1 − α)N)) with the plug-in tail variance V = [(r − αN)(VaR − ES)² + Σ_{i>r}(x(i) − ES)²] /
    ((1 − α)N), unbounded with fewer than two observations beyond rank r (common's `TailLevels`).
    The sums are exact and rounded once, as the job's are, so ES agrees with the job's to the last
    bit or so. No VaR interval (`var_es` has one); `var_es` is the older estimator (mean of the
    observations from the VaR on) that the fallback of `summary` uses.
    """
    xs = np.sort(np.asarray(x, dtype=float))
    n = len(xs)
    if n == 0:
        return dict(var=math.nan, es=math.nan, es_low=math.nan, es_high=math.nan, n=0)
    alpha = Decimal(repr(float(level)))
    r = var_rank(n, level)
    boundary = Fraction(Decimal(r) - alpha * n)  # r − αN, in [0, 1)
    weight = Fraction((1 - alpha) * n)  # (1 − α)N
    v = float(xs[r - 1])
    beyond = xs[r:]
    total = _exact_sum(beyond)
    es = float((total + boundary * Fraction(v)) / weight)
    low, high = -math.inf, math.inf
    if len(beyond) >= 2:
        e = Fraction(es)
        d = Fraction(v) - e
        # Σ(x − ES)² = Σx² − 2·ES·Σx + k·ES², exactly.
        squares = boundary * d * d + _exact_sum(beyond, 2) - 2 * e * total + len(beyond) * e * e
        half = Z95 * math.sqrt(float((squares / weight + Fraction(float(level)) * d * d) / weight))
        low, high = es - half, es + half
    return dict(var=v, es=es, es_low=low, es_high=high, n=n)


def mean_estimate(x) -> tuple[float, float, float]:
    """Mean with its two-sided 95 % Student-t interval, as the job's MomentAccumulator forms it (the
    sum rounded once); (−∞, +∞) for a single observation, NaN for none."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    if n == 0:
        return math.nan, math.nan, math.nan
    m = math.fsum(x) / n
    if n == 1:
        return m, -math.inf, math.inf
    se = float(np.std(x, ddof=1)) / math.sqrt(n)
    half = student_t975(n - 1) * se if se > 0 else 0.0
    return m, m - half, m + half


def ratio_estimate(y, x) -> tuple[float, float, float]:
    """mean(y) / mean(x) with the job's delta-method 95 % interval (RatioAccumulator; Cochran,
    Sampling Techniques, 1977, §6.4): R ± z·sd(y − R·x) / (√k·|mean x|)."""
    y, x = np.asarray(y, dtype=float), np.asarray(x, dtype=float)
    k = len(x)
    mean_x = math.fsum(x) / k
    r = (math.fsum(y) / k) / mean_x
    if k < 2:
        return r, -math.inf, math.inf
    half = Z95 * float(np.std(y - r * x, ddof=1)) / math.sqrt(k) / abs(mean_x)
    return r, r - half, r + half


def relative_difference(a, b) -> float:
    """|a − b| / max(|a|, |b|): 0 when both are equal (zero included), NaN if either is missing."""
    if pd.isna(a) or pd.isna(b):
        return math.nan
    a, b = float(a), float(b)
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def _summary_frame(summ: pd.DataFrame | None, run_id: str | None = None) -> pd.DataFrame:
    """summ with every SUMMARY_COLUMNS column (a summary written before `condition` existed gets it
    null), numeric levels and values, restricted to run_id when summ holds several runs."""
    s = pd.DataFrame(columns=SUMMARY_COLUMNS) if summ is None else summ.copy()
    for c in SUMMARY_COLUMNS:
        if c not in s.columns:
            s[c] = None
    if run_id is not None and s["run_id"].notna().any():
        s = s[s["run_id"] == run_id]
    for c in ("level", "value", "ci_low", "ci_high"):
        s[c] = pd.to_numeric(s[c], errors="coerce").astype(float)
    s["condition"] = s["condition"].astype(object).where(s["condition"].notna(), None)
    return s[SUMMARY_COLUMNS].reset_index(drop=True)


def run_summary(src: Source, run_id: str) -> pd.DataFrame:
    """The run's `summary` rows as the job wrote them (empty if the run has no summary)."""
    if not src.has("summary"):
        return _summary_frame(None)
    rid = run_id.replace("'", "''")
    return _summary_frame(src.table("summary", where=f"run_id = '{rid}'"), run_id)


# What a metric can be, exactly; the job clips every interval to it (Metrics.feasibleRange).
FEASIBLE = {**{m: (-math.inf, 1.0) for m in ("loss_var", "loss_es", "loss_var_given_visited",
                                              "loss_es_given_visited")},
            **{m: (0.0, 1.0) for m in ("drawdown_var", "drawdown_es", "default_prob", "margin_call_prob",
                                       "deleveraging_prob", "cascade_gt1_prob", "cascade_gt3_prob",
                                       "cascade_gt5_prob", "regime_share_all", "regime_share_worst1pct",
                                       "multi_round_episode_share", "forced_sale_share")},
            **{m: (0.0, math.inf) for m in ("forced_sales_q", "deleveraging_episodes_mean")}}


def _clip(metric, end):
    lo, hi = FEASIBLE.get(metric, (-math.inf, math.inf))
    return end if end is None or math.isnan(end) else min(max(end, lo), hi)


def _row(strategy, metric, condition, level, value, low, high, n) -> dict:
    return dict(strategy=strategy, metric=metric, condition=condition, level=level, value=value,
                ci_low=_clip(metric, low), ci_high=_clip(metric, high), n=int(n))


def _rows_frame(rows: list[dict], run_id: str) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=SUMMARY_COLUMNS[1:])
    df.insert(0, "run_id", run_id)
    return _summary_frame(df)


def attribution_from_paths(src: Source, run_id: str, base: str = ATTRIBUTION_BASE) -> pd.DataFrame:
    """The attribution rows the aggregate job writes, computed from `paths` (same names, conditions,
    levels and definitions): per variant of ATTRIBUTION_METRICS that ran, with D = L_base − L_variant
    per path, `<name>_mean`, `<name>_drift_mean` and `<name>_shock_mean` (D split into the part
    earned on the regimes' drifts and the rest), `<name>_es` at ATTRIBUTION_LEVELS, `<name>_paired_se` (sd(D)/√N) and
    `<name>_unpaired_se` (sqrt(Var(L_base)/N + Var(L_variant)/N)); and `impact_loss_share` at each
    level: Σ_T D / Σ_T L_base over the base's tail paths T, omitted when T's losses sum to a gain."""
    rows = []
    for other, name in ATTRIBUTION_METRICS.items():
        p = paired_losses(src, run_id, base, other)
        if p.empty:
            continue
        a, b = p["base"].to_numpy(dtype=float), p["other"].to_numpy(dtype=float)
        d = a - b
        n, vs = len(d), f"vs:{other}"
        rows.append(_row(base, name + "_mean", vs, None, *mean_estimate(d), n))
        # the split of D: the part earned on the regimes' drifts, -(drift_pnl_base - drift_pnl_other),
        # and the rest, D - drift part (shocks, costs, financing); they add up to D per path
        q = paired_losses(src, run_id, base, other, column="drift_pnl", sign=1.0)
        drift = -(q["base"].to_numpy(dtype=float) - q["other"].to_numpy(dtype=float))
        rows.append(_row(base, name + "_drift_mean", vs, None, *mean_estimate(drift), n))
        rows.append(_row(base, name + "_shock_mean", vs, None, *mean_estimate(d - drift), n))
        for level in ATTRIBUTION_LEVELS:
            t = tail_estimate(d, level)
            rows.append(_row(base, name + "_es", vs, level, t["es"], t["es_low"], t["es_high"], n))
        paired = float(np.std(d, ddof=1)) / math.sqrt(n) if n > 1 else math.nan
        unpaired = math.sqrt((np.var(a, ddof=1) + np.var(b, ddof=1)) / n) if n > 1 else math.nan
        rows.append(_row(base, name + "_paired_se", vs, None, paired, None, None, n))
        rows.append(_row(base, name + "_unpaired_se", vs, None, unpaired, None, None, n))
        if other == IMPACT_VARIANT:
            for level in ATTRIBUTION_LEVELS:
                tail = worst_paths(a, p["path_id"], level)
                if tail.any() and math.fsum(a[tail]) > 0:
                    rows.append(_row(base, IMPACT_SHARE, vs, level, *ratio_estimate(d[tail], a[tail]), tail.sum()))
    return _rows_frame(rows, run_id)


def regime_views_from_paths(src: Source, run_id: str, strategies: Sequence[str],
                            regimes: Sequence[str]) -> pd.DataFrame:
    """The job's regime rows computed from `paths`, per strategy: `loss_es` at CONDITIONAL_LEVELS (the
    "all paths" reference); per regime visited by some path `loss_var_given_visited` and
    `loss_es_given_visited` at CONDITIONAL_LEVELS over the paths with a day in it; per regime
    `regime_share_all` (mean share of a path's days in the regime) and `regime_share_worst1pct` (the
    same over the worst N − ⌈0.99N⌉ paths by loss, omitted when there are none)."""
    rows = []
    for s in strategies:
        days = regime_days(src, run_id, s, regimes)
        if days.empty:
            continue
        loss = days["loss"].to_numpy(dtype=float)
        n = len(loss)
        for level in CONDITIONAL_LEVELS:
            t = tail_estimate(loss, level)
            rows.append(_row(s, "loss_es", None, level, t["es"], t["es_low"], t["es_high"], n))
        counts = days[list(regimes)].to_numpy(dtype=float)
        total = counts.sum(axis=1, keepdims=True)
        shares = np.divide(counts, total, out=np.zeros_like(counts), where=total > 0)
        worst = worst_paths(loss, days["path_id"], WORST_LEVEL)
        for j, r in enumerate(regimes):
            visited = counts[:, j] > 0
            if visited.any():
                for level in CONDITIONAL_LEVELS:
                    t = tail_estimate(loss[visited], level)
                    rows.append(_row(s, "loss_var_given_visited", f"visited:{r}", level, t["var"], math.nan,
                                     math.nan, visited.sum()))
                    rows.append(_row(s, "loss_es_given_visited", f"visited:{r}", level, t["es"], t["es_low"],
                                     t["es_high"], visited.sum()))
            rows.append(_row(s, "regime_share_all", f"regime:{r}", None, *mean_estimate(shares[:, j]), n))
            if worst.any():
                rows.append(_row(s, "regime_share_worst1pct", f"regime:{r}", WORST_LEVEL,
                                 *mean_estimate(shares[worst, j]), worst.sum()))
    return _rows_frame(rows, run_id)


def attribution_rows(src: Source, run_id: str, summ: pd.DataFrame | None = None) -> tuple[pd.DataFrame, str]:
    """The run's attribution and impact-share rows (SUMMARY_COLUMNS), and where they came from.

    From the job's summary (summ, or the run's `summary` table when None) if it has any
    `attribution_*_mean` row; otherwise computed from paths (attribution_from_paths)."""
    s = _summary_frame(run_summary(src, run_id) if summ is None else summ, run_id)
    names = {n + suffix for n in ATTRIBUTION_METRICS.values() for suffix in ATTRIBUTION_SUFFIXES}
    job = s[s["metric"].isin(names | {IMPACT_SHARE})].reset_index(drop=True)
    if job["metric"].isin({n + "_mean" for n in ATTRIBUTION_METRICS.values()}).any():
        return job, FROM_SUMMARY
    return attribution_from_paths(src, run_id), FROM_PATHS


def regime_rows(src: Source, run_id: str, strategies: Sequence[str], regimes: Sequence[str],
                summ: pd.DataFrame | None = None) -> tuple[pd.DataFrame, str]:
    """The run's rows of REGIME_METRICS (unconditional `loss_es`, conditional tails, regime shares),
    and where they came from: the job's summary if every strategy has `loss_es`,
    `loss_es_given_visited` and `regime_share_all` rows there, else all computed from paths."""
    s = _summary_frame(run_summary(src, run_id) if summ is None else summ, run_id)
    job = s[s["metric"].isin(REGIME_METRICS) & ((s["metric"] != "loss_es") | s["condition"].isna())]
    have = set(zip(job["strategy"], job["metric"]))
    needed = ("loss_es", "loss_es_given_visited", "regime_share_all")
    if strategies and all((st, m) in have for st in strategies for m in needed):
        return job.reset_index(drop=True), FROM_SUMMARY
    return regime_views_from_paths(src, run_id, strategies, regimes), FROM_PATHS


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


def attribution_table(view: pd.DataFrame, impact: pd.DataFrame, own: pd.DataFrame | None = None) -> pd.DataFrame:
    """attribution_view and impact_share_view formatted for display, one row per cause; with `own`
    (`attribution`'s frame, the notebook's paired means from paths) two cross-check columns: that
    mean and its relative difference from the table's."""
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
    if own is not None:
        mine = own.set_index("variant")["mean"] if len(own) else pd.Series(dtype=float)
        ours = [mine.get(v, math.nan) for v in view["variant"]]
        t["notebook mean (paths)"] = ["–" if pd.isna(v) else f"{100 * v:.6f} %" for v in ours]
        t["relative difference"] = [f"{relative_difference(a, b):.1e}" for a, b in zip(view["mean"], ours)]
    return t


def mean_agreement(view: pd.DataFrame, own: pd.DataFrame, origin: str, tolerance: float = 1e-12) -> str:
    """A sentence for the notebook: do the notebook's own paired means (`attribution`, from paths)
    agree with the attribution table's (attribution_view) to `tolerance` relative? Shown, never
    asserted: a disagreement should be read, not stop the notebook."""
    if view.empty or own.empty:
        return "_No paired differences to cross-check in this run._"
    mine = own.set_index("variant")["mean"]
    rel = [relative_difference(a, mine.get(v, math.nan)) for v, a in zip(view["variant"], view["mean"])]
    worst = max(rel, key=lambda r: math.inf if pd.isna(r) else r)
    theirs = "the job's" if origin == FROM_SUMMARY else "those computed by `attribution_from_paths`"
    if all(r <= tolerance for r in rel):
        return (f"Cross-check: the notebook's own paired means (from `paths`) agree with {theirs} to "
                f"{worst:.1e} relative at most (the same paths, so only rounding separates them).")
    return (f"**Cross-check failed:** the notebook's own paired means (from `paths`) differ from {theirs} by "
            f"up to {worst:.1e} relative (more than {tolerance:g}): the two read different paths or define "
            f"the difference differently.")


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


def cross_check(job: pd.DataFrame, own: pd.DataFrame, tolerance: float = 1e-12) -> pd.DataFrame:
    """The values of the rows both frames hold, side by side: strategy, metric, condition, level,
    job, paths, relative difference and agrees (relative difference ≤ tolerance)."""
    key = ["strategy", "metric", "condition", "level"]

    def keyed(df):
        df = _summary_frame(df)
        return df.assign(condition=df["condition"].fillna(""), level=df["level"].fillna(-1.0).round(9))[key + ["value"]]

    m = keyed(job).merge(keyed(own), on=key, suffixes=("_job", "_paths"))
    m = m.rename(columns={"value_job": "job", "value_paths": "paths"})
    m["relative difference"] = [relative_difference(a, b) for a, b in zip(m["job"], m["paths"])]
    m["agrees"] = m["relative difference"] <= tolerance
    return m


def cross_check_table(check: pd.DataFrame) -> pd.DataFrame:
    """cross_check summarised per metric: values compared, largest relative difference, all agree."""
    g = check.groupby("metric", sort=False)
    return pd.DataFrame({"values compared": g.size(),
                         "largest relative difference": g["relative difference"].max().map(lambda v: f"{v:.1e}"),
                         "all agree": g["agrees"].all()})


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
