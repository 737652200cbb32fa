#!/usr/bin/env python3
"""Regenerates VALIDATION.md: the default scenario held against real history.

Run through jobs/bin/validation (which builds the jar and provides the Python environment):

    jobs/bin/validation            # the full form: the numbers VALIDATION.md quotes (~20-30 min)
    jobs/bin/validation --quick    # a small form for CI: every step, few paths and years

Every number in the document comes from a command this script runs, on the commit it names:

1. replay of the real ETF history (conf/history/) through the kernel with the default's
   strategies: per episode, levered-erc's and 60/40's max drawdown beside the published figures;
2. the default's simulated distributions beside the historical rolling windows of the same
   horizon (replay --window-days): median annual return, vol, chance of a loss, median and 95th
   percentile max drawdown, for 60/40 and levered-erc, at 1, 3 and 10 years;
3. an outcomes backtest: for each calendar year after the first three of the data, fit the
   default's regime model on the data before it (calibrate --means premia), forecast
   levered-erc's one-year loss distribution, and place the realised loss in it (95 % VaR
   exceedances with Kupiec's test, probability-integral-transform values);
4. importance sampling held against plain sampling: the default run both ways on the same number
   of paths, every tail estimate of levered-erc compared (difference in standard errors, and
   the variance ratio that the effective sample pays for);
5. the limitations, stated plainly.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parents[2]
UNWIND = ROOT / "jobs" / "bin" / "unwind"
HISTORY = ROOT / "conf" / "history" / "etf-daily-2007-2025.csv"
DEFAULT = ROOT / "conf" / "baseline.conf"
TEMPLATE = Path(__file__).with_name("VALIDATION.template.md")

# The ETFs stand in for the default's assets (conf/history/README.md says which is which).
ASSET_OF_TICKER = {
    "SPY": "us_equity",
    "IEV": "eu_equity",
    "IEF": "us_treasury_10y",
    "TLT": "us_treasury_long",
    "DBC": "commodities",
    "HYG": "us_high_yield",
}
SUBJECT = "levered-erc"
BENCHMARK = "sixty-forty"

# The windows DESIGN.md's published figures were measured over (conf/history/), and the figures:
# max drawdown in the window, as a negative fraction. A risk-parity figure is what issue 17 holds
# levered-erc to (within 8 points); the 60/40 figures are of a US 60/40.
PUBLISHED_WINDOWS = ROOT / "conf" / "history" / "published-episodes.csv"
PUBLISHED = {
    "2008-calendar": ("All Weather about -20 %", -0.20, None, None),
    "gfc-2007-09": (None, None, "about -30 % (2007-09)", -0.30),
    "taper-9may-24jun-2013": ("AQR Risk Parity -13 %", -0.13, None, None),
    "q1-2020-to-9apr": ("S&P Risk Parity 10 % -24.4 % (AQR -16.4 %, Invesco -20.3 %)", -0.244,
                        "-20.9 %", -0.209),
    "2022-calendar": ("All Weather about -22 %", -0.22, "about -19 %", -0.19),
}


def sh(args: list[str], log: Path) -> str:
    """Runs jobs/bin/unwind with args; the whole output goes to log; fails loudly."""
    with open(log, "a") as f:
        f.write("$ unwind " + " ".join(args) + "\n")
        f.flush()
        result = subprocess.run([str(UNWIND), *args], stdout=subprocess.PIPE,
                                stderr=f, text=True)
        f.write(result.stdout)
    if result.returncode != 0:
        sys.stderr.write(log.read_text()[-4000:])
        raise SystemExit(f"validation: `unwind {' '.join(args)}` exited {result.returncode}")
    return result.stdout


def renamed_history(work: Path) -> Path:
    """The ETF file with its columns named after the default's assets."""
    target = work / "history.csv"
    with open(HISTORY, newline="") as src, open(target, "w", newline="") as dst:
        rows = csv.reader(src)
        out = csv.writer(dst, lineterminator="\n")
        header = next(rows)
        out.writerow([header[0]] + [ASSET_OF_TICKER[h] for h in header[1:]])
        out.writerows(rows)
    return target


