"""The Monte Carlo engine in one call: ``assess`` prepares the baseline of every target
(``baseline.prepare``) and judges each under a scenario (``judge.judge``), a chunk of regions at a
time so that only one chunk's paths are held in memory."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..data.target_files import Target
from ..forecast.learned import Learned, by_value, provider
from . import PATHS
from .baseline import h1_share as h1_share  # learned as of a year; see baseline
from .baseline import prepare
from .judge import judge
from .levers import BASELINE, Scenario
from .parallel import cluster

# Regions whose paths are held in memory at once by ``assess``.
CHUNK_REGIONS = 50


def assess(
    targets: list[Target],
    history: pd.DataFrame,
    n_paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    today: date | None = None,
    scenario: Scenario = BASELINE,
    jobs: int = 1,
    scheduler: str | None = None,
    learned: Learned | None = None,
) -> list[dict]:
    """Records for every target, regions taken a chunk at a time (every series has its own random
    stream, so chunking changes nothing). With ``jobs`` > 1 or a Dask ``scheduler`` each worker
    prepares and judges whole regions and sends back records, not paths."""
    regions = list(dict.fromkeys(t.region for t in targets))
    if jobs > 1 or scheduler:
        return _assess_spread(
            targets,
            history,
            regions,
            n_paths,
            seed,
            as_of,
            today,
            scenario,
            jobs,
            scheduler,
            learned,
        )
    out: dict[str, dict] = {}
    with cluster(scheduler):  # one Dask client for every chunk
        for i in range(0, len(regions), CHUNK_REGIONS):
            chunk = set(regions[i : i + CHUNK_REGIONS])
            mine = [t for t in targets if t.region in chunk]
            hist = history[history["region"].isin(chunk)]
            runs = prepare(
                mine, hist, n_paths, seed, as_of, today, jobs, scheduler=scheduler, learned=learned
            )
            for r in runs:
                out[f"{r.target.region}/{r.target.id}"] = judge(r, scenario)
    return [out[f"{t.region}/{t.id}"] for t in targets]


# Tasks per worker process: enough to even out regions of unequal size, few enough that each
# task's fixed cost (its targets, history rows and learned inputs shipped once) stays small.
TASKS_PER_WORKER = 4


def _assess_spread(
    targets, history, regions, n_paths, seed, as_of, today, scenario, jobs, scheduler, learned
) -> list[dict]:
    """``assess`` spread over workers by region: a region's series, their lever draws and their
    judging stay in one task, so the records are those of one process, byte for byte."""
    from joblib import delayed

    from ..forecast.workers import quiet_workers
    from .parallel import execute

    today = today or date.today()  # the same day in every worker
    # Workers are sent the learned inputs themselves (about 300 kB: with each task to a local
    # process, broadcast once to a Dask cluster) rather than a reference each would resolve by
    # learning them again (a second or more each without a cache)
    learned = by_value(learned or provider(as_of))
    calls = []
    for chunk in map(set, region_chunks(regions, jobs)):
        mine = [t for t in targets if t.region in chunk]
        hist = history[history["region"].isin(chunk)]
        calls.append(
            delayed(_assess_here)(mine, hist, n_paths, seed, as_of, today, scenario, learned)
        )
    out: dict[str, dict] = {}
    with cluster(scheduler), quiet_workers(True):
        for recs in execute(calls, jobs, scheduler):
            out.update({f"{r['region']}/{r['target_id']}": r for r in recs})
    return [out[f"{t.region}/{t.id}"] for t in targets]


def region_chunks(regions: list[str], jobs: int) -> list[list[str]]:
    """``regions`` in order, cut into about ``TASKS_PER_WORKER`` tasks per worker (at least two
    workers' worth, for a Dask cluster), none over ``CHUNK_REGIONS`` regions."""
    if not regions:
        return []
    n_tasks = max(1, min(len(regions), TASKS_PER_WORKER * max(jobs, 2)))
    size = min(CHUNK_REGIONS, -(-len(regions) // n_tasks))
    return [regions[i : i + size] for i in range(0, len(regions), size)]


def _assess_here(targets, history, n_paths, seed, as_of, today, scenario, learned) -> list[dict]:
    runs = prepare(targets, history, n_paths, seed, as_of, today, 1, learned=learned)
    return [judge(r, scenario) for r in runs]
