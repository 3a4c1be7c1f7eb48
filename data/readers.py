"""Read a planner's history file (CSV in UTF-8 or GBK, or XLSX; long or wide; Chinese or English
headers) into the long table, with a report of every repair made. Anything that cannot be read
for certain is refused with the file, row and column, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ipcast.data import units
from ipcast.data.catalog import find_indicator, indicators, regions
from ipcast.data.errors import InputError
from ipcast.data.periods import parse_period

HEADERS = {
    "region": ("region", "地区", "区域", "城市", "地区代码"),
    "indicator": ("indicator", "指标代码", "indicator_code", "指标"),
    "name": ("指标名称", "name", "indicator_name", "label"),
    "period": ("period", "时期", "期间", "年份", "年度", "year"),
    "value": ("value", "数值", "值", "数据"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源", "数据来源"),
    "notes": ("notes", "备注", "说明"),
}
MISSING = {"", "-", "—", "–", "/", "空", "nan", "none", "null", "n/a", "na"}
_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


@dataclass
class ReadResult:
    rows: pd.DataFrame
    report: list[str] = field(default_factory=list)


def read_history_file(
    path: str | Path, region: str | None = None, any_region: bool = False
) -> ReadResult:
    """Read a history file. ``any_region`` accepts region codes ipcast does not know (a
    backtest needs no plan), which storing them for a run would not."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(p), "file not found", "check the path")
    raw = _read_raw(p)
    header_row = _find_header(raw, p)
    header = [_clean(c) for c in raw.iloc[header_row].tolist()]
    body = raw.iloc[header_row + 1 :].reset_index(drop=True)
    first_line = header_row + 2  # 1-based line of the first body row
    cols = _map_columns(header)
    years = {i: h for i, h in enumerate(header) if _is_period_header(h) and i not in cols.values()}
    report: list[str] = []
    if "value" in cols and "period" in cols:
        records = _long(body, cols, first_line)
    elif years:
        records = _wide(body, cols, years, first_line)
        report.append(f"wide layout: {len(years)} period columns ({', '.join(years.values())})")
    else:
        raise InputError(
            f"{p} row {header_row + 1}",
            "no value and period columns, and no year columns",
            "use the layout of `ipcast template` (years as columns) or "
            "columns region, indicator, period, value, unit",
        )
    rows = _validate(records, p, region, report, any_region)
    return ReadResult(rows, report)


def _read_raw(p: Path) -> pd.DataFrame:
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(p, header=None, dtype=object, sheet_name=0)
        except Exception as e:  # openpyxl raises many kinds for a broken workbook
            raise InputError(
                str(p),
                f"cannot open as an Excel workbook ({type(e).__name__})",
                "save it again as .xlsx, or export it as CSV",
            ) from None
    if suffix not in (".csv", ".txt"):
        raise InputError(str(p), f"unknown file type '{suffix}'", "give a .csv or .xlsx file")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(p, header=None, dtype=str, keep_default_na=False, encoding=enc)
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as e:
            raise InputError(
                str(p), f"not a well-formed CSV ({e})", "check for stray commas or quotes"
            ) from None
    raise InputError(str(p), "neither UTF-8 nor GBK text", "save the file as UTF-8 CSV")


