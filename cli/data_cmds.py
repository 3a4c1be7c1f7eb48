"""Commands on data: regions, indicators, history, targets, template, import."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import api
from ..data.errors import InputError
from ..report import notes
from ..report.result_tables import (
    HISTORY_COLUMNS,
    INDICATOR_COLUMNS,
    REGION_COLUMNS,
    TARGET_COLUMNS,
    history_screen,
    history_tables,
    indicator_screen,
    region_screen,
    target_screen,
)
from ..report.tables import Format, render
from .common import app, fail
from .help import Command, Group
from .options import (
    ACCEPT_LARGE,
    AS_OF,
    FORMAT,
    HISTORY,
    INDICATOR,
    MAP,
    OUT,
    REGION,
    REGION_REQUIRED,
    SHEET,
    TARGETS,
    out_option,
)
from .output import file_format, save, show_readings


@app.command("regions", cls=Command, short_help="地区列表 / Regions")
def regions_cmd(
    as_of: int = AS_OF,
    fmt: Format = FORMAT,
    every: bool = typer.Option(
        False,
        "--all",
        help="全国所有行政区划，不限于有数据的 / every division of China, not only those with "
        "figures",
    ),
):
    """地区：级别、上级地区、规划和最新人口。

    Regions, their level, parent, plan and latest population."""
    try:
        recs = api.figures.regions(as_of, every)
    except InputError as e:
        fail(e)
    if fmt == Format.table:
        typer.echo(render(region_screen(recs), fmt, REGION_COLUMNS))
    else:
        typer.echo(render(recs, fmt))


@app.command("indicators", cls=Command, short_help="指标目录 / The indicator catalog")
def indicators_cmd(fmt: Format = FORMAT):
    """指标目录，以及你导入过的自定义指标。

    The indicator catalog and the custom indicators you imported."""
    try:
        recs = api.figures.indicators()
    except InputError as e:
        fail(e)
    if fmt == Format.table:
        typer.echo(render(indicator_screen(recs), fmt, INDICATOR_COLUMNS))
    else:
        typer.echo(render(recs, fmt))


@app.command("history", cls=Command, short_help="历史数据及来源 / Real figures and sources")
def history_cmd(
    region: str = REGION,
    indicator: str = INDICATOR,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    fmt: Format = FORMAT,
    out: Path = OUT,
):
    """预测所依据的实际数字，逐条注明来源。

    Real figures behind the forecasts, each with its source."""
    try:
        kind = file_format(out, fmt)
        recs = api.figures.history(region, indicator, as_of, history_file, names)
    except InputError as e:
        fail(e)
    if fmt in (Format.table, Format.xlsx):
        typer.echo(render(history_screen(recs), Format.table, HISTORY_COLUMNS))
    else:
        typer.echo(render(recs, fmt))
    if kind:
        save(out, kind, recs, history_tables(recs))


@app.command("targets", cls=Command, short_help="规划目标及原文 / The plans' targets")
def targets_cmd(
    region: str = REGION,
    targets_file: Path = TARGETS,
    names: list[str] = MAP,
    fmt: Format = FORMAT,
):
    """各规划中的全部量化目标，附规划原文。

    Every quantified target of the plans, with the plan's own words."""
    try:
        show_readings(targets_file, api.inputs.check_region(region), names)
        recs = api.figures.targets(region, targets_file, names)
    except InputError as e:
        fail(e)
    if fmt == Format.table:
        typer.echo(render(target_screen(recs), fmt, TARGET_COLUMNS))
    else:
        typer.echo(render(recs, fmt))


@app.command("template", cls=Command, short_help="生成填报表 / Write a fill-in sheet")
def template_cmd(
    region: str = REGION_REQUIRED,
    out: Path = out_option((".xlsx",), "要写入的 .xlsx 文件 / the .xlsx file to write"),
    targets: bool = typer.Option(
        False,
        "--targets",
        help="改为生成规划目标表（两种表式） / a sheet for the plan's targets (both table "
        "layouts) instead",
    ),
    base: int = typer.Option(
        2025, "--base", help="与 --targets 同用：规划基期年 / with --targets: the plan's base year"
    ),
    until: int = typer.Option(
        2030, "--until", help="与 --targets 同用：规划末年 / with --targets: the plan's last year"
    ),
):
    """生成某地区自有数据的填报表（中文表头，年份为列）；
    加 --targets 则生成规划目标表（指标表、逐条目标，附中文说明）。

    Write a fill-in sheet (Chinese headers) for a region's own figures (years as columns), or
    with --targets for its plan's targets (指标表 and 逐条目标, instructions in Chinese)."""
    try:
        if targets:
            region = api.figures.target_template(region, out, base, until)
            run = f"`ipcast run --targets {out} -r {region}`"
            named = _named(region)
            zh = f"{named}的说明、指标表、逐条目标三张表；任填其一，然后运行 {run}"
            en = f"sheets 说明, 指标表, 逐条目标 for {named}; fill one in, then {run}"
            typer.echo(notes.wrote(out, zh, en))
            return
        slugs = api.figures.template(region, out)
    except InputError as e:
        fail(e)
    named = _named(api.inputs.check_region(region))
    n = len(slugs)
    typer.echo(notes.wrote(out, f"{named}的{n}个指标", f"{n} indicators for {named}"))


