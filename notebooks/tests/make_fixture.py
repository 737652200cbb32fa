"""Write a small synthetic unwind output root, in the layout and schema the Spark jobs write.

The notebooks and their tests run against it without Spark or Java. The numbers come from a toy
model with the same shape as the real one (a regime-switching market, an EWMA-sized levered book,
margin calls with a crowd-impact cascade, default at zero equity) so that every figure has
something plausible to show; they are not unwind's results.

Layout (Hive-partitioned Parquet, partition columns in the path only, as Spark writes them):
  <out>/paths/run_id=<id>/strategy=<s>/chunk=0/part-0.parquet
  <out>/events/run_id=<id>/strategy=<s>/part-0.parquet
  <out>/samples/run_id=<id>/strategy=<s>/part-0.parquet
  <out>/summary/run_id=<id>/part-0.parquet
  <out>/histograms/run_id=<id>/part-0.parquet
  <out>/runs/run_id=<id>/part-0.parquet

Usage: python make_fixture.py OUT [--paths N] [--days T]
Writes the complete runs `baseline` and `crowded` and a run `unfinished` whose status is
`running` (its data must never appear in a notebook). Their summaries hold every row kind the
notebooks read (README "The `summary` table"), formed with unwind_data's implementations of the
job's estimators (so the fixture checks the notebooks' plumbing, not the estimators: that is done
against a real run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import unwind_data as ud  # noqa: E402

STRATEGIES = ["levered-erc", "oracle-erc", "no-impact", "unlevered-erc", "sixty-forty"]
REGIMES = ["calm", "stressed", "crisis", "inflation-shock"]
# Annual vol and drift of the unlevered ERC book, and of a 60/40 book, per regime.
ERC_VOL = np.array([0.034, 0.055, 0.15, 0.09])
ERC_MU = np.array([0.06, 0.02, -0.35, -0.25])
SF_VOL = np.array([0.07, 0.11, 0.30, 0.14])
SF_MU = np.array([0.09, 0.03, -0.60, -0.25])
SPREAD = np.array([0.002, 0.005, 0.02, 0.008])
EXPECTED_DAYS = np.array([60.0, 38.0, 19.0, 40.0])
EXITS = np.array([[0, 0.9, 0.05, 0.05], [0.6, 0, 0.3, 0.1], [0.1, 0.9, 0, 0], [0.3, 0.7, 0, 0]])
DT = 1.0 / 252
TARGET, MAX_LEV, BAND, HALFLIFE = 0.10, 4.0, 0.25, 30
HAIRCUT_K, IMPACT_Y = 7.0, 6.0
SHORT_RATE, COST_BPS, BUFFER = 0.02, 2e-4, 0.25
SAMPLE_EVERY = 10
LEVELS = [0.95, 0.99, 0.995, 0.999]


def transition_matrix() -> np.ndarray:
    stay = 1 - 1 / EXPECTED_DAYS
    return np.diag(stay) + (1 - stay)[:, None] * EXITS


def simulate(n_paths: int, days: int, seed: int, crowd: float):
    """Simulate all strategies on common random numbers; return paths, events and samples rows."""
    rng = np.random.Generator(np.random.Philox(seed))
    a = transition_matrix()
    regime = np.zeros((n_paths, days), dtype=np.int64)
    s = rng.choice(4, size=n_paths, p=[0.46, 0.40, 0.06, 0.08])
    u = rng.random((n_paths, days))
    cum = np.cumsum(a, axis=1)
    for t in range(days):
        s = np.minimum((u[:, t, None] > cum[s]).sum(axis=1), 3)
        regime[:, t] = s
    z = rng.standard_normal((n_paths, days))
    z = z * np.where(regime == 2, 1.6, 1.0)  # fatter crisis tails
    erc_r = ERC_MU[regime] * DT + ERC_VOL[regime] * math.sqrt(DT) * z
    sf_r = SF_MU[regime] * DT + SF_VOL[regime] * math.sqrt(DT) * z

    paths, events, samples = [], [], []
    for strategy in STRATEGIES:
        p, e, smp = run_strategy(strategy, regime, erc_r, sf_r, crowd)
        paths.append(p)
        events.append(e)
        samples.append(smp)
    return regime, paths, events, samples


def run_strategy(strategy, regime, erc_r, sf_r, crowd):
    n, days = regime.shape
    ids = np.arange(n)
    r = sf_r if strategy == "sixty-forty" else erc_r
    levered = strategy in ("levered-erc", "oracle-erc", "no-impact")
    impact_on = strategy != "no-impact"
    lam = 0.5 ** (1 / HALFLIFE)
    var_hat = (ERC_VOL[regime[:, 0]] ** 2) * DT
    equity = np.ones(n)
    peak = np.ones(n)
    max_dd = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    default_day = np.full(n, -1)
    shortfall = np.zeros(n)

    def target_lev(vh):
        if not levered:
            return np.ones(n)
        sigma = np.sqrt(vh / DT)
        return np.minimum(MAX_LEV, TARGET / sigma)

    vol_for_size = (ERC_VOL[regime[:, 0]] ** 2) * DT if strategy == "oracle-erc" else var_hat
    lev = target_lev(vol_for_size)
    gross = lev * equity
    stats = {k: np.zeros(n) for k in ("calls", "delev", "rounds", "forced", "impact", "fin", "trade",
                                       "lev_sum", "lev_max", "ret_sum", "ret_sq", "alive_days")}
    ev = {k: [] for k in ("path_id", "day", "regime", "trigger", "rounds", "converged", "equity_before",
                          "equity_after", "gross_before", "gross_after", "sold", "impact_cost", "defaulted")}
    sampled = ids % SAMPLE_EVERY == 0
    smp = {k: [] for k in ("path_id", "day", "regime", "nav", "leverage")}
    for t in range(days):
        day = t + 1
        reg = regime[:, t]
        rt = r[:, t]
        e0 = equity.copy()
        borrow = np.maximum(gross - equity, 0)
        fin = borrow * (SHORT_RATE + SPREAD[reg]) * DT
        pnl = gross * rt - fin
        equity = np.where(alive, equity + pnl, equity)
        gross = np.where(alive, gross * (1 + rt), gross)
        stats["fin"] += np.where(alive, fin, 0)
        var_hat = lam * var_hat + (1 - lam) * rt ** 2
        size_var = (ERC_VOL[reg] ** 2) * DT if strategy == "oracle-erc" else var_hat
        # Margin: procyclical haircut on gross from the estimated vol; call below requirement.
        # The lender estimates vol from the fund's observed history whatever the fund itself knows.
        haircut = np.maximum(0.10, HAIRCUT_K * np.sqrt(var_hat / DT))
        call = alive & levered & (equity < haircut * gross)
        for i in np.flatnonzero(call):
            eb, gb = equity[i], gross[i]
            rounds, sold_total, imp_total, drop_total, conv = 0, 0.0, 0.0, 0.0, True
            e, g = eb, gb
            asset_vol_d = 3.0 * math.sqrt(var_hat[i])
            while e > 0 and e < haircut[i] * g * (1 + BUFFER) - 1e-6:
                rounds += 1
                want = min(g, g - e / (haircut[i] * (1 + BUFFER)))
                drop = 0.0
                if impact_on:
                    # Square-root impact of the crowd's cumulative volume; marks the whole book down.
                    drop = IMPACT_Y * asset_vol_d * math.sqrt(crowd * (sold_total + want) / 40.0) - drop_total
                    drop_total += drop
                shortfall_exec = want * drop / 2
                sold_total += want
                imp_total += shortfall_exec
                g -= want
                e -= shortfall_exec + g * drop
                g *= 1 - drop
                if rounds >= 50:
                    conv = False
                    break
            d = e <= 0
            events_append(ev, i, day, reg[i], "margin_call", rounds, conv and not d, eb, max(e, 0), gb,
                          0 if d else g, sold_total / max(eb, 1e-9), imp_total, d)
            stats["calls"][i] += 1
            stats["delev"][i] += 1
            stats["rounds"][i] = max(stats["rounds"][i], rounds)
            stats["forced"][i] += sold_total
            stats["impact"][i] += imp_total
            stats["trade"][i] += sold_total * COST_BPS
            equity[i], gross[i] = e - sold_total * COST_BPS, (0 if d else g)
        # Vol check / scheduled rebalance.
        # No fund levers beyond what its lender's haircut allows.
        want_lev = np.minimum(target_lev(size_var), 1 / (haircut * (1 + BUFFER)))
        cur_lev = np.where(equity > 0, gross / np.maximum(equity, 1e-12), 0)
        over = alive & levered & ~call & (cur_lev * np.sqrt(size_var / DT) > TARGET * (1 + BAND))
        for i in np.flatnonzero(over):
            gb = gross[i]
            g = want_lev[i] * equity[i]
            sold = gb - g
            cost = sold * COST_BPS
            events_append(ev, i, day, reg[i], "vol_target", 1, True, equity[i], equity[i] - cost, gb, g,
                          sold / equity[i], 0.0, False)
            stats["delev"][i] += 1
            stats["trade"][i] += cost
            equity[i] -= cost
            gross[i] = g
        if day % 21 == 0:
            new_g = np.where(alive, want_lev * equity, gross)
            stats["trade"] += np.where(alive, np.abs(new_g - gross) * COST_BPS, 0)
            equity = equity - np.where(alive, np.abs(new_g - gross) * COST_BPS, 0)
            gross = new_g
        dead = alive & (equity <= 0)
        default_day[dead] = day
        shortfall[dead] = -equity[dead]
        equity[dead] = 0
        gross[dead] = 0
        ret = np.where(alive & (e0 > 0), equity / np.maximum(e0, 1e-12) - 1, 0)
        stats["ret_sum"] += np.where(alive, ret, 0)
        stats["ret_sq"] += np.where(alive, ret ** 2, 0)
        stats["alive_days"] += alive
        lev_now = np.where(equity > 0, gross / np.maximum(equity, 1e-12), 0)
        stats["lev_sum"] += np.where(alive, lev_now, 0)
        stats["lev_max"] = np.maximum(stats["lev_max"], np.where(alive, lev_now, 0))
        alive &= ~dead
        peak = np.maximum(peak, equity)
        max_dd = np.maximum(max_dd, 1 - equity / peak)
        for i in np.flatnonzero(sampled):
            smp["path_id"].append(i)
            smp["day"].append(day)
            smp["regime"].append(REGIMES[reg[i]])
            smp["nav"].append(float(equity[i]))
            smp["leverage"].append(float(lev_now[i]))

    nd = np.maximum(stats["alive_days"], 1)
    mean = stats["ret_sum"] / nd
    vol = np.sqrt(np.maximum(stats["ret_sq"] / nd - mean ** 2, 0) * 252)
    defaulted = default_day > 0
    regime_days = [list(zip(REGIMES, np.bincount(regime[i], minlength=4).tolist())) for i in range(n)]
    paths = pa.table({
        "path_id": pa.array(ids, pa.int64()),
        "terminal_return": np.where(defaulted, -1.0, equity - 1),
        "max_drawdown": np.where(defaulted, 1.0, max_dd),
        # float32 like unwind's own paths table (jobs/.../io/Schemas.java)
        "realized_vol": pa.array(np.asarray(vol, dtype=np.float32)),
        "avg_leverage": pa.array(np.asarray(stats["lev_sum"] / nd, dtype=np.float32)),
        "max_leverage": pa.array(np.asarray(stats["lev_max"], dtype=np.float32)),
        "margin_calls": pa.array(stats["calls"].astype(np.int32)),
        "deleveraging_days": pa.array(stats["delev"].astype(np.int32)),
        "max_cascade_rounds": pa.array(stats["rounds"].astype(np.int32)),
        "forced_sales": stats["forced"],
        "impact_cost": stats["impact"],
        "financing_cost": stats["fin"],
        "trading_cost": stats["trade"],
        "defaulted": defaulted,
        "default_day": pa.array(default_day.astype(np.int32)),
        "shortfall": shortfall,
        # synthetic: half of the return earned on drifts (the kernel sums exposure x mu dt)
        "drift_pnl": np.where(defaulted, -0.5, 0.5 * (equity - 1)),
        "log_weight": np.zeros(n),  # plain sampling: every path weighs exp(0) = 1
        "voluntary_sales": stats["trade"] / COST_BPS,
        "deleveraging_episodes": pa.array((stats["delev"] > 0).astype(np.int32)),
        "multi_round_episodes": pa.array((stats["rounds"] > 1).astype(np.int32)),
        "regime_days": pa.array(regime_days, pa.map_(pa.string(), pa.int32())),
    })
    events = pa.table({
        "path_id": pa.array(ev["path_id"], pa.int64()),
        "day": pa.array(ev["day"], pa.int32()),
        "regime": pa.array(ev["regime"], pa.string()),
        "trigger": pa.array(ev["trigger"], pa.string()),
        "rounds": pa.array(ev["rounds"], pa.int32()),
        "converged": pa.array(ev["converged"], pa.bool_()),
        "equity_before": pa.array(ev["equity_before"], pa.float64()),
        "equity_after": pa.array(ev["equity_after"], pa.float64()),
        "gross_before": pa.array(ev["gross_before"], pa.float64()),
        "gross_after": pa.array(ev["gross_after"], pa.float64()),
        "sold": pa.array(ev["sold"], pa.float64()),
        "impact_cost": pa.array(ev["impact_cost"], pa.float64()),
        "defaulted": pa.array(ev["defaulted"], pa.bool_()),
    })
    samples = pa.table({
        "path_id": pa.array(smp["path_id"], pa.int64()),
        "day": pa.array(smp["day"], pa.int32()),
        "regime": pa.array(smp["regime"], pa.string()),
        "nav": pa.array(smp["nav"], pa.float64()),
        "leverage": pa.array(smp["leverage"], pa.float64()),
    })
    return paths, events, samples


def events_append(ev, i, day, reg, trigger, rounds, converged, eb, ea, gb, ga, sold, imp, d):
    for k, v in zip(ev, (int(i), day, REGIMES[reg], trigger, rounds, bool(converged), float(eb), float(ea),
                         float(gb), float(ga), float(sold), float(imp), bool(d))):
        ev[k].append(v)


def wilson(k: int, n: int, z: float = 1.959964):
    p = k / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return mid - half, mid + half


def tail_rows(strategy, name, x):
    """VaR and ES at every level, with the job's estimators (unwind_data.tail_estimate)."""
    rows = []
    for a in LEVELS:
        t = ud.tail_estimate(x, a)
        rows += [(strategy, f"{name}_var", None, a, t["var"], t["var_low"], t["var_high"], t["n"]),
                 (strategy, f"{name}_es", None, a, t["es"], t["es_low"], t["es_high"], t["n"])]
    return rows


