"""A line telling the planner how a file was read: Chinese first, then English, as the bilingual
error messages are written (``类型“x”无法识别 / unknown kind 'x'``)."""

from __future__ import annotations

# An indicator's measure as the fill-in sheet's 口径 column and the import report say it.
MEASURE_ZH = {"flow": "全年合计", "stock": "年末存量", "ratio": "年末(比率)"}


def both(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def at_row(line, note: tuple[str, str]) -> str:
    """``第3行：… / row 3: …`` for a reading ``(zh, en)`` made on one row."""
    zh, en = note
    return both(f"第{line}行：{zh}", f"row {line}: {en}")