# calibrate names a 4-state fit's regimes by vol; the default names the same fit's regimes so.
DEFAULT_REGIME_OF_FITTED = {"regime-1": "calm", "regime-2": "rate-shock", "regime-3": "stressed",
                            "regime-4": "crisis"}


def default_regime_path(history: Path, work: Path, log: Path, quick: bool) -> Path:
    fit = work / "fit-whole.conf"
    weekly = work / "fit-whole.viterbi.csv"
    sh(["calibrate", "--prices", str(history), "--regimes", "4", "--frequency", "weekly",
        "--base", str(DEFAULT), "--means", "premia", "--out", str(fit), "--viterbi", str(weekly)]
       + (["--starts", "2"] if quick else []), log)
    weeks = [(dt.date.fromisoformat(d), DEFAULT_REGIME_OF_FITTED[r])
             for d, r in list(csv.reader(open(weekly)))[1:]]
    daily = work / "regimes-daily.csv"
    with open(history) as src, open(daily, "w") as dst:
        dst.write("date,regime\n")
        rows = csv.reader(src)
        next(rows)
        w = 0
        for row in rows:
            day = dt.date.fromisoformat(row[0])
            while w < len(weeks) - 1 and weeks[w][0] < day:
                w += 1
            dst.write(f"{row[0]},{weeks[w][1]}\n")
    return daily


def paths_table(out: Path, run_id: str):
    return ds.dataset(out / "paths", format="parquet", partitioning="hive").to_table(
        filter=ds.field("run_id") == run_id,
        columns=["strategy", "terminal_return", "max_drawdown", "realized_vol"]).to_pandas()


def distribution(out: Path, run_id: str, horizon_days: int) -> dict:
    t = paths_table(out, run_id)
    years = horizon_days / 252.0
    stats = {}
    for s in (BENCHMARK, SUBJECT):
        g = t[t.strategy == s]
        growth = np.maximum(1.0 + g.terminal_return.to_numpy(), 1e-12)
        stats[s] = {
            "n": len(g),
            "median_annual_return": float(np.median(growth ** (1.0 / years) - 1.0)),
            "vol": float(g.realized_vol.mean()),
            "p_loss": float(np.mean(g.terminal_return.to_numpy() < 0.0)),
            "median_drawdown": float(np.median(g.max_drawdown)),
            "p95_drawdown": float(np.quantile(g.max_drawdown, 0.95)),
        }
    return stats


def summary_table(out: Path, run_id: str):
    return ds.dataset(out / "summary", format="parquet", partitioning="hive").to_table(
        filter=ds.field("run_id") == run_id).to_pandas()


# What the sampling comparison shows of levered-erc: (label, metric, level).
SAMPLING_ROWS = [
    ("loss VaR 99 %", "loss_var", 0.99),
    ("loss ES 99 %", "loss_es", 0.99),
    ("loss VaR 99.9 %", "loss_var", 0.999),
    ("loss ES 99.9 %", "loss_es", 0.999),
    ("drawdown ES 99 %", "drawdown_es", 0.99),
    ("P(margin call)", "margin_call_prob", None),
    ("P(deleveraging episode)", "deleveraging_prob", None),
]
# |difference| beyond this many standard errors flags a disagreement: two unbiased, normal
# estimates cross it with odds of 0.27 % per line (fewer still, as both runs share a seed).
AGREEMENT_SE = 3.0


def summary_value(summ, metric: str, level: float | None, strategy: str = SUBJECT):
    """(value, ci_low, ci_high) of one unconditional summary row, or None."""
    m = summ[(summ.metric == metric) & (summ.strategy == strategy) & summ.condition.isna()]
    m = m[m.level.isna()] if level is None else m[np.isclose(m.level.astype(float), level)]
    if len(m) != 1:
        return None
    r = m.iloc[0]
    return float(r.value), (None if r.ci_low is None or np.isnan(r.ci_low) else float(r.ci_low)), \
        (None if r.ci_high is None or np.isnan(r.ci_high) else float(r.ci_high))


def times(ratio: float) -> str:
    """A variance ratio as a multiple: whole above 10, two digits below."""
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.2g}×"