def mean_row(strategy, metric, condition, level, x):
    """A mean with the job's Student-t interval (unwind_data.mean_estimate)."""
    return (strategy, metric, condition, level, *ud.mean_estimate(x), len(x))


def worst(loss, level=0.99):
    """Indices of the N − ⌈level·N⌉ largest losses, ties broken by path id (the job's tail set)."""
    n = len(loss)
    r = ud.var_rank(n, level)
    return np.array(sorted(range(n), key=lambda i: (loss[i], i))[r:], dtype=np.int64)


def regime_rows(strategy, loss, regime):
    """The job's conditional views: loss VaR/ES on the paths that visited each regime, and the mean
    share of days in each regime over all paths and over the worst 1 %."""
    rows = []
    days = np.stack([np.bincount(regime[i], minlength=len(REGIMES)) for i in range(len(loss))])
    shares = days / days.sum(axis=1, keepdims=True)
    tail = worst(loss)
    for j, r in enumerate(REGIMES):
        visited = days[:, j] > 0
        if visited.any():
            for a in (0.95, 0.99):
                t = ud.tail_estimate(loss[visited], a)
                rows += [(strategy, "loss_var_given_visited", f"visited:{r}", a, t["var"], t["var_low"], t["var_high"],
                          t["n"]),
                         (strategy, "loss_es_given_visited", f"visited:{r}", a, t["es"], t["es_low"], t["es_high"], t["n"])]
    for j, r in enumerate(REGIMES):
        rows.append(mean_row(strategy, "regime_share_all", f"regime:{r}", None, shares[:, j]))
        if len(tail):
            rows.append(mean_row(strategy, "regime_share_worst1pct", f"regime:{r}", 0.99, shares[tail, j]))
    return rows