def _named(region: str) -> str:
    """昆山市（320583）: the region as the planner named it, with the code the files carry."""
    name = api.figures.region_names("zh", [region]).get(region)
    return f"{name}（{region}）" if name and name != region else region


# The store's counts (userstore.merge) as the import summary says them in Chinese.
COUNT_ZH = {"added": "新增", "unchanged": "不变", "replaced": "替换", "source given": "补充来源"}


@app.command("import", cls=Command, short_help="导入自有数据 / Store your own figures")
def import_cmd(
    file: Path = typer.Argument(
        None,
        help="CSV（UTF-8 或 GBK）或 XLSX（读取每张含数字的工作表），长表或宽表 / CSV (UTF-8 or "
        "GBK) or XLSX (every sheet with figures is read), long or wide",
    ),
    region: str = REGION,
    dry_run: bool = typer.Option(
        False, "--dry-run", help="只检查并报告，不写入 / check and report only"
    ),
    replace: bool = typer.Option(
        False, "--replace", help="覆盖已存的数字 / overwrite stored figures"
    ),
    undo: bool = typer.Option(
        False, "--undo", help="恢复上一个版本 / restore the previous version"
    ),
    recover: bool = typer.Option(
        False,
        "--recover",
        help="数据存储损坏时，恢复最近一个完好版本 / restore the last good version of a "
        "damaged store",
    ),
    sheet: str = SHEET,
    accept_large: bool = ACCEPT_LARGE,
    names: list[str] = MAP,
):
    """把自有数据存入 IPCAST_HOME；同一地区、指标和期间，自有数据优先于内置数据。

    Store your own figures in IPCAST_HOME; they take precedence over bundled ones."""
    try:
        if undo or recover:
            _undo_or_recover(recover)
            return
        done = api.figures.import_figures(
            file,
            region,
            sheet=sheet,
            accept_large=accept_large,
            names=names,
            replace=replace,
            dry_run=dry_run,
        )
    except InputError as e:
        fail(e)
    for line in done["report"]:
        typer.echo(f"  {line}")
    n, counts = done["rows"], done["counts"]
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    summary_zh = "、".join(f"{COUNT_ZH.get(k, k)}{v}" for k, v in counts.items())
    if dry_run:
        typer.echo(
            f"试运行：从{file}读取{n}个数字，将{summary_zh}；未写入 / "
            f"dry run: {n} figures read from {file}; would be {summary}; nothing written"
        )
        return
    kept = done["backup"].name
    typer.echo(
        f"已从{file}导入{n}个数字到{done['store']}（{summary_zh}）；原版本保存为{kept} / "
        f"imported {n} figures from {file} into {done['store']} "
        f"({summary}); previous version kept as {kept}"
    )


def _undo_or_recover(recover: bool) -> None:
    if not recover:
        undone = api.figures.undo_import()
        name, home = undone["restored"].name, undone["home"]
        typer.echo(
            f"已恢复{home}中保存的版本{name} / restored the version saved as {name} in {home}"
        )
        return
    done = api.figures.recover_store()
    if not done["damaged"]:
        store, n = done["store"], done["rows"]
        typer.echo(
            f"{store}完好（{n}个数字），无需恢复 / {store} is intact ({n} figures); nothing to do"
        )
        return
    typer.echo(
        f"{done['store']}已损坏（{done['problem_zh'] or done['problem']}）；"
        f"已恢复{done['restored']}（{done['rows']}个数字）；"
        f"损坏的文件保存为versions/{done['kept']} / "
        f"{done['store']} was damaged ({done['problem']}); restored {done['restored']} "
        f"({done['rows']} figures); the damaged file is kept as versions/{done['kept']}"
    )


cache_app = typer.Typer(
    cls=Group, help="已拟合预测的缓存 / The cache of fitted forecasts.", no_args_is_help=True
)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear", cls=Command)
def cache_clear_cmd():
    """删除全部缓存的预测，下次运行重新拟合。

    Delete every cached forecast; the next run refits."""
    from ..forecast import cache

    n = cache.clear()
    typer.echo(notes.cache_cleared(n, cache.cache_dir()))


@cache_app.command("info", cls=Command)
def cache_info_cmd():
    """缓存的位置和大小。

    Where the cache is and how large it is."""
    from ..forecast import cache

    files = list(cache.cache_dir().rglob("*.pkl")) if cache.cache_dir().is_dir() else []
    size = sum(f.stat().st_size for f in files)
    typer.echo(notes.cache_info(cache.cache_dir(), len(files), size, cache.enabled()))