def sampling_comparison(sampled: dict, paths: int) -> tuple[str, str]:
    """The table of plain against importance estimates, and the sentences that read it."""
    plain, imp = sampled["plain"], sampled["importance"]
    lines = ["| levered-erc | plain sampling | importance sampling | difference in SEs | "
             "variance ratio |", "|---|---|---|---|---|"]
    flagged, tail_ratios, body_worse = [], [], []

    def cell(v):
        if v[1] is None:
            return pct(v[0])
        return f"{pct(v[0])} [{100 * v[1]:.1f}, {100 * v[2]:.1f}]"

    def se(v):
        # From the 95 % interval's width (the job's intervals are normal or influence-function
        # ones); none for a missing or unbounded interval.
        if v[1] is None or not math.isfinite(v[1]) or not math.isfinite(v[2]):
            return None
        return (v[2] - v[1]) / (2 * 1.959964)

    for label, metric, level in SAMPLING_ROWS:
        a, b = summary_value(plain, metric, level), summary_value(imp, metric, level)
        if a is None or b is None:
            continue
        se_a, se_b = se(a), se(b)
        if se_a is None or se_b is None or se_a + se_b == 0 or se_b == 0:
            lines.append(f"| {label} | {cell(a)} | {cell(b)} | — | — |")
            continue
        z = (b[0] - a[0]) / math.sqrt(se_a ** 2 + se_b ** 2)
        ratio = (se_a / se_b) ** 2
        if metric.startswith("loss_"):
            tail_ratios.append((label, ratio))
        elif ratio < 1:
            body_worse.append(label)
        if abs(z) >= AGREEMENT_SE:
            flagged.append(label)
        z_text = f"{z:+.1f}" if abs(z) < AGREEMENT_SE else f"**{z:+.1f}**"
        lines.append(f"| {label} | {cell(a)} | {cell(b)} | {z_text} | {times(ratio)} |")
    ess = summary_value(imp, "effective_sample_size", None)
    weight = summary_value(imp, "mean_weight", None)
    text = []
    if flagged:
        text.append(f"**Disagreement beyond {AGREEMENT_SE:.0f} standard errors: "
                    f"{', '.join(flagged)}.** The tilt or the weighted estimators need a look "
                    "before importance-sampled numbers are used.")
    else:
        text.append(f"Every estimate with two finite intervals agrees within "
                    f"{AGREEMENT_SE:.0f} standard errors (two unbiased estimates cross that line "
                    "with odds of 0.27 % each; fewer here, as both runs share the seed).")
    if tail_ratios:
        text.append("On the loss tail one importance path is worth "
                    + ", ".join(f"{times(r)[:-1]} plain paths ({l})" for l, r in tail_ratios) + ".")
    if ess is not None:
        text.append(f"The price is the effective sample: {ess[0]:,.0f} of {paths:,} paths (Kish)"
                    + (f"; the body of the distribution ({', '.join(body_worse)}) is estimated "
                       "less precisely than by plain sampling" if body_worse else "") + ".")
    if weight is not None and weight[1] is not None:
        inside = weight[1] <= 1.0 <= weight[2]
        text.append(f"The mean weight is {weight[0]:.3f} [{weight[1]:.3f}, {weight[2]:.3f}], "
                    + ("consistent with its expectation of 1." if inside else
                       "**its interval excludes 1**: the weights' tail is heavier than this "
                       "sample can estimate; importance-sampled numbers want more paths."))
    return "\n".join(lines), " ".join(text)


def kupiec(exceedances: int, n: int, p: float) -> float:
    """p-value of Kupiec's proportion-of-failures likelihood-ratio test (chi-square, 1 dof)."""
    x, rate = exceedances, exceedances / n
    def loglik(q):
        a = (n - x) * math.log(1 - q) if x < n else 0.0
        b = x * math.log(q) if x > 0 else 0.0
        return a + b
    lr = -2.0 * (loglik(p) - (loglik(rate) if 0 < x < n else 0.0))
    return math.erfc(math.sqrt(max(lr, 0.0) / 2.0))


