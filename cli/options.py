"""Every option shared by more than one command, declared once."""

from __future__ import annotations

import typer

from ..api import PATHS as DEFAULT_PATHS
from ..data.errors import InputError
from ..report.tables import Format
from . import checks
from .common import fail


def region_callback(value: str | None) -> str | None:
    """Every ``--region`` takes any name form (广汉市, 广汉, 510681, Guanghan, guanghan) and
    passes the region's code on; an ambiguous or unknown name exits 2 with the candidates."""
    if value is None:
        return None
    from ..data.places import resolve_region

    try:
        return resolve_region(value, "--region")
    except InputError as e:
        fail(e)


def paths_option(default: int) -> typer.models.OptionInfo:
    return typer.Option(
        default,
        "--paths",
        min=100,
        callback=checks.paths,
        help=f"Monte Carlo paths (at most {checks.MAX_PATHS:,}: {checks.MEMORY_BUDGET} of memory)",
    )


def out_option(suffixes: tuple[str, ...], help: str, name: str = "--out", required: bool = True):
    """An output file option: its kind taken from the extension (others refused), never an
    existing file, in a folder that can be written; all checked before any work."""
    names = (name, "-o") if name == "--out" else (name,)
    return typer.Option(
        ... if required else None,
        *names,
        callback=lambda v: checks.out_file(v, suffixes, name),
        help=help,
    )


FORMAT = typer.Option(
    Format.table, "--format", "-f", help="table, csv, json, or xlsx (with --out FILE.xlsx)"
)
OUT = out_option(
    (".xlsx", ".csv", ".json"),
    "also write the results to FILE: .xlsx (Excel), .csv or .json",
    required=False,
)


def lang_callback(value: str) -> str:
    if value not in ("zh", "en"):
        typer.echo(f"error: --lang: unknown language '{value}'. Fix: use zh or en", err=True)
        raise typer.Exit(2)
    return value


LANG = typer.Option(
    "zh",
    "--lang",
    callback=lang_callback,
    help="zh or en: the language of target names in the table",
)
REGION_HELP = (
    "region by full name, short name, 6-digit code or pinyin (广汉市, 广汉, 510681, Guanghan)"
)
REGION = typer.Option(None, "--region", "-r", callback=region_callback, help=REGION_HELP)
REGION_REQUIRED = typer.Option(..., "--region", "-r", callback=region_callback, help=REGION_HELP)
# Commands that read targets: the region may be left out when --targets is about one region.
REGION_OR_TARGETS = typer.Option(
    None,
    "--region",
    "-r",
    callback=region_callback,
    help=REGION_HELP + "; may be left out with --targets FILE of one region",
)
AS_OF = typer.Option(None, "--as-of", help="use only history known by the end of this year")
HISTORY = typer.Option(None, "--history", help="a CSV/XLSX of your own figures, used directly")
MAP = typer.Option(
    None,
    "--map",
    help="your own indicator name and its code, '专利授权数=patent_grants', or a CSV of name,code "
    "lines; an indicator outside the catalog: '示范企业数=custom:家:stock' (UNIT, then flow, "
    "stock or ratio; forecast from its own points only); repeatable",
)
SHEET = typer.Option(None, "--sheet", help="the workbook sheet to read, when several hold figures")
ACCEPT_LARGE = typer.Option(
    False, "--accept-large", help="accept figures above the indicator's plausible maximum"
)
TARGETS = typer.Option(
    None,
    "--targets",
    help="targets instead of the bundled plans: a YAML file, or a CSV/XLSX table "
    "(one row per target, or the plan's own indicator table)",
)
SEED = typer.Option(
    0,
    "--seed",
    callback=checks.seed,
    help="random seed: one seed gives one stream per region, indicator and scenario",
)
PATHS = paths_option(DEFAULT_PATHS)
CONFIDENCE = typer.Option(0.8, "--confidence", min=0.01, max=0.99)
SCENARIO = typer.Option(
    "baseline", "--scenario", "-s", help="a bundled scenario name or a scenario YAML file"
)
INDICATOR = typer.Option(
    None,
    "--indicator",
    "-i",
    help="indicator by code or name (patent_grants, 专利授权量; see `indicators`), or a custom "
    "indicator's name",
)
TARGET = typer.Option(None, "--target", "-t", help="one target id (see `targets`)")
SCHEDULER = typer.Option(
    None, "--scheduler", help="address of a Dask scheduler (tcp://host:8786) to fit on"
)
JOBS = typer.Option(1, "--jobs", "-j", min=1, help="processes fitting in parallel")
NO_CACHE = typer.Option(
    False, "--no-cache", help="refit everything; neither read nor write the cache"
)
