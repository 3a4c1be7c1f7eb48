"""Read a planner's history file (CSV in UTF-8, GBK or GB18030, or XLSX; long or wide; Chinese or
English headers) into the long table, with a report of every repair made. Anything that cannot be
read for certain is refused with the file, sheet, row and column, the problem and the fix; never
guessed. The sheet's layout is read in ``sheet_layout``, each record checked in ``figure_rows``,
each cell in ``cells``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .across_sheets import check_across_sheets
from .book import book_region, read_raw
from .cells import MISSING
from .errors import InputError
from .figure_rows import checked_rows
from .places import describe
from .said import SHEET_MARK, both, column_letter, file_place, place
from .sheet_layout import (
    check_duplicate_columns,
    check_other_columns,
    clean,
    down_records,
    find_header,
    grouped_years,
    header_key_of,
    indicator_columns,
    is_period_header,
    long_records,
    map_columns,
    period_columns,
    title_region,
    wide_records,
)


@dataclass
class ReadResult:
    rows: pd.DataFrame
    report: list[str] = field(default_factory=list)


def read_history_file(
    path: str | Path,
    region: str | None = None,
    any_region: bool = False,
    sheet: str | None = None,
    accept_large: bool = False,
    names: dict[str, str] | None = None,
    today: date | None = None,
) -> ReadResult:
    """Read a history file. ``any_region`` accepts region codes ipcast does not know (a
    backtest needs no plan), which storing them for a run would not; ``sheet`` names the
    workbook sheet; ``accept_large`` lets figures above an indicator's plausible maximum
    through; ``names`` maps the file's own indicator names to slugs; a figure for a period not
    over by ``today`` (the real date unless given) is refused. Never changes the file."""
    p = Path(path)
    if not p.exists():
        raise InputError(
            file_place(p), ("找不到文件", "file not found"), ("检查路径", "check the path")
        )
    report: list[str] = []
    if sheet is not None and p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError(
            "--sheet",
            (f"{p.name}不是Excel工作簿", f"{p.name} is not a workbook"),
            ("CSV文件不用 --sheet", "drop --sheet for a CSV file"),
        )
    sheets = read_raw(p, report, sheet)
    book = None if region or len(sheets) == 1 else book_region(sheets)
    sheets = [s for s in sheets if s.figures]
    args = (p, region, book, any_region, accept_large, names, today)
    if len(sheets) == 1:
        return ReadResult(_read_sheet(sheets[0], report, *args), report)
    parts = []
    for one in sheets:
        said: list[str] = []
        part = _read_sheet(one, said, *args, empty_ok=True)
        name = one.where.partition(SHEET_MARK)[2]
        if part is None:  # a table not filled in yet (2025年 beside the years done)
            report.append(
                both(
                    f"工作表“{name}”有表头但没有数字，未读",
                    f"sheet '{name}' has a header but no figures: not read",
                )
            )
            continue
        parts.append(part)
        said.insert(0, both(f"读取{len(part)}个数字", f"{len(part)} figures read"))
        report.extend(f"【{name}】{line}" for line in said)  # each line names its sheet
    if not parts:
        raise InputError(
            file_place(p),
            ("各工作表都没有数字", "no sheet has any figures"),
            ("至少填写一个数值", "fill in at least one value"),
        )
    rows = check_across_sheets(pd.concat(parts, ignore_index=True), report)
    return ReadResult(rows, report)


def _read_sheet(
    sheet, report, p, region, book, any_region, accept_large, names, today, empty_ok=False
) -> pd.DataFrame | None:
    """One sheet's figures as rows of the long table, each with the sheet it came from
    (``where``); every reading made is added to ``report``. A sheet whose title names no
    region takes ``book``'s, the one region the workbook's titles name (``book_region``).
    With ``empty_ok`` (one sheet of a book), a table with no figure in it is None."""
    report.extend(sheet.report)
    raw = sheet.raw
    header_row = find_header(raw, sheet.where)
    if header_row:
        report.append(
            both(
                f"表头上方{header_row}行标题未读",
                f"{header_row} title row(s) above the header skipped",
            )
        )
    header = [clean(c) for c in raw.iloc[header_row].tolist()]
    region = region or title_region(raw, header_row, sheet.where, report)
    if region is None and book is not None:
        region, title, named_in = book
        report.append(
            both(
                f"地区{describe(region)}取自工作表“{named_in}”的标题“{title}”",
                f"region {describe(region)} taken from the title '{title}' of sheet '{named_in}'",
            )
        )
    body_start = header_row + 1
    long_layout = {"value", "period"} <= set(map_columns(header))
    wide = any(is_period_header(h) for h in header)
    down = "period" in map_columns(header)  # 年份 | 指标…: a row below is figures, no header
    if not long_layout and not wide and header_row + 1 < len(raw):
        below = [clean(c) for c in raw.iloc[header_row + 1].tolist()]
        periods_below = sum(is_period_header(h) for h in below) >= 1
        if header_key_of(below) is None and (
            (periods_below and not down) or grouped_years(header, below)
        ):
            header = [b or a for a, b in zip(header, below, strict=True)]
            body_start += 1
            rows = f"{header_row + 1}-{header_row + 2}"
            report.append(
                both(f"两行表头（第{rows}行）合并读取", f"two-row header (rows {rows}) merged")
            )
    check_duplicate_columns(header, sheet.where, body_start)
    body = raw.iloc[body_start:].reset_index(drop=True)
    first_line = body_start + 1
    cols = map_columns(header)
    years = period_columns(header, cols, sheet.where, header_row, report)
    if "value" in cols and "period" in cols:
        records = long_records(body.to_numpy(dtype=object), cols, first_line)
    elif years:
        records = wide_records(body.to_numpy(dtype=object), cols, years, first_line)
        shown = ", ".join(years.values())
        report.append(
            both(
                f"宽表：{len(years)}个期间列（{shown}）",
                f"wide layout: {len(years)} period columns ({shown})",
            )
        )
    elif across := indicator_columns(header, cols, names):
        if len(across) > 1 and "unit" in cols:
            raise InputError(
                place(sheet.where, header_row + 1, cols["unit"]),
                (
                    f"一个“单位”列对应{len(across)}个指标列，看不出是哪一列的单位",
                    f"one 单位 column for {len(across)} indicator columns: whose unit it is "
                    "cannot be told",
                ),
                (
                    "删去“单位”列，把单位写进各指标列的表头，如“知识产权质押融资金额（亿元）”",
                    "delete the 单位 column and put each unit in its header, e.g. "
                    "知识产权质押融资金额（亿元）",
                ),
            )
        cells = body.to_numpy(dtype=object)
        check_other_columns(header, cols, across, cells, sheet.where, header_row, report)
        records = down_records(cells, cols, across, first_line)
        shown = "、".join(f"{column_letter(c)}列“{h}”" for c, h in across.items())
        shown_en = ", ".join(f"column {column_letter(c)} '{h}'" for c, h in across.items())
        report.append(
            both(
                f"年份在行、指标在列：{shown}",
                f"years down the rows, indicators across: {shown_en}",
            )
        )
    else:
        raise InputError(
            place(sheet.where, header_row + 1),
            (
                "没有“数值”和“期间”列，也没有年份列",
                "no value and period columns, and no year columns",
            ),
            (
                "按 `ipcast template` 的格式（各年份为列）填写，或用“地区、指标、期间、数值、单位”"
                "各列",
                "use the layout of `ipcast template` (years as columns) or columns "
                "region, indicator, period, value, unit",
            ),
        )
    if empty_ok and all(clean(r["value"]).lower() in MISSING for r in records):
        return None
    rows = checked_rows(
        records, sheet.where, p, region, report, any_region, accept_large, names or {}, today
    )
    return rows.assign(where=sheet.where)
