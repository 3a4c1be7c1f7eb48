"""Shared pieces of the ``ipcast`` commands: the app, options, input helpers, number formats."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import typer

from ..data import userstore
from ..data.catalog import regions
from ..data.errors import InputError
from ..data.history import combine
from ..data.readers import read_history_file
from ..data.target_files import bundled_targets, load_path
from ..report.tables import Format

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Probabilities for IP plan targets (知识产权规划目标达成概率).",
)

FORMAT = typer.Option(Format.table, "--format", "-f", help="table, csv or json")
REGION = typer.Option(None, "--region", "-r", help="region code, e.g. chengdu (see `regions`)")
AS_OF = typer.Option(None, "--as-of", help="use only history known by the end of this year")
HISTORY = typer.Option(None, "--history", help="a CSV/XLSX of your own figures, used directly")
SHEET = typer.Option(None, "--sheet", help="the workbook sheet to read, when several hold figures")
ACCEPT_LARGE = typer.Option(
    False, "--accept-large", help="accept figures above the indicator's plausible maximum"
)
TARGETS = typer.Option(None, "--targets", help="a target YAML file instead of the bundled plans")


def no_cache_option(value: bool) -> bool:
    if value:
        os.environ["IPCAST_NO_CACHE"] = "1"
    return value


SCHEDULER = typer.Option(
    None, "--scheduler", help="address of a Dask scheduler (tcp://host:8786) to fit on"
)
JOBS = typer.Option(1, "--jobs", "-j", min=1, help="processes fitting in parallel")
NO_CACHE = typer.Option(
    False,
    "--no-cache",
    callback=no_cache_option,
    is_eager=True,
    help="refit everything; neither read nor write the cache",
)

RUN_COLUMNS = [
    "region",
    "target_id",
    "label_zh",
    "kind",
    "period",
    "threshold",
    "unit",
    "status",
    "p_hit",
    "p_hit_se",
    "median",
    "q10",
    "q90",
    "outcome",
    "n_points",
]


def fail(e: InputError) -> None:
    typer.echo(f"error: {e}", err=True)
    raise typer.Exit(2)


def check_region(region: str | None) -> None:
    if region and region not in regions().index:
        plans = [r for r, row in regions().iterrows() if row["plan"]]
        raise InputError(
            "--region",
            f"unknown region '{region}'",
            f"use one of {', '.join(plans)} or another code from `ipcast regions`",
        )


def load_history(history_file: Path | None, region: str | None = None):
    user = userstore.load()
    if history_file is not None:
        extra = read_history_file(history_file, region).rows
        user = extra if user is None else concat(user, extra)
    return combine(user)


def concat(a, b):

    return pd.concat([a, b[a.columns]], ignore_index=True)


def select_targets(region: str | None, targets_file: Path | None):
    ts = load_path(targets_file) if targets_file else list(bundled_targets())
    return [t for t in ts if region is None or t.region == region]


def num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "/".join(num(x) for x in v)
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def readable(r: dict) -> dict:
    """A run record as a planner reads it: percentages, and numbers in the plan's unit."""
    out = dict(r)
    p, se = r["p_hit"], r["p_hit_se"]
    out["p_hit"] = "" if p is None else f"{p:.0%}"
    out["p_hit_se"] = "" if se is None else f"±{se:.1%}"
    for k in ("threshold", "median", "q10", "q90", "outcome", "shortfall"):
        out[k] = num(r.get(k))
    if "now_status" in r:
        out["now_outcome"] = num(r["now_outcome"])
        if r["now_status"] == "resolved":
            out["now_outcome"] += " (met)" if r["now_hit"] else " (missed)"
        out["now_p_hit"] = "" if r["now_p_hit"] is None else f"{r['now_p_hit']:.0%}"
    if r["status"] == "resolved":
        out["outcome"] = f"{num(r['outcome'])} ({'met' if r['hit'] else 'missed'})"
    if "parts" in r:
        out["median"] = "/".join(num(x["median"]) for x in r["parts"])
    return out


def footer(records: list[dict]) -> None:
    counts = {}
    for r in records:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    typer.echo("\n" + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    if any(r["uses_user_data"] for r in records):
        typer.echo(
            "Your own figures replace bundled ones for the same region, indicator and "
            "period (see `ipcast history`)."
        )
    typer.echo("no_history: no figures to forecast from; `ipcast template` makes a sheet to fill.")
