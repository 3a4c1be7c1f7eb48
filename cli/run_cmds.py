"""Commands that forecast: run, forecast, backtest."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..data import userstore
from ..data.catalog import indicators
from ..data.errors import InputError
from ..data.history import combine
from ..data.readers import read_history_file
from ..forecast.backtest_selected import MIN_SELECTED_POINTS, backtest_summary, origins_from_data
from ..forecast.panels import PANELS, panel_series
from ..forecast.report import fan_records
from ..forecast.series import yearly_series
from ..report.tables import Format, plain, render
from ..scenarios.engine import assess
from ..scenarios.hindcast import beside_now
from .common import (
    AS_OF,
    FORMAT,
    HISTORY,
    JOBS,
    NO_CACHE,
    REGION,
    RUN_COLUMNS,
    SCHEDULER,
    TARGETS,
    app,
    check_region,
    fail,
    footer,
    load_history,
    num,
    readable,
    select_targets,
)


@app.command("run")
def run_cmd(
    region: str = REGION,
    paths: int = typer.Option(4000, "--paths", min=100),
    seed: int = typer.Option(0, "--seed"),
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
    no_cache: bool = NO_CACHE,
    jobs: int = JOBS,
    scheduler: str = SCHEDULER,
):
    """Forecast every target: probability of meeting it, and the likely range (达标概率)."""
    try:
        check_region(region)
        targets = select_targets(region, targets_file)
        history = load_history(history_file)
        records = []
        for reg in dict.fromkeys(t.region for t in targets):
            mine = [t for t in targets if t.region == reg]
            typer.echo(f"… {reg}: {len(mine)} targets, {paths} paths", err=True)
            recs = assess(mine, history, paths, seed, as_of, jobs=jobs, scheduler=scheduler)
            if as_of is not None:
                recs = beside_now(recs, assess(mine, history, paths, seed))
            records += recs
    except InputError as e:
        fail(e)
    if fmt == Format.table:
        cols = RUN_COLUMNS + (["now_status", "now_outcome", "now_p_hit"] if as_of else [])
        typer.echo(render([readable(r) for r in records], fmt, cols))
        footer(records)
    else:
        typer.echo(render(records, fmt))


@app.command("forecast")
def forecast_cmd(
    region: str = typer.Option(..., "--region", "-r"),
    indicator: str = typer.Option(None, "--indicator", "-i"),
    horizon: int = typer.Option(5, "--horizon", min=1, max=15),
    paths: int = typer.Option(4000, "--paths", min=100),
    seed: int = typer.Option(0, "--seed"),
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    fmt: Format = FORMAT,
):
    """History and fan table (median, 10/90 %, 2.5/97.5 %) of a region's indicators (预测)."""
    try:
        check_region(region)
        history = load_history(history_file)
        if indicator:
            if indicator not in indicators().index:
                raise InputError(
                    "--indicator",
                    f"unknown indicator '{indicator}'",
                    "use a code from `ipcast indicators`",
                )
            slugs = [indicator]
        else:
            mine = history[(history["region"] == region) & (history["exclude"] == "")]
            slugs = [s for s in dict.fromkeys(mine["indicator"]) if s not in ("gdp",)]
        recs = fan_records(history, region, slugs, horizon, paths, seed, as_of)
    except InputError as e:
        fail(e)
    if fmt == Format.json:
        typer.echo(render(recs, fmt))
        return
    if fmt == Format.csv:
        flat = [
            {
                "region": r["region"],
                "indicator": r["indicator"],
                "unit": r["unit"],
                "method": r["method"],
                **f,
            }
            for r in recs
            for f in r["fan"]
        ]
        typer.echo(render(flat, fmt))
        return
    for r in recs:
        typer.echo(f"\n{r['label_zh']} {r['indicator']} ({r['unit']}), {r['n_points']} point(s)")
        seen = ", ".join(f"{h['period']}: {num(h['value'])}" for h in r["history"])
        typer.echo(f"  history: {seen or 'none'}")
        if r.get("stale_years"):
            typer.echo(
                f"  last point {r['stale_years']} year(s) before the forecast start "
                f"(最新数据滞后 {r['stale_years']} 年): the fan starts at the as-of year"
            )
        if not r["fan"]:
            typer.echo(f"  {r['reason']}")
            continue
        typer.echo(f"  method: {r['method']}\n  borrowed: {r['borrowed']}")
        if r.get("weights"):
            typer.echo("  weights: " + ", ".join(f"{m} {w:.2f}" for m, w in r["weights"].items()))
        rows = [
            {k: (num(v) if isinstance(v, float) else v) for k, v in f.items()} for f in r["fan"]
        ]
        typer.echo(render(rows, Format.table))


@app.command("backtest")
def backtest_cmd(
    region: str = REGION,
    history_file: Path = HISTORY,
    panel: str = typer.Option(None, "--panel", help=f"one of {', '.join(PANELS)}"),
    horizon: int = typer.Option(3, "--horizon", min=1, max=5),
    start: int = typer.Option(None, "--start", help="first origin scored"),
    paths: int = typer.Option(500, "--paths", min=100),
    seed: int = typer.Option(0, "--seed"),
    jobs: int = typer.Option(1, "--jobs", min=1),
    with_prophet: bool = typer.Option(False, "--with-prophet", help="also score Prophet (slower)"),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
):
    """Rolling-origin backtest: coverage, CRPS, PIT and Brier per model, for the ensemble, and
    for the forecast `run` would use at each origin (`selected`); origins come from the data."""
    try:
        series, label = _backtest_series(region, history_file, panel)
        first = start or _default_start(series)

        def progress(i, n):
            typer.echo(f"… {i}/{n} series", err=True)

        result = backtest_summary(series, first, horizon, paths, seed, jobs, with_prophet, progress)
        if not result["n_scored"]:
            raise InputError(
                label,
                f"nothing to score: no series has {MIN_SELECTED_POINTS}+ consecutive yearly "
                f"values up to an origin{' from ' + str(start) if start else ''} and one after it",
                "import more years, or give an earlier --start",
            )
    except InputError as e:
        fail(e)
    result.update(source=label, start=first, horizons=horizon)
    if fmt == Format.json:
        typer.echo(json.dumps(plain(result), ensure_ascii=False, indent=2))
        return
    blocks = [("selected", result.get("selected")), ("ensemble", result.get("ensemble"))]
    rows = [{"model": m, **_brief(b)} for m, b in blocks if b]
    rows += [{"model": m, **_brief(b)} for m, b in result["models"].items()]
    typer.echo(f"{label}: {result['n_series']} series, origins from {first}, horizons 1-{horizon}")
    typer.echo(render(rows, fmt))


def _brief(b: dict) -> dict:
    keys = ("coverage_80", "coverage_95", "crps", "crps_skill_vs_naive", "brier", "n_forecasts")
    return {k: b[k] for k in keys}


def _backtest_series(region, history_file, panel):
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
    series = yearly_series(hist, MIN_SELECTED_POINTS + 1)
    if not series:
        raise InputError(
            label,
            f"no series with {MIN_SELECTED_POINTS + 1}+ consecutive yearly values",
            "import a longer series, or use --panel china_provinces",
        )
    return series, label


def _default_start(series) -> int:
    """The first origin scored: the earliest the data allow, at most ten years back."""
    origins = origins_from_data(series)
    last = max(int(s.years[-1]) for s in series)
    return max(origins[0], last - 11) if origins else last
