"""A planner's sheet as records (which sheets are read is chosen in ``book``): its header row
found (titles above it skipped, a two-row header merged), its columns named (Chinese or English
headers; years as columns in the wide layout), and one record per figure cell with the row and
column it came from."""

from __future__ import annotations

import re

import pandas as pd

from .cells import normalise
from .errors import InputError
from .indicator_names import match_indicator, split_label, unknown_indicator_fix
from .periods import parse_period
from .places import describe, region_in_text
from .said import SHEET_MARK, both, column_letter, file_place, place
from .table_cells import period_text

HEADERS = {
    "region": ("region", "地区", "区域", "城市", "地区代码", "行政区"),
    "indicator": ("indicator", "指标代码", "indicator_code", "指标", "项目"),
    "name": ("指标名称", "name", "indicator_name", "label", "名称"),
    "period": ("period", "时期", "期间", "年份", "年度", "year", "时间"),
    "value": ("value", "数值", "值", "数据", "数量"),
    "unit": ("unit", "单位", "计量单位"),
    "source": ("source", "来源", "数据来源"),
    "notes": ("notes", "备注", "说明"),
}


# A header's field as an error names it in Chinese (two columns for the same …).
FIELD_ZH = {
    "region": "地区",
    "indicator": "指标",
    "name": "指标名称",
    "period": "期间",
    "value": "数值",
    "unit": "单位",
    "source": "来源",
    "notes": "备注",
}


