"""``run``, ``forecast`` and ``backtest``: the probability of every target, the fan of a region's
series, and how well the forecasts did on the past."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..data import userstore
from ..data.errors import InputError
from ..data.said import file_place
from ..forecast import cache as disk_cache
from ..report import notes
from ..scenarios import PATHS

# The modules that fit and judge (pandas, scipy) are imported inside the functions that use
# them: a run whose result is already saved (same data, code, seed and paths) needs none of them.

Progress = Callable[[str], None] | None


REGIONS_PER_STEP = 16


def say(progress: Progress, text: str) -> None:
    if progress is not None:
        progress(text)


def starting(progress: Progress, region: str, targets: int, paths: int, charts: bool = False):
    """Say that the work on ``region``'s targets has started (its Chinese name, then its code)."""
    if progress is not None:
        from ..data.catalog import region_names

        zh = region_names({region}).get(region, region)
        say(progress, notes.progress(zh, region, targets, paths, charts))


def run(
    region: str | None = None,
    *,
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    cache: bool = True,
    progress: Progress = None,
    regions_done: Callable[[int, int], None] | None = None,
    leave_out: str | None = None,
) -> list[dict]:
    """One record per target: status, ``p_hit`` and its standard error, median and 10/90 % range
    in the plan's unit. With ``as_of``, each record also says what is known now (``now_*``).
    With ``leave_out`` (a panel region: ``anhui``, 安徽), the priors and calibration are learned
    without that region's own series, as a backtest of it learns them (``bench_phit.py``).
    A run of the bundled plans on the stored history is saved in the cache, keyed by everything
    its records depend on (code, bundled data, the user's store, region, paths, seed, as-of year,
    region left out and today's date), and read back the next time instead of being computed
    again."""
    if region is not None:
        from .inputs import check_region

        region = check_region(region)
    if as_of is not None:
        from .inputs import check_as_of

        check_as_of(as_of)
    if leave_out is not None:
        from .inputs import check_leave_out

        leave_out = check_leave_out(leave_out)
    saved = None
    if cache and history_file is None and targets_file is None and not names:
        saved = saved_run_key(region, paths, seed, as_of, leave_out)
        records = disk_cache.load(saved, RUNS)
        if records is not None:
            return records
    from ..forecast.learned import provider
    from ..scenarios.engine import assess
    from ..scenarios.hindcast import beside_now
    from ..scenarios.parallel import cluster
    from .inputs import load_history, region_targets, select_targets

    # a region with no targets is told how to give them, not shown an empty table
    targets = (
        region_targets(region, targets_file, names=names)
        if region
        else select_targets(None, targets_file, names)
    )
    history = load_history(history_file, names=names)
    regions = list(dict.fromkeys(t.region for t in targets))
    # a province-wide run goes a batch of regions at a time: one pool of workers per batch
    step = 1 if len(regions) <= 5 else REGIONS_PER_STEP
    records: list[dict] = []
    with disk_cache.switched(cache), cluster(scheduler):  # one Dask client for the whole run
        for i in range(0, len(regions), step):
            batch = set(regions[i : i + step])
            mine = [t for t in targets if t.region in batch]
            if regions_done is not None:
                regions_done(i, len(regions))
            elif step == 1:
                starting(progress, regions[i], len(mine), paths)
            else:
                say(progress, notes.progress(*notes.regions_progress(len(batch)), len(mine), paths))
            learned = provider(as_of, leave_out)
            recs = assess(
                mine, history, paths, seed, as_of, jobs=jobs, scheduler=scheduler, learned=learned
            )
            if as_of is not None:
                learned_now = provider(None, leave_out)
                now = assess(
                    mine, history, paths, seed, jobs=jobs, scheduler=scheduler, learned=learned_now
                )
                recs = beside_now(recs, now)
            records += recs
        if regions_done is not None:
            regions_done(len(regions), len(regions))
        if saved is not None:
            disk_cache.save(saved, records, RUNS)
    return records


# The cache folder of saved runs (beside the fitted baselines, which are kept apart so that a
# benchmark can time a run whose fits are cached but whose result is not).
RUNS = "runs"


def saved_run_key(
    region: str | None, paths: int, seed: int, as_of: int | None, leave_out: str | None = None
) -> str:
    """The cache key of a run of the bundled plans: the package's code and data files, the
    user's stored figures (the file's bytes), the settings, and today's date (which settles
    targets whose period is over and floors partly observed years)."""
    store = userstore.store_path()
    stored = store.read_bytes() if store.is_file() else b""
    today = date.today().isoformat()
    return disk_cache.key(
        "run", disk_cache.package_version(), region, paths, seed, as_of, leave_out, today, stored
    )


