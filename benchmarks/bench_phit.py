"""Target-level hindcast: how good is P(hit) on plan-like targets, honestly as of each origin?

    python benchmarks/bench_phit.py                       # full run (see README for the figures)
    python benchmarks/bench_phit.py --every 4 --paths 400  # a quick look while developing

On the Chinese provincial panel (domestic patents, four indicators, 31 provinces, 2007-2023), at
each origin ``O`` every series gets the targets of ``ipcast.forecast.phit`` (five kinds, horizons
1-5, ambitions -5 % to +30 % a year) and these forecasts of ``O+1 .. O+5``, each from data dated
``<= O`` only:

- ``ipcast``: the forecast ``ipcast run`` makes (``forecaster.forecast``) from the series' own
  history, with priors, ensemble members and calibration errors learned as of ``O`` leaving the
  series' region out;
- ``ipcast_1pt`` .. ``ipcast_3pt``: the county case, the same with only the last 1-3 points;
- ``naive_pooled``: a random walk from ``y_O`` whose paths are past five-year trajectories of the
  other regions' log values (the naive forecast with its pooled errors);
- ``prophet``: Prophet on the own history (every ``--prophet-every``-th series; it is slow);
- ``base_rate`` and ``ref_class``: the hit rate of all targets resolved by ``O``, and of those of
  the same kind, ambition and horizon.

Origins up to ``--dev-until`` are where method choices were made; later origins are held out.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from ipcast.forecast import phit
from ipcast.forecast import phit_scores as sc
from ipcast.forecast.forecaster import forecast, series_rng
from ipcast.forecast.models import ProphetModel
from ipcast.forecast.panels import panel_series
from ipcast.forecast.priors import priors
from ipcast.forecast.series import Observed

PANEL = "china_provinces"
BORROW = "patent_flow"
FIRST_TARGET_ORIGIN = 2008  # earlier targets feed the base rate and reference class only
FIRST_ORIGIN = 2012  # six own points: the first origin a full-history forecast is made
COUNTY_POINTS = (1, 2, 3)


def _observed(s, years, values) -> Observed:
    return Observed(s.region, s.indicator, "件", True, True, years.astype(float), values, [], [])


def _ipcast(s, past_y, past_v, o, n_paths, seed, k=None) -> np.ndarray:
    if k is not None:
        past_y, past_v = past_y[-k:], past_v[-k:]
    prior = priors(o, s.region).get(BORROW)
    times = [float(o + h) for h in range(1, phit.HORIZONS + 1)]
    rng = series_rng(seed + (k or 0), s.region, f"{s.indicator}@{o}")
    obs = _observed(s, past_y, past_v)
    return forecast(obs, times, n_paths, rng, prior, BORROW, o, s.region).paths


def _naive(s, others, past_v, o, n_paths, seed) -> np.ndarray | None:
    """Paths ``y_O * exp(x_{t+h} - x_t)`` for past windows ``t+5 <= O`` of other regions."""
    traj = []
    for x in others:
        if x.region == s.region:
            continue
        lv = dict(zip(x.years.tolist(), np.log(x.values), strict=True))
        for t in range(int(x.years[0]), o - phit.HORIZONS + 1):
            w = [lv.get(t + h) for h in range(phit.HORIZONS + 1)]
            if None not in w:
                traj.append(np.array(w[1:]) - w[0])
    if not traj:
        return None
    rng = np.random.default_rng([seed, o, len(traj)])
    pick = rng.integers(len(traj), size=n_paths)
    return past_v[-1] * np.exp(np.array(traj)[pick])


def _prophet(s, past_v, o, n_paths, seed) -> np.ndarray:
    rng = series_rng(seed, s.region, f"{s.indicator}@{o}:prophet")
    return ProphetModel().fit(past_v).simulate(phit.HORIZONS, n_paths, rng)


def _forecasts(s, others, past_y, past_v, o, n_paths, seed, with_prophet):
    yield "ipcast", _ipcast(s, past_y, past_v, o, n_paths, seed)
    for k in COUNTY_POINTS:
        yield f"ipcast_{k}pt", _ipcast(s, past_y, past_v, o, n_paths, seed, k)
    yield "naive_pooled", _naive(s, others, past_v, o, n_paths, seed)
    if with_prophet:
        yield "prophet", _prophet(s, past_v, o, n_paths, seed)


def one_series(s, others, origins, n_paths, seed, with_prophet) -> list[pd.DataFrame]:
    frames = []
    last = int(s.years[-1])
    for o in origins:
        keep = s.years <= o
        past_y, past_v = s.years[keep], s.values[keep]
        if len(past_v) == 0 or o >= last:
            continue
        fut = dict(zip(s.years.tolist(), s.values, strict=True))
        future = np.array([fut.get(o + h, np.nan) for h in range(1, phit.HORIZONS + 1)])
        hits = phit.outcomes(future, past_v)
        key = {"series": f"{s.region}:{s.indicator}", "region": s.region, "origin": o}
        frames.append(phit.frame({**key, "method": "targets"}, None, hits))
        if o < FIRST_ORIGIN:
            continue
        for name, paths in _forecasts(s, others, past_y, past_v, o, n_paths, seed, with_prophet):
            if paths is None:
                continue
            med = np.median(paths, axis=0)
            probs = phit.hit_probabilities(paths, past_v)
            f = phit.frame({**key, "method": name}, probs, hits)
            below = {h + 1: float(future[h] < med[h]) for h in range(phit.HORIZONS)}
            f["below_median"] = f["h"].map(below)
            frames.append(f)
    return frames


def run(every: int, n_paths: int, seed: int, prophet_every: int, jobs: int) -> pd.DataFrame:
    series = list(panel_series(PANEL))
    last = max(int(s.years[-1]) for s in series)
    origins = list(range(FIRST_TARGET_ORIGIN, last))
    tasks = (
        delayed(one_series)(
            s, series, origins, n_paths, seed, prophet_every > 0 and i % prophet_every == 0
        )
        for i, s in enumerate(series)
        if i % every == 0
    )
    parts = [f for fs in Parallel(n_jobs=jobs)(tasks) for f in fs]
    return pd.concat(parts, ignore_index=True)


def scored(df: pd.DataFrame) -> pd.DataFrame:
    """Forecast rows joined with the two baselines of the same targets."""
    keys = ["series", "origin", "kind", "ambition", "h"]
    targets = df[df["method"] == "targets"]
    base = sc.baselines(targets, sorted(df.loc[df["method"] != "targets", "origin"].unique()))
    rows = df[df["method"] != "targets"].merge(base[keys + ["p_base", "p_class"]], on=keys)
    return rows


def table(rows: pd.DataFrame) -> pd.DataFrame:
    out = []
    for method, g in rows.groupby("method", sort=False):
        s = sc.summary(g["p"], g["hit"])
        b = sc.brier(g["p_base"], g["hit"])
        c = sc.brier(g["p_class"], g["hit"])
        out.append(
            {
                "method": method,
                **s,
                "skill_vs_base": 1 - s["brier"] / b,
                "skill_vs_class": 1 - s["brier"] / c,
            }
        )
    for name, col in (("base_rate", "p_base"), ("ref_class", "p_class")):
        g = rows[rows["method"] == "ipcast"]
        out.append({"method": name, **sc.summary(g[col], g["hit"])})
    return pd.DataFrame(out).set_index("method")


def median_bias(rows: pd.DataFrame) -> pd.DataFrame:
    one = rows.drop_duplicates(["method", "series", "origin", "h"])
    return one.pivot_table(index="method", columns="h", values="below_median", aggfunc="mean")


def report(rows: pd.DataFrame, dev_until: int) -> None:
    pd.set_option("display.width", 160)
    for label, part in (
        (f"development origins {FIRST_ORIGIN}-{dev_until}", rows[rows["origin"] <= dev_until]),
        (f"held-out origins {dev_until + 1}+", rows[rows["origin"] > dev_until]),
        ("all origins", rows),
    ):
        if part.empty:
            continue
        print(f"\n== {label}: {part['series'].nunique()} series")
        print(table(part).round(4).to_string())
        print("-- share of outcomes below the forecast median, by horizon")
        print(median_bias(part).round(3).to_string())
        for m in ("ipcast", "ipcast_1pt"):
            g = part[part["method"] == m]
            print(f"-- reliability of {m}")
            print(sc.reliability(g["p"], g["hit"]).round(3).to_string(index=False))
    g = rows[rows["method"] == "ipcast"]
    print("\n-- hit rate of the targets by origin (all kinds, ambitions, horizons)")
    print(g.groupby("origin")["hit"].mean().round(3).to_string())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=1, help="every n-th series (1: all)")
    ap.add_argument("--paths", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--prophet-every", type=int, default=4, help="0: no Prophet")
    ap.add_argument("--dev-until", type=int, default=2016)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--save", help="write the scored targets here (.csv.gz)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    df = run(args.every, args.paths, args.seed, args.prophet_every, args.jobs)
    rows = scored(df)
    print(
        f"{PANEL}: {rows['series'].nunique()} series, {len(rows)} scored forecasts of targets, "
        f"{args.paths} paths, seed {args.seed} ({time.perf_counter() - t0:.0f} s)"
    )
    report(rows, args.dev_until)
    if args.save:
        rows.to_csv(args.save, index=False, compression="gzip")


if __name__ == "__main__":
    main()
