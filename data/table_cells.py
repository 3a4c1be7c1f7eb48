"""Small pieces shared by the target-table readers: sheets, header cells, places, periods."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import places, workbook
from .cells import normalise
from .errors import InputError
from .periods import Period, parse_period
from .said import both, file_place, place, sheet_where

INSTRUCTION_SHEETS = ("说明", "填写说明", "instructions", "方法与来源", "method")
_PERIOD_IN_TEXT = re.compile(
    r"\d{4}\s*年?(?:\s*\d{1,2}\s*月)?(?:\s*[—–\-~～至/]\s*\d{4}\s*年?(?:\s*\d{1,2}\s*月)?)?"
)


@dataclass
class Sheet:
    raw: pd.DataFrame
    where: str  # "file", "file, sheet S" or "file, table N" (a Word document's)
    # A Word table's title lines (the paragraphs above it) and its notes below it (report lines),
    # which lie outside its cells; and whether it may be skipped: a document holds other tables.
    title: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    optional: bool = False


def read_sheets(p: Path) -> list[Sheet]:
    """Every sheet with content (instruction sheets left out), or the CSV as one sheet."""
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            book = pd.ExcelFile(p)
            out = [
                Sheet(
                    pd.read_excel(book, sheet_name=n, header=None, dtype=object), sheet_where(p, n)
                )
                for n in book.sheet_names
                if n.strip().lower() not in INSTRUCTION_SHEETS
            ]
        except Exception as e:  # openpyxl raises many kinds for a broken workbook
            raise workbook.unreadable(p, e) from None
        return [s for s in out if not s.raw.dropna(how="all").empty]
    if suffix != ".csv":
        raise InputError(
            file_place(p),
            (f"无法识别的文件类型“{suffix}”", f"unknown file type '{suffix}'"),
            ("请提供 .yaml、.csv、.xlsx 或 .docx 文件", "give a .yaml, .csv, .xlsx or .docx"),
        )
    return [Sheet(read_csv_cells(p, blank_lines=False).replace("", None), str(p))]


def read_csv_cells(p: Path, report: list[str] | None = None, blank_lines: bool = True):
    """A CSV file's cells as text (UTF-8, or GBK/GB18030 said in ``report``), every row kept
    (with ``blank_lines``) so that row numbers are the file's. Rows may be shorter than others
    (a title line above the header); a row with filled cells beyond the header's is refused."""
    data = p.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            content = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc != "utf-8-sig" and report is not None:
            report.append(both("按GBK/GB18030编码读取", "read as GBK/GB18030 text"))
        reader = csv.reader(io.StringIO(content, newline=""))
        numbered = [(reader.line_num, r) for r in reader]
        filled = [(n, r) for n, r in numbered if any(c.strip() for c in r)]
        if not filled:
            raise InputError(
                file_place(p),
                ("文件是空的", "the file is empty"),
                ("填写模板后再读取", "fill in the template"),
            )
        _refuse_ragged(p, filled)
        rows = [r for _, r in (numbered if blank_lines else filled)]
        width = max(len(r) for r in rows)
        return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str)
    raise InputError(
        file_place(p),
        ("文件既不是UTF-8也不是GBK编码的文本", "neither UTF-8 nor GBK text"),
        ("另存为UTF-8编码的CSV文件", "save the file as UTF-8 CSV"),
    )


def _refuse_ragged(p: Path, rows: list[tuple[int, list[str]]]) -> None:
    """The header is the first row with two or more filled cells; a later row with a filled cell
    to the right of the header's last cell has a stray comma."""
    header = next((i for i, (_, r) in enumerate(rows) if sum(bool(c.strip()) for c in r) >= 2), 0)
    width = len(rows[header][1])
    for line, r in rows[header + 1 :]:
        if any(c.strip() for c in r[width:]):
            raise InputError(
                place(str(p), line),
                ("该行的单元格比表头多", "a row has more cells than the header"),
                (
                    "检查是否多了逗号；含逗号的单元格请加英文引号",
                    "check for stray commas; quote cells that contain commas",
                ),
            )


def text(v) -> str:
    """A cell as text: empty for a blank cell, integers without '.0'."""
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return normalise(str(v)).replace("\ufeff", "").replace("\n", "").strip()


def period_in(text_: str) -> Period | None:
    """The period a header or name states (2026年, (2020年), 2022年7月—2023年6月), if any."""
    m = _PERIOD_IN_TEXT.search(text_)
    if not m:
        return None
    s = re.sub(r"\s", "", m.group(0))
    s = re.sub(r"^(\d{4})年?[-—–~～至](\d{4})年?$", r"\1/\2", s)  # 2024-2026年: a span
    try:
        return parse_period(s)
    except ValueError:
        return None


def period_text(start: float, end: float) -> str:
    """Canonical text of a span: 2026, 2024/2026, 2022-07/2023-06."""

    def month(t: float, at_end: bool) -> str:
        m = round((t % 1) * 12)
        y = int(t // 1)
        if at_end:
            y, m = (y - 1, 12) if m == 0 else (y, m)
        else:
            m += 1
        return f"{y}-{m:02d}"

    whole = abs(start % 1) < 1e-9 and abs(end % 1) < 1e-9
    if whole:
        a, b = int(start), int(end) - 1
        return str(a) if a == b else f"{a}/{b}"
    return f"{month(start, False)}/{month(end, True)}"


def resolve_region(value: str, where: str) -> str:
    """A region code from any name form (成都, 成都市, 510100, Chengdu); see ``places``."""
    return places.resolve_region(text(value), where)


def region_in_title(lines: list[str]) -> str | None:
    """A region named in the title rows above a table (成都市知识产权…规划; 重庆市荣昌区 is
    荣昌区, not 重庆)."""
    for line in lines:
        found = places.region_in_text(line)
        if found:
            return found
    bundled = places.region_table()
    bundled = bundled[bundled["bundled"] == "yes"]
    found = [  # short names of the bundled regions (成都知识产权…): the plans write them so
        (len(name), code)
        for code, zh in bundled["zh"].items()
        for name in {zh, zh.rstrip("市区县")}
        if len(name) >= 2 and any(name in line for line in lines)
    ]
    return max(found)[1] if found else None
