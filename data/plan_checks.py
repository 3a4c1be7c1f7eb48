"""Checks of a plan's indicator table read into targets, each refused at its cell with the fix:
a target no region could reach in its unit (1300 万件 of patents for a county: a unit slip), and a
row repeated."""

from __future__ import annotations

from . import units
from .catalog import indicator, plausible_max
from .errors import InputError
from .periods import parse_period
from .said import place


def check_plausible(thresholds, kind: str, unit: str, slug: str, period: str, at) -> None:
    """A target above what any Chinese region reports in a year (the catalog's max_value, the
    bound a history figure is held to), a cumulative one per year of its span: a 万件 or 亿元
    written for 件 or 万元. Growth rates and percentages are not counts and are left alone."""
    if kind == "growth" or unit == "%" or not units.fits(unit, indicator(slug)["unit"]):
        return
    base, ceiling = indicator(slug)["unit"], plausible_max(slug)
    years = parse_period(period).years if kind in ("cumulative",) else 1.0
    for t in thresholds:
        if t is None or units.convert(t, unit, base) / max(years, 1.0) <= ceiling:
            continue
        shown = f"{units.convert(t, unit, base):,.15g}{base}"
        raise InputError(
            at,
            (
                f"目标{t:,.15g}{unit}（即{shown}）对{indicator(slug)['zh']}来说大得不合常理"
                f"（高于全国任何地区一年的数字{ceiling:,.15g}{base}）",
                f"the target {t:,.15g}{unit} ({shown}) is implausibly large for {slug} (above "
                f"any Chinese region's yearly figure, {ceiling:,.15g}{base})",
            ),
            (
                f"检查数字和单位：该行单位为{unit}，若数字以{base}计，把单位改为{base}",
                f"check the figure and the unit: the row is in {unit}; if the figure is in "
                f"{base}, make the unit {base}",
            ),
        )


def refuse_repeats(dicts: list[dict], where: str) -> None:
    """Two rows of one table with the same name read as the same indicator, kind, period and unit
    are one row pasted twice: both would be counted and judged, with two thresholds for one aim."""
    seen: dict[tuple, dict] = {}
    for d in dicts:
        period = ",".join(d["period"]) if isinstance(d["period"], list) else d["period"]
        key = (d["label_zh"], d["indicator"], d["kind"], period, d["unit"])
        first = seen.setdefault(key, d)
        if first is d:
            continue
        a, b = first["_line"], d["_line"]
        raise InputError(
            place(where, b),
            (
                f"与第{a}行重复：两行都是“{d['label_zh']}”，{period}（目标值"
                f"{_shown(first)}和{_shown(d)}）",
                f"repeats row {a}: both are '{d['label_zh']}', {period} (targets {_shown(first)} "
                f"and {_shown(d)})",
            ),
            (
                f"删去第{a}行或第{b}行；若一行是力争值，把它放进另一张指标表，"
                "用 --targets 分别测算",
                f"delete row {a} or row {b}; if one is a striven-for figure (力争), put it in a "
                "table of its own and run each with --targets",
            ),
        )


def _shown(d: dict) -> str:
    t = d["threshold"]
    return (
        "/".join(f"{x:,.15g}" for x in t if x is not None)
        if isinstance(t, list)
        else ("—" if t is None else f"{t:,.15g}")
    )
