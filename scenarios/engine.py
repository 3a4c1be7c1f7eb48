"""The Monte Carlo engine in one call: ``assess`` prepares the baseline of every target
(``baseline.prepare``) and judges each under a scenario (``judge.judge``), a chunk of regions at a
time so that only one chunk's paths are held in memory."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..data.target_files import Target
from ..forecast.learned import Learned
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
    n_paths: int = 4000,
    seed: int = 0,
    as_of: int | None = None,
    today: date | None = None,
    scenario: Scenario = BASELINE,
    jobs: int = 1,
    scheduler: str | None = None,
    learned: Learned | None = None,
) -> list[dict]:
    """Records for every target, regions taken a chunk at a time (every series has its own random
    stream, so chunking changes nothing)."""
    regions = list(dict.fromkeys(t.region for t in targets))
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
