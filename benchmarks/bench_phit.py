"""Target-level hindcast: how good is P(hit) on plan-like targets, honestly as of each origin?

    python benchmarks/bench_phit.py --paths 200 --prophet-every 0   # the README's figures
    python benchmarks/bench_phit.py --every 4 --paths 200            # every 4th province
    python benchmarks/bench_phit.py --panel uspto_trademarks --paths 200  # another real panel
    python benchmarks/bench_phit.py --choose-damping 1.0 0.95 0.9    # dev origins only
    python benchmarks/bench_phit.py --choose-decay 1.0 0.9           # county prior, dev only
    python benchmarks/bench_phit.py --choose-indicator 0.5 1.0  # per-indicator calib., dev only
    python benchmarks/bench_phit.py --se-seeds 8 --paths 1000        # p_hit_se vs seeds
    python benchmarks/bench_phit.py --band-chance    # can a right forecast meet the median band?
    python benchmarks/bench_phit.py --cli-case anhui:patent_grants 2016 case  # for ipcast run

On the Chinese provincial panel (domestic patents, four indicators, 31 provinces, 2007-2023), at
each origin ``O`` every series gets the targets of ``ipcast.forecast.phit`` (five kinds, horizons
1-5, ambitions -5 % to +30 % a year) and these forecasts of ``O+1 .. O+5``, each from data dated
``<= O`` only:

- ``ipcast``: the forecast ``ipcast run --as-of O`` makes (``chain.forecast_series``) from the
  series' own history, with priors, ensemble members and calibration errors learned from what was
  known by the end of ``O`` about the other provinces: the scored province's own series is left
  out (``ipcast run --history H --targets T --as-of O --leave-out REGION`` gives the same p:
  ``tests/test_phit_cli.py``);
- ``ipcast_before``: the same with the calibration rule before issue #14 (CRPS-chosen members,
  past bias carried forward, no common year shock, no damping), the province left out too;
- ``ipcast_1pt`` .. ``ipcast_3pt``: the county case, the same with only the last 1-3 points;
- ``naive_pooled``: a random walk from ``y_O`` whose paths are past five-year trajectories of the
  other regions' log values (the naive forecast with its pooled errors);
- ``prophet``: Prophet on the own history (every ``--prophet-every``-th province, all of its
  series), scored beside ipcast on the same targets (``same_targets``);
- ``base_rate`` and ``ref_class``: the hit rate of all targets resolved by ``O``, and of those of
  the same kind, ambition and horizon.

Origins up to ``--dev-until`` are where method choices were made; later origins are held out.
``item3`` marks the conditions of issue #14 met or not, before and after.

``--panel`` runs the same hindcast on another real panel of ``ipcast.forecast.panels.PANELS``
(countries' patents or trademarks): each series borrows the prior and calibration family its
indicator borrows in ``ipcast run`` (the catalog's ``borrow``: patent counts the patent family,
learned from the Chinese provinces; trademark registrations the trademark family, learned from the
USPTO and EUIPO panels by holder country), and the scored country is left out of all of it. Targets
are set from the panel's second year (they feed the baselines); forecasts are made from
``FIRST_ORIGIN`` on, as on the provincial panel. The choice tools (``--choose-damping``,
``--choose-decay``, ``--choose-indicator``, ``--band-chance``, ``--se-seeds``, ``--cli-case``) stay
on the provincial panel, where the choices were made.
"""

from __future__ import annotations

import argparse
import time
from functools import cache, partial
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from ipcast.data.catalog import indicator as indicator_row
from ipcast.forecast import calibrate, damping, phit, priors, streams
from ipcast.forecast import phit_scores as sc
from ipcast.forecast.chain import forecast_series
from ipcast.forecast.comparables import PROVINCIAL
from ipcast.forecast.ensemble import MIN_POOL
from ipcast.forecast.ensemble_backtest import combined, errors_calibration, final_calibration
from ipcast.forecast.learned import Learned, provider
from ipcast.forecast.models import ProphetModel
from ipcast.forecast.panels import PANELS, panel_series
from ipcast.forecast.rwdrift import Prior
from ipcast.forecast.series import Observed

PANEL = "china_provinces"  # the default; ``--panel`` picks another of ``PANELS``
BORROW = "patent_flow"  # the provincial series' borrow key (``_borrow``), for ``--choose-decay``
# Six provincial points: the first origin a full-history forecast is made. Other panels start
# earlier but are forecast from here too, with the same development and held-out origins: the
# patent family's calibration is learned from the provincial backtest, whose first outcomes are
# of 2012, so before it `ipcast run` had none for a country's patents either.
FIRST_ORIGIN = 2012
COUNTY_POINTS = (1, 2, 3)
COMPARABLE_FLOWS = PROVINCIAL[BORROW]


def _observed(s, years, values) -> Observed:
    return Observed(s.region, s.indicator, "件", True, True, years.astype(float), values, [], [])


def _borrow(s) -> str:
    """The borrow key ``ipcast run`` gives the series' indicator (the catalog's ``borrow``, as
    ``chain.Case.borrow`` reads it): ``patent_flow`` for patent counts, ``trademark_flow`` for
    trademark registrations."""
    return indicator_row(s.indicator)["borrow"]


def _family(s) -> str:
    """The calibration family of the series (``chain.Case.calibration``'s rule)."""
    return _borrow(s).split("_")[0]


