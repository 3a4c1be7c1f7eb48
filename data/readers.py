"""Read a planner's history file (CSV in UTF-8, GBK or GB18030, or XLSX; long or wide; Chinese or
English headers) into the long table, with a report of every repair made. Anything that cannot be
read for certain is refused with the file, sheet, row and column, the problem and the fix; never
guessed. Cell-level reading is in ``cells``."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import units, workbook
from .catalog import indicators, plausible_max
from .cells import CellError, normalise, parse_number, parse_period_cell
from .errors import InputError
from .indicator_names import match_indicator, split_label, unknown_indicator_fix
from .periods import parse_period
from .places import describe, region_in_text, resolve_region

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
TOTALS = {"合计", "总计", "小计", "总数", "total", "sum", "subtotal"}
NOTE_START = re.compile(
    r"^(注[:：\d一二三]|注$|备注|说明|数据来源|资料来源|来源[:：]|note|source[:：]|[*※])",
    re.IGNORECASE,
)
MISSING = {"", "nan", "none"}


@dataclass
class ReadResult:
    rows: pd.DataFrame
    report: list[str] = field(default_factory=list)


@dataclass
class _Sheet:
    raw: pd.DataFrame
    where: str  # "file" or "file, sheet S"


def read_history_file(
    path: str | Path,
    region: str | None = None,
    any_region: bool = False,
    sheet: str | None = None,
    accept_large: bool = False,
    names: dict[str, str] | None = None,
) -> ReadResult:
    """Read a history file. ``any_region`` accepts region codes ipcast does not know (a
    backtest needs no plan), which storing them for a run would not; ``sheet`` names the
    workbook sheet; ``accept_large`` lets figures above an indicator's plausible maximum
    through; ``names`` maps the file's own indicator names to slugs. Never changes the file."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(p), "file not found", "check the path")
    report: list[str] = []
    if sheet is not None and p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError("--sheet", f"{p.name} is not a workbook", "drop --sheet for a CSV file")
    sheet = _read_raw(p, report, sheet)
    raw = sheet.raw
    header_row = _find_header(raw, sheet.where)
    if header_row:
        report.append(f"{header_row} title row(s) above the header skipped")
    header = [_clean(c) for c in raw.iloc[header_row].tolist()]
    region = region or _title_region(raw, header_row, sheet.where, report)
    body_start = header_row + 1
    long_layout = {"value", "period"} <= set(_map_columns(header))
    wide = any(_is_period_header(h) for h in header)
    if not long_layout and not wide and header_row + 1 < len(raw):
        below = [_clean(c) for c in raw.iloc[header_row + 1].tolist()]
        if sum(_is_period_header(h) for h in below) >= 1 and _header_key_of(below) is None:
            header = [b or a for a, b in zip(header, below, strict=True)]
            body_start += 1
            report.append(f"two-row header (rows {header_row + 1}-{header_row + 2}) merged")
    check_duplicate_columns(header, f"{sheet.where} row {body_start}")
    body = raw.iloc[body_start:].reset_index(drop=True)
    first_line = body_start + 1
    cols = _map_columns(header)
    years = _period_columns(header, cols, sheet.where, header_row, report)
    if "value" in cols and "period" in cols:
        records = _long(body.to_numpy(dtype=object), cols, first_line)
    elif years:
        records = _wide(body.to_numpy(dtype=object), cols, years, first_line)
        report.append(f"wide layout: {len(years)} period columns ({', '.join(years.values())})")
    else:
        raise InputError(
            f"{sheet.where} row {header_row + 1}",
            "no value and period columns, and no year columns",
            "use the layout of `ipcast template` (years as columns) or columns "
            "region, indicator, period, value, unit",
        )
    rows = _validate(records, sheet.where, p, region, report, any_region, accept_large, names or {})
    return ReadResult(rows, report)


