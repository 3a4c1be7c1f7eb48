"""Commands on data: regions, indicators, history, targets, template, import."""

from __future__ import annotations

from pathlib import Path

import typer

from ..data.errors import InputError
from ..report.tables import Format, render
from .common import app, fail
from .options import (
    ACCEPT_LARGE,
    AS_OF,
    FORMAT,
    HISTORY,
    INDICATOR,
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
    from ..data import userstore
    from ..data.history import combine, cut
    from ..data.listing import region_records

    try:
        recs = region_records(cut(combine(userstore.load()), as_of), every)
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
    """The indicator catalog: code, Chinese and English names, family, unit (指标)."""
    from ..data.listing import indicator_records

    typer.echo(render(indicator_records(), fmt))


@app.command("history")
def history_cmd(
    region: str = REGION,
    indicator: str = INDICATOR,
    as_of: int = AS_OF,
    history_file: Path = HISTORY,
    fmt: Format = FORMAT,
    out: Path = OUT,
):
    """Real figures behind the forecasts, each with its source (历史数据)."""
    from ..api.inputs import check_indicator, check_region, load_history
    from ..data.history import cut
    from ..data.listing import history_records
    from ..report.result_tables import history_tables

    try:
        kind = file_format(out, fmt)
        region = check_region(region)
        check_indicator(indicator)
        recs = history_records(cut(load_history(history_file, region), as_of), region, indicator)
    except InputError as e:
        fail(e)
    typer.echo(
        render(
            recs,
            Format.table if fmt == Format.xlsx else fmt,
            ["region", "indicator", "period", "value", "unit", "source_title", "exclude", "origin"],
        )
    )
    if kind:
        save(out, kind, history_tables(recs))


@app.command("targets")
def targets_cmd(region: str = REGION, targets_file: Path = TARGETS, fmt: Format = FORMAT):
    """Every quantified target of the plans, with the plan's own words (规划目标)."""
    from ..api.inputs import check_region, select_targets
    from ..data.target_files import target_records

    try:
        region = check_region(region)
        show_readings(targets_file, region)
        recs = target_records(select_targets(region, targets_file))
    except InputError as e:
        fail(e)
    typer.echo(
        render(
            recs,
            fmt,
            ["region", "target_id", "label_zh", "kind", "period", "threshold", "unit", "family"],
        )
    )


# A region without a bundled plan gets the indicators most plans set targets on.
CORE_INDICATORS = [
    "patent_grants",
    "invention_grants",
    "effective_invention_patents",
    "invention_per_10k",
    "high_value_invention_per_10k",
    "trademark_registrations",
    "effective_trademarks",
    "geographical_indications",
    "copyright_registrations",
    "pledge_financing",
]


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
    from ..api.inputs import check_region
    from ..data.target_files import bundled_targets
    from ..data.target_template import write_target_template
    from ..data.template import write_template

    try:
        region = check_region(region)
        if targets:
            write_target_template(out, region, base, until)
            typer.echo(
                f"wrote {out}: sheets 说明, 指标表, 逐条目标 for {region}; fill one in, then "
                f"`ipcast run --targets {out} -r {region}`"
            )
            return
        slugs = list(dict.fromkeys(t.indicator for t in bundled_targets() if t.region == region))
        write_template(out, region, (slugs or CORE_INDICATORS) + ["population"])
    except InputError as e:
        fail(e)
    typer.echo(f"wrote {out}: {len(slugs or CORE_INDICATORS) + 1} indicators for {region}")


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
    names: list[str] = typer.Option(
        None,
        "--map",
        help="your own indicator name and its code, '专利授权数=patent_grants', or a CSV of "
        "name,code lines; repeatable",
    ),
):
    """Store your own figures in IPCAST_HOME; they take precedence over bundled ones (导入)."""
    from ..data import userstore
    from ..data.indicator_names import read_name_map
    from ..data.readers import read_history_file

    try:
        if undo or recover:
            _undo_or_recover(recover)
            return
        if file is None:
            raise InputError("ipcast import", "no file given", "ipcast import FILE [--region R]")
        result = read_history_file(
            file,
            region,
            sheet=sheet,
            accept_large=accept_large,
            names=read_name_map(names or []),
        )
        counts, backup = userstore.add(result.rows, replace, str(file), dry_run)
    except InputError as e:
        fail(e)
    for line in result.report:
        typer.echo(f"  {line}")
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    if dry_run:
        typer.echo(
            f"dry run: {len(result.rows)} figures read from {file}; would be {summary}; "
            "nothing written"
        )
        return
    typer.echo(
        f"imported {len(result.rows)} figures from {file} into {userstore.store_path()} "
        f"({summary}); previous version kept as {backup.name}"
    )


def _undo_or_recover(recover: bool) -> None:
    from ..data import userstore

    if not recover:
        restored = userstore.undo()
        typer.echo(f"restored the version saved as {restored.name} in {userstore.home()}")
        return
    done = userstore.recover()
    if not done["damaged"]:
        typer.echo(f"{userstore.store_path()} is intact ({done['rows']} figures); nothing to do")
        return
    typer.echo(
        f"{userstore.store_path()} was damaged ({done['problem']}); restored {done['restored']} "
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
