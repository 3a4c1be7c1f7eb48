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


def refuse_across(found: list[tuple[str, list[dict]]]) -> list[str]:
    """Two tables of a document (表1 and 专栏3) that both set a target for one region, indicator,
    kind and period: the same figure twice is read once (the later row dropped from ``found``, a
    report line said for it); two figures are refused, since which one the plan means is not for
    ipcast to guess. ``found``: each table's place and its target dicts."""
    seen: dict[tuple, tuple[str, dict]] = {}
    said = []
    for where, dicts in found:
        for d in list(dicts):
            period = ",".join(d["period"]) if isinstance(d["period"], list) else d["period"]
            key = (d["_region"], d["indicator"], d["kind"], period)
            first_where, first = seen.setdefault(key, (where, d))
            if first_where == where:
                continue
            a_zh, a_en = place(first_where, first["_line"])
            b_zh, b_en = place(where, d["_line"])
            if all(first[k] == d[k] for k in ("threshold", "unit", "comparator")):
                dicts.remove(d)
                said.append(
                    f"{b_zh}：与{a_zh}是同一目标（{_shown(d)} {d['unit']}），只读一次 / "
                    f"{b_en}: the same target as {a_en} ({_shown(d)} {d['unit']}); read once"
                )
                continue
            raise InputError(
                (b_zh, b_en),
                (
                    f"与{a_zh}是同一指标同一期间的目标（“{first['label_zh']}”和"
                    f"“{d['label_zh']}”，{period}），但目标值不同（{_shown(first)} {first['unit']}"
                    f"和{_shown(d)} {d['unit']}），无法判断用哪一个",
                    f"a target for the same indicator and period as {a_en} "
                    f"('{first['label_zh']}' and '{d['label_zh']}', {period}) with another "
                    f"figure ({_shown(first)} {first['unit']} and {_shown(d)} {d['unit']}): "
                    "which one is meant is unclear",
                ),
                (
                    "删去其中一个表格里的该行（或改成相同的目标值），或把要测算的指标表单独存为 "
                    ".xlsx，用 --targets 读取",
                    "delete the row from one of the tables (or make the figures agree), or save "
                    "the table to run on its own as .xlsx and pass it with --targets",
                ),
            )
    return said
