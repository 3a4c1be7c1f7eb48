"""A line telling the planner how a file was read, and where in it: Chinese first, then English,
as the bilingual error messages are written (``类型“x”无法识别 / unknown kind 'x'``)."""

from __future__ import annotations

from pathlib import Path

from .errors import Said

# An indicator's measure as the fill-in sheet's 口径 column and the import report say it.
MEASURE_ZH = {"flow": "全年合计", "stock": "年末存量", "ratio": "年末(比率)"}


def figure(x: float) -> str:
    """63,369, not 6.337e+04 (nor 1.05e+06): a planner's figure, as the run table has it."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def both(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def at_row(line, note: tuple[str, str]) -> str:
    """``第3行：… / row 3: …`` for a reading ``(zh, en)`` made on one row."""
    zh, en = note
    return both(f"第{line}行：{zh}", f"row {line}: {en}")


def column_letter(i: int) -> str:
    name, i = "", i + 1
    while i:
        i, rem = divmod(i - 1, 26)
        name = chr(65 + rem) + name
    return name


SHEET_MARK = ", sheet "
TABLE_MARK = ", table "


def sheet_where(p: Path, name: str) -> str:
    """``t.xlsx, sheet S``: a sheet as every message names it (``where_zh`` reads it back)."""
    return f"{p}{SHEET_MARK}{name}"


def table_where(p: Path, n: int) -> str:
    """``规划.docx, table 3``: the third table of a Word document, counted from 1 as a reader
    counts them (``where_zh`` says 第3个表格)."""
    return f"{p}{TABLE_MARK}{n}"


def where_zh(where: str) -> str:
    """``文件 t.xlsx，工作表 S`` for ``t.xlsx, sheet S`` (``sheet_where``),
    ``文件 t.docx，第3个表格`` for ``t.docx, table 3`` (``table_where``), ``文件 t.csv`` for a
    file."""
    file, _, sheet = where.partition(SHEET_MARK)
    if sheet:  # a sheet's name may hold anything, ", table 1" too
        return f"文件 {file}，工作表 {sheet}"
    file, _, table = where.partition(TABLE_MARK)
    return f"文件 {file}" + (f"，第{table}个表格" if table else "")


def column_said(where: str, col: int) -> tuple[str, str]:
    """``(D列, column D)`` of a sheet's column, as Excel letters it; ``(第4列, column 4)`` of a
    Word table's, which has no letters: a reader counts its columns."""
    if TABLE_MARK in where and SHEET_MARK not in where:
        return f"第{col + 1}列", f"column {col + 1}"
    letter = column_letter(col)
    return f"{letter}列", f"column {letter}"


def place(where: str, line: int, col: int | None = None, header: str = "") -> tuple[str, str]:
    """``(文件 t.xlsx，工作表 S，第7行，D列（目标值）, t.xlsx, sheet S, row 7, column D (目标值))``:
    a cell in Chinese and in English (an ``InputError`` takes the pair), rows and columns as Excel
    shows them."""
    zh, en = f"{where_zh(where)}，第{line}行", f"{where}, row {line}"
    if col is not None:
        col_zh, col_en = column_said(where, col)
        zh += f"，{col_zh}" + (f"（{header}）" if header else "")
        en += f", {col_en}" + (f" ({header})" if header else "")
    return zh, en


def key_place(where: Said, key) -> tuple[str, str]:
    """``(…，字段“unit”, … key 'unit')``: a key of a YAML file or of one target, as ``place``
    says a cell; a ``where`` in English alone (a path) is the same in the Chinese."""
    zh, en = where if isinstance(where, tuple) else (where, where)
    return f"{zh}，字段“{key}”", f"{en} key '{key}'"


def file_place(where: str | Path) -> tuple[str, str]:
    """``(文件 t.xlsx，工作表 S, t.xlsx, sheet S)``: a whole file or sheet, as ``place`` says it."""
    return where_zh(str(where)), str(where)
