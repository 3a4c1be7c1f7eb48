"""Bundled declared data: indicators, regions, history. Validated once at load."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from . import custom, units
from .errors import InputError

if TYPE_CHECKING:  # pandas is imported where a table is read: `ipcast --help` does without it
    import pandas as pd

FAMILIES = ("patent", "trademark", "copyright", "pledge", "other")
MEASURES = ("flow", "stock", "ratio")
# Totals to date and the yearly flow they sum (nothing lapses): 著作权登记量累计（2026-2030年),
# with its span, is the sum of the flow over those years, not the total since records began.
# ``forecast.linked.STOCK_FLOW`` links the same pairs with a lapse rate of 0 (a test checks).
RUNNING_TOTALS = {
    "copyright_registrations_total": "copyright_registrations",
    "pledge_financing_total": "pledge_financing",
    "madrid_stock": "madrid_registrations",
}
HISTORY_COLUMNS = [
    "region",
    "indicator",
    "period",
    "period_type",
    "value",
    "unit",
    "source",
    "source_title",
    "quote",
    "notes",
    "exclude",
]


def data_path(name: str):
    return resources.files("ipcast.data").joinpath(name)


def _read_csv(name: str) -> pd.DataFrame:
    import pandas as pd

    with data_path(name).open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


@cache
def indicators() -> pd.DataFrame:
    """The indicator catalog, indexed by slug."""
    df = _read_csv("indicators.csv")
    for i, row in df.iterrows():
        where = f"indicators.csv row {i + 2} ({row['slug']})"
        if row["family"] not in FAMILIES:
            raise InputError(where, f"unknown family '{row['family']}'", f"use one of {FAMILIES}")
        if row["measure"] not in MEASURES:
            raise InputError(where, f"unknown measure '{row['measure']}'", f"use one of {MEASURES}")
        if row["unit"] not in units.UNITS:
            raise InputError(
                where, f"unknown unit '{row['unit']}'", f"use one of {sorted(units.UNITS)}"
            )
        try:
            ceiling = float(row["max_value"])
        except ValueError:
            ceiling = float("nan")
        if not ceiling > 0 or ceiling == float("inf"):
            raise InputError(
                where,
                f"max_value '{row['max_value']}' is not a positive number",
                "give the largest figure any Chinese region could report, in the unit",
            )
    if df["slug"].duplicated().any():
        dup = df.loc[df["slug"].duplicated(), "slug"].tolist()
        raise InputError("indicators.csv", f"duplicate slugs {dup}", "keep one row per slug")
    return df.set_index("slug")


def regions() -> pd.DataFrame:
    """Every region ipcast knows: the bundled ones by their codes, every other division of China
    by its 6-digit adcode (see ``places``)."""
    from .places import region_table

    return region_table()


def region_names(codes) -> dict[str, str]:
    """The Chinese name of each of ``codes`` ipcast knows: the bundled regions read from
    ``regions.csv`` directly (a saved run prints its table without pandas), any other division
    from ``regions()``."""
    import csv

    with data_path("regions.csv").open("r", encoding="utf-8") as f:
        names = {row["region"]: row["zh"] for row in csv.DictReader(f)}
    if any(c not in names for c in codes):
        table = regions()["zh"]
        names.update((c, table[c]) for c in codes if c not in names and c in table.index)
    return {c: names[c] for c in codes if c in names}


@cache  # the catalog is read once and never changes; a forecast asks for its row many times
def indicator(slug: str) -> pd.Series:
    """The catalog row of ``slug``, or of a custom indicator's slug (see ``custom``)."""
    cat = indicators()
    if slug in cat.index:
        return cat.loc[slug]
    if custom.is_custom(slug):
        return custom.row(slug)
    raise KeyError(slug)


def known(slug: str) -> bool:
    """Whether ``slug`` is a catalog code or a well-formed custom indicator."""
    try:
        indicator(slug)
    except KeyError:
        return False
    return True


def total_to_date(slug: str) -> bool:
    """Whether ``slug`` is a total to date (a stock named 累计: pledge financing, copyright
    registrations), which only grows: nothing counted is ever taken off it."""
    row = indicator(slug)
    return row["measure"] == "stock" and "(累计)" in str(row["zh"])


def plausible_max(slug: str) -> float:
    """The largest figure any Chinese region (a province included) could report for ``slug``,
    in the indicator's own unit: above it a figure is a typo or a unit slip, not a record.
    A custom indicator has no such bound (nothing is known about it but the planner's figures)."""
    return float(indicator(slug)["max_value"])


def find_indicator(name: str) -> str | None:
    """Slug for a slug, a catalog name or any name of ``indicator_aliases.csv`` (see
    ``indicator_names``); ``None`` when unknown."""
    from .indicator_names import match_indicator

    return match_indicator(name)


@cache
def bundled_history() -> pd.DataFrame:
    """The bundled long table, as stated by its sources (values in their own units)."""
    df = _read_csv("history.csv")
    df["value"] = df["value"].astype(float)
    df["origin"] = "bundled"
    return df
