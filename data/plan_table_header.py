"""The header of a plan's indicator table (序号 | 指标名称 | 基期值 | 目标值 | 属性): which column
is which, and the period each figure column stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .errors import InputError
from .periods import Period
from .said import column_said, file_place, place
from .table_cells import period_in, text

NAME = ("指标名称", "主要指标", "指标", "指标项", "名称", "indicator_name")
SEQ = ("序号", "编号序号", "no", "no.")
OPTIONAL = {
    "code": ("指标代码", "indicator", "代码"),
    "id": ("编号", "id", "目标编号"),
    "unit": ("单位", "计量单位", "unit"),
    "kind": ("类型", "kind", "口径"),
    "attribute": ("属性", "指标属性", "attribute"),
    "comparator": ("方向", "comparator"),
    "period": ("期间", "period"),
}
BASE_WORDS = ("基期", "基数", "现状", "基准", "十三五", "现值", "base")
TARGET_WORDS = ("目标", "十四五", "十五五", "预期", "target")
PROPOSED_WORDS = ("建议", "拟定", "草案", "proposed")
CURRENT_WORDS = ("现行", "原目标", "当前目标", "current")


@dataclass
class Header:
    line: int  # the last header row, as Excel numbers it
    names: list[str]
    name_col: int
    seq_col: int | None = None
    cols: dict[str, int] = field(default_factory=dict)  # optional columns
    base: tuple[int, Period | None] | None = None
    targets: list[tuple[int, Period | None]] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (Chinese, English)

    @property
    def yearly(self) -> bool:
        """Several target columns, one per period (达州 附件1): each row is a 逐年 target."""
        return len(self.targets) > 1


def is_plan_header(cells: list[str]) -> bool:
    return any(c.lower() in NAME for c in cells)


def read_header(raw: pd.DataFrame, where: str) -> Header:
    rows = [[text(c) for c in raw.iloc[i].tolist()] for i in range(min(len(raw), 12))]
    at = next((i for i, r in enumerate(rows) if is_plan_header(r)), None)
    if at is None:
        raise InputError(
            file_place(where),
            (
                "前12行中没有含“指标名称”（或“指标”、indicator）的表头行",
                "no header row with 指标名称 (or 指标/indicator) in the first 12 rows",
            ),
            (
                "用 `ipcast template --targets` 生成的两种表格式之一填写",
                "use `ipcast template --targets` for the two layouts ipcast reads",
            ),
        )
    names = rows[at]
    top = at  # the first header row: the lines above it are the title
    notes = []
    # A second header row holds the years under the first: "(2020年)", "2022年7月—2023年6月".
    if at + 1 < len(rows) and _second_header(rows[at], rows[at + 1]):
        names = [f"{a}{b}" for a, b in zip(names, rows[at + 1], strict=True)]
        notes.append(
            (
                f"两行表头（第{at + 1}-{at + 2}行）已合并",
                f"two-row header (rows {at + 1}-{at + 2}) merged",
            )
        )
        at += 1
    h = Header(line=at + 1, names=names, name_col=_first(names, NAME), title=_title(rows, top))
    h.seq_col = _first(names, SEQ, required=False)
    for key, words in OPTIONAL.items():
        c = _first(names, words, required=False)
        if c is not None:
            h.cols[key] = c
    _figure_columns(h, where)
    h.notes = notes + h.notes
    return h


def _title(rows: list[list[str]], top: int) -> list[str]:
    """The lines above the header (its first row): the line right above it was left out when
    the header was one row, so 标题（2026—2030年） there gave no span."""
    return [" ".join(c for c in r if c) for r in rows[:top] if any(r)]


def _second_header(first: list[str], below: list[str]) -> bool:
    """The years under the header (达州's 预期目标 over 2022年7月—2023年6月 …): a row with periods
    and nothing under the names. A first row of figures (新增注册商标 | 2300 | 2450) has a name
    there, and 2300 only looks like a year: it was merged into the header."""
    name_col = next((i for i, c in enumerate(first) if c.lower() in NAME), None)
    named = name_col is not None and bool(below[name_col])
    return not named and not _numbered(below) and _has_periods(below)


def _numbered(row: list[str]) -> bool:
    return any(re.fullmatch(r"\d+", c) for c in row[:2])


def _has_periods(row: list[str]) -> bool:
    return any(period_in(c) for c in row if c)


def _first(names: list[str], words, required: bool = True) -> int | None:
    for i, n in enumerate(names):
        if n.lower().replace(" ", "") in words:
            return i
    if required:
        raise InputError(
            ("表头", "header"),
            (f"没有“{words[0]}”列", f"no column {words[0]}"),
            (f"添加一列，表头写“{words[0]}”", f"name a column {words[0]}"),
        )
    return None


def _figure_columns(h: Header, where: str) -> None:
    """Base and target columns: headers with a period or with 基期/目标 in them. A column of
    proposed targets (建议目标) replaces the current ones (现行目标): a draft reads back."""
    taken = set(h.cols.values()) | {h.name_col, h.seq_col}
    cands = []
    for i, n in enumerate(h.names):
        if i in taken or i < h.name_col:
            continue
        p = period_in(n)
        if p or any(w in n for w in BASE_WORDS + TARGET_WORDS + PROPOSED_WORDS):
            cands.append((i, n, p))
    base = [c for c in cands if any(w in c[1] for w in BASE_WORDS)]
    rest = [c for c in cands if c not in base]
    proposed = [c for c in rest if any(w in c[1] for w in PROPOSED_WORDS)]
    if proposed:
        h.notes.append(
            (
                "读取建议目标（" + "、".join(c[1] for c in proposed) + "），现行目标未读",
                "the proposed targets (" + ", ".join(c[1] for c in proposed) + ") read; "
                "the current ones left aside",
            )
        )
        rest = proposed
    else:
        rest = [c for c in rest if not any(w in c[1] for w in CURRENT_WORDS)] or rest
    if not base and len(rest) == 2 and not any(w in rest[0][1] for w in TARGET_WORDS):
        base, rest = [rest[0]], rest[1:]  # 2023年 | 2026年: the first is the base year
    if not rest:
        raise InputError(
            place(where, h.line),
            (
                "没有目标值列（表头含“目标”或年份，如“2026年目标值”）",
                "no target column (a header with 目标 or a year, e.g. 2026年目标值)",
            ),
            ("把目标值列的表头写作“目标值（2026年）”", "name the target column 目标值（2026年）"),
        )
    if base:
        h.base = (base[0][0], base[0][2])
    h.targets = [(i, p) for i, _, p in rest]
    h.notes.append(
        (
            (f"基期值：{_cols_zh(base[:1], where)}；" if base else "无基期值；")
            + f"目标值：{_cols_zh(rest, where)}",
            (f"base: {_cols(base[:1], where)}; " if base else "no base; ")
            + f"targets: {_cols(rest, where)}",
        )
    )
    # Every base column is the past's, a base-period growth (基期年均增速) too: never a target.
    growth = _growth_column(h, taken | {c[0] for c in base} | {i for i, _ in h.targets})
    if growth is not None:
        h.cols["growth"] = growth
        shown = [(growth, h.names[growth])]
        h.notes.append(
            (
                f"增速目标：{_cols_zh(shown, where)}，基期年至目标年的年均增速",
                f"growth targets: {_cols(shown, where)}, yearly growth from the base year to the "
                "target year",
            )
        )
    read = taken | set(h.cols.values()) | {c[0] for c in base[:1]} | {i for i, _ in h.targets}
    unread = [(i, n) for i, n in enumerate(h.names) if n and i not in read]
    if unread:
        # A planner must see what was left aside: a 年均增速 column holds targets too.
        growth = any(re.search(r"年均|增速|增长", n) for _, n in unread)
        hint_zh = "；增速目标请单列一行，如“专利授权量年均增长（%）”"
        hint = "; a growth target is a row of its own, e.g. 专利授权量年均增长（%）"
        h.notes.append(
            (
                f"未读：{_cols_zh(unread, where)}" + (hint_zh if growth else ""),
                f"not read: {_cols(unread, where)}" + (hint if growth else ""),
            )
        )


def _cols(cols, where: str) -> str:
    """``column E (2026年), column F (备注)`` for ``(index, header, ...)`` tuples (a Word
    table's: ``column 5 (2026年)``)."""
    return ", ".join(f"{column_said(where, c[0])[1]} ({c[1]})" for c in cols)


def _cols_zh(cols, where: str) -> str:
    """``E列（2026年）、F列（备注）``: ``_cols`` in Chinese."""
    return "、".join(f"{column_said(where, c[0])[0]}（{c[1]}）" for c in cols)


def _growth_column(h: Header, taken: set) -> int | None:
    """A column of yearly growth targets beside a base and one target column (年均增速,
    年均增长率（%）): each figure is a second target of its row. With several target columns
    (one per year) or no base year, the span it would cover is unknown and it is left unread.
    Like the base and target columns, it lies right of the names."""
    if h.base is None or h.base[1] is None or len(h.targets) != 1 or h.targets[0][1] is None:
        return None
    for i, n in enumerate(h.names):
        if (
            i > h.name_col
            and i not in taken
            and re.search(r"年均", n)
            and re.search(r"增速|增长", n)
        ):
            return i
    return None
