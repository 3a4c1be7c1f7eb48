"""Records of a planner's sheet checked and turned into rows of the long table: totals and
notes skipped, each value, region, indicator, period and unit read for certain or refused with
the cell and the fix, implausible figures and contradicting repeats refused."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date
from pathlib import Path

import pandas as pd

from . import units
from .catalog import indicator, plausible_max
from .cells import CellError, parse_number, parse_period_cell
from .custom import is_custom
from .errors import InputError, Said
from .indicator_names import match_indicator, split_label, sub_item_name, unknown_indicator_fix
from .periods import WRITE_AS, Period, decimal_to_label, parse_period, period_zh
from .places import resolve_region
from .said import MEASURE_ZH, at_row, both, file_place, place, where_zh

TOTALS = {"合计", "总计", "小计", "总数", "total", "sum", "subtotal"}

NOTE_START = re.compile(
    r"^(注[:：\d一二三]|注$|备注|说明|数据来源|资料来源|来源[:：]|note|source[:：]|[*※])",
    re.IGNORECASE,
)


def _skip_reason(rec: dict, names: dict[str, str]) -> tuple[str, str] | None:
    """Totals and notes rows, which are not figures of one indicator."""
    label = (rec["indicator"] or rec["name"] or rec["first_cell"]).strip()
    if label.lower() in TOTALS or any(label.startswith(w) for w in ("合计", "总计")):
        return ("合计行", "a totals row")
    if match_indicator(label, names):
        return None
    filled = [c for c in rec["row_cells"] if c]
    if NOTE_START.match(label) or (len(filled) == 1 and len(label) > 8):
        return ("说明行", "a note")
    return None


def checked_rows(
    records: list[dict],
    where: str,
    p: Path,
    region: str | None,
    report: list[str],
    any_region: bool = False,
    accept_large: bool = False,
    names: dict[str, str] | None = None,
    today: date | None = None,
):
    """The long table of ``records``; every reading made is added to ``report``. A figure for a
    period not over by ``today`` (the real date unless given) is refused."""
    names = names or {}
    today = today or date.today()
    region = resolve_region(region) if region else None
    resolved: dict[str, str] = {}
    rows, blanks, assumed_units, skipped = [], 0, set(), {}
    noted = _noted_source(records, names)
    took_note = False
    for rec in records:
        at = place(where, rec["line"], *rec["column"])
        if all(not c for c in rec["row_cells"]):
            continue  # an empty line
        reason = _skip_reason(rec, names)
        if reason:
            skipped.setdefault(rec["line"], reason)
            continue
        value, cell_unit, repairs = _value(rec, at)
        if value is None:
            blanks += 1
            continue
        at_region = _cell_at(where, rec, "region")
        reg = _row_region(rec["region"], region, at_region, any_region, resolved)
        if region and reg != region:
            raise InputError(
                at_region,
                (
                    f"该行地区为“{reg}”，但 --region 为 {region}",
                    f"region '{reg}' but --region {region}",
                ),
                ("去掉 --region，或改正该行", "drop --region or correct the row"),
            )
        slug, period, period_repairs = _indicator_and_period(rec, where, names)
        _check_over(period, slug, today, _cell_at(where, rec, "period"))
        base = indicator(slug)["unit"]
        unit, value = _unit(rec, cell_unit, value, base, slug, where, repairs, assumed_units)
        _check_figure(value, unit, slug, at, accept_large)
        for note in repairs + period_repairs:  # once a row, not once a cell of a wide row
            line = at_row(rec["line"], note)
            if line not in report:
                report.append(line)
        rows.append(_row(rec, reg, slug, period, value, unit, p, noted and noted[1]))
        took_note = took_note or not rec["source"]
    _summary(report, skipped, blanks, assumed_units)
    if noted and took_note:  # a figure took it (not the note's own row, nor one with 来源)
        said = (
            f"所注来源“{noted[1]}”用作未填来源的各数字的来源",
            f"its source, '{noted[1]}', taken as the source of the figures "
            "without a 来源 cell of their own",
        )
        report.append(at_row(noted[0], said))
    df = pd.DataFrame(rows)
    if df.empty:
        raise InputError(
            file_place(where),
            ("没有找到任何数字", "no figures found"),
            ("至少填写一个数值", "fill in at least one value"),
        )
    for slug in dict.fromkeys(s for s in df["indicator"] if is_custom(s)):
        meta = indicator(slug)
        report.append(
            both(
                f"{meta['zh']}为自定义指标（{meta['unit']}，{MEASURE_ZH[meta['measure']]}）："
                "仅按本指标自身的数据预测，不借用其他序列",
                f"{meta['zh']} declared custom ({meta['unit']}, {meta['measure']}): "
                "forecast from its own points only, nothing borrowed",
            )
        )
    _across_years(df, report)
    return _check_duplicates(df, where, report)


def _across_years(df: pd.DataFrame, report: list[str]) -> None:
    """Say at import that a flow's figures over spans across a year end (a July-June year) are
    not points of the yearly forecast: a bureau with July-June figures only learns it here, not
    from a run whose flows all come out 无数据. Indicators with no calendar year in the file
    are named, with what to import."""
    rows = list(zip(df["period"], df["indicator"], strict=True))
    flows = [(p, s) for p, s in rows if indicator(s)["measure"] == "flow"]
    spans = [(p, s) for p, s in flows if _across(parse_period(p))]
    if not spans:
        return
    yearly = {s for p, s in flows if _whole_year(parse_period(p))}
    alone = list(dict.fromkeys(s for _, s in spans if s not in yearly))
    periods = list(dict.fromkeys(p for p, _ in spans))
    shown = "、".join(periods[:3]) + ("等" if len(periods) > 3 else "")
    shown_en = ", ".join(periods[:3]) + (" …" if len(periods) > 3 else "")
    zh = (
        f"{len(spans)}个年度数字的统计期跨年（{shown}）：年度预测按日历年，这些数字只在目标期间"
        "包含它们时按原数计入"
    )
    en = (
        f"{len(spans)} yearly figure(s) over spans across a year end ({shown_en}): yearly "
        "forecasts run by calendar year, so they count only where a target's period holds them"
    )
    if alone:
        names_zh = "、".join(indicator(s)["zh"] for s in alone)
        zh += (
            f"；本文件中{names_zh}没有日历年数字，须另有日历年数字（已导入的或内置的）才能预测，"
            "否则请一并导入（2023、2024……）"
        )
        en += (
            f"; {', '.join(alone)} have no calendar-year figures in this file and are forecast "
            "only from calendar-year figures stored or bundled: import those too (2023, 2024 …)"
        )
    report.append(both(zh, en))


def _at_a_date(slug: str) -> bool:
    """A stock or a count per 10,000 residents: a figure at a date (a rate in % is a year's)."""
    meta = indicator(slug)
    return meta["measure"] == "stock" or (meta["measure"] == "ratio" and meta["unit"] != "%")


def _month_end(t: float) -> str:
    """The period text of the month ending at ``t`` (2025-10 for 2025 + 10/12)."""
    return f"{int(t)}-{round((t % 1) * 12):02d}"


def _whole_year(p: Period) -> bool:
    return abs(p.start % 1) < 1e-9 and abs(p.years - 1) < 1e-9


def _across(p: Period) -> bool:
    """A span that runs over a year end (2025-07/2026-06), not a whole year or part of one."""
    return int(p.start // 1) != int((p.end - 1e-9) // 1) and abs(p.start % 1) > 1e-9


def _value(rec: dict, at: tuple[str, str]):
    """(value or None for a blank cell, the unit written in the cell, repairs made)."""
    try:
        value, cell_unit, repairs = parse_number(rec["value"])
    except CellError as e:
        raise e.at(at) from None
    if value is not None:
        check_finite(value, rec["value"], at)
    return value, cell_unit, repairs


def _cell_at(where: str, rec: dict, field: str) -> tuple[str, str]:
    """The cell of the row the column ``field`` was read from, when the sheet has one, else the
    value's cell: an error names the cell to correct."""
    return place(where, rec["line"], *rec.get("columns", {}).get(field, rec["column"]))


def _indicator_and_period(rec: dict, where: str, names: dict[str, str]):
    slug = match_indicator(rec["indicator"], names) or match_indicator(rec["name"], names)
    readings = []
    if slug is None and rec.get("parent"):
        line, parent = rec["parent"]
        full = sub_item_name(rec["indicator"] or rec["name"], parent)
        slug = match_indicator(full, names) if full else None
        if slug:
            shown = rec["indicator"] or rec["name"]
            readings.append(
                (
                    f"“{shown}”读作{full}，为第{line}行“{parent}”的其中项",
                    f"'{shown}' read as {full}, a sub-item of '{parent}' (row {line})",
                )
            )
    if slug is None and not (rec["indicator"] or rec["name"]):
        # a merged 指标 cell holds its name in its first row only: the rows below read blank
        raise InputError(
            _cell_at(where, rec, "indicator" if "indicator" in rec.get("columns", {}) else "name"),
            ("该行有数字，但指标名称是空的", "the row has figures but no indicator name"),
            (
                "每行写上指标名称：合并的指标单元格拆开，其中项写作“其中：发明专利”"
                "（读作上一行指标的其中项）；不要的行删去",
                "write the indicator's name on every row: unmerge a merged name cell and write "
                "a sub-item as 其中：发明专利 (read as part of the row above); delete rows not "
                "wanted",
            ),
        )
    if slug is None:
        shown = rec["indicator"] or rec["name"]
        raise InputError(
            _cell_at(where, rec, "indicator" if rec["indicator"] else "name"),
            (f"无法识别的指标“{shown}”", f"unknown indicator '{shown}'"),
            unknown_indicator_fix(shown),
        )
    stock = indicator(slug)["measure"] != "flow"
    period_text, period_repairs = parse_period_cell(rec["period"], stock)
    try:
        period = parse_period(period_text)
    except ValueError as e:
        raise InputError(
            _cell_at(where, rec, "period"),
            (e.zh, str(e)),
            WRITE_AS,
        ) from None
    so_far = abs(period.start % 1) < 1e-9 and period.end - period.start < 1 - 1e-9
    if _at_a_date(slug) and "/" in period.text and so_far:
        # 有效发明专利 in a 2025年1-10月 column (beside the flows' figures so far): the stock at
        # the end of October, not a sum over the months; said as 2025年10月 everywhere after.
        # (A July-June year's stock keeps its span, as the bureau's year is written.)
        end = _month_end(period.end)
        readings.append(
            (
                f"存量指标在“{period_zh(period.text)}”的数字读作{period_zh(end)}末的数",
                f"a stock's figure for {period.text} read as at the end of {end}",
            )
        )
        period = parse_period(end)
    return slug, period, readings + period_repairs


def _check_over(period: Period, slug: str, today: date, at: Said) -> None:
    """A figure's period must be over by today: 2026年度 written on 2026-12-01 for the months so
    far would be read as the whole year, and every forecast after it would start from it."""
    # Today's start with months as twelfths, as periods are read: a period ending at today's
    # end is not over (2028 on 2028-12-31, as 2026年1-11月 on 2026-11-30); at the end of the
    # day, by day of the year, the whole year was read on its last day and November was not.
    month_days = calendar.monthrange(today.year, today.month)[1]
    start = today.year + (today.month - 1 + (today.day - 1) / month_days) / 12
    if period.end <= start + 1e-9:
        return
    shown, ends = period.text, decimal_to_label(period.end)
    ends_en = ends.replace("年末", "").replace("末", "")  # 2026年末 -> 2026, 2027-06末 -> 2027-06
    if indicator(slug)["measure"] == "flow":
        eg = _months_so_far(today)
        raise InputError(
            at,
            (
                f"期间“{shown}”到{ends}才结束，今天（{today}）还没有这一期间的全部数字",
                f"the period '{shown}' ends at the end of {ends_en}, after today ({today}): no "
                "figure for the whole of it exists yet",
            ),
            (
                f"写明数字所含的月份，如“{eg}”；期间结束后再按全期导入",
                f"write the months the figure covers, e.g. {eg}; import the whole period once it "
                "is over",
            ),
        )
    month = f"{today.year}-{today.month - 1:02d}" if today.month > 1 else f"{today.year - 1}-12"
    raise InputError(
        at,
        (
            f"存量的时点“{shown}”（{ends}）晚于今天（{today}）",
            f"the stock's date '{shown}' (the end of {ends_en}) is after today ({today})",
        ),
        (f"写明数字的时点，如“{month}”（该月末）", f"write its date, e.g. {month} (month's end)"),
    )


def _months_so_far(today: date) -> str:
    """The months of this year already over, as a bureau writes them (2026年1-11月)."""
    done = today.month - 1
    if done == 0:
        return f"{today.year - 1}年1-12月"
    return f"{today.year}年1月" if done == 1 else f"{today.year}年1-{done}月"


def _check_figure(value: float, unit: str, slug: str, at: Said, accept_large: bool) -> None:
    if value < 0:
        raise InputError(
            at,
            (f"数字为负（{value:g}）", f"negative figure {value:g}"),
            (
                "数量和金额不会是负数；请检查正负号",
                "counts and amounts are never negative; check the sign",
            ),
        )
    if not accept_large:
        check_magnitude(value, unit, slug, at)


def _noted_source(records: list[dict], names: dict[str, str]) -> tuple[int, str] | None:
    """(line, source) of a note under the figures that names where they come from, as bureaus
    write it: 注：数据来源为开江县市场监督管理局统计年报。, 注：本表数据来源于…, or 数据来源：
    with the source in the next cell. Only the first sentence is the source."""
    for rec in records:
        label = (rec["indicator"] or rec["name"] or rec["first_cell"]).strip()
        if (_skip_reason(rec, names) or ("", ""))[1] != "a note":
            continue
        # The source may be any numbered item or sentence of the note (注：1.数据来源为…；2.…,
        # 注：本表为快报数。数据来源于…), not only its first.
        head = _NOTE_HEAD.sub("", label)
        m = next(filter(None, (_SOURCE_NOTE.match(x) for x in re.split(r"[。；;]\s*", head))), None)
        if not m:
            continue
        cells = [c for c in rec["row_cells"] if c]
        after = cells[cells.index(label) + 1 :] if label in cells else []
        said = re.split(r"[。；;]", m.group(1) or (after[0] if after else ""))[0]
        if said.strip().rstrip("."):
            return rec["line"], said.strip().rstrip(".")
    return None


_NOTE_HEAD = re.compile(r"^(?:注|说明|备注)\s*[:：]?\s*")
_SOURCE_NOTE = re.compile(
    r"^(?:[(（]?\d{1,2}\s*[)）.、．:：]?\s*)?(?:本表|表中|以上|上述)?(?:数据|资料)?"
    r"来源(?:为|是|于)?\s*[:：]?\s*(.*)"
)


def _row(
    rec: dict, region: str, slug: str, period, value: float, unit: str, p: Path, noted=None
) -> dict:
    return {
        "region": region,
        "indicator": slug,
        "period": period.text,
        "period_type": _period_type(slug, period),
        "value": value,
        "unit": unit,
        "source": rec["source"] or noted or f"user:{p.name}",
        "source_title": "",
        "quote": "",
        "notes": rec["notes"],
        "exclude": "",
        "line": rec["line"],
        "origin": f"user:{p.name}",
    }


def _summary(report: list[str], skipped: dict, blanks: int, assumed_units: set) -> None:
    for line, reason in sorted(skipped.items()):
        report.append(both(f"第{line}行未读：{reason[0]}", f"row {line} skipped: {reason[1]}"))
    if blanks:
        report.append(
            both(
                f"{blanks}个空白或“—”单元格按缺失处理",
                f"{blanks} empty or '—' cells read as missing",
            )
        )
    if assumed_units:
        zh = "；".join(f"{indicator(s)['zh']}按{u}" for s, u in sorted(assumed_units))
        en = "; ".join(f"{s} in {u}" for s, u in sorted(assumed_units))
        report.append(
            both(
                f"未写单位，按指标自身的单位：{zh}",
                f"no unit given, the indicator's own unit assumed: {en}",
            )
        )


def _row_region(text, region, at, any_region, resolved) -> str:
    """The row's region code from its 地区 cell (any name form), else ``--region``."""
    if not text:
        if not region:
            raise InputError(
                at,
                ("没有地区", "no region"),
                ("添加“地区”列，或用 --region 指定", "add a 地区 column or pass --region"),
            )
        return region
    if text not in resolved:
        try:
            resolved[text] = resolve_region(text, at)
        except InputError:
            if not any_region:
                raise
            resolved[text] = text
    return resolved[text]


def _label_unit(rec, base: str) -> str:
    """A unit written with the indicator's name (专利授权量（件）), as the 单位 column would be.
    Plans write per-10k ratios as (件), meaning 件/万人."""
    _, unit = split_label(rec["indicator"] or rec["name"])
    if unit and base == "件/万人" and unit == "件":
        return base
    return unit or ""


def _unit(rec, cell_unit, value, base, slug, where, repairs, assumed_units):
    """The row's unit (the 单位 column or a unit in the name, else the cell's, else the
    indicator's) and the value in it; a unit written in the cell is converted to the column's,
    and the conversion reported."""
    col = rec["unit"] or _label_unit(rec, base)
    # an error about the unit names the 单位 cell when there is one
    at = _cell_at(where, rec, "unit") if rec["unit"] else place(where, rec["line"], *rec["column"])
    if rec["unit"] and base == "件/万人" and col.strip() == "件":
        # Bureaus write 每万人口发明专利拥有量 | 件, as plans write (件) beside the name
        col = base
        repairs.append(
            ("每万人口指标的单位“件”读作件/万人", "单位 '件' on a per-10k ratio read as 件/万人")
        )
    if col:
        try:
            col = units.canonical(col)
        except KeyError:
            raise InputError(
                at,
                (f"无法识别的单位“{col}”", f"unknown unit '{col}'"),
                units.unit_fixes(rec["unit"], base),
            ) from None
    unit = col or cell_unit or base
    if not col and not cell_unit:
        assumed_units.add((slug, base))
    if not units.fits(unit, base):
        raise InputError(
            at,
            (
                f"单位“{unit}”与指标{indicator(slug)['zh']}（{slug}，以{base}计）不符",
                f"unit '{unit}' does not fit {slug} (in {base})",
            ),
            units.unit_fixes(unit, base),
        )
    if cell_unit and col and cell_unit != col:
        if not units.fits(cell_unit, col):
            raise InputError(
                at,
                (
                    f"单元格写的是{cell_unit}，“单位”列写的是{col}",
                    f"the cell says {cell_unit} but the 单位 column says {col}",
                ),
                ("使两者一致", "make them agree"),
            )
        new = units.convert(value, cell_unit, col)
        repairs.append(
            (
                f"{value:g}{cell_unit}换算为{new:g}{col}",
                f"{value:g}{cell_unit} converted to {new:g}{col}",
            )
        )
        value = new
    return unit, value


def _period_type(slug: str, period) -> str:
    if _at_a_date(slug):
        return "asof"
    whole = abs(period.start - round(period.start)) < 1e-9
    if whole and abs(period.years - 1) < 1e-9:
        return "year"
    return "half" if abs(period.years - 0.5) < 1e-9 else "span"


def _check_duplicates(df: pd.DataFrame, where: str, report: list[str]) -> pd.DataFrame:
    df["key"] = df["period"].map(
        lambda s: (round(parse_period(s).start, 4), round(parse_period(s).end, 4))
    )
    keep = []
    seen: dict[tuple, pd.Series] = {}
    for i, r in df.iterrows():
        k = (r["region"], r["indicator"], r["key"])
        first = seen.get(k)
        if first is None:
            seen[k] = r
            keep.append(i)
            continue
        v1 = units.convert(first["value"], first["unit"], r["unit"])
        if abs(v1 - r["value"]) > 1e-9 * max(1.0, abs(v1)):
            a, b = first["line"], r["line"]
            shown = f"{first['value']:g}", f"{r['value']:g}"
            raise InputError(
                (f"{where_zh(where)}，第{a}行和第{b}行", f"{where} rows {a} and {b}"),
                (
                    f"{indicator(r['indicator'])['zh']}（{r['indicator']}）{r['period']}"
                    f"有两个不同的数字（{shown[0]}和{shown[1]}）",
                    f"two different figures for {r['indicator']} {r['period']} "
                    f"({shown[0]} and {shown[1]})",
                ),
                ("只保留正确的那一个", "keep only the right one"),
            )
        report.append(
            both(
                f"第{r['line']}行与第{first['line']}行重复，只读一次",
                f"row {r['line']} repeats row {first['line']}; read once",
            )
        )
    return df.loc[keep].drop(columns=["key"]).reset_index(drop=True)


def check_finite(value: float, cell, at: Said) -> None:
    if not math.isfinite(value):
        raise InputError(
            at,
            (f"“{cell}”不是有限的数字", f"'{cell}' is not a finite number"),
            ("填写数字本身（如4500）", "write the figure itself (e.g. 4500)"),
        )


def check_magnitude(value: float, unit: str, slug: str, at: Said) -> None:
    """Refuse a figure above what any Chinese region could report (the catalog's max_value):
    a typo, a unit slip (万件 for 件) or a sum pasted into a cell."""
    base = indicator(slug)["unit"]
    ceiling = plausible_max(slug)
    if units.convert(value, unit, base) > ceiling:
        raise InputError(
            at,
            (
                f"{value:g}{unit}对{indicator(slug)['zh']}（{slug}）来说大得不合常理"
                f"（超过{ceiling:g}{base}，高于全国任何地区的数字）",
                f"{value:g}{unit} is implausibly large for {slug} (more than {ceiling:g}{base}, "
                "above any Chinese region's figure)",
            ),
            (
                "检查数字和单位；如数字无误，加 --accept-large 重新运行",
                "check the digits and the unit; if the figure is right, run again with "
                "--accept-large",
            ),
        )