def _known_errors(o: int, skip_region: str, family: str = "patent") -> pd.DataFrame:
    """The backtest error rows of ``family`` whose outcome was known by the end of ``o``,
    without ``skip_region``'s own series (as ``calibrate.calibration`` reads them)."""
    df = calibrate.errors()
    df = df[(df["target_year"] <= o) & (df["region"] != skip_region)]
    return calibrate._family_rows(df, family)


_BEFORE: dict[tuple[int, str, str], dict] = {}


def _before_calibration(o: int, skip_region: str, family: str = "patent") -> dict:
    """The calibration rule before issue #14 (CRPS-chosen members, errors pooled over years with
    their mean carried forward, no common shock), as of ``o`` without ``skip_region``: the BEFORE
    column, rebuilt from the same error table."""
    if (o, skip_region, family) not in _BEFORE:
        cal = final_calibration(_known_errors(o, skip_region, family), members=calibrate.MEMBERS)
        _BEFORE[(o, skip_region, family)] = {family: {**cal, "source": "before #14"}}
    return _BEFORE[(o, skip_region, family)]


_DAMPED: dict[tuple[int, str, float], dict] = {}


def _damped_calibration(o: int, skip_region: str, phi: float) -> dict:
    """Today's calibration rule as of ``o`` without ``skip_region``, with damping ``phi`` (errors
    measured on the centre damped the same way), for choosing ``phi``."""
    if (o, skip_region, phi) not in _DAMPED:
        cal = final_calibration(
            _known_errors(o, skip_region),
            members=calibrate.MEMBERS,
            choose=False,
            common_shock=True,
            damping=phi,
        )
        _DAMPED[(o, skip_region, phi)] = {"patent": {**cal, "source": f"damping {phi}"}}
    return _DAMPED[(o, skip_region, phi)]


_FLOW_PRIOR: dict[tuple[int, str, float], Prior] = {}


def _flow_prior(o: int, skip: str, decay: float) -> Prior:
    """The patent-flow prior as of ``o`` without ``skip``'s series, with growth faded by
    ``decay`` a year (``priors.GROWTH_DECAY`` is the one ``run`` uses), for choosing ``decay``."""
    if (o, skip, decay) not in _FLOW_PRIOR:
        flows = priors._series(priors._china_provinces(o, skip), list(COMPARABLE_FLOWS))
        _FLOW_PRIOR[(o, skip, decay)] = priors._prior(flows, f"decay {decay}", decay=decay)
    return _FLOW_PRIOR[(o, skip, decay)]


@cache
def _indicator_errors() -> pd.DataFrame:
    """The patent family's backtest forecasts combined once, as ``calibrate`` combines them
    (every member, damped ``damping.PHI``): each one's standardised error, outcome year, horizon,
    region and indicator (``calibrate._PanelErrors`` with the indicator kept)."""
    rows = calibrate._family_rows(calibrate.errors(), "patent")
    members = list(calibrate.MEMBERS)
    comb = combined(rows[rows["model"].isin(members)], members, damping.PHI)
    parts = [k.split(":") for k in comb.index.get_level_values("series")]
    return pd.DataFrame(
        {
            "z": ((comb["log_y"] - comb["center"]) / comb["spread"]).to_numpy(),
            "year": comb["target_year"].to_numpy(),
            "h": comb.index.get_level_values("h").to_numpy(),
            "region": [p[1] for p in parts],
            "indicator": [p[2] for p in parts],
        }
    )


def indicator_offsets(z, year, h, mine, split: bool) -> dict[int, float]:
    """Per horizon, the mean standardised error of one indicator's forecasts (``mine``) after
    the family calibration's centring: each error less its outcome year's mean over the family
    at that horizon (when the pools are split into year shocks: what the common shock draws),
    less the median of those at the horizon (what the centring takes out). A horizon without
    the indicator's errors gets none."""
    z, year, h, mine = np.asarray(z, float), np.asarray(year), np.asarray(h), np.asarray(mine)
    a = pd.Series(z).groupby([h, year]).transform("mean").to_numpy() if split else 0.0
    r = z - a
    return {
        int(k): float(np.mean(r[(h == k) & mine]) - np.median(r[h == k]))
        for k in np.unique(h)
        if ((h == k) & mine).any()
    }


def _own_pools(family: dict, z, year, h) -> dict:
    """The family's calibration with each horizon's pool and year means replaced by those the
    run's rule (all members, common shock, damped, centred) learns from one indicator's errors
    ``z`` alone, at the horizons where it has ``MIN_POOL`` of them and is split into year shocks
    as the family is (else the family's: a pool too small would fall back to the normal)."""
    if len(z) == 0:
        return dict(family)
    own = errors_calibration(z, year, h, list(calibrate.MEMBERS), damping.PHI, True)
    split = "year_effects" in family
    out = {**family, "z": dict(family["z"])}
    if split:
        out["year_effects"] = dict(family["year_effects"])
    for k, pool in own["z"].items():
        if len(pool) >= MIN_POOL and ("year_effects" in own) == split:
            out["z"][k] = pool
            if split:
                out["year_effects"][k] = own["year_effects"][k]
    return out


_PER_INDICATOR: dict[tuple, dict] = {}


