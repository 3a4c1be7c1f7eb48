"""Backtest of the forecast a county gets: one to three own points and a borrowed prior.

For each panel series and origin, only its last ``k`` points up to the origin are kept; the prior
is learned from the *other* regions' series as known at the origin. This is how the bundled
regions are forecast, so its coverage is what their probabilities are worth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .backtest import Backtest, _rng, _score_row
from .damping import PHI, damp_paths
from .ensemble_backtest import CHOSEN_RULE, ensemble_scores
from .panels import Series
from .priors import panel_prior
from .rwdrift import LogRandomWalkDrift


def short_name(k: int) -> str:
    return f"prior_{k}pt"


def run_short_backtest(
    series: list[Series],
    start: int,
    points=(1, 2, 3),
    horizons: int = 3,
    n_paths: int = 500,
    seed: int = 0,
    stock_proxy: bool = False,
    window: int | None = None,
) -> Backtest:
    last = max(int(s.years[-1]) for s in series)
    first = min(int(s.years[0]) for s in series) + 4
    rows = []
    for origin in range(first, last):
        priors = {}
        for s in series:
            if s.region not in priors:
                priors[s.region] = panel_prior(
                    series, "panel", until=origin, skip_region=s.region, stock_proxy=stock_proxy
                )
        for s in series:
            rows += _one(s, origin, priors[s.region], points, horizons, n_paths, seed)
    df = pd.DataFrame(rows)
    parts = [df]
    for k in points:
        sub = df[df["model"] == short_name(k)]
        parts.append(
            ensemble_scores(
                sub,
                members=(short_name(k),),
                name=f"calibrated_{k}pt",
                window=window,
                rule=CHOSEN_RULE,
            )
        )
    return Backtest(pd.concat(parts, ignore_index=True), start)


def _one(s: Series, origin, prior, points, horizons, n_paths, seed) -> list[dict]:
    past = s.until(origin)
    future = {int(y): v for y, v in zip(s.years, s.values, strict=True) if y > origin}
    steps = [h for h in range(1, horizons + 1) if origin + h in future]
    if len(past.values) < max(points) + 1 or not steps:
        return []
    rng = _rng(seed, s.key, origin)
    x = np.log(past.values)
    trend = np.mean(np.diff(x))
    out = []
    ahead = np.arange(1, horizons + 1)
    for k in points:
        walk = prior.for_walk()  # as ``steps._walk`` borrows it
        model = LogRandomWalkDrift(walk).fit(past.values[-k:], past.years[-k:].astype(float))
        # damped as ``run`` damps a county's random walk (``steps._walk``)
        paths = damp_paths(model.simulate(horizons, n_paths, rng), past.values[-1], ahead, PHI)
        logs = np.log(paths)
        for h in steps:
            out.append(
                _score_row(
                    s,
                    short_name(k),
                    short_name(k),
                    origin,
                    h,
                    logs[:, h - 1],
                    np.log(future[origin + h]),
                    x[-1] + h * trend,
                    x[-1],
                )
            )
    return out
