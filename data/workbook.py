"""Which sheet of a workbook holds the figures, read as the planner sees it in Excel or WPS.

A hidden sheet is never read unless asked for by name (it is often a stale copy), nor is a hidden
row or column of the sheet read (a draft or helper figure the planner hid; ``hide_hidden`` says
which were left out). When several visible sheets hold figures (a bureau's book of 专利, 商标,
质押融资 sheets) each is read; a sheet without figures beside them (a cover, notes) is said and
skipped.
Formula cells whose result was never saved (a workbook written by a program and not opened
since) have no value to read: they are refused with the cells named, never read as empty.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .errors import InputError
from .said import both, file_place, sheet_where, where_zh

MAX_NAMED = 6  # cells named in a message


class Book:
    """A workbook opened once for all ipcast asks of it beside the cells pandas reads: its
    sheets' states, formula cells and hidden rows and columns (``read_only`` would keep no row
    or column dimensions). Its saved formula results are opened only if a sheet has formulas.
    Each sheet used to open it again for each question: 12 times for a book of four sheets."""

    def __init__(self, p: Path):
        from openpyxl import load_workbook

        self.path = p
        self.cells = load_workbook(p)  # formulas as written
        self._results = None

    def states(self) -> dict[str, str]:
        return {ws.title: ws.sheet_state for ws in self.cells.worksheets}

    def results(self, sheet: str):
        """The sheet's formula results as Excel last saved them."""
        if self._results is None:
            from openpyxl import load_workbook

            self._results = load_workbook(self.path, data_only=True)
        return self._results[sheet]


def unreadable(p: Path, e: Exception) -> InputError:
    """The error for a workbook that cannot be opened (openpyxl raises many kinds)."""
    return InputError(
        file_place(p),
        (
            f"无法作为Excel工作簿打开（{type(e).__name__}）",
            f"cannot open as an Excel workbook ({type(e).__name__})",
        ),
        ("重新另存为 .xlsx，或导出为CSV", "save it again as .xlsx, or export it as CSV"),
    )


def choose_sheets(book: Book, wanted: str | None, figures_in) -> tuple[list[str], list[str]]:
    """``(sheet names, report lines)``: the sheet asked for, else every visible sheet that
    holds figures (a bureau's book: 专利, 商标, 质押融资 …), the
    others (a cover, a 目录, notes) said and skipped. ``figures_in(name)`` says what a sheet
    holds: 2 a header row of figures, 1 a header row without a year or a value column (a 目录:
    序号 | 名称 | 页码), 0 no header row. With no sheet of figures, the first with a header is
    read (its error says what its header lacks), else the first visible sheet."""
    p, states = book.path, book.states()
    visible = [n for n, s in states.items() if s == "visible"]
    hidden = [n for n in states if n not in visible]
    if wanted is not None:
        return [_named(p, wanted, states)], (
            [
                both(
                    f"按要求读取工作表“{wanted}”，尽管它是隐藏的",
                    f"sheet '{wanted}' read as asked, though it is hidden",
                )
            ]
            if wanted in hidden
            else []
        )
    # every sheet with figures, the template's 历史数据 too: a sheet a planner adds to it (商标)
    # was left unread without a word
    held = {n: figures_in(n) for n in visible}
    names = [n for n in visible if held[n] == 2]
    names = names or [n for n in visible if held[n] == 1][:1] or (visible or list(states))[:1]
    n = len(states)
    if len(names) == 1:
        said = (f"读取工作表“{names[0]}”", f"sheet '{names[0]}' read")
    else:
        said = (
            f"读取{len(names)}个含数字的工作表：{'、'.join(names)}",
            f"{len(names)} sheets with figures read: {', '.join(names)}",
        )
    report = [both(f"{said[0]}（共{n}个工作表）", f"{said[1]} ({n} sheets in the workbook)")]
    if len(names) > 1:
        # a sheet with no figures beside several that have them: a cover or notes
        for other in (v for v in visible if v not in names):
            report.append(
                both(
                    f"工作表“{other}”没有数字表（封面或说明），未读",
                    f"sheet '{other}' holds no table of figures (a cover or notes): not read",
                )
            )
    if hidden:
        shown = ", ".join(hidden)
        report.append(both(f"隐藏工作表未读：{shown}", f"hidden sheet(s) not read: {shown}"))
    return names, report if len(states) > 1 else []


def visible_sheets(book: Book) -> list[str]:
    return [n for n, s in book.states().items() if s == "visible"]


def _named(p: Path, wanted: str, states: dict) -> str:
    if wanted in states:
        return wanted
    near = difflib.get_close_matches(wanted, list(states), n=1, cutoff=0.4)
    hint = (f"是不是“{near[0]}”？", f"did you mean '{near[0]}'? ") if near else ("", "")
    raise InputError(
        (f"{where_zh(str(p))}，--sheet", f"{p} --sheet"),
        (f"没有名为“{wanted}”的工作表", f"no sheet '{wanted}'"),
        (
            f"{hint[0]}工作表有：{'、'.join(states)}",
            f"{hint[1]}the sheets are {', '.join(states)}",
        ),
    )


def check_formulas(book: Book, sheet: str) -> None:
    """Refuse formula cells with no saved result: openpyxl (like pandas) reads them as empty."""
    formulas = [c for row in book.cells[sheet].iter_rows() for c in row if c.data_type == "f"]
    results = book.results(sheet) if formulas else None
    missing = [c.coordinate for c in formulas if results[c.coordinate].value is None]
    if missing:
        shown = ", ".join(missing[:MAX_NAMED]) + (" …" if len(missing) > MAX_NAMED else "")
        where = sheet_where(book.path, sheet)
        raise InputError(
            (f"{where_zh(where)}，单元格{shown}", f"{where} cells {shown}"),
            (
                f"{len(missing)}个公式单元格没有保存的计算结果（该工作簿由程序生成，"
                "从未在Excel中保存过）",
                f"{len(missing)} formula cell(s) without a saved result (the workbook was "
                "written by a program and never saved by Excel)",
            ),
            (
                "用Excel或WPS打开该文件，保存后重新导入",
                "open the file in Excel or WPS, save it, and import it again",
            ),
        )


def hide_hidden(book: Book, sheet: str, raw):
    """``(raw with the cells of hidden rows and columns emptied, report lines)``: what Excel
    does not show is not read. ``raw`` is the sheet as pandas reads it, row i being Excel row
    i + 1 and column j column j + 1."""
    from openpyxl.utils import get_column_letter

    ws = book.cells[sheet]
    rows = sorted(i for i, d in ws.row_dimensions.items() if d.hidden and i <= len(raw))
    cols = sorted(
        {
            c
            for d in ws.column_dimensions.values()
            if d.hidden and d.min
            for c in range(d.min, (d.max or d.min) + 1)
            if c <= raw.shape[1]
        }
    )
    rows = [i for i in rows if raw.iloc[i - 1].notna().any()]
    cols = [c for c in cols if raw.iloc[:, c - 1].notna().any()]
    if not rows and not cols:
        return raw, []
    raw = raw.copy()
    report = []
    if rows:
        raw.iloc[[i - 1 for i in rows], :] = None
        shown = "、".join(map(str, rows))
        report.append(
            both(f"隐藏行未读：第{shown}行", f"hidden row(s) not read: {', '.join(map(str, rows))}")
        )
    if cols:
        raw.iloc[:, [c - 1 for c in cols]] = None
        letters = [get_column_letter(c) for c in cols]
        report.append(
            both(
                f"隐藏列未读：{'、'.join(letters)}列",
                f"hidden column(s) not read: {', '.join(letters)}",
            )
        )
    return raw, report