ATTRIBUTIONS = (("attribution_vol_error", "oracle-erc"), ("attribution_cascade", "no-impact"),
                ("attribution_leverage", "unlevered-erc"))


def attribution_rows(paths_by_strategy, z=1.959964):
    """levered-erc minus each variant per path (same path ids in the same order): mean, ES, paired
    and unpaired standard errors; and the share of levered-erc's tail loss that impact caused."""
    rows = []
    base = -paths_by_strategy["levered-erc"]["terminal_return"].to_numpy()
    n = len(base)
    for metric, other in ATTRIBUTIONS:
        loss = -paths_by_strategy[other]["terminal_return"].to_numpy()
        d = base - loss
        vs = f"vs:{other}"
        rows.append(mean_row("levered-erc", metric + "_mean", vs, None, d))
        drift = -(paths_by_strategy["levered-erc"]["drift_pnl"].to_numpy()
                  - paths_by_strategy[other]["drift_pnl"].to_numpy())
        rows.append(mean_row("levered-erc", metric + "_drift_mean", vs, None, drift))
        rows.append(mean_row("levered-erc", metric + "_shock_mean", vs, None, d - drift))
        for a in (0.95, 0.99):
            t = ud.tail_estimate(d, a)
            rows.append(("levered-erc", metric + "_es", vs, a, t["es"], t["es_low"], t["es_high"], n))
        rows.append(("levered-erc", metric + "_paired_se", vs, None, d.std(ddof=1) / math.sqrt(n), None, None, n))
        unpaired = math.sqrt(base.var(ddof=1) / n + loss.var(ddof=1) / n)
        rows.append(("levered-erc", metric + "_unpaired_se", vs, None, unpaired, None, None, n))
        if other == "no-impact":
            for a in (0.95, 0.99):
                tail = worst(base, a)
                y, x = d[tail], base[tail]
                if len(tail) == 0 or x.sum() <= 0:
                    continue
                share = (math.fsum(y) / len(tail)) / (math.fsum(x) / len(tail))
                half = z * (y - share * x).std(ddof=1) / math.sqrt(len(tail)) / abs(x.mean()) if len(tail) > 1 else math.inf
                rows.append(("levered-erc", "impact_loss_share", vs, a, share, share - half, share + half, len(tail)))
    return rows


