"""Commands on data: regions, indicators, history, targets, template, import."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import api
from ..data.errors import InputError
from ..report.result_tables import HISTORY_COLUMNS, history_screen, history_tables
from ..report.tables import Format, render
from .common import app, fail
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


@app.command("regions")
def regions_cmd(
    as_of: int = AS_OF,
    fmt: Format = FORMAT,
    every: bool = typer.Option(
        False, "--all", help="every division of China, not only those with figures"
    ),
):
    """Regions, their level, parent, plan and latest population (地区)."""
    try:
        recs = api.figures.regions(as_of, every)
    except InputError as e:
        fail(e)
    typer.echo(
        render(
            recs,
            fmt,
            [
                "region",
                "zh",
                "en",
                "level",
                "parent",
                "plan",
                "population",
                "population_unit",
                "population_period",
            ],
        )
    )


@app.command("indicators")
def indicators_cmd(fmt: Format = FORMAT):
    """The indicator catalog and the custom indicators you imported (指标)."""
    try:
        typer.echo(render(api.figures.indicators(), fmt))
    except InputError as e:
        fail(e)


@app.command("history")
def history_cmd(
    region: str = REGION,
    indicator: str = INDICATOR,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    fmt: Format = FORMAT,
    out: Path = OUT,
):
    """Real figures behind the forecasts, each with its source (历史数据)."""
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


@app.command("targets")
def targets_cmd(
    region: str = REGION,
    targets_file: Path = TARGETS,
    names: list[str] = MAP,
    fmt: Format = FORMAT,
):
    """Every quantified target of the plans, with the plan's own words (规划目标)."""
    try:
        show_readings(targets_file, api.inputs.check_region(region), names)
        recs = api.figures.targets(region, targets_file, names)
    except InputError as e:
        fail(e)
    typer.echo(
        render(
            recs,
            fmt,
            ["region", "target_id", "label_zh", "kind", "period", "threshold", "unit", "family"],
        )
    )


@app.command("template")
def template_cmd(
    region: str = REGION_REQUIRED,
    out: Path = out_option((".xlsx",), "the .xlsx file to write"),
    targets: bool = typer.Option(
        False, "--targets", help="a sheet for the plan's targets (both table layouts) instead"
    ),
    base: int = typer.Option(2025, "--base", help="with --targets: the plan's base year"),
    until: int = typer.Option(2030, "--until", help="with --targets: the plan's last year"),
):
    """Write a fill-in sheet (Chinese headers) for a region's own figures (years as columns), or
    with --targets for its plan's targets (指标表 and 逐条目标, instructions in Chinese)."""
    try:
        if targets:
            region = api.figures.target_template(region, out, base, until)
            typer.echo(
                f"wrote {out}: sheets 说明, 指标表, 逐条目标 for {region}; fill one in, then "
                f"`ipcast run --targets {out} -r {region}`"
            )
            return
        slugs = api.figures.template(region, out)
    except InputError as e:
        fail(e)
    typer.echo(f"wrote {out}: {len(slugs)} indicators for {api.inputs.check_region(region)}")


# The store's counts (userstore.merge) as the import summary says them in Chinese.
COUNT_ZH = {"added": "新增", "unchanged": "不变", "replaced": "替换", "source given": "补充来源"}


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(None, help="CSV (UTF-8 or GBK) or XLSX, long or wide"),
    region: str = REGION,
    dry_run: bool = typer.Option(False, "--dry-run", help="check and report only"),
    replace: bool = typer.Option(False, "--replace", help="overwrite stored figures"),
    undo: bool = typer.Option(False, "--undo", help="restore the previous version"),
    recover: bool = typer.Option(
        False, "--recover", help="restore the last good version of a damaged store"
    ),
    sheet: str = SHEET,
    accept_large: bool = ACCEPT_LARGE,
    names: list[str] = MAP,
):
    """Store your own figures in IPCAST_HOME; they take precedence over bundled ones (导入)."""
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


cache_app = typer.Typer(help="The cache of fitted forecasts (缓存).", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear_cmd():
    """Delete every cached forecast; the next run refits."""
    from ..forecast import cache

    n = cache.clear()
    typer.echo(f"removed {n} cached item(s) from {cache.cache_dir()}")


@cache_app.command("info")
def cache_info_cmd():
    """Where the cache is and how large it is."""
    from ..forecast import cache

    files = list(cache.cache_dir().rglob("*.pkl")) if cache.cache_dir().is_dir() else []
    size = sum(f.stat().st_size for f in files)
    typer.echo(
        f"{cache.cache_dir()}: {len(files)} item(s), {size / 1e6:.1f} MB"
        + ("" if cache.enabled() else " (off: IPCAST_NO_CACHE is set)")
    )