def _clean(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip().replace("\ufeff", "")


def _header_key(h: str) -> str | None:
    low = h.lower()
    for key, names in HEADERS.items():
        if low in names:
            return key
    return None


def _is_period_header(h: str) -> bool:
    if not re.fullmatch(r"\d{4}.*", h):
        return False
    try:
        parse_period(h)
    except ValueError:
        return False
    return True


def _find_header(raw: pd.DataFrame, p: Path) -> int:
    for i in range(min(len(raw), 10)):
        cells = [_clean(c) for c in raw.iloc[i].tolist()]
        if any(_header_key(c) in ("indicator", "name", "value") for c in cells):
            return i
    raise InputError(
        str(p),
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


def _cell(body, r, c) -> str:
    return _clean(body.iat[r, c]) if c is not None else ""


def _long(body: pd.DataFrame, cols: dict[str, int], first: int) -> list[dict]:
    out = []
    for r in range(len(body)):
        out.append(
            {
                "line": first + r,
                "column": _col_name(cols["value"]),
                "region": _cell(body, r, cols.get("region")),
                "indicator": _cell(body, r, cols.get("indicator")),
                "name": _cell(body, r, cols.get("name")),
                "period": _cell(body, r, cols["period"]),
                "value": _cell(body, r, cols["value"]),
                "unit": _cell(body, r, cols.get("unit")),
                "source": _cell(body, r, cols.get("source")),
                "notes": _cell(body, r, cols.get("notes")),
            }
        )
    return out


def _wide(body: pd.DataFrame, cols: dict[str, int], years: dict[int, str], first: int):
    out = []
    for r in range(len(body)):
        for c, period in years.items():
            out.append(
                {
                    "line": first + r,
                    "column": f"{_col_name(c)} ({period})",
                    "region": _cell(body, r, cols.get("region")),
                    "indicator": _cell(body, r, cols.get("indicator")),
                    "name": _cell(body, r, cols.get("name")),
                    "period": period,
                    "value": _cell(body, r, c),
                    "unit": _cell(body, r, cols.get("unit")),
                    "source": _cell(body, r, cols.get("source")),
                    "notes": _cell(body, r, cols.get("notes")),
                }
            )
    return out


def _col_name(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        name = chr(65 + rem) + name
    return f"column {name}"


def parse_number(text: str) -> float | None:
    """A number cell: ``None`` for a missing marker, a float for a plain number (thousands
    commas allowed), ``ValueError`` for anything else."""
    s = text.strip()
    if s.lower() in MISSING:
        return None
    if not _NUMBER.fullmatch(s):
        raise ValueError(s)
    return float(s.replace(",", ""))


def _validate(
    records: list[dict], p: Path, region: str | None, report: list[str], any_region: bool = False
):
    cat = indicators()
    known = regions().index
    rows, blanks, assumed_units = [], 0, set()
    for rec in records:
        where = f"{p} row {rec['line']}, {rec['column']}"
        if not rec["indicator"] and not rec["name"] and not rec["value"]:
            continue  # an empty line
        try:
            value = parse_number(rec["value"])
        except ValueError:
            raise InputError(
                where,
                f"'{rec['value']}' is not a number",
                "write the number alone (units go in the 单位 column); leave the "
                "cell empty or write — if the figure is unknown",
            ) from None
        if value is None:
            blanks += 1
            continue
        reg = rec["region"] or region
        if not reg:
            raise InputError(where, "no region", "add a 地区 column or pass --region")
        if reg not in known and not any_region:
            raise InputError(
                where,
                f"unknown region '{reg}'",
                "use a region code from `ipcast regions` (e.g. chengdu)",
            )
        if region and reg != region:
            raise InputError(
                where, f"region '{reg}' but --region {region}", "drop --region or correct the row"
            )
        slug = find_indicator(rec["indicator"]) or find_indicator(rec["name"])
        if slug is None:
            shown = rec["indicator"] or rec["name"]
            raise InputError(
                where,
                f"unknown indicator '{shown}'",
                "use a code or Chinese name from `ipcast indicators`",
            )
        try:
            period = parse_period(rec["period"])
        except ValueError as e:
            raise InputError(
                where, str(e), "write the period as 2023, 2023年, 2023H1 or 2022-07/2023-06"
            ) from None
        base = cat.loc[slug, "unit"]
        unit = rec["unit"] or base
        if not rec["unit"]:
            assumed_units.add(f"{slug} in {base}")
        try:
            unit = units.canonical(unit)
        except KeyError:
            raise InputError(
                where,
                f"unknown unit '{rec['unit']}'",
                f"use one of {', '.join(units.units_like(base))}",
            ) from None
        if not units.fits(unit, base):
            raise InputError(
                where,
                f"unit '{unit}' does not fit {slug} (in {base})",
                f"use one of {', '.join(units.units_like(base))}",
            )
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
    if blanks:
        report.append(f"{blanks} empty or '—' cells read as missing")
    if assumed_units:
        report.append(
            "no unit given, the indicator's own unit assumed: " + "; ".join(sorted(assumed_units))
        )
    df = pd.DataFrame(rows)
    if df.empty:
        raise InputError(str(p), "no figures found", "fill in at least one value")
    return _check_duplicates(df, p, report)


def _period_type(slug: str, period) -> str:
    row = indicators().loc[slug]
    if row["measure"] == "stock" or (row["measure"] == "ratio" and row["unit"] != "%"):
        return "asof"
    whole = abs(period.start - round(period.start)) < 1e-9
    if whole and abs(period.years - 1) < 1e-9:
        return "year"
    return "half" if abs(period.years - 0.5) < 1e-9 else "span"


def _check_duplicates(df: pd.DataFrame, p: Path, report: list[str]) -> pd.DataFrame:
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
                f"{p} rows {first['line']} and {r['line']}",
                f"two different figures for {r['indicator']} {r['period']} "
                f"({first['value']:g} and {r['value']:g})",
                "keep only the right one",
            )
        report.append(f"row {r['line']} repeats row {first['line']}; read once")
    return df.loc[keep].drop(columns=["key"]).reset_index(drop=True)
