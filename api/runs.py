"""``run``, ``forecast`` and ``backtest``: the probability of every target, the fan of a region's
series, and how well the forecasts did on the past."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..data import userstore
from ..data.errors import InputError
from ..data.history import combine
from ..data.readers import read_history_file
from ..forecast import cache as disk_cache
from ..forecast.backtest import MIN_POINTS, default_start, run_backtest
from ..forecast.models import CANDIDATES
from ..forecast.panels import PANELS, panel_series
from ..forecast.report import fan_records
from ..forecast.series import yearly_series
from ..scenarios.engine import assess
from ..scenarios.hindcast import beside_now
from .inputs import check_indicator, check_region, load_history, select_targets

Progress = Callable[[str], None] | None


def say(progress: Progress, text: str) -> None:
    if progress is not None:
        progress(text)


def run(
    region: str | None = None,
    *,
    paths: int = 4000,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    targets_file: Path | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    cache: bool = True,
    progress: Progress = None,
) -> list[dict]:
    """One record per target: status, ``p_hit`` and its standard error, median and 10/90 % range
    in the plan's unit. With ``as_of``, each record also says what is known now (``now_*``)."""
    check_region(region)
    targets = select_targets(region, targets_file)
    history = load_history(history_file)
    records: list[dict] = []
    with disk_cache.switched(cache):
        for reg in dict.fromkeys(t.region for t in targets):
            mine = [t for t in targets if t.region == reg]
            say(progress, f"… {reg}: {len(mine)} targets, {paths} paths")
            recs = assess(mine, history, paths, seed, as_of, jobs=jobs, scheduler=scheduler)
            if as_of is not None:
                now = assess(mine, history, paths, seed, jobs=jobs, scheduler=scheduler)
                recs = beside_now(recs, now)
            records += recs
    return records


def forecast(
    region: str,
    *,
    indicator: str | None = None,
    horizon: int = 5,
    paths: int = 4000,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
) -> list[dict]:
    """One record per indicator of ``region`` (or just ``indicator``): its history, and the fan
    (median, 10/90 %, 2.5/97.5 %) for ``horizon`` years, with the method and what was borrowed."""
    check_region(region)
    check_indicator(indicator)
    history = load_history(history_file)
    if indicator:
        slugs = [indicator]
    else:
        mine = history[(history["region"] == region) & (history["exclude"] == "")]
        slugs = [s for s in dict.fromkeys(mine["indicator"]) if s not in ("gdp",)]
    return fan_records(history, region, slugs, horizon, paths, seed, as_of)


def backtest(
    region: str | None = None,
    *,
    history_file: Path | None = None,
    panel: str | None = None,
    horizon: int = 3,
    start: int | None = None,
    paths: int = 500,
    seed: int = 0,
    jobs: int = 1,
    with_prophet: bool = False,
    progress: Progress = None,
) -> dict:
    """Rolling-origin backtest of a panel, a file or the stored history: coverage, CRPS, PIT
    and Brier per model and for the ensemble; ``source``, ``start`` and ``horizons`` say what was
    run."""
    series, label = backtest_series(region, history_file, panel)
    first = start or default_start(series)
    models = [m for m in CANDIDATES if with_prophet or m != "prophet"]
    result = run_backtest(
        series,
        first,
        models,
        horizon,
        paths,
        seed,
        jobs,
        progress=None if progress is None else lambda i, n: say(progress, f"… {i}/{n} series"),
    ).summary()
    result.update(source=label, start=first, horizons=horizon)
    return result


def backtest_series(region: str | None, history_file: Path | None, panel: str | None):
    """The series a backtest scores and a label saying where they came from."""
    if panel:
        if panel not in PANELS:
            raise InputError("--panel", f"unknown panel '{panel}'", f"use one of {list(PANELS)}")
        return list(panel_series(panel)), PANELS[panel][1]
    if history_file is not None:
        rows = read_history_file(history_file, region, any_region=True).rows
        hist = rows.assign(exclude="")
        label = str(history_file)
    else:
        check_region(region)
        hist = combine(userstore.load())
        hist = hist[hist["region"] == region] if region else hist
        label = f"ipcast history{' of ' + region if region else ''}"
    series = yearly_series(hist, MIN_POINTS + 1)
    if not series:
        raise InputError(
            label,
            f"no series with {MIN_POINTS + 1}+ consecutive yearly values",
            "import a longer series, or use --panel china_provinces",
        )
    return series, label