def pct(x: float, digits: int = 1) -> str:
    return f"{100.0 * x:.{digits}f} %"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="few paths and years (CI)")
    ap.add_argument("--out", default=str(ROOT / "VALIDATION.md"), help="document to write")
    ap.add_argument("--work", default=None, help="keep intermediate output here")
    args = ap.parse_args()

    quick = args.quick
    sim_paths = 400 if quick else 20000
    forecast_paths = 200 if quick else 4000
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="unwind-validation."))
    work.mkdir(parents=True, exist_ok=True)
    out = work / "out"
    log = work / "validation.log"
    history = renamed_history(work)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    print(f"validation: work in {work} ({'quick' if quick else 'full'} form)", file=sys.stderr)

    # The default's own regimes along history: its weekly 4-state fit on the whole file, the
    # most likely path, each trading day given the regime of the week it ends in.
    regime_path = default_regime_path(history, work, log, quick)
    replay_args = ["replay", "--prices", str(history), "--config", str(DEFAULT),
                   "--regime-path", str(regime_path)]

    # 1. Replay of the whole history, per published window and per strategy.
    replay = json.loads(sh(replay_args + ["--episodes", str(PUBLISHED_WINDOWS), "--json",
                                          "--out", str(out), "--run-id", "history"], log))
    episodes = replay["episodes"]

    # 2. Distributions: simulated default against rolling windows of history.
    horizons = [(252, "1 year"), (756, "3 years")] + ([] if quick else [(2520, "10 years")])
    dist = []
    for days, label in horizons:
        hist_id, sim_id = f"hist-{days}", f"sim-{days}"
        sh(replay_args + ["--window-days", str(days), "--step-days", "21", "--out", str(out),
                          "--run-id", hist_id], log)
        sh(["simulate", "--config", str(DEFAULT), "--paths", str(sim_paths), "--set",
            f"horizon-days={days}", "--set", "sample-every=0", "--out", str(out), "--run-id", sim_id], log)
        dist.append((label, days, distribution(out, hist_id, days), distribution(out, sim_id, days)))

    # 3. Outcomes backtest, one forecast per calendar year.
    dates = [row[0] for row in csv.reader(open(history))][1:]
    first = dt.date.fromisoformat(dates[0])
    last = dt.date.fromisoformat(dates[-1])
    years = [y for y in range(first.year + 4, last.year + 1)
             if dt.date(y, 12, 31) <= last or quick]
    if quick:
        years = years[:2]
    episodes_file = work / "years.csv"
    with open(episodes_file, "w") as f:
        f.write("name,start,end\n")
        for y in years:
            f.write(f"{y},{y}-01-01,{y}-12-31\n")
    yearly = json.loads(sh(replay_args + ["--episodes", str(episodes_file), "--json",
                                          "--out", str(out), "--run-id", "history-years"], log))
    realised = {e["name"]: -e["strategies"][SUBJECT]["return"] for e in yearly["episodes"]}
    backtest = []
    for y in years:
        before = work / f"before-{y}.csv"
        with open(history) as src, open(before, "w") as dst:
            for i, line in enumerate(src):
                if i == 0 or line[:4] < str(y):
                    dst.write(line)
        fit = work / f"fit-{y}.conf"
        viterbi = work / f"fit-{y}.viterbi.csv"
        # Daily returns: a weekly 4-regime fit of six assets needs 620 weeks (12 years) of data,
        # which only the last years have; the daily fit of the same model needs 620 days.
        sh(["calibrate", "--prices", str(before), "--regimes", "4", "--frequency", "daily",
            "--base", str(DEFAULT), "--means", "premia", "--name", f"fit-{y}",
            "--out", str(fit), "--viterbi", str(viterbi)] + (["--starts", "2"] if quick else []), log)
        start_regime = list(csv.reader(open(viterbi)))[-1][1]
        run_id = f"forecast-{y}"
        sh(["simulate", "--config", str(fit), "--paths", str(forecast_paths), "--set", "horizon-days=252",
            "--set", f"initial-regime={start_regime}", "--set", "sample-every=0", "--out", str(out),
            "--run-id", run_id], log)
        t = paths_table(out, run_id)
        losses = -t[t.strategy == SUBJECT].terminal_return.to_numpy()
        loss = realised[str(y)]
        var95 = float(np.quantile(losses, 0.95))
        # Mid-rank PIT: ties (rare with continuous losses) count half.
        pit = float((np.sum(losses < loss) + 0.5 * np.sum(losses == loss)) / len(losses))
        backtest.append({"year": y, "start_regime": start_regime, "realised_loss": loss,
                         "var95": var95, "exceeded": loss > var95, "pit": pit,
                         "mean_loss": float(losses.mean())})

    # 4. Importance sampling against plain sampling: the default, both ways, summarised by the job.
    sampled = {}
    for run_id, extra in (("plain", []), ("importance", ["--set", "sampling.method=importance"])):
        sh(["run", "--config", str(DEFAULT), "--paths", str(sim_paths), "--set", "sample-every=0",
            *extra, "--out", str(out), "--run-id", run_id], log)
        sampled[run_id] = summary_table(out, run_id)

    write_document(Path(args.out), commit, bool(dirty), quick, sim_paths, forecast_paths,
                   episodes, replay["whole"], dist, backtest, sampled)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    print(f"validation: wrote {args.out}", file=sys.stderr)


