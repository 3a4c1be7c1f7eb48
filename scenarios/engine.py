"""The Monte Carlo engine: fit each indicator once, simulate whole paths, judge every target.

``prepare`` fits and simulates the baseline for a set of targets (the slow step); ``judge`` applies
a scenario's levers to those baseline paths and evaluates one target (fast, so levers, goal seeking
and revision can call it many times with common random numbers). ``assess`` does both and returns
one record (a plain dict) per target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from ..data.catalog import indicator as indicator_row
from ..data.errors import InputError
from ..data.history import cut
from ..data.target_files import Target
from ..forecast import cache as disk_cache
from ..forecast.forecaster import Forecast, forecast, series_rng
from ..forecast.linked import STOCK_FLOW, ratio_from_stock, stock_from_flows
from ..forecast.priors import priors
from ..forecast.series import Observed, observed
from ..forecast.workers import quiet_workers
from .apply import apply_scenario, idle_levers, lever_uniforms
from .evaluate import (
    KindMismatch,
    Paths,
    half_year_shares,
    half_year_years,
    meets,
    metric,
    needed_times,
)
from .levers import BASELINE, Scenario, plan_start
from .outcomes import floor_at_observed, observed_part, outcome, to_plan_unit

# January-June share of a year's flow (mean, sd), for July-June years. Pledge financing is
# back-loaded: nationally 1074 of 3098 亿元 in 2021 fell in H1 (0.35; bundled history). For the
# rest no half-year data exist here: half, give or take 0.05 (a judgement).
H1_SHARE = {"pledge": (0.35, 0.10), "default": (0.5, 0.05)}
# The year whose half-year figures a family's share was learned from: a run as of an earlier year
# did not know it and uses half, with the pledge spread (``h1_share``).
H1_SHARE_YEAR = {"pledge": 2021}
# Regions whose paths are held in memory at once by ``assess``.
CHUNK_REGIONS = 50
# Without a panel to borrow from, a series must speak for itself.
MIN_OWN_POINTS = 3


def decimal_today(today: date | None = None) -> float:
    d = today or date.today()
    return d.year + (d.timetuple().tm_yday - 1) / 365.25


@dataclass
class TargetRun:
    """One target's baseline: what was observed, the simulated paths before any lever, and
    whether history settles it already."""

    target: Target
    obs: Observed
    base: Paths | None
    fc: Forecast | None
    reason: str
    settled: dict
    u: dict[str, np.ndarray] = field(repr=False)
    start: int
    as_of: int | None
    now: float

    @property
    def simulated(self) -> bool:
        return (
            self.base is not None
            and not self.settled
            and any(th is not None for th in self.target.thresholds)
        )


def prepare(
    targets: list[Target],
    history: pd.DataFrame,
    n_paths: int = 4000,
    seed: int = 0,
    as_of: int | None = None,
    today: date | None = None,
    jobs: int = 1,
    progress=None,
    scheduler: str | None = None,
) -> list[TargetRun]:
    """Fit and simulate the baseline of every target; ``jobs`` processes, or the workers of the
    Dask cluster at ``scheduler``, fit indicators in parallel with the same results (each series
    has its own seeded stream)."""
    now = float(as_of + 1) if as_of is not None else decimal_today(today)
    starts = plan_start(targets)  # levers act when the plan's measures do
    hist = cut(history, as_of)
    groups: dict[tuple[str, str], list[Target]] = {}
    for t in targets:
        groups.setdefault((t.region, t.indicator), []).append(t)
    by_key: dict[tuple[str, str], list[dict]] = {}
    for r in hist.to_dict("records"):
        by_key.setdefault((r["region"], r["indicator"]), []).append(r)
    # Each region's own rows: all a baseline needs (linked stocks and ratios stay in-region), and
    # far less to send to a worker than the whole history.
    region_rows = {region: hist[hist["region"] == region] for region in {r for r, _ in groups}}
    region_text = {region: rows.to_csv(index=False) for region, rows in region_rows.items()}
    tasks = [
        (observed(hist, region, slug, by_key.get((region, slug), [])), group)
        for (region, slug), group in groups.items()
    ]
    calls = (
        delayed(_baseline)(
            obs, group, n_paths, seed, region_rows[obs.region], region_text[obs.region], as_of
        )
        for obs, group in tasks
    )
    results = []
    with quiet_workers(jobs > 1):
        for i, res in enumerate(_execute(list(calls), jobs, scheduler)):
            results.append(res)
            if progress:
                progress(i + 1, len(tasks))
    uniforms = {region: lever_uniforms(seed, region, n_paths) for region in region_text}
    runs: dict[str, TargetRun] = {}
    for (obs, group), (base, fc, reason) in zip(tasks, results, strict=True):
        for t in group:
            runs[f"{t.region}/{t.id}"] = TargetRun(
                t,
                obs,
                base,
                fc,
                reason,
                outcome(t, obs, now),
                uniforms[t.region],
                starts[t.plan],
                as_of,
                now,
            )
    return [runs[f"{t.region}/{t.id}"] for t in targets]


def _execute(calls: list, jobs: int, scheduler: str | None):
    """Run joblib ``delayed`` calls here, in ``jobs`` local processes, or on a Dask cluster."""
    if scheduler:
        try:
            from dask.distributed import Client
        except ImportError:
            raise InputError(
                "--scheduler",
                "Dask is not installed",
                "pip install 'dask[distributed]' here and on every worker",
            ) from None
        from joblib import parallel_config

        try:
            client = Client(scheduler, timeout=10)
        except OSError as e:
            raise InputError(
                "--scheduler",
                f"cannot reach {scheduler} ({e})",
                "start it with `dask scheduler` and `dask worker ADDRESS`",
            ) from None
        with client, parallel_config(backend="dask"):
            return list(Parallel(n_jobs=-1)(calls))
    if jobs > 1:
        return Parallel(n_jobs=jobs, return_as="generator")(calls)
    return (f(*a, **k) for f, a, k in calls)


def _baseline(
    obs: Observed,
    group: list[Target],
    n_paths: int,
    seed: int,
    hist: pd.DataFrame,
    region_text: str,
    as_of: int | None = None,
):
    """Baseline paths for one indicator, from the disk cache when the same data (``region_text``:
    the region's whole history), settings and code produced them before."""
    periods = sorted({(t.kind, p.text) for t in group for _, p, _ in t.parts()})
    k = disk_cache.key(
        "baseline",
        obs.region,
        obs.indicator,
        periods,
        n_paths,
        seed,
        as_of,
        sorted(priors(as_of).items()),
        region_text,
    )
    hit = disk_cache.load(k)
    if hit is None:
        hit = _fit_baseline(obs, group, n_paths, seed, hist, as_of)
        disk_cache.save(k, hit)
    return hit


def _fit_baseline(obs: Observed, group: list[Target], n_paths, seed, hist, as_of=None):
    row = indicator_row(obs.indicator)
    times = {
        x for t in group for kind, p, _ in t.parts() for x in needed_times(kind, p, obs.annual)
    }
    if not obs.annual and obs.n_points and min(times) > obs.t[-1]:
        times.add(float(obs.t[-1]))  # the anchor a lever's extra additions build on
    times = sorted(times)
    rng = series_rng(seed, obs.region, obs.indicator)
    fc = _linked(obs, hist, times, n_paths, rng, as_of)
    reason = ""
    if fc is None:
        fc, reason = _direct(obs, row, times, n_paths, rng, as_of)
    if fc is None:
        return None, None, reason
    sims = np.minimum(fc.paths, 100.0) if row["unit"] == "%" else fc.paths
    sims = floor_at_observed(obs, fc.times, sims)
    paths = Paths(fc.times, sims, obs.annual, obs.additive)
    halves = {y for t in group for _, p, _ in t.parts() for y in half_year_years(p)}
    if obs.additive and halves:
        mean, sd = h1_share(row["family"], as_of)
        paths.h1_share = half_year_shares(halves, mean, sd, n_paths, rng)
    return paths, fc, reason


def h1_share(family: str, as_of: int | None) -> tuple[float, float]:
    """January-June share (mean, sd) of a family's yearly flow, as known by the end of ``as_of``."""
    mean, sd = H1_SHARE.get(family, H1_SHARE["default"])
    learned = H1_SHARE_YEAR.get(family)
    if learned is not None and as_of is not None and as_of < learned:
        return H1_SHARE["default"][0], sd
    return mean, sd


def _linked(obs: Observed, hist: pd.DataFrame, times, n_paths, rng, as_of=None):
    """A stock built from its flows, or a ratio from its stock and population, where the region
    has the series for it (``forecast.linked``)."""
    if obs.indicator in STOCK_FLOW:
        return stock_from_flows(hist, obs.region, obs.indicator, times, n_paths, rng, as_of)
    if obs.n_points == 0:
        return ratio_from_stock(hist, obs.region, obs.indicator, times, n_paths, rng, as_of)
    return None


def _direct(obs: Observed, row, times, n_paths, rng, as_of=None):
    prior = priors(as_of).get(row["borrow"]) if row["borrow"] else None
    if obs.n_points == 0:
        return None, "no history for this indicator in this region; import the bureau's figures"
    if prior is None and obs.n_points < MIN_OWN_POINTS:
        return None, (
            f"{obs.n_points} point(s) and no comparable series to borrow growth from; "
            f"needs {MIN_OWN_POINTS} or more"
        )
    if np.any(obs.y <= 0):
        return None, "zero or negative values: the log-scale model cannot use them"
    return forecast(obs, times, n_paths, rng, prior, row["borrow"] or None, as_of), ""


def lever_start(run: TargetRun, scenario: Scenario) -> int:
    """The year a scenario's levers start: the scenario's own ``start``, else the plan's."""
    return scenario.start if scenario.start is not None else run.start


def free_from(run: TargetRun) -> float | None:
    """The first year whose flow (or stock additions) is not in the history."""
    t = run.obs.t
    if not len(t):
        return None
    return float(t[-1] + 1) if run.obs.annual else float(np.floor(t[-1] - 1e-9) + 1)


def scenario_paths(run: TargetRun, scenario: Scenario) -> Paths:
    start = lever_start(run, scenario)
    return apply_scenario(run.base, run.target.indicator, scenario, run.u, start, free_from(run))


def idle_in_period(run: TargetRun, scenario: Scenario) -> list[dict]:
    """The scenario's levers that cannot change this target: they act in no year of its
    period that is still to come."""
    t = run.target
    first = int(np.floor(min(p.start for p in t.periods) + 1e-9))
    last = int(np.ceil(t.end - 1e-9)) - 1
    if t.kind in ("stock", "ratio"):  # a stock is built by every year's additions up to then
        first = int(free_from(run) or first)
    years = list(range(min(first, last), last + 1))
    return idle_levers(t.indicator, years, scenario, lever_start(run, scenario), free_from(run))


def part_metrics(run: TargetRun, scenario: Scenario = BASELINE) -> list[np.ndarray]:
    """The metric of each part of the target on every path, in the target's unit."""
    paths = scenario_paths(run, scenario)
    t = run.target
    return [
        metric(paths, kind, period, t.per) * to_plan_unit(t, kind, run.obs.unit)
        for kind, period, _ in t.parts()
    ]


def hits(run: TargetRun, metrics: list[np.ndarray], thresholds=None) -> np.ndarray:
    t = run.target
    ths = thresholds if thresholds is not None else [th for _, _, th in t.parts()]
    return np.logical_and.reduce(
        [meets(m, t.comparator, th) for m, th in zip(metrics, ths, strict=True) if th is not None]
    )


def judge(run: TargetRun, scenario: Scenario = BASELINE) -> dict:
    t = run.target
    rec = _base_record(run)
    if all(th is None for th in t.thresholds):
        return {
            **rec,
            "status": "no_threshold",
            "reason": "the plan states no number: " + t.reading,
        }
    if run.settled:
        return {**rec, **run.settled}
    if run.base is None:
        return {**rec, "status": "no_history", "reason": run.reason}
    try:
        ms = part_metrics(run, scenario)
    except KindMismatch as e:
        return {**rec, "status": "invalid", "reason": str(e)}
    hit = hits(run, ms)
    p = float(hit.mean())
    rec.update(
        status="simulated",
        p_hit=p,
        p_hit_se=float(np.sqrt(p * (1 - p) / len(hit))),
        method=run.fc.method,
        borrowed=run.fc.borrowed,
        n_points=run.fc.n_points,
        scenario=scenario.name,
    )
    parts = [
        _summary(m, t.comparator, th) | {"period": period.text, "threshold": th}
        for m, (_, period, th) in zip(ms, t.parts(), strict=True)
    ]
    if len(parts) == 1:
        rec.update({k: parts[0][k] for k in ("median", "q10", "q90", "shortfall")})
        rec.update(_growth_needed(run))
    else:
        rec["parts"] = parts
    if t.end <= run.now:
        # The period is over: the figure exists somewhere but not in this history. The number
        # is what the forecast said, not a current-trend forecast.
        rec["status"] = "awaiting_outcome"
        rec["reason"] = (
            "period over; the outcome is not in the history yet (import it): p_hit is the "
            "forecast from the data known"
            + (f" as of {run.as_of}" if run.as_of is not None else "")
        )
    else:
        part = observed_part(t, run.obs)
        if part:
            rec["reason"] = (
                f"period partly observed ({part}); the simulation keeps each flow at or above "
                "what is observed"
            )
    idle = idle_in_period(run, scenario)
    if idle:
        rec["idle_levers"] = idle
        note = "; ".join(_idle_text(x) for x in idle)
        rec["reason"] = "; ".join(
            r for r in (rec["reason"], f"no effect inside the target's period: {note}") if r
        )
    return rec


def _idle_text(x: dict) -> str:
    if x["why"] == "history":
        return f"{x['lever']}: the period's figures are already observed"
    if x["why"] == "late":
        return f"{x['lever']} acts only from {x['first_year']}"
    return f"{x['lever']} acted {x['first_year']}-{x['last_year']} only"


def _summary(m: np.ndarray, comparator: str, threshold: float | None) -> dict:
    q10, q50, q90 = np.quantile(m, [0.1, 0.5, 0.9])
    out = {"median": float(q50), "q10": float(q10), "q90": float(q90), "shortfall": None}
    if threshold is not None:
        gap = threshold - m if comparator in (">=", ">") else m - threshold
        out["shortfall"] = float(np.mean(np.maximum(gap, 0)))
        out["p_hit"] = float(meets(m, comparator, threshold).mean())
    return out


def _growth_needed(run: TargetRun) -> dict:
    """The yearly growth from the last observation that the target needs, beside the growth the
    region's own history shows (None with fewer than two points)."""
    t, obs = run.target, run.obs
    if t.kind == "growth" or obs.n_points == 0 or t.threshold is None:
        return {}
    if t.end <= run.now or t.period.start < obs.t[-1] - 1e-9:
        # Over, or already under way past the last point: a yearly rate from here means nothing.
        return {"growth_needed": None, "growth_history": None}
    last_t, last = obs.t[-1], obs.y[-1] * to_plan_unit(t, t.kind, obs.unit)
    level = t.threshold / t.period.years if t.kind in ("cumulative",) else t.threshold
    end = t.period.start + t.period.years / 2 if obs.annual else t.period.end
    years = end - last_t
    out = {"growth_needed": None, "growth_history": None}
    if years > 0 and level > 0 and last > 0:
        out["growth_needed"] = float((level / last) ** (1 / years) - 1) * 100
    if obs.n_points >= 2:
        span = obs.t[-1] - obs.t[0]
        out["growth_history"] = float(np.exp(np.log(obs.y[-1] / obs.y[0]) / span) - 1) * 100
    return out


def _base_record(run: TargetRun) -> dict:
    t, obs = run.target, run.obs
    user = obs.uses_user_data
    return {
        "region": t.region,
        "plan": t.plan,
        "target_id": t.id,
        "label_zh": t.label_zh,
        "label_en": t.label_en,
        "indicator": t.indicator,
        "family": t.family,
        "kind": t.kind,
        "period": t.period_text,
        "threshold": t.thresholds[0] if len(t.thresholds) == 1 else list(t.thresholds),
        "comparator": t.comparator,
        "unit": t.unit,
        "status": None,
        "p_hit": None,
        "p_hit_se": None,
        "n_points": obs.n_points,
        "median": None,
        "q10": None,
        "q90": None,
        "shortfall": None,
        "outcome": None,
        "hit": None,
        "method": "",
        "borrowed": "",
        "reason": "",
        "reading": t.reading,
        "uses_user_data": user,
        "as_of": run.as_of,
    }


def assess(
    targets: list[Target],
    history: pd.DataFrame,
    n_paths: int = 4000,
    seed: int = 0,
    as_of: int | None = None,
    today: date | None = None,
    scenario: Scenario = BASELINE,
    jobs: int = 1,
    scheduler: str | None = None,
) -> list[dict]:
    """Records for every target, regions taken a chunk at a time so that only one chunk's paths
    are held in memory (every series has its own random stream, so chunking changes nothing)."""
    regions = list(dict.fromkeys(t.region for t in targets))
    out: dict[str, dict] = {}
    for i in range(0, len(regions), CHUNK_REGIONS):
        chunk = set(regions[i : i + CHUNK_REGIONS])
        mine = [t for t in targets if t.region in chunk]
        hist = history[history["region"].isin(chunk)]
        for r in prepare(mine, hist, n_paths, seed, as_of, today, jobs, scheduler=scheduler):
            out[f"{r.target.region}/{r.target.id}"] = judge(r, scenario)
    return [out[f"{t.region}/{t.id}"] for t in targets]
