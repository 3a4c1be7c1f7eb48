"""A plan's own indicator table read into targets: indicator, kind, period and unit read from the
names and headers (累计, 年均增长, 每万人, 到2030年, （亿元）), figures converted into the row's
unit, and every reading reported so the planner can correct it. Header analysis is in
``plan_table_header``; the choice of kind is ``read_kind``."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from . import table_names as names
from . import units
from .catalog import RUNNING_TOTALS, indicator, known
from .cells import MISSING, CellError, multiplied, parse_number
from .errors import InputError
from .indicator_names import name_span
from .periods import Period
from .plan_checks import check_plausible, refuse_repeats
from .plan_kinds import GROWTH_WORDS, KIND_WORD, label_en, named, read_kind, span_words
from .plan_table_header import NAME, Header, read_header
from .said import at_row, both, place, where_zh
from .table_cells import period_in, period_text, text

# 注：… is a note, 注册商标 is not.
NOTE_START = re.compile(
    r"^(注[:：\d一二三]|注$|备注|说明|数据来源|资料来源|来源[:：]|note|source[:：])", re.IGNORECASE
)
FLOW_WORDS = ("新增", "年均", "每年", "逐年", "引进")
COMPARATOR_WORDS = {
    "以上": ">=",
    "不低于": ">=",
    "超过": ">",
    "超": ">",
    "以下": "<=",
    "不超过": "<=",
}
# A target cell that says its direction in words: ≥13000, 不低于13000, 13000以上, 力争4000
# (strive for: a stretch goal, still at least the figure), ≤5, 不超过5. Read as the figure and
# its comparator, the reading said; 保持在90%以上 (every year, or the last?) stays refused.
_AT_LEAST = ("≥", ">=", "不低于", "不少于", "力争达到", "力争", "达到")
_AT_MOST = ("≤", "<=", "不超过", "不高于")
_CELL_DIRECTION = re.compile(
    rf"^({'|'.join(map(re.escape, _AT_LEAST + _AT_MOST))})?\s*(.*?\d.*?)\s*(及以上|以上|以下)?$"
)


@dataclass
class Row:
    line: int
    cells: list
    name: str


def read_plan_table(
    raw: pd.DataFrame,
    where: str,
    horizon: Period | None,
    mapping: dict[str, str] | None = None,
    title: list[str] | None = None,
) -> tuple[list, list]:
    """``(target dicts, report lines)`` of one sheet in the plan's layout. Each dict carries the
    keys of a target file, plus ``_line`` and ``_columns`` (key -> column) for error messages.
    ``title``: title lines outside ``raw`` (a Word table's caption), read before its own."""
    h = read_header(raw, where)
    h.title = [*(title or []), *h.title]
    report = [
        both(
            f"{where_zh(where)}：读作规划指标表；" + "；".join(zh for zh, _ in h.notes),
            f"{where}: plan indicator table; " + "; ".join(en for _, en in h.notes),
        )
    ]
    horizon = horizon or next((p for p in map(period_in, h.title) if p and p.years > 1), None)
    out, repeated = [], None
    for r in range(h.line, len(raw)):
        cells = raw.iloc[r].tolist()
        row = Row(r + 1, cells, text(cells[h.name_col]))
        if row.name.lower() in NAME:
            repeated = r  # the header repeated on a table's next page (its years below it)
            continue
        if not row.name and repeated != r - 1 and any(text(cells[c]) for c, _ in h.targets):
            raise _nameless(row, h, where)
        if not row.name or NOTE_START.match(row.name):
            if row.name:
                report.append(
                    both(f"第{row.line}行未读：说明行", f"row {row.line} skipped: a note")
                )
            continue
        d = _row_target(row, h, where, horizon, report, mapping)
        if d:
            out.append(d)
        g = _growth_target(row, h, where, horizon, report, mapping) if d else None
        if g:
            out.append(g)
    refuse_repeats(out, where)
    return out, report


def _nameless(row: Row, h: Header, where: str) -> InputError:
    """A row with a target figure and no name: a 指标 cell merged over two rows holds its name in
    the first only (in a workbook and a Word table alike), and the row below was dropped
    unsaid; the history reader refuses the same row so."""
    return InputError(
        place(where, row.line, h.name_col, h.names[h.name_col]),
        ("该行有目标值，但指标名称是空的", "the row has a target figure but no indicator name"),
        (
            "每行写上指标名称：合并的指标单元格拆开，每行各写一个指标；不要的行删去",
            "write the indicator's name on every row: unmerge a merged name cell, one "
            "indicator a row; delete rows not wanted",
        ),
    )


def _growth_target(row: Row, h: Header, where, horizon, report, mapping) -> dict | None:
    """The row's 年均增速 figure as a target of its own: the row read again with that column as
    its target and 年均增长 in its name, so every reading (kind, span, unit %) is the one a row
    named 专利授权量年均增长（%） gets."""
    c = h.cols.get("growth")
    if c is None or not text(row.cells[c]):
        return None
    cells = list(row.cells)
    if "unit" in h.cols:
        cells[h.cols["unit"]] = ""  # the row's unit is the level's; a growth is in %
    named = f"{names.core(row.name)}年均增长（%）"
    # The 编号, 类型 and 期间 cells are the row's own target's (its id is the row's + _growth; a
    # 类型 of 水平 is the level's kind, not the growth's).
    cols = {k: v for k, v in h.cols.items() if k not in ("id", "kind", "period")}
    grown = replace(h, targets=[(c, h.targets[0][1])], cols=cols)
    d = _row_target(Row(row.line, cells, named), grown, where, horizon, report, mapping)
    if d is None:
        return None
    if d["kind"] != "growth":
        raise InputError(
            place(where, row.line, c, h.names[c]),
            (
                f"“{named}”读作{KIND_WORD.get(d['kind'], d['kind'])}，不是增速",
                f"'{named}' is read as {d['kind']}, not a growth",
            ),
            (
                f"把增速目标单列一行：{named}，类型 增速",
                f"make the growth target a row of its own: {named}, 类型 增速",
            ),
        )
    d["id"] = f"{_cell(row, h, 'id') or d['id']}_growth"
    return d


def _row_target(row: Row, h: Header, where: str, horizon, report, mapping=None) -> dict | None:
    directions: list[tuple[str, tuple[str, str]]] = []
    figures = _figures(row, h, where, directions)
    if all(v is None for _, v, _ in figures) and not any(t for _, _, t in figures):
        report.append(
            both(
                f"第{row.line}行（“{row.name}”）：无目标值，未读",
                f"row {row.line} ('{row.name}'): no target figure; not read",
            )
        )
        return None
    slug, how = _indicator(row, h, where, mapping)
    slug, how, implied = _sum_over_named_span(row.name, slug, how)
    cat = indicator(slug)
    unit = _unit(row, h, where, cat, figures)
    kind, periods, each, per, readings = read_kind(
        row.name, h, cat, unit, horizon, row, where, implied
    )
    if kind == "growth":
        unit = "%"
    comparator = _comparator(row, h)
    points = [c for c, _ in h.targets if _POINTS.fullmatch(text(row.cells[c]))]
    if points and unit != "%":
        raise InputError(
            place(where, row.line, points[0], h.names[points[0]]),
            (
                f"“{text(row.cells[points[0]])}”只用于单位为%的指标，本行单位是“{unit}”",
                f"'{text(row.cells[points[0]])}' fits a % indicator only; the row's unit is "
                f"'{unit}'",
            ),
            (
                "把目标值写成数字，单位与本行相同",
                "write the target as a figure in the row's unit",
            ),
        )
    if directions:
        said = {comp for comp, _ in directions}
        if len(said) > 1 or (_cell(row, h, "comparator") and said != {comparator}):
            raise InputError(
                place(where, row.line, h.targets[0][0], h.names[h.targets[0][0]]),
                (
                    "目标值写的方向（不低于、不超过）与本行其他地方不一致",
                    "the target cells' direction (at least, at most) disagrees with the row's",
                ),
                (
                    "只写数字，方向写在“方向”列（>= 或 <=）",
                    "write the figure alone, with the direction in a 方向 column (>= or <=)",
                ),
            )
        comparator = said.pop()
        readings += [r for _, r in dict.fromkeys(directions)]
    thresholds = _thresholds(figures, kind, unit, row, h, where, readings)
    if unit != cat["unit"] and units.fits(unit, cat["unit"]):
        shown = "/".join(f"{units.convert(t, unit, cat['unit']):,.6g}" for t in thresholds if t)
        readings.append(
            (
                f"按历史数据的单位：{shown} {cat['unit']}",
                f"in the history's unit: {shown} {cat['unit']}",
            )
        )
    if kind == "each_year" and len(thresholds) == 1:
        thresholds = thresholds * len(periods)
    if len(thresholds) != len(periods):
        raise InputError(
            place(where, row.line, h.targets[0][0], h.names[h.targets[0][0]]),
            (
                f"{len(thresholds)}个数字对应{len(periods)}个期间",
                f"{len(thresholds)} figures for {len(periods)} periods",
            ),
            ("每个期间填一个数字，用“/”分隔", "give one figure per period, separated by /"),
        )
    at = place(where, row.line, h.targets[0][0], h.names[h.targets[0][0]])
    check_plausible(thresholds, kind, unit, slug, periods[0], at)
    keep = [(p, t) for p, t in zip(periods, thresholds, strict=True) if t is not None]
    if kind == "each_year" and keep and len(keep) < len(periods):
        n = len(periods) - len(keep)
        readings.append((f"{n}个期间无数字，未列入", f"{n} period(s) without a figure left out"))
        periods, thresholds = [p for p, _ in keep], [t for _, t in keep]
    base = _baseline(row, h)
    if base:
        # A plan's base figure is often an estimate (预计数) made before the year's statistics:
        # it is shown beside the target, and forecasts rest on the figures imported with sources.
        readings.append(
            (
                f"基期值{base}：规划所列数字，不用于测算；预测用导入的数字",
                f"base {base}: the plan's figure, not used; forecasts use imported ones",
            )
        )
    seq = text(row.cells[h.seq_col]) if h.seq_col is not None else ""
    d = {
        "id": _cell(row, h, "id") or f"{seq or row.line}_{slug}",
        "label_zh": names.core(row.name),
        "label_en": label_en(cat["en"], kind, per),
        "indicator": slug,
        "kind": kind,
        "period": periods if kind == "each_year" else periods[0],
        "threshold": thresholds if kind == "each_year" else thresholds[0],
        "comparator": comparator,
        "unit": unit,
        "quote": " ".join(t for t in map(text, row.cells) if t),
        # Chinese first, as the run workbook's 解读 column shows it
        "reading": both("；".join(zh for zh, _ in readings), "; ".join(en for _, en in readings))
        if readings
        else "",
        "baseline": base,
        "_line": row.line,
        "_columns": _columns(h),
        "_attribute": _cell(row, h, "attribute"),
        # the plan runs from the year after its base (基期值（2025年）: 2026), which a table's
        # plan name (its file's) does not say: the year its measures, and levers, start
        "_plan_start": int(h.base[1].end + 1e-9) if h.base and h.base[1] else None,
    }
    if kind == "each_year":
        d["each"] = each
    if per != "year":
        d["per"] = per
    shown = "/".join("—" if t is None else f"{t:.15g}" for t in thresholds)
    when = ",".join(periods)
    zh = f"“{row.name}”读作{slug}（{cat['zh']}）；{KIND_WORD.get(kind, kind)} {when} {shown} {unit}"
    if ALSO_FITS in how:  # the other indicators the name fits, said in Chinese too
        others = how.split(ALSO_FITS)[1].split(":")[0].split(", ")
        shown_zh = "、".join(f"{o}（{indicator(o)['zh']}）" for o in others)
        zh += f"；该名称也可指{shown_zh}，如要选它，在“指标代码”列写上代码"
    en = f"'{row.name}' -> {slug} ({how}); {kind} {when} {shown} {unit}"
    report.append(
        at_row(
            row.line,
            (
                "；".join([zh, *(z for z, _ in readings)]),
                "; ".join([en, *(e for _, e in readings)]),
            ),
        )
    )
    return d


def _sum_over_named_span(name: str, slug: str, how: str) -> tuple[str, str, str | None]:
    """A total to date written with a span of years (著作权登记量累计（2026-2030年）) counts what
    is added in those years: the cumulative sum of the flow it totals, not the total since
    records began."""
    span = name_span(name)
    if span is None or slug not in RUNNING_TOTALS:
        return slug, how, None
    flow = RUNNING_TOTALS[slug]
    return flow, f"{how}; {slug} over {span} read as the sum of {flow}", "cumulative"


def _columns(h: Header) -> dict:
    """Target keys -> (column, header), so a complaint about a key names its cell."""
    cols = {"indicator": h.cols.get("code", h.name_col), "label_zh": h.name_col}
    cols |= {k: h.cols[k] for k in ("unit", "kind", "comparator", "id") if k in h.cols}
    if len(h.targets) == 1:
        cols["threshold"] = h.targets[0][0]
    return {k: (c, h.names[c]) for k, c in cols.items()}


def _cell(row: Row, h: Header, key: str) -> str:
    c = h.cols.get(key)
    return text(row.cells[c]) if c is not None else ""


def _direction(raw) -> tuple[object, str | None, tuple[str, str] | None]:
    """``(the cell without its direction words, comparator or None, reading or None)``."""
    m = _CELL_DIRECTION.match(text(raw)) if isinstance(raw, str) else None
    if not m or not (m.group(1) or m.group(3)):
        return raw, None, None
    before, figure, after = m.group(1) or "", m.group(2), m.group(3) or ""
    if before and after and (before in _AT_MOST) != (after == "以下"):
        return raw, None, None  # 不低于5以下: two directions, refused as written
    comp = "<=" if before in _AT_MOST or after == "以下" else ">="
    word = "不超过" if comp == "<=" else "不低于"
    stretch = "（力争，争取达到）" if before.startswith("力争") else ""
    said = (
        f"目标值“{text(raw)}”读作{word}{figure}（{comp}）{stretch}",
        f"target '{text(raw)}' read as {'at most' if comp == '<=' else 'at least'} {figure} "
        f"({comp}){' (力争: a stretch goal)' if stretch else ''}",
    )
    return figure, comp, said


_DOUBLINGS = {"一": 2, "两": 4, "二": 4, "三": 8}


_POINTS = re.compile(r"(?:比基期|较基期)?(?:提高|增加|提升)(\d+(?:\.\d+)?)个百分点")


def _doubled(row: Row, h: Header, c: int, where: str) -> tuple[float, tuple[str, str]] | None:
    """``(threshold, reading)`` of a 翻一番 (x2) or 翻两番 (x4) cell: the plan's own base figure
    in the row's unit, times 2 or 4; of 提高5个百分点, the base plus 5 (a % row only, checked in
    ``_row_target`` once the unit is known); refused at the cell when the row has no base
    figure."""
    m = re.fullmatch(r"(?:实现|比基期|较基期)?翻([一两二三])番", text(row.cells[c]))
    points = _POINTS.fullmatch(text(row.cells[c]))
    if not m and not points:
        return None
    times = _DOUBLINGS[m.group(1)] if m else 1
    what = (
        (f"基期值的{times}倍", f"{times} times the base")
        if m
        else ("基期值加上这几个百分点", "the base plus the points")
    )
    base = None
    if h.base is not None:
        try:
            base, cell_unit, _ = parse_number(row.cells[h.base[0]])
        except CellError:
            base, cell_unit = None, None
        if cell_unit is not None:  # 9.87万件 in the base cell: which unit x2 is in is not said
            base = None
    if base is None:
        raise InputError(
            place(where, row.line, c, h.names[c]),
            (
                f"“{text(row.cells[c])}”要有基期值才能换算成目标数，本行没有可读的基期值",
                f"'{text(row.cells[c])}' needs the row's base figure, and the row has none",
            ),
            (
                f"在基期值列写上基期数字，或把目标值写成数字（{what[0]}）",
                f"write the base figure in the base column, or the target as a figure ({what[1]})",
            ),
        )
    if points:
        step = float(points.group(1))
        said = (
            f"目标值“{text(row.cells[c])}”读作基期值{base:g}加{step:g}个百分点：不低于"
            f"{base + step:g}",
            f"target '{text(row.cells[c])}' read as the base {base:g} plus {step:g} points: "
            f"at least {base + step:g}",
        )
        return base + step, said
    said = (
        f"目标值“{text(row.cells[c])}”读作基期值{base:g}的{times}倍：不低于{base * times:g}",
        f"target '{text(row.cells[c])}' read as {times} times the base {base:g}: at least "
        f"{base * times:g}",
    )
    return base * times, said


def _figures(
    row: Row, h: Header, where: str, directions: list | None = None
) -> list[tuple[Period | None, float | None, str]]:
    """(period, value, words) of each target cell; words when the plan states no number.
    A cell's direction words (≥, 不低于, 力争, 以上, 不超过) go to ``directions`` as
    ``(comparator, reading)``."""
    out = []
    for c, p in h.targets:
        doubled = _doubled(row, h, c, where)
        if doubled is not None:  # 翻一番: the plan's base figure times two
            value, said = doubled
            if directions is not None:
                directions.append((">=", said))
            out.append((p, value, ""))
            continue
        raw, comp, said = _direction(row.cells[c])
        if comp and directions is not None:
            directions.append((comp, said))
        # 1.2/1.5: one figure a period, as ipcast writes a 逐年 target (22万/23万 as planners do)
        if isinstance(raw, str) and re.fullmatch(r"[\d.,\s]+[万亿]?(/[\d.,\s—-]*[万亿]?)+", raw):
            out.append((p, [_one_figure(x, c, row, h, where) for x in raw.split("/")], ""))
            continue
        times = multiplied(raw)
        if times:  # 22万: counted in the row's unit, which is known only later (_thresholds)
            out.append((p, times, ""))
            continue
        try:
            value, cell_unit, _ = parse_number(raw)
        except (CellError, KeyError):
            t = text(row.cells[c])  # as written, direction words and all
            if not re.search(r"\d", t):
                out.append((p, None, t))  # 超全省平均水平: a target without a figure
                continue
            span = re.fullmatch(r"([\d.]+)\s*[-~—–至到]\s*([\d.]+)\s*%?", t)
            fix = (
                "只写数字（如4500），单位写在“单位”列；可写方向（≥4500、4500以上、力争4500、"
                "不超过5）；约数（约、左右）和“保持在……以上”无法读取",
                "write the number alone (e.g. 4500), with its unit in the 单位 column; a "
                "direction may go with it (≥4500, 4500以上, 力争4500, 不超过5); approximate "
                "figures (约, 左右) and 保持在…以上 cannot be read",
            )
            if span:
                low, high = span.groups()
                fix = (
                    f"范围不是一个目标值：写下限{low}（达到即算达标），或写上限{high}，"
                    "另一端可写在备注",
                    f"a range is not one target: write its lower end {low} (met once reached), "
                    f"or its upper end {high}, the other in a note",
                )
            kind = re.search(r"累计|新增|年均|每年|逐年", t)
            if kind:
                # 累计20: the kind belongs to the name, where the reading of kinds looks for it
                number = re.sub(r"[^0-9.]", "", t)
                name = named(row.name, kind.group(0) + span_words(h, p))
                fix = (
                    f"只写数字（{number}），把类型写进指标名称（{name}）或“类型”列",
                    f"write the number alone ({number}) and the kind in the "
                    f"indicator name ({name}) or in a 类型 column",
                )
            raise InputError(
                place(where, row.line, c, h.names[c]),
                (f"“{t}”不是一个确切数字", f"'{t}' is not one exact figure"),
                fix,
            ) from None
        out.append((p, value if cell_unit is None else (value, cell_unit), ""))
    return out


def _one_figure(cell: str, c: int, row: Row, h: Header, where: str):
    """A figure of a '/'-joined cell: a number, None, or ``(number, 万 or 亿)`` (``multiplied``)."""
    times = multiplied(cell)
    if times:
        return times
    try:
        value, _, _ = parse_number(cell)
    except CellError as e:
        raise e.at(place(where, row.line, c, h.names[c])) from None
    return value


ALSO_FITS = "also fits "  # how a name that fits several indicators is reported


def _indicator(row: Row, h: Header, where: str, mapping=None) -> tuple[str, str]:
    code = _cell(row, h, "code")
    col = h.cols.get("code", h.name_col)
    if code:
        slugs, how = ([code], "the 指标代码 column") if known(code) else ([], "")
    else:
        slugs, how = names.match(row.name, mapping)
    if not slugs:
        written = code or row.name
        near = "、".join(names.nearest(written))
        raise InputError(
            place(where, row.line, col, h.names[col]),
            (
                f"没有名为“{written}”的指标" + (f"（最接近：{near}）" if near else ""),
                f"no indicator named '{written}'" + (f" (nearest: {near})" if near else ""),
            ),
            (
                "在“指标代码”列写上它的代码（见 `ipcast indicators`），或对应名称："
                f"--map '{written}=CODE'；目录外的指标写 '{written}=custom:UNIT[:KIND]'"
                "（只按它自己的数字预测）；或删去该行",
                "write its code in a 指标代码 column (see `ipcast indicators`), or map the name: "
                f"--map '{written}=CODE', or '{written}=custom:UNIT[:KIND]' for an "
                "indicator outside the catalog (forecast from its own points only); "
                "or delete the row",
            ),
        )
    if len(slugs) == 1:
        return slugs[0], how
    chosen = _prefer(slugs, row.name, h.yearly)
    others = ", ".join(s for s in slugs if s != chosen)
    return chosen, f"{how}; {ALSO_FITS}{others}: write the code in 指标代码 to choose"


def _prefer(slugs: list[str], name: str, yearly: bool) -> str:
    """Among indicators a name fits: flows in a table of yearly figures or when the name counts
    a flow (新增, 年均, 每年), stocks otherwise; the level series (not a % ratio) when the row
    states a growth rate."""
    growth = any(w in name for w in GROWTH_WORDS)
    wants_flow = yearly or any(w in name for w in FLOW_WORDS)

    def rank(s: str) -> tuple:
        row = indicator(s)
        flow = row["measure"] == "flow"
        return (growth and row["unit"] == "%", flow != wants_flow, s)

    return sorted(slugs, key=rank)[0]


def _unit(row: Row, h: Header, where: str, cat, figures) -> str:
    """The row's unit: 单位 column, the name's brackets, the target header's, else the
    indicator's. A count per 10,000 residents written 件 is 件/万人."""
    written = _cell(row, h, "unit") or names.unit_in_name(row.name)
    if not written:
        written = next((u for c, _ in h.targets if (u := names.unit_in_name(h.names[c]))), "")
    base = cat["unit"]
    if not written:
        return base
    try:
        unit = units.canonical(written)
    except KeyError:
        col = h.cols.get("unit", h.name_col)
        raise InputError(
            place(where, row.line, col, h.names[col]),
            (f"无法识别的单位“{written}”", f"unknown unit '{written}'"),
            units.unit_fixes(written, base),
        ) from None
    if base == "件/万人" and units.dimension(unit) == "count" and unit == "件":
        return "件/万人"
    return unit


def _thresholds(figures, kind, unit, row, h, where, readings) -> list[float | None]:
    out = []
    for (c, _), (_, v, words) in zip(h.targets, figures, strict=True):
        at = place(where, row.line, c, h.names[c])
        written = text(row.cells[c])  # quoted as written: 1234.5678万, not 1234.57万
        if isinstance(v, list):
            parts = [w.strip() for w in written.split("/")]
            out += [_in_unit(x, w, unit, at, readings) for x, w in zip(v, parts, strict=True)]
            continue
        if words:
            readings.append(
                (f"规划写的是“{words}”，不是数字", f"the plan states '{words}', not a number")
            )
        out.append(_in_unit(v, written, unit, at, readings))
    return out


def _in_unit(
    v, written: str, unit: str, at: tuple[str, str], readings: list[tuple]
) -> float | None:
    """A cell's figure in the row's unit: ``v`` as it is, or ``(number, unit or 万/亿)``
    converted, the reading said; refused at ``at`` where the two do not fit."""
    if not isinstance(v, tuple):
        return v
    value, cell_unit = v
    if cell_unit in units.MULTIPLIERS:
        x = _decimal(_times(value, cell_unit, unit, at, written))
        readings.append((f"{written}读作{x:,.15g} {unit}", f"{written} read as {x:,.15g} {unit}"))
        return x
    if not units.fits(cell_unit, unit):
        raise InputError(
            at,
            (
                f"单元格写的是{cell_unit}，该行单位是{unit}",
                f"the cell says {cell_unit} but the row is in {unit}",
            ),
            # not "give the row the unit 亿元": a count of patents cannot be in 亿元
            (
                f"只写以{unit}计的数字，或改正该行的单位",
                f"write the figure in {unit} alone, or correct the row's unit",
            ),
        )
    x = _decimal(units.convert(value, cell_unit, unit))
    if cell_unit != unit:
        readings.append(
            (f"{written}换算为{x:,.15g} {unit}", f"{written} converted to {x:,.15g} {unit}")
        )
    return x


def _decimal(x: float) -> float:
    """A converted figure as the planner means it: 0.07万件 is 700 件, not the float product
    700.0000000000001, which a recorded 700 would fall short of. Fifteen figures, the most a
    float keeps exactly: fewer would round what was written (12,345,678,901.23 元)."""
    return float(f"{x:.15g}")


def _times(value: float, word: str, unit: str, at: tuple[str, str], written: str) -> float:
    """A figure written with a bare 万 or 亿 (22万) in the row's unit: 22万 of 件 is 220,000 件;
    refused, with what to write, where the row's unit makes it no figure or two readings."""
    f = units.times(word, unit)
    if f is not None:
        return value * f
    one = units.single(unit)
    if one is None:  # a % or a ratio: 万 multiplies counts and amounts only
        raise InputError(
            at,
            (
                f"单位为{unit}的指标不能写“{word}”",
                f"'{written}' in a row in {unit}: 万 and 亿 count things (件) or money (元), "
                f"not {unit}",
            ),
            (
                f"只写以{unit}计的数字（如{value:.15g}），或改正该行的单位",
                f"write the figure in {unit} alone (e.g. {value:.15g}), or correct the row's "
                "unit if it counts things",
            ),
        )
    # 22万 in 万件 means 22万件 (22 万件) or 22万万件; the first is the figure to write
    meant = f"{_decimal(value * units.MULTIPLIERS[word] * units.factor(one, unit)):.15g}"
    raise InputError(
        at,
        (
            f"单位已是{unit}，“{written}”有两种读法（{written}{one}或{written}{unit}）",
            f"'{written}' in a row already in {unit}: {written}{one} or {written}{unit}?",
        ),
        (
            f"写{meant}（即{written}{one}，以{unit}计），或把该行单位改为{one}",
            f"write {meant} ({written}{one} in {unit}), or give the row the unit {one}",
        ),
    )


def _baseline(row: Row, h: Header) -> str:
    if h.base is None:
        return ""
    c, p = h.base
    v = text(row.cells[c])
    if v.lower() in MISSING:  # 基期值 —: the plan gives none (a total over the new plan's years)
        return ""
    return f"{v} ({period_text(p.start, p.end)})" if v and p else v


def _comparator(row: Row, h: Header) -> str:
    c = _cell(row, h, "comparator")
    if c:
        return c
    for w, comp in COMPARATOR_WORDS.items():
        if w in row.name:
            return comp
    return ">="
