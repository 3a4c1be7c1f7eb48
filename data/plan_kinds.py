"""The kind, periods and way of counting of one row of a plan's indicator table, read from the
类型 column or else from the name (累计, 年均, 新增, 每年, 增长, 到2030年) and the indicator's
measure. Spans run from the year after the base year to the target year."""

from __future__ import annotations

import re

from .errors import InputError
from .indicator_names import name_span
from .periods import Period
from .plan_table_header import Header
from .said import place
from .table_cells import period_in, period_text, text
from .target_files import KIND_ZH, kind_code, unknown_kind

GROWTH_WORDS = ("增长", "增幅", "增速")
# A kind as a reading says it in Chinese: the first word of KIND_ZH for it (累计, 逐年, 增速).
KIND_WORD = {code: w for w, code in reversed(KIND_ZH.items())}


def read_kind(name, h: Header, cat, unit, horizon, row, where, implied=None):
    """``(kind, period texts, each, per, readings)`` from the 类型 column, else ``implied``,
    else from the name and the indicator's measure. Spans run from the year after the base to
    the target year, or are the span written with the name (累计（2026-2030年）)."""
    readings: list[tuple[str, str]] = []  # (Chinese, English), as said.at_row takes them
    kind_cell = text(row.cells[h.cols["kind"]]) if "kind" in h.cols else ""
    if kind_cell and kind_code(kind_cell.removesuffix("(全期)")) is None:
        raise unknown_kind(
            kind_cell,
            place(where, row.line, h.cols["kind"], "类型"),
            (
                "；或留空，按指标名称判断（累计、年均、增长、到2030年）",
                "; or leave the cell empty to read the kind from the name "
                "(累计, 年均, 增长, 到2030年)",
            ),
        )
    period_cell = text(row.cells[h.cols["period"]]) if "period" in h.cols else ""
    measure = cat["measure"]
    each = "stock" if measure == "stock" or (measure == "ratio" and unit != "%") else "level"
    if kind_cell and period_cell:  # a table ipcast wrote: nothing to read from the name
        per = "span" if kind_cell.endswith("(全期)") else "year"
        kind = kind_cell.removesuffix("(全期)")
        periods = [p.strip() for p in period_cell.split(",")]
        return kind_code(kind), periods, each, per, []
    target_period = _target_period(name, h, readings, where)
    if h.yearly:
        _refuse_a_span_kind_per_period(name, kind_cell, measure, h, row, where)
        periods = [period_text(p.start, p.end) for _, p in h.targets]
        return "each_year", periods, each, "year", [("每个期间一个数字", "one figure per period")]
    kind = kind_code(kind_cell) if kind_cell else None
    kind = kind or implied or _kind_from_name(name, measure, unit)
    if kind in ("cumulative", "average", "growth", "each_year"):
        span = _span(h, target_period, horizon, row, where, kind, name)
        if kind == "each_year":
            # Each plan year of the span: calendar years, or July-June years (2026-07/2027-06)
            # when the span starts mid-year, as a plan whose years run July-June writes it.
            starts = [span.start + k for k in range(round(span.years))]
            return (
                kind,
                [period_text(s, s + 1) for s in starts],
                each,
                "year",
                readings + [("每年同一数字", "the same figure each year")],
            )
        per = "year" if kind != "growth" or "年均" in name or "每年" in name else "span"
        over = period_text(span.start, span.end)
        readings.append((f"{KIND_WORD.get(kind, kind)}，期间{over}", f"{kind} over {over}"))
        return kind, [period_text(span.start, span.end)], each, per, readings
    if kind == "stock" and "累计" in name:
        span = span_words(h, target_period)
        readings.append(
            (
                "“累计”读作期末的累计总量"
                + (f"（若指规划期内各年之和，请写作{named(name, span)}）" if span else ""),
                "累计 read as the total to date at the end of the period"
                + (
                    f" (for the sum over the plan's years, write {named(name, span)})"
                    if span
                    else ""
                ),
            )
        )
    return kind, [_one_period(target_period, kind)], each, "year", readings


def _one_period(target: Period, kind: str) -> str:
    """The period a level, stock or ratio target is judged at: the target column's year (2030),
    or, when the column is a July-June year (2029年7月-2030年6月), that year itself for a flow
    and its last month (2030-06) for a stock or ratio, read at the month's end."""
    if abs(target.end % 1) < 1e-9:
        return str(int(target.end) - 1)
    if kind in ("stock", "ratio"):
        return period_text(target.end - 1 / 12, target.end).split("/")[0]
    return period_text(target.end - 1, target.end)