def _read_raw(p: Path, report: list[str], sheet: str | None = None) -> _Sheet:
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_sheet(p, sheet, report)
    if suffix not in (".csv", ".txt"):
        raise InputError(str(p), f"unknown file type '{suffix}'", "give a .csv or .xlsx file")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            raw = pd.read_csv(
                p,
                header=None,
                dtype=str,
                keep_default_na=False,
                encoding=enc,
                skip_blank_lines=False,
            )
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as e:
            line = re.search(r"line (\d+)", str(e))
            where = f"{p} row {line.group(1)}" if line else str(p)
            raise InputError(
                where,
                "a row has more cells than the header",
                "check for stray commas; quote cells that contain commas",
            ) from None
        except pd.errors.EmptyDataError:
            raise InputError(str(p), "the file is empty", "fill in the template") from None
        if enc != "utf-8-sig":
            report.append("read as GBK/GB18030 text")
        return _Sheet(raw, str(p))
    raise InputError(str(p), "neither UTF-8 nor GBK text", "save the file as UTF-8 CSV")


def _read_sheet(p: Path, wanted: str | None, report: list[str]) -> _Sheet:
    """The sheet the planner sees (see ``workbook``), its formulas checked."""
    try:
        book = pd.ExcelFile(p)
        raws: dict[str, pd.DataFrame] = {}

        def raw(name):
            if name not in raws:
                raws[name] = pd.read_excel(book, sheet_name=name, header=None, dtype=object)
            return raws[name]

        def looks_like_data(name) -> bool:
            try:
                _find_header(raw(name), name)
            except InputError:
                return False
            return True

        name, notes = workbook.choose_sheet(p, wanted, looks_like_data)
        workbook.check_formulas(p, name)
        sheet = _Sheet(raw(name), f"{p}, sheet {name}")
    except InputError:
        raise
    except Exception as e:  # openpyxl raises many kinds for a broken workbook
        raise InputError(
            str(p),
            f"cannot open as an Excel workbook ({type(e).__name__})",
            "save it again as .xlsx, or export it as CSV",
        ) from None
    report.extend(notes)
    return sheet


def _clean(v) -> str:
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


def _header_key_of(cells: list[str]) -> str | None:
    return next((k for k in map(_header_key, cells) if k), None)


def _is_period_header(h: str) -> bool:
    return _period_text(h) is not None


def _period_text(h: str) -> str | None:
    """The period a column header names: 2023, 2023年, 2023年度, 2023年末, 2023年（件）."""
    if not re.fullmatch(r"(19|20)\d{2}.*", h):
        return None
    for text in (h, _YEAR_WORDS.sub("", split_label(h)[0])):
        try:
            parse_period(text)
        except ValueError:
            continue
        return text
    return None


_YEAR_WORDS = re.compile(r"(?<=\d)年?(度|末|底|全年)$")


def _period_columns(header, cols, where, header_row, report) -> dict[int, str]:
    """Columns headed by a period; a header that starts with a year but is not one is refused
    (a 2023年度 column must never be dropped unread)."""
    years = {}
    for i, h in enumerate(header):
        if i in cols.values() or not re.match(r"(19|20)\d{2}(?!\d)", h):
            continue
        text = _period_text(h)
        if text is None:
            raise InputError(
                f"{where} row {header_row + 1}, {_col_name(i)}",
                f"header '{h}' starts with a year but is not a period",
                "write the year alone (2023), or 2023H1 / 2022-07~2023-06",
            )
        if text != h:
            report.append(f"{_col_name(i)} header '{h}' read as the period {text}")
        years[i] = text
    return years


def _title_region(raw, header_row: int, where: str, report: list[str]) -> str | None:
    """A region named in the title rows above the header or in the sheet's name, if exactly
    one is; a row's own region column still wins."""
    sheet = where.split(", sheet ", 1)[1] if ", sheet " in where else ""
    titles = [sheet] + [
        " ".join(_clean(c) for c in raw.iloc[i].tolist()) for i in range(header_row)
    ]
    for text in titles:
        key = region_in_text(text)
        if key:
            report.append(f"region {describe(key)} taken from the title '{text.strip()}'")
            return key
    return None


def _find_header(raw: pd.DataFrame, where: str) -> int:
    for i in range(min(len(raw), 10)):
        cells = [_clean(c) for c in raw.iloc[i].tolist()]
        if any(_header_key(c) in ("indicator", "name", "value") for c in cells):
            return i
    raise InputError(
        where,
        "no header row in the first 10 rows (looked for 指标/indicator or 数值/value)",
        "put a header row with 指标代码 and the years, as in `ipcast template`",
    )


def _map_columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        key = _header_key(h)
        if key and key not in cols:
            cols[key] = i
    return cols