def forecast(
    region: str,
    *,
    indicator: str | None = None,
    horizon: int = 5,
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
) -> list[dict]:
    """One record per indicator of ``region`` (or just ``indicator``): its history, and the fan
    (median, 10/90 %, 2.5/97.5 %) for ``horizon`` years, with the method and what was borrowed."""
    from ..forecast.report import fan_records
    from .inputs import check_as_of, check_indicator, check_region, load_history

    region = check_region(region)
    check_as_of(as_of)
    history = load_history(history_file, names=names)
    indicator = check_indicator(indicator, history, names)
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
    names: list[str] | dict[str, str] | None = None,
    panel: str | None = None,
    horizon: int = 3,
    start: int | None = None,
    paths: int = 500,
    seed: int = 0,
    jobs: int = 1,
    with_prophet: bool = False,
    progress: Progress = None,
    all_models: bool = False,
) -> dict:
    """Rolling-origin backtest of a panel, a file or the stored history: coverage, CRPS, PIT
    and Brier per model, for the ensemble, and for the forecast ``run`` uses at each origin
    (``selected``); origins come from the data; ``source``, ``start`` and ``horizons`` say what
    was run. Nothing to score is an ``InputError`` saying what is missing."""
    from ..forecast.backtest_selected import MIN_SELECTED_POINTS, backtest_summary, default_start

    series, where = backtest_series(region, history_file, panel, names)
    first = start or default_start(series)
    result = backtest_summary(
        series,
        first,
        horizon,
        paths,
        seed,
        jobs,
        with_prophet,
        progress=None if progress is None else lambda *a: say(progress, notes.series_done(*a)),
        all_models=all_models,
    )
    if not result["n_scored"]:
        raise InputError(
            where,
            (
                f"没有哪条序列在某个起点{f'（{start}年或以后）' if start else ''}之前有连续"
                f"{MIN_SELECTED_POINTS}年以上的年度数值、且起点之后还有一年的数值：无可评分",
                f"no series with {MIN_SELECTED_POINTS}+ consecutive yearly values up to an origin"
                f"{' from ' + str(start) if start else ''} and one after it: nothing to score",
            ),
            (
                "导入更多年份，或给更早的 --start",
                "import more years, or give an earlier --start",
            ),
        )
    result.update(source=where[1], start=first, horizons=horizon)
    return result


def backtest_series(
    region: str | None,
    history_file: Path | None,
    panel: str | None,
    names: list[str] | dict[str, str] | None = None,
):
    """The series a backtest scores and where they came from, ``(Chinese, English)``: the
    English is the result's ``source``."""
    from ..data.history import combine
    from ..data.readers import read_history_file
    from ..forecast.backtest_selected import MIN_SELECTED_POINTS
    from ..forecast.panels import PANELS, panel_series
    from ..forecast.series import yearly_series
    from .inputs import check_region, name_map

    if panel:
        if panel not in PANELS:
            raise InputError(
                "--panel",
                (f"无法识别的面板“{panel}”", f"unknown panel '{panel}'"),
                (f"用以下之一：{'、'.join(PANELS)}", f"use one of {list(PANELS)}"),
            )
        label = PANELS[panel][1]
        return list(panel_series(panel)), (f"面板 {panel}（{label}）", label)
    if history_file is not None:
        rows = read_history_file(history_file, region, any_region=True, names=name_map(names)).rows
        hist = rows.assign(exclude="")
        where = file_place(history_file)
    else:
        region = check_region(region)
        hist = combine(userstore.load())
        hist = hist[hist["region"] == region] if region else hist
        where = (
            f"ipcast 中的历史数据{'（' + region + '）' if region else ''}",
            f"ipcast history{' of ' + region if region else ''}",
        )
    series = yearly_series(hist, MIN_SELECTED_POINTS + 1)
    if not series:
        # A bureau's July-June years are yearly figures too, but not calendar years: say so,
        # or "no 3+ consecutive yearly values" reads as wrong beside seven of them.
        spans = [p for p in hist["period"] if _july_june(str(p))]
        why = (
            (
                f"（{len(spans)}个数字按跨年的统计期，如{spans[0]}，回测按日历年：请导入日历年"
                "数字，如2019、2020……）",
                f" ({len(spans)} figures are over spans across a year end, e.g. {spans[0]}; "
                "backtests run by calendar year: import calendar-year figures, 2019, 2020 …)",
            )
            if spans
            else ("", "")
        )
        raise InputError(
            where,
            (
                f"没有连续{MIN_SELECTED_POINTS + 1}年以上年度数值的序列{why[0]}",
                f"no series with {MIN_SELECTED_POINTS + 1}+ consecutive yearly values{why[1]}",
            ),
            (
                "导入更长的序列，或用 --panel china_provinces",
                "import a longer series, or use --panel china_provinces",
            ),
        )
    return series, where


def _july_june(period: str) -> bool:
    """A span across a year end that starts mid-year (2025-07/2026-06)."""
    from ..data.periods import parse_period

    p = parse_period(period)
    return p.start % 1 > 1e-9 and int(p.start) != int(p.end - 1e-9)