def write_document(path: Path, commit: str, dirty: bool, quick: bool, sim_paths: int,
                   forecast_paths: int, episodes: list, whole: dict, dist: list,
                   backtest: list, sampled: dict) -> None:
    lines = []
    add = lines.append
    # Episodes against published figures.
    add("| window | dates | levered-erc max drawdown | published risk parity | within 8 points | "
        "60/40 max drawdown | published US 60/40 |")
    add("|---|---|---|---|---|---|---|")
    for e in episodes:
        name = e["name"]
        rp_text, rp, sf_text, _ = PUBLISHED.get(name, (None, None, None, None))
        subject = -e["strategies"][SUBJECT]["max_drawdown"]
        benchmark = -e["strategies"][BENCHMARK]["max_drawdown"]
        within = "—" if rp is None else ("yes" if abs(subject - rp) <= 0.08 else "**no**")
        add(f"| {name} | {e['first_day']} to {e['last_day']} | {pct(subject)} | {rp_text or '—'} | "
            f"{within} | {pct(benchmark)} | {sf_text or '—'} |")
    episode_table = "\n".join(lines)

    lines = []
    add = lines.append
    add("| horizon | strategy | source | n | median annual return | vol | P(loss) | "
        "median max drawdown | 95th pct max drawdown |")
    add("|---|---|---|---|---|---|---|---|---|")
    for label, _, hist, sim in dist:
        for s in (BENCHMARK, SUBJECT):
            for source, stats in (("history (windows)", hist[s]), ("default (simulated)", sim[s])):
                add(f"| {label} | {s} | {source} | {stats['n']:,} | "
                    f"{pct(stats['median_annual_return'])} | {pct(stats['vol'])} | "
                    f"{pct(stats['p_loss'])} | {pct(stats['median_drawdown'])} | "
                    f"{pct(stats['p95_drawdown'])} |")
    distribution_table = "\n".join(lines)

    lines = []
    add = lines.append
    add("| year | starting regime | realised loss | forecast mean loss | forecast 95 % VaR | "
        "exceeded | PIT |")
    add("|---|---|---|---|---|---|---|")
    for b in backtest:
        add(f"| {b['year']} | {b['start_regime']} | {pct(b['realised_loss'])} | "
            f"{pct(b['mean_loss'])} | {pct(b['var95'])} | {'yes' if b['exceeded'] else 'no'} | "
            f"{b['pit']:.2f} |")
    n = len(backtest)
    x = sum(b["exceeded"] for b in backtest)
    p_value = kupiec(x, n, 0.05) if n else float("nan")
    pits = sorted(b["pit"] for b in backtest)
    backtest_table = "\n".join(lines)
    backtest_summary = (
        f"{x} exceedance(s) of the 95 % VaR in {n} years (expected {0.05 * n:.1f}); Kupiec's "
        f"proportion-of-failures test p = {p_value:.2f}"
        + (" (no evidence against the forecast's 95 % VaR at the 5 % level)" if p_value >= 0.05
           else " (**the forecast's 95 % VaR is rejected at the 5 % level**)")
        + f". PIT values, sorted: {', '.join(f'{v:.2f}' for v in pits)}; under a correct forecast "
        f"they are uniform on [0, 1] (mean {np.mean(pits) if pits else float('nan'):.2f}, 0.50 "
        "expected).")

    findings = findings_text(episodes, dist, backtest, x, n, p_value)
    sampling_table, sampling_text = sampling_comparison(sampled, sim_paths)

    text = TEMPLATE.read_text()
    replacements = {
        "{{commit}}": commit + (" (with uncommitted changes)" if dirty else ""),
        "{{date}}": dt.date.today().isoformat(),
        "{{form}}": "quick form (CI): few paths and two backtest years — not the published numbers"
                    if quick else "full form",
        "{{sim_paths}}": f"{sim_paths:,}",
        "{{forecast_paths}}": f"{forecast_paths:,}",
        "{{episode_table}}": episode_table,
        "{{distribution_table}}": distribution_table,
        "{{backtest_table}}": backtest_table,
        "{{backtest_summary}}": backtest_summary,
        "{{findings}}": findings,
        "{{sampling_table}}": sampling_table,
        "{{sampling_text}}": sampling_text,
        "{{whole_subject_drawdown}}": pct(-whole["strategies"][SUBJECT]["max_drawdown"]),
        "{{whole_benchmark_drawdown}}": pct(-whole["strategies"][BENCHMARK]["max_drawdown"]),
    }
    for key, value in replacements.items():
        text = text.replace(key, value)
    path.write_text(text)