def _cell(body, r, c):
    return body[r, c] if c is not None else ""  # body: the sheet's cells as a numpy array


def _text(body, r, c) -> str:
    return _clean(_cell(body, r, c))


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
        "source": _text(body, r, cols.get("source")),
        "notes": _text(body, r, cols.get("notes")),
        "first_cell": _text(body, r, 0),
        "row_cells": [_clean(x) for x in body[r].tolist()],
    }


def _long(body, cols: dict[str, int], first: int) -> list[dict]:
    return [
        _record(
            body,
            r,
            cols,
            first + r,
            _col_name(cols["value"]),
            _cell(body, r, cols["period"]),
            _cell(body, r, cols["value"]),
        )
        for r in range(len(body))
    ]


def _wide(body, cols: dict[str, int], years: dict[int, str], first: int):
    return [
        _record(body, r, cols, first + r, f"{_col_name(c)} ({period})", period, _cell(body, r, c))
        for r in range(len(body))
        for c, period in years.items()
    ]


def _col_name(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        name = chr(65 + rem) + name
    return f"column {name}"


def _skip_reason(rec: dict, names: dict[str, str]) -> str | None:
    """Totals and notes rows, which are not figures of one indicator."""
    label = (rec["indicator"] or rec["name"] or rec["first_cell"]).strip()
    if label.lower() in TOTALS or any(label.startswith(w) for w in ("合计", "总计")):
        return "a totals row"
    if match_indicator(label, names):
        return None
    filled = [c for c in rec["row_cells"] if c]
    if NOTE_START.match(label) or (len(filled) == 1 and len(label) > 8):
        return "a note"
    return None


def _validate(
    records: list[dict],
    where: str,
    p: Path,
    region: str | None,
    report: list[str],
    any_region: bool = False,
    accept_large: bool = False,
    names: dict[str, str] | None = None,
):
    cat = indicators()
    names = names or {}
    region = resolve_region(region) if region else None
    resolved: dict[str, str] = {}
    rows, blanks, assumed_units, skipped = [], 0, set(), {}
    for rec in records:
        at = f"{where} row {rec['line']}, {rec['column']}"
        if all(not c for c in rec["row_cells"]):
            continue  # an empty line
        reason = _skip_reason(rec, names)
        if reason:
            skipped.setdefault(rec["line"], reason)
            continue
        try:
            value, cell_unit, repairs = parse_number(rec["value"])
        except CellError as e:
            raise InputError(at, e.problem, e.fix) from None
        if value is None:
            blanks += 1
            continue
        check_finite(value, rec["value"], at)
        reg = _row_region(rec["region"], region, at, any_region, resolved)
        if region and reg != region:
            raise InputError(
                at, f"region '{reg}' but --region {region}", "drop --region or correct the row"
            )
        slug = match_indicator(rec["indicator"], names) or match_indicator(rec["name"], names)
        if slug is None:
            shown = rec["indicator"] or rec["name"]
            raise InputError(at, f"unknown indicator '{shown}'", unknown_indicator_fix(shown))
        base = cat.loc[slug, "unit"]
        stock = cat.loc[slug, "measure"] != "flow"
        period_text, period_repairs = parse_period_cell(rec["period"], stock)
        try:
            period = parse_period(period_text)
        except ValueError as e:
            raise InputError(
                at, str(e), "write the period as 2023, 2023年, 2023H1 or 2022-07/2023-06"
            ) from None
        unit, value = _unit(rec, cell_unit, value, base, slug, at, repairs, assumed_units)
        if value < 0:
            raise InputError(
                at,
                f"negative figure {value:g}",
                "counts and amounts are never negative; check the sign",
            )
        if not accept_large:
            check_magnitude(value, unit, slug, at)
        for note in repairs + period_repairs:
            report.append(f"row {rec['line']}: {note}")
        rows.append(
            {
                "region": reg,
                "indicator": slug,
                "period": period.text,
                "period_type": _period_type(slug, period),
                "value": value,
                "unit": unit,
                "source": rec["source"] or f"user:{p.name}",
                "source_title": "",
                "quote": "",
                "notes": rec["notes"],
                "exclude": "",
                "line": rec["line"],
                "origin": f"user:{p.name}",
            }
        )
    for line, reason in sorted(skipped.items()):
        report.append(f"row {line} skipped: {reason}")
    if blanks:
        report.append(f"{blanks} empty or '—' cells read as missing")
    if assumed_units:
        report.append(
            "no unit given, the indicator's own unit assumed: " + "; ".join(sorted(assumed_units))
        )
    df = pd.DataFrame(rows)
    if df.empty:
        raise InputError(where, "no figures found", "fill in at least one value")
    return _check_duplicates(df, where, report)


def _row_region(text, region, at, any_region, resolved) -> str:
    """The row's region code from its 地区 cell (any name form), else ``--region``."""
    if not text:
        if not region:
            raise InputError(at, "no region", "add a 地区 column or pass --region")
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


def _unit(rec, cell_unit, value, base, slug, at, repairs, assumed_units):
    """The row's unit (the 单位 column or a unit in the name, else the cell's, else the
    indicator's) and the value in it; a unit written in the cell is converted to the column's,
    and the conversion reported."""
    col = rec["unit"] or _label_unit(rec, base)
    if col:
        try:
            col = units.canonical(col)
        except KeyError:
            raise InputError(
                at,
                f"unknown unit '{rec['unit']}'",
                f"use one of {', '.join(units.units_like(base))}",
            ) from None
    unit = col or cell_unit or base
    if not col and not cell_unit:
        assumed_units.add(f"{slug} in {base}")
    if not units.fits(unit, base):
        raise InputError(
            at,
            f"unit '{unit}' does not fit {slug} (in {base})",
            f"use one of {', '.join(units.units_like(base))}",
        )
    if cell_unit and col and cell_unit != col:
        if not units.fits(cell_unit, col):
            raise InputError(
                at, f"the cell says {cell_unit} but the 单位 column says {col}", "make them agree"
            )
        new = units.convert(value, cell_unit, col)
        repairs.append(f"{value:g}{cell_unit} converted to {new:g}{col}")
        value = new
    return unit, value


def _period_type(slug: str, period) -> str:
    cat = indicators()
    measure, unit = cat.at[slug, "measure"], cat.at[slug, "unit"]
    if measure == "stock" or (measure == "ratio" and unit != "%"):
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
            raise InputError(
                f"{where} rows {first['line']} and {r['line']}",
                f"two different figures for {r['indicator']} {r['period']} "
                f"({first['value']:g} and {r['value']:g})",
                "keep only the right one",
            )
        report.append(f"row {r['line']} repeats row {first['line']}; read once")
    return df.loc[keep].drop(columns=["key"]).reset_index(drop=True)


def check_finite(value: float, cell, at: str) -> None:
    if not math.isfinite(value):
        raise InputError(
            at, f"'{cell}' is not a finite number", "write the figure itself (e.g. 4500)"
        )


def check_magnitude(value: float, unit: str, slug: str, at: str) -> None:
    """Refuse a figure above what any Chinese region could report (the catalog's max_value):
    a typo, a unit slip (万件 for 件) or a sum pasted into a cell."""
    base = indicators().loc[slug, "unit"]
    ceiling = plausible_max(slug)
    if units.convert(value, unit, base) > ceiling:
        raise InputError(
            at,
            f"{value:g}{unit} is implausibly large for {slug} (more than {ceiling:g}{base}, "
            "above any Chinese region's figure)",
            "check the digits and the unit; if the figure is right, run again with --accept-large",
        )


def check_duplicate_columns(header: list[str], where: str) -> None:
    """Two columns for the same thing (two 数值, or 2023 and 2023年): which one is meant cannot
    be known, so neither is read."""
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        if not h:
            continue
        key = _header_key(h)
        if key is None and _is_period_header(h):
            period = parse_period(_period_text(h))
            key = f"period {round(period.start, 4):g}-{round(period.end, 4):g}"
        if key is None:
            continue
        if key in seen:
            raise InputError(
                f"{where}, {_col_name(seen[key])} and {_col_name(i)}",
                f"two columns for the same {key.split()[0]} ('{header[seen[key]]}' and '{h}')",
                "delete or rename one of them",
            )
        seen[key] = i


def parse_number_text(text: str) -> float | None:
    """A plain number cell (kept for callers that need only the value)."""
    value, _, _ = parse_number(text)
    return value
