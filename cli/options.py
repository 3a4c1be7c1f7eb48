"""Every option shared by more than one command, declared once."""

from __future__ import annotations

import typer

from ..report.tables import Format


def paths_option(default: int) -> typer.models.OptionInfo:
    return typer.Option(default, "--paths", min=100, help="Monte Carlo paths")


FORMAT = typer.Option(
    Format.table, "--format", "-f", help="table, csv, json, or xlsx (with --out FILE.xlsx)"
)
OUT = typer.Option(
    None, "--out", "-o", help="also write the results to FILE: .xlsx (Excel), .csv or .json"
)
LANG = typer.Option("zh", "--lang", help="zh or en: the language of target names in the table")
REGION = typer.Option(None, "--region", "-r", help="region code, e.g. chengdu (see `regions`)")
REGION_REQUIRED = typer.Option(..., "--region", "-r", help="region code, e.g. chengdu")
AS_OF = typer.Option(None, "--as-of", help="use only history known by the end of this year")
HISTORY = typer.Option(None, "--history", help="a CSV/XLSX of your own figures, used directly")
TARGETS = typer.Option(
    None,
    "--targets",
    help="targets instead of the bundled plans: a YAML file, or a CSV/XLSX table "
    "(one row per target, or the plan's own indicator table)",
)
SEED = typer.Option(
    0,
    "--seed",
    help="random seed: one seed gives one stream per region, indicator and scenario",
)
PATHS = paths_option(4000)
CONFIDENCE = typer.Option(0.8, "--confidence", min=0.01, max=0.99)
SCENARIO = typer.Option(
    "baseline", "--scenario", "-s", help="a bundled scenario name or a scenario YAML file"
)
INDICATOR = typer.Option(None, "--indicator", "-i", help="indicator code (see `indicators`)")
TARGET = typer.Option(None, "--target", "-t", help="one target id (see `targets`)")
SCHEDULER = typer.Option(
    None, "--scheduler", help="address of a Dask scheduler (tcp://host:8786) to fit on"
)
JOBS = typer.Option(1, "--jobs", "-j", min=1, help="processes fitting in parallel")
NO_CACHE = typer.Option(
    False, "--no-cache", help="refit everything; neither read nor write the cache"
)