def clean(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if hasattr(v, "year") and hasattr(v, "month"):
        return str(v.year) if (v.month, v.day) in ((1, 1), (12, 31)) else str(v)[:10]
    return normalise(str(v)).replace("\ufeff", "").replace("\n", "")


def _header_key(h: str) -> str | None:
    low = h.lower().strip()
    for key, names in HEADERS.items():
        if low in names:
            return key
    return None


def header_key_of(cells: list[str]) -> str | None:
    return next((k for k in map(_header_key, cells) if k), None)


def is_period_header(h: str) -> bool:
    return _period_text(h) is not None


def _period_text(h: str) -> str | None:
    """The period a column header names: 2023, 2023年, 2023年度, 2023年末, 2023年（件）."""
    if not re.fullmatch(r"(19|20)\d{2}.*", h):
        return None
    # 2021年 is stored as 2021, like 2021年度 and 2021年末: one spelling per year in the store
    for text in (_YEAR_WORDS.sub("", split_label(h)[0]), h):
        try:
            p = parse_period(text)
        except ValueError:
            continue
        # 2022年7月-2023年6月 (a July-June year as a bureau writes it) is stored as 2022-07/2023-06
        return period_text(p.start, p.end) if "月" in text else text
    return None


_CHANGE = re.compile(r"同比|环比|增长|增速|增幅|增减|比上年|较上年|占比")
_YEAR_WORDS = re.compile(r"(?<=\d)(年(度|末|底|全年)?|度|末|底|全年)$")


def period_columns(header, cols, where, header_row, report) -> dict[int, str]:
    """Columns headed by a period; a header that starts with a year but is not one is refused
    (a 2023年度 column must never be dropped unread)."""
    years = {}
    for i, h in enumerate(header):
        if i in cols.values() or not re.match(r"(19|20)\d{2}(?!\d)", h):
            continue
        text = _period_text(h)
        if text is None and _CHANGE.search(h):
            # 2025年同比增长(%): a rate beside the figures, never a figure of the indicator
            letter = column_letter(i)
            report.append(
                both(
                    f"{letter}列“{h}”是增减幅度，不是指标的数字，未读",
                    f"column {letter} '{h}' is a rate of change, not a figure, and is not read",
                )
            )
            continue
        if text is None:
            raise InputError(
                place(where, header_row + 1, i),
                (
                    f"表头“{h}”以年份开头，但不是一个期间",
                    f"header '{h}' starts with a year but is not a period",
                ),
                (
                    "只写年份（2023），或写作2023H1、2022-07~2023-06",
                    "write the year alone (2023), or 2023H1 / 2022-07~2023-06",
                ),
            )
        if h not in (text, f"{text}年"):  # 2023年 needs no word; 2023年末 and 2023年度 do
            letter = column_letter(i)
            report.append(
                both(
                    f"{letter}列表头“{h}”读作期间{text}",
                    f"column {letter} header '{h}' read as the period {text}",
                )
            )
        years[i] = text
    return years


def title_region(raw, header_row: int, where: str, report: list[str]) -> str | None:
    """A region named in the title rows above the header or in the sheet's name, if exactly
    one is; a row's own region column still wins."""
    sheet = where.partition(SHEET_MARK)[2]
    titles = [sheet] + [" ".join(clean(c) for c in raw.iloc[i].tolist()) for i in range(header_row)]
    for text in titles:
        key = region_in_text(text)
        if key:
            title, where = text.strip(), describe(key)
            report.append(
                both(
                    f"地区{where}取自标题“{title}”",
                    f"region {where} taken from the title '{title}'",
                )
            )
            return key
    return None


def find_header(raw: pd.DataFrame, where: str) -> int:
    for i in range(min(len(raw), 10)):
        cells = [clean(c) for c in raw.iloc[i].tolist()]
        if any(_header_key(c) in ("indicator", "name", "value") for c in cells):
            return i
        if header_key_of(cells) == "period" and indicator_columns(cells, map_columns(cells)):
            return i  # 年份 | 知识产权质押融资金额 | 单位: years down, an indicator across
    raise InputError(
        file_place(where),
        (
            "前10行中没有表头行（找的是“指标”/indicator或“数值”/value）",
            "no header row in the first 10 rows (looked for 指标/indicator or 数值/value)",
        ),
        (
            "加一行表头，写上“指标代码”和各年份，如 `ipcast template` 生成的表",
            "put a header row with 指标代码 and the years, as in `ipcast template`",
        ),
    )


def grouped_years(header: list[str], below: list[str]) -> bool:
    """A merged 年度 (or 年份) cell over the year columns, the years on the row below: two or more
    periods below a header cell that is empty (the merge) or names the period. A sheet with the
    years down its rows has one period below 年份 and figures below the indicators' names."""
    return (
        sum(
            is_period_header(b) and (not a or _header_key(a) == "period")
            for a, b in zip(header, below, strict=True)
        )
        >= 2
    )


def indicator_columns(
    header: list[str], cols: dict[str, int], names: dict[str, str] | None = None
) -> dict[int, str]:
    """Columns headed by an indicator's name (or one ``names``, the --map, maps), in a sheet
    with a period column (years down the rows): 年份 | 知识产权质押融资金额 | 单位 | 同比增长(%)."""
    if "period" not in cols or "value" in cols:
        return {}
    return {
        i: h
        for i, h in enumerate(header)
        if h
        and i not in cols.values()
        and not is_period_header(h)
        and match_indicator(h, names or {})
    }


_NUMBER = re.compile(r"-?[\d,]+(\.\d+)?")
_ROW_NUMBERS = re.compile(r"序号|编号|行次|no\.?", re.IGNORECASE)


def check_other_columns(header, cols, across, body, where, header_row, report) -> None:
    """The columns of a years-down sheet that are not read, none in silence: a rate of change
    (同比增长(%)) is said and left; a column of figures under a name ipcast does not know (专利
    权质押登记笔数) is refused with the --map that reads it, as a row of the wide layout is."""
    for i, h in enumerate(header):
        if not h or i in cols.values() or i in across or _ROW_NUMBERS.fullmatch(h):
            continue
        cells = [clean(v) for v in body[:, i]]
        if not any(_NUMBER.fullmatch(c) for c in cells):
            continue
        letter = column_letter(i)
        if _CHANGE.search(h):
            report.append(
                both(
                    f"{letter}列“{h}”是增减幅度，不是指标的数字，未读",
                    f"column {letter} '{h}' is a rate of change, not a figure, and is not read",
                )
            )
            continue
        raise InputError(
            place(where, header_row + 1, i, h),
            (
                f"无法识别的指标“{h}”（该列有数字）",
                f"unknown indicator '{h}' (its column has figures)",
            ),
            unknown_indicator_fix(h),
        )


def down_records(body, cols: dict[str, int], across: dict[int, str], first: int) -> list[dict]:
    """One record per figure of a sheet with the years down its rows: the column's header is
    the indicator's name."""
    out = []
    for r in range(len(body)):
        # 2016年 and 2026年1-9月 as a wide header reads them; a row whose first cell is no
        # period (注：数据来源为…, 合计) keeps no name, so it is read as the note or total it is
        period = _period_text(_text(body, r, cols["period"]))
        for c, name in across.items():
            rec = _record(body, r, cols, first + r, (c, name), _cell(body, r, cols["period"]), "")
            out.append(rec | {"name": name if period else "", "value": body[r, c]})
            if period:
                out[-1]["period"] = period
    return out


def map_columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        key = _header_key(h)
        if key and key not in cols:
            cols[key] = i
    return cols


def _cell(body, r, c):
    return body[r, c] if c is not None else ""  # body: the sheet's cells as a numpy array


def _text(body, r, c) -> str:
    return clean(_cell(body, r, c))


def _record(body, r, cols, line, column, period, value) -> dict:
    return {
        "line": line,
        "column": column,
        "region": _text(body, r, cols.get("region")),
        "indicator": _text(body, r, cols.get("indicator")),
        "name": _text(body, r, cols.get("name")),
        "period": period,
        "value": value,
        "unit": _text(body, r, cols.get("unit")),
        # where each field was read, as (column, header) for ``said.place``: an error about a
        # field names its cell (the value's otherwise)
        "columns": {
            f: (cols[f], "")
            for f in ("region", "indicator", "name", "period", "unit")
            if cols.get(f) is not None
        },
        "source": _text(body, r, cols.get("source")),
        "notes": _text(body, r, cols.get("notes")),
        "first_cell": _text(body, r, 0),
        "row_cells": [clean(x) for x in body[r].tolist()],
        "parent": _parent(body, r, cols, line),
    }


def _parent(body, r, cols, line) -> tuple[int, str] | None:
    """(line, name) of the row a 其中 row (on ``line``) belongs to: the nearest above that is
    no 其中."""
    col = cols.get("indicator", cols.get("name"))
    if col is None or not _text(body, r, col).startswith("其中"):
        return None
    for above in range(r - 1, -1, -1):
        name = _text(body, above, col)
        if name and not name.startswith("其中"):
            return line - (r - above), name
    return None


def long_records(body, cols: dict[str, int], first: int) -> list[dict]:
    return [
        _record(
            body,
            r,
            cols,
            first + r,
            (cols["value"], ""),
            _cell(body, r, cols["period"]),
            _cell(body, r, cols["value"]),
        )
        for r in range(len(body))
    ]


def wide_records(body, cols: dict[str, int], years: dict[int, str], first: int):
    return [
        _record(body, r, cols, first + r, (c, period), period, _cell(body, r, c))
        for r in range(len(body))
        for c, period in years.items()
    ]


def check_duplicate_columns(header: list[str], where: str, line: int) -> None:
    """Two columns for the same thing (two 数值, or 2023 and 2023年): which one is meant cannot
    be known, so neither is read."""
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if not h:
            continue
        key = _header_key(h)
        if key is None and is_period_header(h):
            period = parse_period(_period_text(h))
            key = f"period {round(period.start, 4):g}-{round(period.end, 4):g}"
        if key is None:
            continue
        if key in seen:
            zh, en = place(where, line)
            a, b = column_letter(seen[key]), column_letter(i)
            what = key.split()[0]
            raise InputError(
                (f"{zh}，{a}列和{b}列", f"{en}, column {a} and column {b}"),
                (
                    f"两列是同一个{FIELD_ZH.get(what, what)}（“{header[seen[key]]}”和“{h}”）",
                    f"two columns for the same {what} ('{header[seen[key]]}' and '{h}')",
                ),
                ("删去其中一列或改名", "delete or rename one of them"),
            )
        seen[key] = i