def summary_table(paths_by_strategy, regime):
    """The summary rows of one run: the metrics the notebooks read, with the job's estimators."""
    rows = []
    for s, t in paths_by_strategy.items():
        loss = -t["terminal_return"].to_numpy()
        dd = t["max_drawdown"].to_numpy()
        n = len(loss)
        rows += tail_rows(s, "loss", loss)
        rows += tail_rows(s, "drawdown", dd)
        rounds = t["max_cascade_rounds"].to_numpy()
        for metric, flags in (("default_prob", t["defaulted"].to_numpy()),
                              ("margin_call_prob", t["margin_calls"].to_numpy() > 0),
                              ("deleveraging_prob", t["deleveraging_episodes"].to_numpy() > 0),
                              ("cascade_gt1_prob", rounds > 1), ("cascade_gt3_prob", rounds > 3),
                              ("cascade_gt5_prob", rounds > 5)):
            k = int(flags.sum())
            lo, hi = wilson(k, n)
            rows.append((s, metric, None, None, k / n, lo, hi, n))
        forced, voluntary = t["forced_sales"].to_numpy(), t["voluntary_sales"].to_numpy()
        if (forced + voluntary).sum() > 0:
            rows.append((s, "forced_sale_share", None, None, forced.sum() / (forced + voluntary).sum(), None, None, n))
        for column in ("forced_sales", "impact_cost"):
            for a in (0.5, 0.9, 0.99):
                q = ud.tail_estimate(t[column].to_numpy(), a)
                rows.append((s, f"{column}_q", None, a, q["var"], q["var_low"], q["var_high"], n))
        rows += regime_rows(s, loss, regime)
    rows += attribution_rows(paths_by_strategy)
    # A metric of a kind the notebooks do not know; they must ignore it.
    rows.append(("levered-erc", "experimental_metric", None, None, 0.5, None, None, 1))
    cols = list(zip(*rows))
    table = {
        "strategy": pa.array(cols[0], pa.string()),
        "metric": pa.array(cols[1], pa.string()),
        "condition": pa.array(cols[2], pa.string()),
        "level": pa.array(cols[3], pa.float64()),
        "value": pa.array(cols[4], pa.float64()),
        "ci_low": pa.array(cols[5], pa.float64()),
        "ci_high": pa.array(cols[6], pa.float64()),
        "n": pa.array(cols[7], pa.int64()),
    }
    return pa.table(table)


