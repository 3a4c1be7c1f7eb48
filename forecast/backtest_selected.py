"""Backtest of the forecast ``ipcast run`` itself would make, at every origin the data allow.

The candidates of ``backtest`` need five points before an origin; a planner's short series
mostly gets the borrowed-prior random walk instead. Here each origin's forecast is exactly the
one a run as of that year uses (``chain.forecast_series``, the same fallback chain, with the
priors, members and calibration known then and the series' region left out:
``learned.provider(origin, region)``), scored like the candidates under the key ``selected``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.catalog import indicator as indicator_row
from . import streams
from .backtest import MIN_POINTS, _block, _score_row, run_backtest
from .chain import forecast_series
from .learned import provider
from .models import CANDIDATES
from .panels import Series
from .series import Observed, is_annual

# The selected forecast needs this many own points before an origin to be worth scoring; with
# nothing to borrow, as many as ``run`` needs.
MIN_SELECTED_POINTS = 2
MIN_OWN_POINTS = 3
# Candidates scored only on request: never chosen as ensemble members on the panels (the
# calibration table's members, ``calibrate.MEMBERS``, leave them out) and the slowest to fit
# (the ARIMA search takes seconds a fit, Prophet most of a second).
OPT_IN = ("damped_ets", "arima", "prophet")


def _borrow(slug: str) -> str | None:
    try:
        return indicator_row(slug)["borrow"] or None
    except KeyError:
        return None


def _annual(slug: str) -> bool:
    try:
        return is_annual(slug)
    except KeyError:
        return True


def origins_from_data(series: list[Series], min_points: int = MIN_SELECTED_POINTS) -> list[int]:
    """Every year after which some series has ``min_points`` points and an outcome to score."""
    out = set()
    for s in series:
        years = s.years.astype(int)
        out |= {int(y) for y in years[min_points - 1 : -1]}
    return sorted(out)


def selected_scores(
    series: list[Series], origins, horizons: int, n_paths: int, seed: int, progress=None
):
    rows = []
    for i, s in enumerate(series):
        if progress and i:
            progress(i, len(series))
        borrow, annual = _borrow(s.indicator), _annual(s.indicator)
        for o in origins:
            past = s.until(o)
            future = {int(y): v for y, v in zip(s.years, s.values, strict=True) if y > o}
            steps = [h for h in range(1, horizons + 1) if o + h in future]
            if len(past.values) < MIN_SELECTED_POINTS or not steps:
                continue
            shift = 0.0 if annual else 1.0  # stocks are read at year ends
            t = past.years.astype(float) + shift
            obs = Observed(s.region, s.indicator, "", annual, annual, t, past.values, [], [])
            learned = provider(o, s.region)
            prior = learned.priors.get(borrow) if borrow else None
            if prior is None and len(past.values) < MIN_OWN_POINTS:
                continue  # `run` refuses these too: nothing to borrow, too few own points
            times = [float(o + h) + shift for h in range(1, horizons + 1)]
            key = int(streams.backtest(seed, s.key + ":selected", o).integers(2**31 - 1))
            fc = forecast_series(
                None, s.region, s.indicator, n_paths, key, learned, obs=obs, borrow=borrow or ""
            )
            if not fc.ok:
                continue
            step = next(v["step"] for v in fc.chain if v["used"])
            logs = np.log(np.maximum(fc.at(times), 1e-300))
            x = np.log(past.values)
            trend = np.mean(np.diff(x)) if len(x) > 1 else 0.0
            for h in steps:
                y = np.log(future[o + h])
                rows.append(
                    _score_row(
                        s, "selected", step, o, h, logs[:, h - 1], y, x[-1] + h * trend, x[-1]
                    )
                )
    if progress and series:
        progress(len(series), len(series))
    return pd.DataFrame(rows)


def backtest_summary(
    series: list[Series],
    start: int,
    horizons: int,
    n_paths: int,
    seed: int,
    jobs: int = 1,
    with_prophet: bool = False,
    progress=None,
    all_models: bool = False,
) -> dict:
    """The candidates and the ensemble where a series is long enough for them, and the
    ``selected`` forecast at every origin from ``start``; ``n_scored`` counts what was scored."""
    result: dict = {"models": {}}
    long = [s for s in series if len(s.years) >= MIN_POINTS + 1]
    naive = None
    if long:
        wanted = set(CANDIDATES) if all_models else {"prophet"} if with_prophet else set()
        models = [m for m in CANDIDATES if m not in OPT_IN or m in wanted]
        stage = _stage(progress)
        bt = run_backtest(long, start, models, horizons, n_paths, seed, jobs, progress=stage)
        if (bt.scores["origin"] >= start).any():
            result.update(bt.summary())
            ev = bt.scores[bt.scores["origin"] >= start]
            naive = ev[ev["model"] == "naive"]
    origins = [o for o in origins_from_data(series) if o >= start]
    sel = selected_scores(series, origins, horizons, n_paths, seed, _stage(progress, "selected"))
    if not sel.empty:
        keys = ["series", "origin", "h"]
        matched = (
            sel.merge(naive[keys + ["crps"]], on=keys, suffixes=("", "_naive"))
            if (naive is not None)
            else pd.DataFrame()
        )
        result["selected"] = _block(sel, np.nan)
        steps = sel["used"].value_counts().items()  # which step of the chain forecast
        result["selected"]["steps"] = {k: int(v) for k, v in steps}
        if len(matched):  # skill on the forecasts both made (naive needs five points)
            skill = 1 - matched["crps"].mean() / matched["crps_naive"].mean()
            result["selected"]["crps_skill_vs_naive"] = float(skill)
    result["n_series"] = len(series)
    blocks = [result.get("selected"), result.get("ensemble"), *result["models"].values()]
    result["n_scored"] = sum(b["n_forecasts"] for b in blocks if b)
    return result


def _stage(progress, stage: str = "models"):
    """``progress(i, n)`` for one stage of a backtest, told which (``notes.series_done``)."""
    return None if progress is None else (lambda i, n: progress(i, n, stage))


def default_start(series: list[Series]) -> int:
    """The first origin scored when none is given: the earliest the data allow, at most the
    last ten years."""
    origins = origins_from_data(series)
    last = max(int(s.years[-1]) for s in series)
    return max(origins[0], last - 11) if origins else last


def as_observed(series: Series) -> Observed:
    """A panel series as the observations of one region's yearly flow."""
    t = series.years.astype(float)
    y = np.asarray(series.values, dtype=float)
    return Observed(series.region, series.indicator, "", True, True, t, y, [], [])
