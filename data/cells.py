"""Reading one cell the way a person reads it, or refusing it: never a different number.

Numbers may come with full-width digits, thousands separators (``4,500``, ``4 500``) or a unit
(``1.2亿元``, ``3500件``, ``57万件``, ``3.5亿``); periods as ``2023年``, ``2023H1``,
``2023-07~2024-06``, an Excel date or an Excel serial day. Each repair is described so the import
report can list it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from . import units
from .errors import InputError, Said

FULL = str.maketrans("０１２３４５６７８９．，－＋％　／～：（）", "0123456789.,-+% /~:()")
MISSING = {
    "",
    "-",
    "--",
    "—",
    "——",
    "–",
    "/",
    "空",
    "无",
    "nan",
    "none",
    "null",
    "n/a",
    "na",
    "#n/a",
    "…",
    "...",
}
UNIT_WORDS = sorted(set(units.UNITS) | set(units.ALIASES), key=len, reverse=True)
_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?"
_WITH_UNIT = re.compile(rf"^({_NUM})\s*({'|'.join(map(re.escape, UNIT_WORDS))})$")
_TIMES = re.compile(rf"^({_NUM})\s*({'|'.join(units.MULTIPLIERS)})$")
EXCEL_EPOCH = date(1899, 12, 30)
WRITE_FIGURE = ("填写数字", "write the figure")
ONE_FIGURE = (
    "只写数字（如4500），单位写在“单位”列；约数或范围（约、左右、以上、~）无法读取",
    "write the number alone (e.g. 4500), with its unit in the 单位 column; "
    "approximate or ranged figures (约, 左右, 以上, ~) cannot be read",
)


class CellError(ValueError):
    """A cell that cannot be read for certain; ``fix`` says what to write instead. ``problem``
    and ``fix`` are the English, ``problem_zh`` and ``fix_zh`` the Chinese; ``at`` makes it the
    ``InputError`` of the cell's place."""

    def __init__(self, problem: tuple[str, str], fix: tuple[str, str]):
        (self.problem_zh, self.problem), (self.fix_zh, self.fix) = problem, fix
        super().__init__(self.problem)

    def at(self, where: Said) -> InputError:
        return InputError(where, (self.problem_zh, self.problem), (self.fix_zh, self.fix))


def normalise(text) -> str:
    s = str(text).translate(FULL).strip()
    return re.sub(r"(?<=\d)[ \u00a0\u2009](?=\d{3}\b)", "", s)  # 4 500 -> 4500


def parse_number(cell) -> tuple[float | None, str | None, list[tuple[str, str]]]:
    """``(value, unit written in the cell or None, repairs)``, each repair ``(Chinese, English)``
    (``said.at_row`` makes it a report line); ``value`` None for a missing
    marker. Raises ``CellError`` for anything a person would not read as one exact figure."""
    if isinstance(cell, bool):
        raise CellError((f"“{cell}”不是数字", f"'{cell}' is not a number"), WRITE_FIGURE)
    if isinstance(cell, int | float):
        if cell != cell:  # NaN: an empty Excel cell
            return None, None, []
        return float(cell), None, []
    raw = str(cell)
    s = normalise(raw)
    repairs = [(f"“{raw}”读作“{s}”", f"'{raw}' read as '{s}'")] if s != raw.strip() else []
    if s.lower() in MISSING:
        return None, None, repairs
    m = _WITH_UNIT.match(s)
    if m:
        value = float(m.group(1).replace(",", ""))
        unit = units.canonical(m.group(2))
        said = (f"单位“{m.group(2)}”取自单元格", f"unit '{m.group(2)}' taken from the cell")
        return value, unit, repairs + [said]
    if re.fullmatch(_NUM, s):
        if "," in s:
            repairs.append(
                (f"已去掉“{s}”中的千位分隔符", f"thousands separators removed from '{s}'")
            )
        return float(s.replace(",", "")), None, repairs
    if re.search(r"\d", s):
        raise CellError(
            (f"“{raw}”不是一个确切数字", f"'{raw}' is not one exact figure"), ONE_FIGURE
        )
    raise CellError(
        (f"“{raw}”不是数字", f"'{raw}' is not a number"),
        (
            "填写数字；不知道的留空（或写“—”）",
            "write the number, or leave the cell empty (or —) if unknown",
        ),
    )


def multiplied(cell) -> tuple[float, str] | None:
    """``(number, 万 or 亿)`` of a cell written as a figure and a bare 万 or 亿 (22万, 1.5亿),
    which counts in its column's unit (``units.times``); None for any other cell."""
    m = _TIMES.match(normalise(cell)) if isinstance(cell, str) else None
    return (float(m.group(1).replace(",", "")), m.group(2)) if m else None


def parse_period_cell(cell, stock: bool) -> tuple[str, list[tuple[str, str]]]:
    """A period cell as period text for ``parse_period``, with any repair made."""
    if isinstance(cell, datetime | date):
        d = cell.date() if isinstance(cell, datetime) else cell
        return _from_date(d, stock, (f"Excel日期{d.isoformat()}", f"Excel date {d.isoformat()}"))
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and 20000 <= cell <= 80000:
        d = EXCEL_EPOCH + timedelta(days=cell)
        what = (
            f"Excel日期序号{cell}（{d.isoformat()}）",
            f"Excel serial day {cell} ({d.isoformat()})",
        )
        return _from_date(d, stock, what)
    s = normalise(cell)
    said = (f"期间“{cell}”读作“{s}”", f"period '{cell}' read as '{s}'")
    return s, ([said] if s != str(cell).strip() else [])


def _from_date(d: date, stock: bool, what: tuple[str, str]) -> tuple[str, list[tuple[str, str]]]:
    zh, en = what
    if (d.month, d.day) == (12, 31) or (not stock and (d.month, d.day) == (1, 1)):
        return str(d.year), [(f"{zh}读作{d.year}年", f"{en} read as the year {d.year}")]
    return d.isoformat(), [
        (f"{zh}读作日期{d.isoformat()}", f"{en} read as the date {d.isoformat()}")
    ]