def histogram_table(paths_by_strategy):
    rows = []
    for s, t in paths_by_strategy.items():
        rounds = t["max_cascade_rounds"].to_numpy()
        for b in range(int(rounds.max()) + 1):
            rows.append((s, "max_cascade_rounds", b, float(b), float(b + 1), int((rounds == b).sum())))
        for q in ("forced_sales", "impact_cost"):
            x = t[q].to_numpy()
            edges = np.concatenate([[0.0], np.logspace(-8, 2, 51)])  # a zero bin, then log-spaced as the job's
            counts, _ = np.histogram(x, edges)
            rows += [(s, q, b, float(edges[b]), float(edges[b + 1]), int(c)) for b, c in enumerate(counts)]
        loss = -t["terminal_return"].to_numpy()
        edges = np.arange(-40, 22) / 20.0  # the job's 5 % loss bins from -200 % to 105 %
        counts, _ = np.histogram(np.clip(loss, edges[0], edges[-1] - 1e-12), edges)
        rows += [(s, "loss", b, float(edges[b]), float(edges[b + 1]), int(c)) for b, c in enumerate(counts)]
    cols = list(zip(*rows))
    return pa.table({
        "strategy": pa.array(cols[0], pa.string()),
        "quantity": pa.array(cols[1], pa.string()),
        "bin": pa.array(cols[2], pa.int32()),
        "bin_low": pa.array(cols[3], pa.float64()),
        "bin_high": pa.array(cols[4], pa.float64()),
        "count": pa.array(cols[5], pa.int64()),
    })