def _indicator_calibration(o: int, skip: str, indicator: str, how: str, shrink: float = 0.0):
    """A per-indicator calibration as of ``o`` without ``skip``'s series, for
    ``--choose-indicator``: ``how="pools"``, the run's rule (all members, common shock, damped,
    centred) on ``indicator``'s errors alone where it has enough (``_own_pools``);
    ``how="shift"``, the family's calibration (what ``run`` uses) with each horizon's pool moved
    by ``shrink`` times ``indicator_offsets``."""
    k = (o, skip, indicator, how, shrink)
    if k not in _PER_INDICATOR:
        e = _indicator_errors()
        e = e[(e["year"] <= o) & (e["region"] != skip)]
        mine = (e["indicator"] == indicator).to_numpy()
        z, year, h = e["z"].to_numpy(), e["year"].to_numpy(), e["h"].to_numpy()
        if how == "pools":
            cal = _own_pools(provider(o, skip).calibration["patent"], z[mine], year[mine], h[mine])
        else:
            cal = dict(provider(o, skip).calibration["patent"])
            off = indicator_offsets(z, year, h, mine, "year_effects" in cal)
            # A horizon beyond the indicator's known ones takes the longest known below (as
            # ``Calibrator.pool`` lends a pool): application forecasts reach h3+ later.
            lent = {
                j: off[max(m for m in off if m <= j)]
                for j in range(1, phit.HORIZONS + 1)
                if min(off, default=9) <= j
            }
            cal["z"] = {
                int(j): sorted(np.asarray(v) + shrink * lent.get(int(j), 0.0))
                for j, v in cal["z"].items()
            }
        _PER_INDICATOR[k] = {**cal, "source": f"{indicator} {how} {shrink}"}
    return _PER_INDICATOR[k]


def _ipcast(
    s, past_y, past_v, o, n_paths, seed, k=None, before=False, phi=None, decay=None, cal=None
) -> np.ndarray:
    if k is not None:
        past_y, past_v = past_y[-k:], past_v[-k:]
    times = [float(o + h) for h in range(1, phit.HORIZONS + 1)]
    obs = _observed(s, past_y, past_v)
    # What ``ipcast run --as-of O --leave-out REGION`` learns: everything known by the end of O
    # except the scored region's own series (a backtest never learns from what it scores), so
    # the CLI reproduces these numbers exactly.
    learned = provider(o, s.region)
    if before:  # (not named ``cal``: that is the per-indicator calibration's argument)
        old = _before_calibration(o, s.region, _family(s))
        learned = Learned(learned.priors, old, o, s.region)
    if phi is not None:
        learned = Learned(learned.priors, _damped_calibration(o, s.region, phi), o, s.region)
    if decay is not None:
        faded = {**learned.priors, BORROW: _flow_prior(o, s.region, decay)}
        learned = Learned(faded, learned.calibration, o, s.region)
    if cal is not None:
        learned = Learned(learned.priors, {**learned.calibration, "patent": cal}, o, s.region)
    fc = forecast_series(
        None, s.region, s.indicator, n_paths, seed + (k or 0), learned, obs=obs, borrow=_borrow(s)
    )
    return fc.at(times)


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
    rng = streams.stream(seed, s.region, f"{s.indicator}@{o}:prophet")
    return ProphetModel().fit(past_v).simulate(phit.HORIZONS, n_paths, rng)


def _forecasts(s, others, past_y, past_v, o, n_paths, seed, with_prophet, with_before):
    yield "ipcast", _ipcast(s, past_y, past_v, o, n_paths, seed)
    if with_before:
        yield "ipcast_before", _ipcast(s, past_y, past_v, o, n_paths, seed, before=True)
    for k in COUNTY_POINTS:
        yield f"ipcast_{k}pt", _ipcast(s, past_y, past_v, o, n_paths, seed, k)
    yield "naive_pooled", _naive(s, others, past_v, o, n_paths, seed)
    if with_prophet:
        yield "prophet", _prophet(s, past_v, o, n_paths, seed)


def _cases(s, origins):
    """``(o, past years, past values, outcomes at o+1..o+5, target hits)`` for each origin with
    a point up to it and one after it."""
    fut = dict(zip(s.years.tolist(), s.values, strict=True))
    for o in origins:
        keep = s.years <= o
        past_y, past_v = s.years[keep], s.values[keep]
        if len(past_v) == 0 or o >= int(s.years[-1]):
            continue
        future = np.array([fut.get(o + h, np.nan) for h in range(1, phit.HORIZONS + 1)])
        yield o, past_y, past_v, future, phit.outcomes(future, past_v)


def _scored(key: dict, paths, past_v, future, hits) -> pd.DataFrame:
    """The targets' p from ``paths``, with whether each horizon's outcome fell below the median
    and inside the 10-90 % range."""
    f = phit.frame(key, phit.hit_probabilities(paths, past_v), hits)
    med = np.median(paths, axis=0)
    lo, hi = np.quantile(paths, [0.1, 0.9], axis=0)
    below = {h + 1: float(future[h] < med[h]) for h in range(phit.HORIZONS)}
    inside = {h + 1: float(lo[h] <= future[h] <= hi[h]) for h in range(phit.HORIZONS)}
    f["below_median"] = f["h"].map(below)
    f["in_80"] = f["h"].map(inside)
    return f


def _frames(s, origins, forecasts) -> list[pd.DataFrame]:
    """The targets of ``s`` at each of ``origins``, and from ``FIRST_ORIGIN`` on the p of each
    ``(method, paths)`` that ``forecasts(o, past years, past values)`` gives (``None`` paths:
    no forecast)."""
    frames = []
    for o, past_y, past_v, future, hits in _cases(s, origins):
        key = {"series": f"{s.region}:{s.indicator}", "region": s.region, "origin": o}
        frames.append(phit.frame({**key, "method": "targets"}, None, hits))
        if o < FIRST_ORIGIN:
            continue
        for name, paths in forecasts(o, past_y, past_v):
            if paths is not None:
                frames.append(_scored({**key, "method": name}, paths, past_v, future, hits))
    return frames