def history_returns() -> dict:
    """Annualised total return of each ETF over the whole shipped file."""
    rows = list(csv.reader(open(HISTORY)))
    first, last = rows[1], rows[-1]
    years = (len(rows) - 2) / 252.0
    return {rows[0][j]: (float(last[j]) / float(first[j])) ** (1.0 / years) - 1.0
            for j in range(1, len(rows[0]))}


def findings_text(episodes: list, dist: list, backtest: list, exceeded: int, years: int,
                  p_value: float) -> str:
    """What the tables say, in sentences computed from them (so they cannot go stale)."""
    out = []
    checked = [(e["name"], -e["strategies"][SUBJECT]["max_drawdown"], PUBLISHED[e["name"]][1])
               for e in episodes if e["name"] in PUBLISHED and PUBLISHED[e["name"]][1] is not None]
    inside = [name for name, dd, ref in checked if abs(dd - ref) <= 0.08]
    worst = max(checked, key=lambda c: abs(c[1] - c[2])) if checked else None
    if checked:
        out.append(f"- **Replay.** levered-erc's drawdown is within 8 points of the published "
                   f"risk-parity figure in {len(inside)} of {len(checked)} windows; the largest gap "
                   f"is {worst[0]} ({pct(worst[1])} against {pct(worst[2])}).")
    label, days, hist, sim = dist[-1]
    for s in (BENCHMARK, SUBJECT):
        h, m = hist[s], sim[s]
        out.append(
            f"- **{s}, {label}.** Median annual return {pct(m['median_annual_return'])} simulated "
            f"against {pct(h['median_annual_return'])} in the historical windows; vol "
            f"{pct(m['vol'])} against {pct(h['vol'])}; chance of a loss {pct(m['p_loss'])} against "
            f"{pct(h['p_loss'])}; median max drawdown {pct(m['median_drawdown'])} against "
            f"{pct(h['median_drawdown'])}.")
    gap = dist[-1][3][SUBJECT]["median_annual_return"] - dist[-1][2][SUBJECT]["median_annual_return"]
    if gap > 0.01:
        growth = ", ".join(f"{ticker} {pct(r)}" for ticker, r in history_returns().items())
        out.append(
            f"- **History gave the subject less than its premia.** Over {label} the default's "
            f"median annual return for levered-erc is {pct(gap)} above the historical windows'. "
            f"The ETFs returned, a year over the whole file: {growth}. US equities far exceeded a "
            "long-run premium while European equities and commodities fell far short; a 60/40 "
            "rides the first, an ERC book spreads its risk equally and gets the average. The premia "
            "are long-run figures; one 18-year window is not evidence against them, but a user "
            "who believes the next decade resembles the last should lower them.")
    if backtest:
        out.append(
            f"- **Backtest.** {exceeded} of {years} realised annual losses exceeded the forecast 95 % "
            f"VaR (Kupiec p = {p_value:.2f}).")
    return "\n".join(out)


if __name__ == "__main__":
    main()
