"""The baseline of a set of targets: each (region, indicator) forecast once (``forecast.chain``),
read at the times its targets need, before any lever. ``prepare`` is the slow step; judging a
target under a scenario (``judge``) reuses the paths many times (common random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from joblib import delayed

from ..data.catalog import indicator as indicator_row
from ..data.history import cut
from ..data.target_files import Target
from ..forecast import cache as disk_cache
from ..forecast import streams
from ..forecast.chain import Forecast, forecast_series
from ..forecast.learned import Learned, provider
from ..forecast.series import Observed, observed
from ..forecast.workers import quiet_workers
from ..forecast.year_to_date import h1_share as h1_share  # judge and engine read it here
from ..forecast.year_to_date import read_conditioned
from . import PATHS
from .apply import lever_uniforms
from .evaluate import Paths, half_year_shares, half_year_years, needed_times, read_periods
from .levers import plan_start
from .outcomes import Split, flow_spans, outcome
from .parallel import execute


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
    n_paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    today: date | None = None,
    jobs: int = 1,
    progress=None,
    scheduler: str | None = None,
    learned: Learned | None = None,
    plan: list[Target] | None = None,
) -> list[TargetRun]:
    """Fit and simulate the baseline of every target; ``jobs`` processes, or the workers of the
    Dask cluster at ``scheduler``, fit indicators in parallel with the same results (each series
    has its own seeded stream). ``learned``: the priors and calibration (default: the provider's
    for ``as_of``); ``plan``: every target of the plans, when only some are run (the year the
    plans' levers start)."""
    learned = learned or provider(as_of)
    # As of a year: its end, unless that is still to come (--as-of the current year in
    # December: a period ending this year is not over yet)
    now = decimal_today(today)
    now = min(float(as_of + 1), now) if as_of is not None else now
    # levers act when the plan's measures do: the whole plan's first year, even when only some
    # of its targets are run (``plan``: all of them), so one target's odds never depend on
    # which others were asked for
    starts = plan_start(plan or targets)
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
    calls = [
        delayed(baseline)(
            obs, group, n_paths, seed, region_rows[obs.region], region_text[obs.region], learned
        )
        for obs, group in tasks
    ]
    results = []
    with quiet_workers(jobs > 1):
        for i, res in enumerate(execute(calls, jobs, scheduler)):
            results.append(res)
            if progress:
                progress(i + 1, len(tasks))
    uniforms = {region: lever_uniforms(seed, region, n_paths) for region in region_text}
    runs: dict[str, TargetRun] = {}
    for (obs, group), (base, fc, reason) in zip(tasks, results, strict=True):
        split = year_split(obs, group, n_paths, seed, learned.as_of)
        for t in group:
            settled = outcome(t, obs, now, split)
            runs[f"{t.region}/{t.id}"] = TargetRun(
                t, obs, base, fc, reason, settled, uniforms[t.region], starts[t.plan], as_of, now
            )
    return [runs[f"{t.region}/{t.id}"] for t in targets]


def baseline(
    obs: Observed,
    group: list[Target],
    n_paths: int,
    seed: int,
    hist: pd.DataFrame,
    region_text: str,
    learned: Learned,
):
    """Baseline paths for one indicator, from the disk cache when the same data (``region_text``:
    the region's whole history), settings, learned inputs and code produced them before."""
    periods = sorted({(t.kind, p.text) for t in group for _, p, _ in t.parts()})
    k = disk_cache.key(
        "baseline",
        obs.region,
        obs.indicator,
        periods,
        n_paths,
        seed,
        learned.fingerprint,
        region_text,
    )
    hit = disk_cache.load(k)
    if hit is None:
        hit = fit_baseline(obs, group, n_paths, seed, hist, learned)
        disk_cache.save(k, hit)
    return hit


def fit_baseline(
    obs: Observed,
    group: list[Target],
    n_paths: int,
    seed: int,
    hist: pd.DataFrame,
    learned: Learned,
):
    """The series' one forecast (``forecast_series``) read at the times the targets need."""
    times = {
        x for t in group for kind, p, _ in t.parts() for x in needed_times(kind, p, obs.annual)
    }
    if not obs.annual and obs.n_points and max(times) > obs.t[-1]:
        # The anchor a lever's extra additions build on; also when a time before it is read (a
        # growth target begun in the past), else those observed additions would be lifted too.
        times.add(float(obs.t[-1]))
    times = sorted(times)
    # Read no later than the last time needed: the random walks draw only to there.
    last = max(times)
    fc = forecast_series(
        hist, obs.region, obs.indicator, n_paths, seed, learned, until=last, obs=obs, need=last
    )
    if not fc.ok:
        return None, None, fc.reason
    times = np.asarray(times)
    # A year partly observed (1-10月) takes its figure so far (``year_to_date``).
    sims = read_conditioned(fc, obs, times, seed, learned.as_of)
    paths = Paths(times, sims, obs.annual, obs.additive, spans=flow_spans(obs))
    split = year_split(obs, group, n_paths, seed, learned.as_of)
    if split is not None:
        paths.h1_share = split.shares
    return paths, fc, ""


def year_split(obs: Observed, group: list[Target], n_paths: int, seed: int, as_of: int | None):
    """Each path's January-June share of the calendar years the group's periods cut in half
    (July-June years), from the series' own stream: the paths and the outcome that history
    settles use the same draws. None for a stock or rate, or when no period cuts a year."""
    halves = {
        y
        for t in group
        for k, p, _ in t.parts()
        for q in read_periods(k, p)
        for y in half_year_years(q)
    }
    if not (obs.additive and halves):
        return None
    mean, sd = h1_share(indicator_row(obs.indicator)["family"], as_of)
    # One stream per year: a year's shares do not depend on which other years the run's targets
    # cut (a target added to the table left the others' draws, and their P(hit), moved).
    shares = {}
    for y in sorted(halves):
        rng = streams.stream(seed, obs.region, obs.indicator, "h1", int(y))
        shares |= half_year_shares([y], mean, sd, n_paths, rng)
    return Split(shares, mean, sd)
