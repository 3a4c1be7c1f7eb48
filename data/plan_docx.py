"""A plan's Word document (.docx) read as the sheets of a workbook: each table of the document a
sheet, its cells as an .xlsx sheet's would be, so the one plan-table reader reads it
(``target_tables.read_target_table``). What lies outside a table's cells comes with it: the
paragraphs above it are its title (表1 XX市"十五五"知识产权发展主要指标（2026—2030年）: the
horizon and the region, as a sheet's title rows give them), and the notes below it (注：…) are
said and not read, as a sheet's note rows are."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

from .errors import InputError
from .plan_table import NOTE_START
from .said import both, file_place, table_where, where_zh
from .table_cells import Sheet, text

WORD = (".docx",)
# Word's and WPS's older files: binary, which python-docx cannot open. Saved as .docx they read.
OLD_WORD = {
    ".doc": ("旧版Word文档（.doc）", "an old binary Word document (.doc)"),
    ".wps": ("WPS文字文档（.wps）", "a WPS Writer document (.wps)"),
    ".dot": ("旧版Word模板（.dot）", "an old binary Word template (.dot)"),
}
RENAMED = (
    "旧版Word文档（.doc，扩展名改成了 .docx）",
    "an old binary Word document (.doc renamed .docx)",
)
OLE = b"\xd0\xcf\x11\xe0"  # the first bytes of the binary format
# A title line is short; a paragraph of prose (over this many characters, or ending 。) is not.
TITLE_CHARS = 60
TITLE_LINES = 2
# The lines of a note after its first: 1.数据来源… or （2）2025年为预计数.
_NUMBERED = re.compile(r"^[（(]?\d+[)）.、．]")


def is_word(p: Path) -> bool:
    return p.suffix.lower() in WORD or p.suffix.lower() in OLD_WORD


def read_word_tables(p: Path) -> list[Sheet]:
    """Every table of the document, in order, as a ``Sheet`` (``optional``: a document holds
    tables that are no indicator table); refused for a .doc or .wps file, with the fix."""
    old = OLD_WORD.get(p.suffix.lower()) or _renamed(p)
    if old:
        raise InputError(
            file_place(p),
            (f"{old[0]}无法读取", f"{old[1]} cannot be read"),
            (
                "在Word或WPS中打开，另存为 .docx（Word文档）后再读取；或把主要指标表另存为 .xlsx",
                "open it in Word or WPS and save it as .docx (Word document); or save the "
                "indicator table as .xlsx",
            ),
        )
    from docx import Document  # python-docx (and lxml) for a Word file only
    from docx.opc.exceptions import OpcError
    from docx.text.paragraph import Paragraph

    try:
        content = Document(str(p)).iter_inner_content()
        # a paragraph as its text (blank: ""), a table as itself
        blocks = [text(b.text) if isinstance(b, Paragraph) else b for b in content]
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(
            file_place(p),
            (
                "不是可读取的Word文档：文件已损坏，或其实不是 .docx 格式",
                f"not a readable Word document: damaged, or not .docx inside ({type(e).__name__})",
            ),
            (
                "在Word或WPS中打开，另存为 .docx 后再读取",
                "open it in Word or WPS and save it as .docx",
            ),
        ) from None
    heading = _document_title(blocks)
    sheets = []
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            continue
        where = table_where(p, len(sheets) + 1)
        title = _caption(blocks, i)
        title += [heading] if heading and heading not in title else []
        notes = [
            both(
                f"{where_zh(where)}：表格下方的说明未读：{n}",
                f"{where}: the note below it skipped: {n}",
            )
            for n in _notes(blocks, i)
        ]
        sheets.append(Sheet(cells(block), where, title, notes, optional=True))
    return sheets


def _renamed(p: Path) -> tuple[str, str] | None:
    """``RENAMED`` for a .doc saved under a .docx name: its first bytes are the binary format's."""
    with p.open("rb") as f:
        return RENAMED if f.read(len(OLE)) == OLE else None


def cells(table) -> pd.DataFrame:
    """A Word table's cells as an .xlsx sheet's: a merged span's text in its first cell only, the
    others blank (python-docx returns the first cell again for each), so a merged 类别 cell is
    blank below its first row and a merged 指标 cell too, as in a workbook; a blank cell is None."""
    rows = []
    for tr in table._tbl.tr_lst:
        row: list[str | None] = [None] * tr.grid_before
        for tc in tr.tc_lst:
            first = None if tc.vMerge == "continue" else _text(tc, table)
            row += [first or None] + [None] * (tc.grid_span - 1)
        rows.append(row + [None] * tr.grid_after)
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)


def _text(tc, table) -> str:
    """A cell's paragraphs joined by line breaks, which ``table_cells.text`` drops: a header
    written 目标值 / （2030年） on two lines reads 目标值(2030年)."""
    from docx.text.paragraph import Paragraph

    return "\n".join(Paragraph(p, table).text for p in tc.p_lst)


def _paragraph(block) -> str | None:
    """A paragraph's text (blank: ""), None for a table."""
    return block if isinstance(block, str) else None


def _caption(blocks: list, i: int) -> list[str]:
    """The title lines right above the table at ``blocks[i]``: up to ``TITLE_LINES`` paragraphs,
    blank ones passed over, back to the table before it or to a paragraph of prose."""
    out: list[str] = []
    for block in reversed(blocks[:i]):
        line = _paragraph(block)
        if line is None or len(out) == TITLE_LINES:
            break
        if not line:
            continue
        if len(line) > TITLE_CHARS or line.endswith("。"):
            break
        out.insert(0, line)
    return out


def _document_title(blocks: list) -> str | None:
    """The document's first line when it is a title (成都市知识产权"十五五"规划): it names the
    region and often the years, which a table's own title (表1 主要指标) leaves out."""
    for block in blocks:
        line = _paragraph(block)
        if line is None:
            return None
        if line:
            return line if len(line) <= TITLE_CHARS and not line.endswith("。") else None
    return None


def _notes(blocks: list, i: int) -> list[str]:
    """The notes right below the table at ``blocks[i]``: paragraphs a plan table's note row
    would start (注：, 数据来源：, ``plan_table.NOTE_START``), and the numbered lines after one."""
    out: list[str] = []
    for block in blocks[i + 1 :]:
        line = _paragraph(block)
        if line is None:
            break
        if not line:
            continue
        if NOTE_START.match(line) or (out and _NUMBERED.match(line)):
            out.append(line)
            continue
        break
    return out


def no_indicator_table(p: Path, tables: int) -> InputError:
    """The document has no table ipcast reads as a plan's indicator table: what it looked for."""
    found = (f"文档中有{tables}个表格，都不是", f"the document's {tables} tables are none")
    if not tables:
        found = ("文档中没有表格", "the document has no table")
    return InputError(
        file_place(p),
        (
            f"没有找到主要指标表：{found[0]}表头含“指标名称”（或“指标”）且有目标值列"
            "（表头含“目标”或年份，如“目标值（2030年）”）的表格",
            f"no indicator table: {found[1]} with a header holding 指标名称 (or 指标) and a "
            "target column (目标 or a year, e.g. 目标值（2030年）)",
        ),
        (
            "把规划的主要指标表作为Word表格放进文档（表头如：序号 | 指标名称 | 单位 | "
            "基期值（2025年） | 目标值（2030年）），或用 `ipcast template --targets` 生成的 "
            ".xlsx 表填写",
            "put the plan's indicator table in the document as a Word table (a header such as "
            "序号 | 指标名称 | 单位 | 基期值（2025年） | 目标值（2030年）), or fill in "
            "`ipcast template --targets`",
        ),
    )
