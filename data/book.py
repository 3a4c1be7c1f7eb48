"""Which sheets of a planner's file are read (a CSV's one, the workbook sheet asked for, or every
visible sheet of a bureau's book that holds figures: 专利, 商标, 质押融资 …, a cover or 目录 said
and skipped, see ``workbook``) and what their titles say together (the one region a book names)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import workbook
from .errors import InputError
from .places import region_in_text
from .said import SHEET_MARK, file_place, sheet_where
from .sheet_layout import clean, find_header, indicator_columns, map_columns
from .table_cells import read_csv_cells


@dataclass
class Sheet:
    raw: pd.DataFrame
    where: str  # "file" or "file, sheet S"
    report: list[str] = field(default_factory=list)  # what was left unread in it (hidden rows)
    figures: bool = True  # False: a cover or notes sheet, read for its title only


def read_raw(p: Path, report: list[str], sheet: str | None = None) -> list[Sheet]:
    """The sheets to read: a CSV's one, the workbook sheet asked for, or every visible
    workbook sheet that holds figures (``workbook.choose_sheets``)."""
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_sheets(p, sheet, report)
    if suffix not in (".csv", ".txt"):
        raise InputError(
            file_place(p),
            (f"无法识别的文件类型“{suffix}”", f"unknown file type '{suffix}'"),
            ("请提供 .csv 或 .xlsx 文件", "give a .csv or .xlsx file"),
        )
    return [Sheet(read_csv_cells(p, report, blank_lines=True), str(p))]


def _read_sheets(p: Path, wanted: str | None, report: list[str]) -> list[Sheet]:
    """The sheets the planner sees (see ``workbook``), their formulas checked."""
    try:
        excel, book = pd.ExcelFile(p), workbook.Book(p)
        raws: dict[str, pd.DataFrame] = {}

        def raw(name):
            if name not in raws:
                raws[name] = pd.read_excel(excel, sheet_name=name, header=None, dtype=object)
            return raws[name]

        names, notes = workbook.choose_sheets(book, wanted, lambda name: figures_in(raw(name)))
        sheets = []
        for name in names:
            workbook.check_formulas(book, name)
            shown, hidden = workbook.hide_hidden(book, name, raw(name))
            sheets.append(Sheet(shown, sheet_where(p, name), hidden))
        for name in workbook.visible_sheets(book):  # a cover's title may name every sheet's region
            if name not in names and figures_in(raw(name)) == 0:
                sheets.append(Sheet(raw(name), sheet_where(p, name), figures=False))
    except InputError:
        raise
    except Exception as e:  # openpyxl raises many kinds for a broken workbook
        raise workbook.unreadable(p, e) from None
    report.extend(notes)
    return sheets


def figures_in(raw: pd.DataFrame) -> int:
    """2 if the sheet has a header row with a year, a value column or an indicator's column
    (the header or the row below it: a merged 年度 over the years), 1 if it has a header row
    without any (a 目录: 序号 | 名称 | 页码), 0 if it has none (a cover, notes)."""
    try:
        i = find_header(raw, "")
    except InputError:
        return 0
    rows = [[clean(c) for c in raw.iloc[j].tolist()] for j in range(i, min(i + 2, len(raw)))]
    cols = map_columns(rows[0])
    dated = any(re.match(r"(19|20)\d{2}(?!\d)", h) for row in rows for h in row)
    return 2 if dated or "value" in cols or indicator_columns(rows[0], cols) else 1


def book_region(sheets: list[Sheet]) -> tuple[str, str, str] | None:
    """``(region, the title that names it, its sheet)`` when the titles of a workbook's sheets
    (the cover's first rows, each sheet of figures' rows above its header and its name) name
    one region between them; ``None`` when they name none or several."""
    found: dict[str, tuple[str, str]] = {}
    for s in sheets:
        name = s.where.partition(SHEET_MARK)[2]
        top = find_header(s.raw, s.where) if s.figures else min(len(s.raw), 10)
        for text in [name] + [" ".join(clean(c) for c in s.raw.iloc[i]) for i in range(top)]:
            key = region_in_text(text)
            if key:
                found.setdefault(key, (text.strip(), name))
    return (next(iter(found)), *next(iter(found.values()))) if len(found) == 1 else None