def _refuse_a_span_kind_per_period(name, kind_cell, measure, h: Header, row, where) -> None:
    """A table with one target column per period reads each figure as that period's own (达州's
    annex); a flow row whose name or 类型 says 累计, 年均 or 增长 would have its running total
    (2.5 亿元 by 2028, 5 亿元 by 2030) judged as single years' flows: refused, with the layout
    that reads it."""
    said = kind_code(kind_cell) if kind_cell else None
    words = [w for w in ("累计", "年均", *GROWTH_WORDS) if w in name]
    if measure != "flow" or not (words or said in ("cumulative", "average", "growth")):
        return
    written = words[0] if words else kind_cell
    c = h.targets[0][0]
    raise InputError(
        place(where, row.line, c, h.names[c]),
        (
            f"“{name}”是{written}目标，但本表每个期间各一列目标值，只能读作各期间自身的数字",
            f"'{name}' is a {written} target, but this table has one target column per period, "
            "read as each period's own figure",
        ),
        (
            "把该行放进只有一个目标值列的表（如“基期值（2025年7月-2026年6月）”“目标值（2029年7月"
            "-2030年6月）”两列），另用 --targets 测算",
            "put the row in a table with one target column (e.g. 基期值（2025年7月-2026年6月） and "
            "目标值（2029年7月-2030年6月）) and run it with --targets",
        ),
    )


def span_words(h: Header, target: Period | None) -> str:
    """``（2026-2030年）`` from the base and target years, so that a running total named with it
    reads as the sum over the plan (``indicator_names.name_span``); empty when either is unknown."""
    base = h.base[1] if h.base else None
    if base is None or target is None:
        return ""
    return f"（{round(base.end)}-{round(target.end) - 1}年）"


def named(name: str, words: str) -> str:
    """``name`` with ``words`` put before its unit in brackets, where a planner writes them
    (the reader has made the brackets ASCII; they are written back as a plan writes them):
    累计知识产权质押融资金额(亿元) -> 累计知识产权质押融资金额（2026-2030年）（亿元）."""
    m = re.fullmatch(r"(.+?)\s*[（(]([^（）()]*)[)）]", name)
    return f"{m.group(1)}{words}（{m.group(2)}）" if m else f"{name}{words}"


def _kind_from_name(name: str, measure: str, unit: str) -> str:
    if any(w in name for w in GROWTH_WORDS) and unit == "%" and measure != "ratio":
        return "growth"
    if any(w in name for w in GROWTH_WORDS) and "年均" in name:
        return "growth"
    if "每年" in name or "逐年" in name:
        return "each_year"
    if "年均" in name and measure == "flow":
        return "average"
    if ("累计" in name or "新增" in name or "引进" in name) and measure == "flow":
        return "cumulative"
    if measure == "stock":
        return "stock"
    return "ratio" if measure == "ratio" and unit != "%" else "level"


def _target_period(name: str, h: Header, readings: list[tuple[str, str]], where: str) -> Period:
    m = re.search(r"到\s*(\d{4})\s*年", name)
    if m:
        p = period_in(m.group(1) + "年")
        y = m.group(1)
        readings.append((f"目标年份{y}年取自指标名称", f"target year {y} from the name"))
        return p
    p = h.targets[0][1]
    if p is None:
        c = h.targets[0][0]
        raise InputError(
            place(where, h.line, c, h.names[c]),
            ("目标值列的表头没有写年份", "the target column names no year"),
            (
                "在表头写上年份，如“目标值（2030年）”",
                "write the year in the header, e.g. 目标值（2030年）",
            ),
        )
    return p


def _span(h: Header, target: Period, horizon, row, where, kind, name="") -> Period:
    named = name_span(name)
    if named and period_in(named) is not None:
        return period_in(named)
    if h.base is not None and h.base[1] is not None:
        return Period(h.base[1].end, target.end, "")
    if horizon is not None and horizon.end == target.end:
        return horizon
    shift = target.end % 1
    if horizon is not None and shift and abs(horizon.end - 1 - (target.end - shift)) < 1e-9:
        # 2026-2030年 in the title and 2029年7月-2030年6月 the last column: a plan whose years
        # run July-June (达州's 2022-2025 ran 2022-07..2025-06) spans 2026-07..2030-06.
        return Period(horizon.start + shift, target.end, "")
    if target.years > 1 + 1e-9:  # the target column names the span itself: 2026-2030年目标
        return target
    raise InputError(
        place(where, row.line),
        (
            f"{KIND_WORD.get(kind, kind)}目标，但没有基期年可起算",
            f"a {kind} target but no base year to count from",
        ),
        (
            "添加“基期值（2025年）”列，或在规划标题中写明年份（2026-2030年）",
            "add a 基期值（2025年） column, or a plan title with the years (2026-2030年)",
        ),
    )


def label_en(name: str, kind: str, per: str) -> str:
    """A table row's English name: the indicator's with what the plan counts, since its Chinese
    name (注册商标量年均增长, 累计新增发明专利授权量) says it and the indicator's alone does not
    ('Trademark registrations reaches 6 %' for a growth target)."""
    if kind == "growth":
        return f"{name}, {'yearly growth' if per == 'year' else 'growth over the period'}"
    said = {"cumulative": "cumulative", "average": "yearly average", "each_year": "every year"}
    return f"{name}, {said[kind]}" if kind in said else name
