"""Commands that forecast: run, forecast, backtest."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .. import api
from ..report import views
from ..report.result_tables import forecast_tables, run_tables
from ..report.run_table import run_table
from ..report.tables import Format, plain, render
from .common import RegionBar, app, call, to_stderr
from .help import Command
from .options import (
    AS_OF,
    FORMAT,
    HISTORY,
    INDICATOR,
    JOBS,
    LANG,
    MAP,
    NO_CACHE,
    OUT,
    PATHS,
    REGION,
    REGION_REQUIRED,
    SCHEDULER,
    SEED,
    TARGETS,
    paths_option,
)
from .output import file_format, save, show_readings


@app.command("run", cls=Command, short_help="测算全部目标的达标概率 / Forecast every target")
def run_cmd(
    region: str = REGION,
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    leave_out: str = typer.Option(
        None,
        "--leave-out",
        help="学习先验和校准时不用该面板地区的序列（anhui、安徽），以复现对它的回测 / "
        "learn priors and calibration without this panel region's series (anhui, 安徽), "
        "to reproduce a backtest of it",
    ),
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
    fmt: Format = FORMAT,
    out: Path = OUT,
    lang: str = LANG,
    no_cache: bool = NO_CACHE,
    jobs: int = JOBS,
    scheduler: str = SCHEDULER,
):
    """测算每项目标：达标概率和可能区间。

    Forecast every target: probability of meeting it, and the likely range."""
    kind = call(file_format, out, fmt)
    readings = call(show_readings, targets_file, region, names)
    records = call(
        api.run,
        region,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        jobs=jobs,
        scheduler=scheduler,
        cache=not no_cache,
        progress=to_stderr,
        regions_done=RegionBar(),
        leave_out=leave_out,
    )
    if fmt in (Format.table, Format.xlsx):
        codes = {r["region"] for r in records}
        heads = api.figures.region_names(codes=codes) if lang == "zh" else None
        table = run_table(records, lang, heads, hindcast=as_of is not None)
        typer.echo(table + "\n" + views.footer(records, lang))
    else:
        typer.echo(render(records, fmt))
    if kind:
        history = call(api.load_history, history_file, names=names)
        save(out, kind, records, run_tables(records), history, readings)


@app.command(
    "forecast", cls=Command, short_help="各指标的历史与预测区间 / History and fan of indicators"
)
def forecast_cmd(
    region: str = REGION_REQUIRED,
    indicator: str = INDICATOR,
    horizon: int = typer.Option(
        5, "--horizon", min=1, max=15, help="预测年数 / years forecast ahead"
    ),
    paths: int = PATHS,
    seed: int = SEED,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    fmt: Format = FORMAT,
    out: Path = OUT,
):
    """某地区各指标的历史数据和预测区间表（中位数、10%/90%、2.5%/97.5%分位）。

    History and fan table (median, 10/90 %, 2.5/97.5 %) of a region's indicators."""
    kind = call(file_format, out, fmt)
    recs = call(
        api.forecast,
        region,
        indicator=indicator,
        horizon=horizon,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
    )
    if fmt == Format.json:
        typer.echo(render(recs, fmt))
    elif fmt == Format.csv:
        typer.echo(render(views.fan_rows(recs), fmt))
    else:
        typer.echo(views.fan_text(recs))
    if kind:
        save(
            out,
            kind,
            recs,
            forecast_tables(recs),
            call(api.load_history, history_file, names=names),
        )


@app.command("backtest", cls=Command, short_help="回测：预测准不准 / Rolling-origin backtest")
def backtest_cmd(
    region: str = REGION,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    panel: str = typer.Option(None, "--panel", help=f"回测面板 / a panel: {', '.join(api.PANELS)}"),
    horizon: int = typer.Option(
        3, "--horizon", min=1, max=5, help="向前预测的最大年数 / years ahead scored"
    ),
    start: int = typer.Option(None, "--start", help="第一个回测起点年份 / first origin scored"),
    paths: int = paths_option(500),
    seed: int = SEED,
    jobs: int = JOBS,
    with_prophet: bool = typer.Option(
        False, "--with-prophet", help="同时回测 Prophet（较慢） / also score Prophet (slower)"
    ),
    all_models: bool = typer.Option(
        False,
        "--all-models",
        help="同时回测阻尼 ETS、ARIMA 搜索和 Prophet（不入选组合模型；慢数倍） / also score "
        "damped ETS, the ARIMA search and Prophet (never chosen as ensemble members; several "
        "times slower)",
    ),
    fmt: Format = FORMAT,
):
    """滚动起点回测：各模型及组合模型的区间覆盖率、CRPS、PIT 和 Brier 分数。

    Rolling-origin backtest: coverage, CRPS, PIT and Brier per model and for the ensemble."""
    result = call(
        api.backtest,
        region,
        history_file=history_file,
        names=names,
        panel=panel,
        horizon=horizon,
        start=start,
        paths=paths,
        seed=seed,
        jobs=jobs,
        with_prophet=with_prophet,
        all_models=all_models,
        progress=to_stderr,
    )
    if fmt == Format.json:
        typer.echo(json.dumps(plain(result), ensure_ascii=False, indent=2))
    elif fmt == Format.csv:
        typer.echo(render(views.backtest_rows(result), fmt))
    else:
        typer.echo(views.backtest_text(result))