def one_series(
    s, others, origins, n_paths, seed, with_prophet, with_before=True
) -> list[pd.DataFrame]:
    def made(o, past_y, past_v):
        return _forecasts(s, others, past_y, past_v, o, n_paths, seed, with_prophet, with_before)

    return _frames(s, origins, made)


def sample(series, every: int) -> list[bool]:
    """Every ``every``-th region with all of its series: a stride over the series alone would
    keep one indicator (they come four to a province), and applications and grants move
    differently (the first damping was chosen on applications only, and was too strong)."""
    regions = sorted({s.region for s in series})
    keep = {r for i, r in enumerate(regions) if i % every == 0}
    return [s.region in keep for s in series]


def target_origins(series) -> list[int]:
    """Every origin with a known year before and after it, from the panel's second year (2008 on
    the provincial panel) to the year before its last. Targets set before ``FIRST_ORIGIN`` feed
    the base rate and reference class only."""
    first = min(int(s.years[0]) for s in series)
    last = max(int(s.years[-1]) for s in series)
    return list(range(first + 1, last))


def run(
    every: int, n_paths: int, seed: int, prophet_every: int, jobs: int, panel: str = PANEL
) -> pd.DataFrame:
    series = list(panel_series(panel))
    origins = target_origins(series)
    # Prophet on every ``prophet_every``-th region with all of its series (``sample``'s reason:
    # a stride over the series kept one or two of a province's four indicators).
    prophet = sample(series, prophet_every) if prophet_every > 0 else [False] * len(series)
    tasks = (
        delayed(one_series)(s, series, origins, n_paths, seed, with_p)
        for s, use, with_p in zip(series, sample(series, every), prophet, strict=True)
        if use
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


def same_targets(rows: pd.DataFrame, methods) -> pd.DataFrame:
    """The rows of ``methods`` on the targets every one of them forecast: a like-for-like
    comparison when one method (Prophet) runs on a subset of the series."""
    keys = ["series", "origin", "kind", "ambition", "h"]
    g = rows[rows["method"].isin(methods)]
    return g[g.groupby(keys)["method"].transform("nunique") == len(methods)]


def median_bias(rows: pd.DataFrame) -> pd.DataFrame:
    one = rows.drop_duplicates(["method", "series", "origin", "h"])
    return one.pivot_table(index="method", columns="h", values="below_median", aggfunc="mean")


def coverage(rows: pd.DataFrame) -> pd.DataFrame:
    one = rows.drop_duplicates(["method", "series", "origin", "h"])
    return one.pivot_table(index="method", columns="h", values="in_80", aggfunc="mean")


# Item 3 of issue #14: what "honest probabilities" must show on the provincial panel.
SKILL = 0.10
BIN_N, BIN_GAP = 100, 0.05
MEDIAN_BAND = (0.45, 0.55)


def item3(rows: pd.DataFrame, method: str) -> list[tuple[str, str, bool]]:
    """``(condition, figure, met)`` for one method's rows."""
    g = rows[rows["method"] == method]
    b = sc.brier(g["p"], g["hit"])
    vb, vc = 1 - b / sc.brier(g["p_base"], g["hit"]), 1 - b / sc.brier(g["p_class"], g["hit"])
    rel = sc.reliability(g["p"], g["hit"])
    big = rel[rel["n"] >= BIN_N]
    gaps = (big["mean_p"] - big["observed"]).abs()
    worst = big.loc[gaps.idxmax()] if len(big) else None
    below = median_bias(g).loc[method]
    late = below.reindex([4, 5])  # NaN where no outcome is known that far ahead yet: not met
    lo, hi = MEDIAN_BAND
    out = [
        (
            f"Brier >= {SKILL:.0%} below base rate and reference class",
            f"{b:.4f}: {vb:+.1%} vs base, {vc:+.1%} vs class",
            vb >= SKILL and vc >= SKILL,
        ),
        (
            f"every bin with >= {BIN_N} targets within {BIN_GAP} of its rate",
            "no bin"
            if worst is None
            else f"worst {worst['bin']}: p {worst['mean_p']:.3f}, "
            f"observed {worst['observed']:.3f} (gap {gaps.max():.3f})",
            worst is not None and gaps.max() <= BIN_GAP,
        ),
        (
            f"share below median in {lo:.0%}-{hi:.0%} at h1-5",
            " ".join(f"{v:.2f}" for v in below),
            bool(((below >= lo) & (below <= hi)).all()),
        ),
        (
            "h4-5 calibrated (below median, 80 % interval coverage)",
            f"below {late[4]:.2f} {late[5]:.2f}; coverage "
            + " ".join(f"{coverage(g).loc[method].get(h, np.nan):.2f}" for h in (4, 5)),
            bool(((late >= lo) & (late <= hi)).all()),
        ),
    ]
    return out


def print_item3(rows: pd.DataFrame, label: str) -> None:
    print(f"\n== item 3 of #14, {label}: BEFORE (ipcast_before) vs AFTER (ipcast)")
    for method in ("ipcast_before", "ipcast"):
        if method not in set(rows["method"]):
            continue
        print(f"-- {method}")
        for cond, fig, met in item3(rows, method):
            print(f"  [{'met' if met else 'NOT met'}] {cond}: {fig}")


def print_prophet(part: pd.DataFrame) -> None:
    """Prophet beside ipcast on the same targets (Prophet's series only), the baselines too."""
    both = same_targets(part, ["ipcast", "prophet"])
    if both.empty:
        return
    print(f"-- Prophet and ipcast on the same targets ({both['series'].nunique()} series)")
    print(table(both).round(4).to_string())
    print(median_bias(both).round(3).to_string())
    print(coverage(both).round(3).to_string())
    g = both[both["method"] == "prophet"]
    print("-- reliability of prophet")
    print(sc.reliability(g["p"], g["hit"]).round(3).to_string(index=False))
    for method in ("ipcast", "prophet"):
        for cond, fig, met in item3(both, method):
            print(f"  {method}: [{'met' if met else 'NOT met'}] {cond}: {fig}")


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
        print("-- share of outcomes inside the forecast's 10-90 % interval, by horizon")
        print(coverage(part).round(3).to_string())
        for m in ("ipcast_before", "ipcast", "ipcast_1pt"):
            g = part[part["method"] == m]
            print(f"-- reliability of {m}")
            print(sc.reliability(g["p"], g["hit"]).round(3).to_string(index=False))
        print_prophet(part)
    print_item3(rows[rows["origin"] <= dev_until], f"development origins to {dev_until}")
    print_item3(rows[rows["origin"] > dev_until], f"held-out origins {dev_until + 1}+")
    print_item3(rows, "all origins")
    g = rows[rows["method"] == "ipcast"]
    print("\n-- hit rate of the targets by origin (all kinds, ambitions, horizons)")
    print(g.groupby("origin")["hit"].mean().round(3).to_string())


def _damping_rows(s, origins, n_paths, seed, phis) -> list[dict]:
    rows = []
    for o, past_y, past_v, future, hits in _cases(s, origins):
        for phi in phis:
            paths = _ipcast(s, past_y, past_v, o, n_paths, seed, phi=phi)
            f = phit.frame({"origin": o, "phi": phi}, phit.hit_probabilities(paths, past_v), hits)
            med = np.median(paths, axis=0)
            below = {h + 1: float(future[h] < med[h]) for h in range(phit.HORIZONS)}
            f["below_median"] = f["h"].map(below)
            f["series"] = f"{s.region}:{s.indicator}"
            rows.append(f)
    return rows


def choose_damping(phis, every, n_paths, seed, dev_until, jobs) -> pd.DataFrame:
    """The damping chosen on development origins only (``FIRST_ORIGIN .. dev_until``): per
    ``phi``, the share of outcomes below the forecast median at each horizon, its largest
    distance from 50 %, and the Brier score; the same counting only outcomes dated by
    ``dev_until``. Nothing after ``dev_until`` is forecast."""
    series = list(panel_series(PANEL))
    origins = list(range(FIRST_ORIGIN, dev_until + 1))
    tasks = (
        delayed(_damping_rows)(s, origins, n_paths, seed, phis)
        for s, use in zip(series, sample(series, every), strict=True)
        if use
    )
    df = pd.concat([f for fs in Parallel(n_jobs=jobs)(tasks) for f in fs], ignore_index=True)
    out = []
    for (phi, strict), g in [
        ((phi, strict), part)
        for phi, gp in df.groupby("phi")
        for strict, part in ((False, gp), (True, gp[gp["origin"] + gp["h"] <= dev_until]))
    ]:
        one = g.drop_duplicates(["series", "origin", "h"])
        below = one.groupby("h")["below_median"].mean()
        out.append(
            {
                "phi": phi,
                "outcomes": f"<= {dev_until}" if strict else "all",
                **{f"below_h{h}": v for h, v in below.items()},
                "max_gap": float((below - 0.5).abs().max()),
                "brier": sc.brier(g["p"], g["hit"]),
            }
        )
    return pd.DataFrame(out).sort_values(["outcomes", "phi"])


def _decay_rows(s, origins, n_paths, seed, decays) -> list[pd.DataFrame]:
    """The targets of ``s`` at ``origins`` and the county forecasts' p with each ``decay``."""

    def made(o, past_y, past_v):
        for decay in decays:
            for k in COUNTY_POINTS:
                paths = _ipcast(s, past_y, past_v, o, n_paths, seed, k, decay=decay)
                yield f"{k}pt decay {decay}", paths

    return _frames(s, origins, made)


def _dev_frame(rows_of, candidates, every, n_paths, seed, dev_until, jobs) -> pd.DataFrame:
    """``rows_of(series, origins, n_paths, seed, candidates)`` for every sampled provincial
    series at the development origins (up to ``dev_until``), in one frame."""
    series = list(panel_series(PANEL))
    origins = [o for o in target_origins(series) if o <= dev_until]
    tasks = (
        delayed(rows_of)(s, origins, n_paths, seed, candidates)
        for s, use in zip(series, sample(series, every), strict=True)
        if use
    )
    return pd.concat([f for fs in Parallel(n_jobs=jobs)(tasks) for f in fs], ignore_index=True)


def choose_decay(decays, every, n_paths, seed, dev_until, jobs, save=None) -> pd.DataFrame:
    """The county prior's ``GROWTH_DECAY`` chosen on development origins only (``FIRST_ORIGIN ..
    dev_until``; earlier targets, from 2008, feed the baselines): per decay and number of
    own points, the Brier score and its skill against both baselines, the worst reliability gap of
    a bin with ``BIN_N``+ targets and the share of outcomes below the median at h1-5, also counting
    only outcomes dated by ``dev_until``. Nothing after ``dev_until`` is forecast."""
    df = _dev_frame(_decay_rows, decays, every, n_paths, seed, dev_until, jobs)
    if save:
        df.to_csv(save, index=False, compression="gzip")
    return decay_table(scored(df), dev_until)


def decay_table(rows: pd.DataFrame, dev_until: int) -> pd.DataFrame:
    out = []
    for strict in (False, True):
        part = rows[rows["origin"] + rows["h"] <= dev_until] if strict else rows
        for method in part["method"].unique():
            g = part[part["method"] == method]
            b = sc.brier(g["p"], g["hit"])
            rel = sc.reliability(g["p"], g["hit"])
            big = rel[rel["n"] >= BIN_N]
            below = median_bias(g).loc[method]
            out.append(
                {
                    "method": method,
                    "outcomes": f"<= {dev_until}" if strict else "all",
                    "brier": round(b, 4),
                    "vs_base": round(1 - b / sc.brier(g["p_base"], g["hit"]), 3),
                    "vs_class": round(1 - b / sc.brier(g["p_class"], g["hit"]), 3),
                    "worst_gap": round(float((big["mean_p"] - big["observed"]).abs().max()), 3),
                    "below_h1-5": " ".join(f"{v:.2f}" for v in below),
                    "max_gap": round(float((below - 0.5).abs().max()), 3),
                }
            )
    return pd.DataFrame(out)


def _indicator_rows(s, origins, n_paths, seed, shrinks) -> list[pd.DataFrame]:
    """The targets of ``s`` at ``origins`` and the p of today's forecast and of each
    per-indicator calibration (``_indicator_calibration``)."""

    def made(o, past_y, past_v):
        cands = [("today (family)", None)]
        cands.append(
            ("pools per indicator", _indicator_calibration(o, s.region, s.indicator, "pools"))
        )
        for lam in shrinks:
            cal = _indicator_calibration(o, s.region, s.indicator, "shift", lam)
            cands.append((f"shift x{lam}", cal))
        for method, cal in cands:
            yield method, _ipcast(s, past_y, past_v, o, n_paths, seed, cal=cal)

    return _frames(s, origins, made)


def choose_indicator(shrinks, every, n_paths, seed, dev_until, jobs, save=None):
    """A per-indicator correction measured on development origins only (``FIRST_ORIGIN ..
    dev_until``; earlier targets, from 2008, feed the baselines), the scored province
    left out of everything learned: today's family calibration, error pools and common shocks
    per indicator, and the family's pools moved by each shrink of the indicator's mean centred
    error. Returns ``decay_table``'s scores per candidate and the share below the median by
    indicator and horizon. Nothing after ``dev_until`` is forecast."""
    df = _dev_frame(_indicator_rows, shrinks, every, n_paths, seed, dev_until, jobs)
    rows = scored(df)
    if save:
        rows.to_csv(save, index=False, compression="gzip")
    t = decay_table(rows, dev_until)
    # The correction is per indicator: also the largest distance from 50 % over indicators and
    # horizons (the pooled share can sit near 50 % while the indicators lean apart).
    for strict in (False, True):
        part = rows[rows["origin"] + rows["h"] <= dev_until] if strict else rows
        gap = (by_indicator(part) - 0.5).abs().groupby("method").max().max(axis=1)
        mine = t["outcomes"] == (f"<= {dev_until}" if strict else "all")
        t.loc[mine, "max_gap_by_indicator"] = t.loc[mine, "method"].map(gap).round(3).to_numpy()
    return t, by_indicator(rows)


def by_indicator(rows: pd.DataFrame) -> pd.DataFrame:
    """The share of outcomes below the forecast median per method, indicator and horizon."""
    one = rows.drop_duplicates(["method", "series", "origin", "h"])
    one = one.assign(indicator=one["series"].str.split(":").str[1])
    return one.pivot_table(
        index=["method", "indicator"], columns="h", values="below_median", aggfunc="mean"
    )


def band_chance(
    cells: dict[int, int],
    n_series: int,
    as_of: int,
    n_sims: int = 20000,
    seed: int = 0,
    normal: bool = False,
) -> pd.DataFrame:
    """How often would a forecast whose own error model is right meet the median band?

    The forecast's model (``calibrate.calibration(as_of)``, patent family): an outcome year
    shifts every series' standardised error by one common shock ``a`` (the calibrator's t
    predictive, ``Calibrator.shock_scale``), each series adds its own residual ``r`` from the
    centred pool. In a year with shock ``a`` a share ``F_r(-a)`` of outcomes falls below the
    median, so a horizon scored on ``cells[h]`` outcome years has a share below the median that
    varies from draw to draw even when the model is exactly right. Returns, per horizon, the sd
    of that share and the chance it lands inside ``MEDIAN_BAND``; and the chance every horizon
    does (horizons drawn independently: their shocks are distinct outcome years at one
    horizon). ``normal``: the shock drawn from a normal of the same scale instead (a check
    that the t's heavy tails are not what keeps the share out of the band)."""
    from ipcast.forecast.ensemble import Calibrator

    cal = calibrate.calibration(as_of)["patent"]
    calib = Calibrator(cal["z"], cal.get("year_effects"))
    rng = np.random.default_rng(seed)
    lo, hi = MEDIAN_BAND
    out, inside = [], np.ones(n_sims, dtype=bool)
    for h, m in sorted(cells.items()):
        pool = calib.pool(h)
        scale, df = calib.shock_scale(h) or (0.0, 1.0)
        draw = rng.standard_normal if normal else partial(rng.standard_t, max(df, 1.0))
        a = scale * draw(size=(n_sims, m))
        below = np.searchsorted(pool, -a) / len(pool)  # F_r(-a): share of residuals below -a
        share = (rng.binomial(n_series, below) / n_series).mean(axis=1)
        ok = (share >= lo) & (share <= hi)
        inside &= ok
        out.append(
            {
                "h": h,
                "outcome_years": m,
                "shock_scale": scale,
                "sd_share": share.std(),
                "p_band": ok.mean(),
            }
        )
    res = pd.DataFrame(out)
    res.attrs["p_all"] = float(inside.mean())
    return res


def print_band_chance(dev_until: int, last: int = 2023, n_series: int = 124) -> None:
    """``band_chance`` for the development and held-out origins of this benchmark."""
    for label, origins in (
        (f"development origins {FIRST_ORIGIN}-{dev_until}", range(FIRST_ORIGIN, dev_until + 1)),
        (f"held-out origins {dev_until + 1}-{last - 1}", range(dev_until + 1, last)),
    ):
        cells = {h: sum(o + h <= last for o in origins) for h in range(1, phit.HORIZONS + 1)}
        cells = {h: m for h, m in cells.items() if m}
        res = band_chance(cells, n_series, dev_until)
        print(f"-- {label}: a forecast whose error model (as of {dev_until}) is right")
        print(res.round(3).to_string(index=False))
        print(f"chance the share is in the band at every horizon: {res.attrs['p_all']:.3f}")
        res = band_chance(cells, n_series, dev_until, normal=True)
        print(
            "the same with a normal shock: in the band "
            + " ".join(f"{v:.3f}" for v in res["p_band"])
            + f", at every horizon {res.attrs['p_all']:.3f}"
        )


def write_cli_case(s, origin: int, folder) -> tuple[Path, Path, pd.DataFrame]:
    """The series up to ``origin`` as a history CSV, its level targets (every ambition and
    horizon) as a target YAML, and this benchmark's p for each: ``ipcast run --history H
    --targets T --as-of origin --leave-out REGION --paths 1000 --seed 0`` gives the same p."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    keep = s.years <= origin
    past = s.values[keep]
    hist = folder / "history.csv"
    lines = ["region,indicator,period,value,unit"]
    lines += [
        f"{s.region},{s.indicator},{y},{v:.0f},件" for y, v in zip(s.years[keep], past, strict=True)
    ]
    hist.write_text("\n".join(lines) + "\n", encoding="utf-8")
    thr = phit.thresholds(past)["level"]
    targets, rows = [f"region: {s.region}", "targets:"], []
    for i, g in enumerate(phit.AMBITIONS):
        for j in range(phit.HORIZONS):
            tid = f"level_{origin + j + 1}_{g:+.0%}"
            targets += [
                f"- id: '{tid}'",
                f"  label_zh: {s.indicator} {origin + j + 1}",
                f"  indicator: {s.indicator}",
                "  kind: level",
                f"  period: '{origin + j + 1}'",
                f"  threshold: {float(thr[i, j])!r}",
                "  unit: 件",
                f"  quote: hindcast target, {g:+.0%} a year from {origin}",
            ]
            rows.append({"id": tid, "i": i, "j": j})
    tfile = folder / "targets.yaml"
    tfile.write_text("\n".join(targets) + "\n", encoding="utf-8")
    return hist, tfile, pd.DataFrame(rows)


def print_cli_case(key: str, origin: int, folder: str, n_paths: int, seed: int) -> None:
    region, indicator = key.split(":")
    s = next(x for x in panel_series(PANEL) if (x.region, x.indicator) == (region, indicator))
    hist, tfile, rows = write_cli_case(s, origin, folder)
    keep = s.years <= origin
    paths = _ipcast(s, s.years[keep], s.values[keep], origin, n_paths, seed)
    p = phit.hit_probabilities(paths, s.values[keep])["level"]
    rows["p"] = [p[i, j] for i, j in zip(rows["i"], rows["j"], strict=True)]
    print(f"wrote {hist} and {tfile}; this benchmark's p (as of {origin}):")
    print(rows[["id", "p"]].to_string(index=False))
    print(
        f"\nipcast run --history {hist} --targets {tfile} --as-of {origin} "
        f"--leave-out {s.region} --paths {n_paths} --seed {seed}"
    )


def _spread(g: pd.DataFrame, label: str) -> str:
    g = g[(g["p"] > 0.02) & (g["p"] < 0.98)]
    r = g["sd"] / g["se"]
    return (
        f"{label}: {len(g)} targets with 0.02 < p < 0.98; sd over seeds / reported se: median "
        f"{r.median():.2f}, quartiles {r.quantile(0.25):.2f}-{r.quantile(0.75):.2f}, max "
        f"{r.max():.2f}; targets with sd > 1.5 se: {(r > 1.5).sum()}"
    )


def seed_spread(n_seeds: int, n_paths: int) -> list[str]:
    """Is ``p_hit_se`` honest? P(hit) with ``n_seeds`` seeds, its spread over seeds against the
    mean ``p_hit_se`` (``sqrt(p (1 - p) / n)``): every simulated target of the bundled plans
    (``ipcast run``), and the hindcast targets of every eighth province's four series as of 2016
    and 2019."""
    from ipcast.api import run as api_run

    recs = [
        r | {"seed": k}
        for k in range(n_seeds)
        for r in api_run(paths=n_paths, seed=k, cache=False)
        if r["status"] == "simulated"
    ]
    plans = (
        pd.DataFrame(recs)
        .groupby(["region", "target_id"])
        .agg(p=("p_hit", "mean"), sd=("p_hit", "std"), se=("p_hit_se", "mean"))
    )
    series = list(panel_series(PANEL))
    rows = []
    for s, use in zip(series, sample(series, 8), strict=True):
        for o in (2016, 2019) if use else ():
            keep = s.years <= o
            for k in range(n_seeds):
                paths = _ipcast(s, s.years[keep], s.values[keep], o, n_paths, k)
                probs = phit.hit_probabilities(paths, s.values[keep])
                for kind, p in probs.items():
                    for (i, j), v in np.ndenumerate(p):
                        rows.append((s.key, o, kind, i, j, k, v))
    h = pd.DataFrame(rows, columns=["series", "origin", "kind", "i", "j", "seed", "p"])
    hind = h.groupby(["series", "origin", "kind", "i", "j"])["p"].agg(["mean", "std"])
    hind = hind.rename(columns={"mean": "p", "std": "sd"})
    hind["se"] = np.sqrt(hind["p"] * (1 - hind["p"]) / n_paths)
    return [_spread(plans, "bundled plans"), _spread(hind, "hindcast targets")]


def print_seed_spread(n_seeds: int, n_paths: int) -> None:
    print(f"-- p_hit_se against the spread over {n_seeds} seeds ({n_paths} paths)")
    for line in seed_spread(n_seeds, n_paths):
        print(line)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--panel", default=PANEL, choices=list(PANELS), help="the real panel to score")
    ap.add_argument("--every", type=int, default=1, help="every n-th region (1: all)")
    ap.add_argument("--paths", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--prophet-every", type=int, default=4, help="0: no Prophet")
    ap.add_argument("--dev-until", type=int, default=2016)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--save", help="write the scored targets here (.csv.gz)")
    ap.add_argument("--se-seeds", type=int, default=0, help="only check p_hit_se on n seeds")
    ap.add_argument(
        "--choose-damping", type=float, nargs="*", help="only compare these dampings on dev origins"
    )
    ap.add_argument(
        "--choose-decay",
        type=float,
        nargs="*",
        help="only compare these county-prior growth decays on dev origins",
    )
    ap.add_argument(
        "--choose-indicator",
        type=float,
        nargs="*",
        metavar="SHRINK",
        help="only compare per-indicator calibrations (pools; family pools moved by SHRINK x the "
        "indicator's mean centred error) with today's on dev origins",
    )
    ap.add_argument(
        "--band-chance",
        action="store_true",
        help="only say how often a forecast with a right error model meets the median band",
    )
    ap.add_argument(
        "--cli-case",
        nargs=3,
        metavar=("REGION:INDICATOR", "ORIGIN", "FOLDER"),
        help="only write one series' history and level targets for ipcast run, with the p here",
    )
    args = ap.parse_args()
    tools = (args.cli_case, args.choose_damping, args.choose_decay, args.choose_indicator)
    tools += (args.band_chance, args.se_seeds)
    if args.panel != PANEL and any(tools):
        ap.error(f"--panel {args.panel}: the choice and check tools run on {PANEL} only")
    if args.cli_case:
        key, origin, folder = args.cli_case
        print_cli_case(key, int(origin), folder, args.paths, args.seed)
        return
    if args.choose_damping:
        t = choose_damping(
            args.choose_damping, args.every, args.paths, args.seed, args.dev_until, args.jobs
        )
        print(t.round(3).to_string(index=False))
        return
    dev_run = (args.every, args.paths, args.seed, args.dev_until, args.jobs, args.save)
    if args.choose_decay:
        t = choose_decay(args.choose_decay, *dev_run)
        pd.set_option("display.width", 250)
        pd.set_option("display.max_colwidth", 80)
        print(t.to_string(index=False))
        return
    if args.choose_indicator:
        t0 = time.perf_counter()
        t, ind = choose_indicator(args.choose_indicator, *dev_run)
        pd.set_option("display.width", 250)
        print(t.to_string(index=False))
        print("-- share of outcomes below the forecast median, by indicator")
        print(ind.round(3).to_string())
        print(f"({time.perf_counter() - t0:.0f} s)")
        return
    if args.band_chance:
        print_band_chance(args.dev_until)
        return
    if args.se_seeds:
        print_seed_spread(args.se_seeds, args.paths)
        return
    t0 = time.perf_counter()
    df = run(args.every, args.paths, args.seed, args.prophet_every, args.jobs, args.panel)
    rows = scored(df)
    print(
        f"{args.panel}: {rows['series'].nunique()} series, {len(rows)} scored forecasts of "
        f"targets, {args.paths} paths, seed {args.seed} ({time.perf_counter() - t0:.0f} s)"
    )
    if args.save:  # first: a report that fails leaves the scored targets
        rows.to_csv(args.save, index=False, compression="gzip")
    report(rows, args.dev_until)


if __name__ == "__main__":
    main()