def write(table: pa.Table, directory: Path, name: str = "part-0.parquet"):
    directory.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, directory / name)


def write_run(out: Path, run_id: str, scenario: str, crowd: float, n_paths: int, days: int, seed: int,
              status: str = "complete"):
    for table in ("paths", "events", "samples", "summary", "histograms", "runs"):
        shutil.rmtree(out / table / f"run_id={run_id}", ignore_errors=True)
    started = dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.timezone.utc)
    regime, paths, events, samples = simulate(n_paths, days, seed, crowd)
    by_strategy = dict(zip(STRATEGIES, paths))
    for s, p, e, smp in zip(STRATEGIES, paths, events, samples):
        write(p, out / "paths" / f"run_id={run_id}" / f"strategy={s}" / "chunk=0")
        write(e, out / "events" / f"run_id={run_id}" / f"strategy={s}")
        write(smp, out / "samples" / f"run_id={run_id}" / f"strategy={s}")
    if status == "complete":
        write(summary_table(by_strategy, regime), out / "summary" / f"run_id={run_id}")
        write(histogram_table(by_strategy), out / "histograms" / f"run_id={run_id}")
    config = {"name": scenario, "paths": n_paths, "horizon-days": days, "seed": seed,
              "market": {"crowd": crowd, "impact": "sqrt", "persistence": 0.5},
              "strategy": {"vol-target": TARGET, "max-leverage": MAX_LEV}}
    text = json.dumps(config, sort_keys=True)
    runs = pa.table({
        "run_id": [run_id],
        "scenario": [scenario],
        "description": [f"synthetic fixture, crowd {crowd:g}x"],
        "config": [text],
        "config_hash": [format(abs(hash(text)) % (1 << 60), "x")],
        "seed": pa.array([seed], pa.int64()),
        "paths": pa.array([n_paths], pa.int64()),
        "steps": pa.array([days], pa.int32()),
        "assets": [["us_equity", "eu_equity", "us_treasury_10y", "de_bund_10y", "commodities", "us_high_yield"]],
        "regimes": [REGIMES],
        "strategies": [STRATEGIES],
        "code_version": ["fixture"],
        "spark_version": ["none"],
        "started": pa.array([started], pa.timestamp("us", tz="UTC")),
        "finished": pa.array([started + dt.timedelta(minutes=3) if status == "complete" else None],
                             pa.timestamp("us", tz="UTC")),
        "status": [status],
    })
    # Spark writes partition columns only in the path.
    write(runs.drop_columns(["run_id"]), out / "runs" / f"run_id={run_id}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--paths", type=int, default=400)
    ap.add_argument("--days", type=int, default=504)
    args = ap.parse_args()
    write_run(args.out, "baseline", "baseline", 20.0, args.paths, args.days, 20261124)
    write_run(args.out, "crowded", "crowded", 200.0, args.paths, args.days, 20261124)
    write_run(args.out, "unfinished", "baseline", 20.0, 50, 60, 7, status="running")
    print(f"fixture written to {args.out}")


if __name__ == "__main__":
    main()
