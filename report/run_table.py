"""The terminal table of ``run``: one line per target that fits 100 columns, Chinese target
names by default (English with ``lang="en"``), regions as headings. A target's figures that do
not fit their column go on below it, in that column: a figure is never cut."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

WIDTH = 100
# Short, for the terminal; a simulated target shows its probability instead. A period that is
# over shows its forecast too, marked so that nobody reads it as the current trend.
STATUS_ZH = {
    "no_history": "无数据",
    "no_threshold": "无数字",
    "invalid": "无法判定",
    "awaiting_outcome": "待公布",
}
STATUS_EN = {
    "no_history": "no_history",
    "no_threshold": "no number",
    "invalid": "invalid",
    "awaiting_outcome": "awaiting",
}
HEAD = {
    "zh": ("目标", "期间", "目标值", "概率", "预测中位数(10%-90%)", "状态"),
    "en": ("target", "period", "threshold", "P", "median (10%-90%)", "status"),
}
# A hindcast (``--as-of``): what was forecast then, and what is known now.
HEAD_AS_OF = {
    "zh": ("目标", "期间", "目标值", "概率", "当时预测(10%-90%)", "现在"),
    "en": ("target", "period", "threshold", "P", "forecast then (10%-90%)", "now"),
}
CAPTION_AS_OF = {
    "zh": "概率和预测按 --as-of 年底已知的数据测算（当时）；“现在”是今天已知的结果或今天的测算",
    "en": "P and forecast from the data known at the end of the --as-of year (then); now: the "
    "outcome known today, or today's forecast",
}
# Widths of every column but the first, which takes what is left of the 100.
FIXED = (15, 12, 4, 23, 10)
FIXED_AS_OF = (15, 12, 4, 23, 16)
GAP = 2


def width(s: str) -> int:
    """Terminal columns taken by ``s``: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def fit(s: str, w: int) -> str:
    """``s`` cut to ``w`` columns (with …) and padded to exactly ``w``."""
    if width(s) > w:
        while width(s) > w - 1:
            s = s[:-1]
        s += "…"
    return s + " " * (w - width(s))


# Where a list of figures may break: after a / that a figure follows (3,500/|4,000), never
# inside a unit (件/万人). The terminal tables, the briefing's PDF and its HTML break there.
AFTER_SLASH = r"(?<=/)(?=[-+.\d])"
# where else a cell may break with nothing between: after a plan's 每年 before its figure
BREAKS = AFTER_SLASH + r"|(?<=每年)(?=[<>=≤≥约+\-.\d])"
# The space between a figure and the Chinese unit or % written after it, which no line breaks
# at: the unit goes down with its figure (100/200/ then 300 件, not 100/200/300 then 件), in the
# tables (``whole``) and in the briefing's English lines (``fold.units_kept``: 1,800 件 (2030)).
UNIT_SPACE = re.compile(r"(?<=\d) (?=[%\u4e00-\u9fff])")
NO_BREAK = "\u00a0"  # a space ``whole`` does not break at


def whole(text: str, w: int) -> list[str]:
    """``text`` on as many lines of ``w`` columns as it takes, nothing cut: broken after a
    ``/`` that ends a figure, after 每年 or at a space, each line as full as it can be, a figure
    kept with its unit (100/200/ then 300 件; 3,500/4,000/ then 4,500 件; 每年 then 2,000 人次;
    a unit 件/万人 and "each year" stay whole); a figure and unit wider than the column break
    between them, and a word wider than the column, which no plan's figure is, character by
    character."""
    # each piece with what joins it to the one before: "" after a / or 每年, " " at a space;
    # the English "each year" and a figure with its unit are one word here
    glued = UNIT_SPACE.sub(NO_BREAK, unbroken(text))
    pieces = [
        (" " if i and not j else "", piece.replace(NO_BREAK, " "))
        for i, word in enumerate(glued.split(" "))
        for j, piece in enumerate(re.split(BREAKS, word))
    ]
    # a phrase wider than the column breaks at its spaces after all
    pieces = [
        (" " if k else sep, word)
        for sep, piece in pieces
        for k, word in enumerate(piece.split(" ") if width(piece) > w else [piece])
    ]
    lines, line = [], ""
    for sep, piece in pieces:
        if line and width(line + sep + piece) <= w:
            line += sep + piece
            continue
        if line:
            lines.append(line)
        while len(piece) > 1 and width(piece) > w:
            # at least one character a line, even one wider than a column of one
            n = next((i for i in range(len(piece), 1, -1) if width(piece[:i]) <= w), 1)
            lines.append(piece[:n])
            piece = piece[n:]
        line = piece
    return lines + [line]


def num(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, list):
        return "/".join(num(x) for x in v)
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def percent(p: float | None) -> str:
    """A probability as a planner reads it. A simulated 100 % is only "no path missed": it is
    shown as >99 % (and 0 % as <1 %), which is true also when the target is met already."""
    if p is None:
        return ""
    if p > 0.99:
        return ">99%"
    if p < 0.01:
        return "<1%"
    return f"{p:.0%}"


def points(delta: float) -> str:
    """A change in a probability in percentage points (+5.0 from 88 % to 93 %): written +5.0%
    it reads as five per cent of the probability."""
    return f"{delta * 100:+.1f}"


def period_cell(r: dict) -> str:
    """A target's period in a table cell; an each-year target's from its first year's start to
    its last year's end (2022-07…2025-06), so that a narrow column need not break it."""
    parts = str(r["period"]).split(",")
    return parts[0] if len(parts) == 1 else f"{parts[0].split('/')[0]}…{parts[-1].split('/')[-1]}"


def _forecast(r: dict, lang: str = "zh", room: int = FIXED[3]) -> str:
    """The median and 10-90 % range; when that does not fit ``room`` columns, in 万/亿 (k/M in
    English) to three figures, so the range's top is never cut off (1,064,333 (1,025,475-1…)."""
    if r["status"] == "resolved":
        return f"= {num(r.get('outcome'))}"
    if r.get("median") is None:
        return ""
    if r.get("q10") is None:
        return num(r["median"])
    # a range with a negative end (a growth rate) is joined by ~: -0.729-18.3 reads as a
    # subtraction
    to = "~" if min(r["q10"], r["q90"]) < 0 else "-"
    text = f"{num(r['median'])} ({num(r['q10'])}{to}{num(r['q90'])})"
    if width(text) <= room:
        return text
    unit = str(r.get("unit") or "")
    if lang == "zh" and unit[:1] in ("万", "亿"):
        # 452,720 万元 as 45.3万 would read as 45.3万元: say the unit, 45.3 (33.7-61.9)亿元
        base = [v * (1e4 if unit[0] == "万" else 1e8) for v in (r["median"], r["q10"], r["q90"])]
        size, word = (1e8, "亿") if abs(base[0]) >= 1e8 else (1e4, "万")
        m, lo, hi = (f"{v / size:.3g}" if abs(v) < 1000 * size else num(v / size) for v in base)
        return f"{m} ({lo}{to}{hi}){word}{unit[1:]}"
    return f"{short(r['median'], lang)} ({short(r['q10'], lang)}{to}{short(r['q90'], lang)})"


def short(v: float, lang: str) -> str:
    """``v`` to three figures in 万 or 亿 (k, M or B in English) from 10,000 up."""
    steps = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else ((1e9, "B"), (1e6, "M"), (1e3, "k"))
    for size, word in steps:
        if abs(v) >= size and abs(v) >= 1e4:
            return f"{v / size:.3g}{word}"
    return num(v)


def _threshold(r: dict, lang: str = "zh", name: str = "") -> str:
    """The target as the plan wrote it, every figure whole (``exact``): in its 12 columns when a
    form fits (a figure too wide in 万/亿 when that is exact; an each-year list with one figure
    for every year that figure once, 每年1,000 (1,000 each year in English); different figures
    in 万/亿 when each is exact and that fits), else its narrowest form, which the table writes
    on as many lines of the column as it takes (``whole``), never cut. ``name``: the English
    name shown beside it; when it says "each year", the one figure is said alone."""
    th = r["threshold"]
    if th is None:
        return "—"
    shown = "" if r["comparator"] == ">=" else r["comparator"]  # >= is what plans mean
    unit = r["unit"]
    if isinstance(th, list):
        lists = [[_figures(v)[short] for v in th] for short in (0, -1)]
        lists = [named_once(texts, name) for texts in lists]
        forms = [planner_form(texts, unit, lang, shown=shown) for texts in lists]
    else:
        forms = [f"{shown}{v} {unit}" for v in _figures(th)]
    return next((t for t in forms if width(t) <= FIXED[1]), min(forms, key=width))


def planner_form(
    texts: list[str], unit: str, lang: str = "zh", gap: str = " ", shown: str = ""
) -> str:
    """A target's or a promise's figures as a plan writes them, the one form of the run table,
    ``revise`` and the briefing: one figure for every year said once (``said_once``), 每年100 家
    (100 家 each year in English), else each year's (``with_unit``: 3,500/4,000/4,500 件,
    80%/82%/83%). ``shown`` is written before the figures: a comparator (<=; nothing for at
    least), or a sentence's 约."""
    if said_once(texts):
        if lang == "zh":
            return f"每年{shown}{with_unit(texts[:1], unit, gap)}"
        return f"{shown}{with_unit(texts[:1], unit, gap)} {EACH_YEAR_EN}"
    return shown + with_unit(texts, unit, gap)


# How the English says a plan's 每年 after a figure; a table's line never breaks inside it
# (``unbroken``): "100 家 each" then "year" read as two things.
EACH_YEAR_EN = "each year"


# An English name that says "each year" already (pledge financing each year; Firms taken into IP
# trusteeship, every year; each July-June year): its one figure for every year is said bare.
YEARLY_EN = re.compile(r"\b(each|every)\b[^,;()]*?\byear\b|\byearly\b|\bannual", re.I)


def named_once(texts: list[str], name: str | None) -> list[str]:
    """Each year's figures, or their one figure alone when the English ``name`` shown with them
    says "each year" already ("pledge financing each year reaches 100 亿元 each year" said it
    twice)."""
    return texts[:1] if said_once(texts) and YEARLY_EN.search(name or "") else texts


def _shown_name(r: dict, lang: str, room: int) -> str:
    """The row's English name as its ``room`` columns show it (a Chinese one: nothing). Where it
    says "each year" the threshold beside it says its figure alone (``named_once``): "100 亿元
    each year" is 18 columns and the threshold's 12 keep no figure and unit with "each year"
    (the least, "1 件 each year", is 13), so it took a line of its own below the name."""
    return fit(_label(r, lang), room) if lang == "en" else ""


def unbroken(text: str) -> str:
    """``text`` with "each year" joined by a no-break space, which no table cell breaks at: the
    terminal's (``whole``), nor the briefing's PDF (fpdf2), DOCX (Word) or HTML (a browser)."""
    return text.replace(EACH_YEAR_EN, EACH_YEAR_EN.replace(" ", NO_BREAK))


def said_once(texts: list[str]) -> bool:
    """Each year's figures are one figure for every year, which a plan says once (每年100家)."""
    return len(texts) > 1 and len(set(texts)) == 1


def with_unit(texts: list[str], unit: str, gap: str = " ") -> str:
    """Figures (one, or each year's) with their unit, as the run table and the briefing write
    them: a % on every figure of a list (1.2%/1.5%; 1.2/1.5% reads as 1.2 and 1.5 %), any other
    unit once after them (10/15/20 件). ``gap``: a space here, none in the briefing's Chinese."""
    if unit == "%" and len(texts) > 1:
        return "/".join(t + "%" for t in texts)
    return "/".join(texts) + gap + unit


def _figures(v: float) -> list[str]:
    """A figure as written, then in 万/亿 when that is exact (a missing one: "—")."""
    return [exact(v)] + ([exact_short(v)] if v is not None else [])


def exact(v: float | None) -> str:
    """A plan's figure with every digit it has (12.35 stays 12.35, where ``num`` says 12.3),
    thousands apart (3,500): a target is never rounded."""
    if v is None:
        return "—"
    if v == 0:
        return "0"  # not -0
    return f"{_decimal(v):,f}"


def _decimal(v: float) -> Decimal:
    """``v`` in decimal to 12 significant figures, more than any plan writes and fewer than a
    float's noise: a figure read as 1.1亿 and multiplied out is 110000000.00000001 in binary
    floating point, and is 110,000,000 here; 1.1 x 1e8 read as exact 1.1亿, not 11000万."""
    return Decimal(f"{float(v):.12g}").normalize()


def exact_short(v: float) -> str:
    """``v`` in 亿 or 万 when that says it exactly (150,000,000 is 1.5亿; 1,064,333 stays as it
    is): a plan's target is shown as the plan wrote it, never rounded."""
    # In decimal (``_decimal``): 1.1 x 1e8 is not 110,000,000 in binary floating point, so a
    # float test read 1.1亿 as inexact and showed 11000万.
    d = _decimal(v)
    for size, word in ((10**8, "亿"), (10**4, "万")):
        short = (d / size).normalize()
        if abs(d) >= size and len(short.as_tuple().digits) <= 6:
            return f"{short:f}{word}"
    return exact(v)


def _status(r: dict, lang: str) -> str:
    s = r["status"]
    if s == "resolved":
        met = "达成" if lang == "zh" else "met"
        missed = "未达成" if lang == "zh" else "missed"
        return met if r.get("hit") else missed
    return (STATUS_ZH if lang == "zh" else STATUS_EN).get(s, "")


def _now(r: dict, lang: str) -> str:
    """What is known now of a hindcast's target: its outcome, or today's forecast."""
    s, p = r.get("now_status"), r.get("now_p_hit")
    if s == "resolved":
        return f"{_status({'status': s, 'hit': r['now_hit']}, lang)} {num(r['now_outcome'])}"
    shown = (STATUS_ZH if lang == "zh" else STATUS_EN).get(s, "")
    if p is not None:
        return f"{shown or ('现估' if lang == 'zh' else 'now')} {percent(p)}"
    return shown


def _line(cells: list[str], label_width: int, fixed: tuple[int, ...] = FIXED) -> str:
    widths = (label_width, *fixed)
    return (" " * GAP).join(fit(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _lines(
    cells: list[str], label_width: int, fixed: tuple[int, ...] = FIXED, whole_at=(2,)
) -> list[str]:
    """A row as ``_line`` writes it, except that the cells at ``whole_at`` (the target, a
    promise) are never cut: what does not fit goes on below, in the same column, on lines
    that leave the other columns blank (``whole``). A name still ends in … when it is long."""
    widths = (label_width, *fixed)
    pairs = enumerate(zip(cells, widths, strict=True))
    columns = [whole(c, w) if i in whole_at else [c] for i, (c, w) in pairs]
    rows = max(len(c) for c in columns)
    return [
        _line([c[k] if k < len(c) else "" for c in columns], label_width, fixed)
        for k in range(rows)
    ]


def _label(r: dict, lang: str) -> str:
    return r["label_zh"] if lang == "zh" else r.get("label_en") or r["label_zh"]


def _by_region(records: list[dict], region_names: dict | None, lines_of) -> list[str]:
    """Each record's lines (``lines_of(r)``), a heading before the first record of a region."""
    out, region = [], None
    for r in records:
        if r["region"] != region:
            region = r["region"]
            out.append(f"— {(region_names or {}).get(region, region)}")
        out.extend(lines_of(r))
    return out


def run_table(
    records: list[dict],
    lang: str = "zh",
    region_names: dict | None = None,
    hindcast: bool = False,
) -> str:
    """Lines no wider than 100 columns; ``region_names`` maps a code to its heading. A
    ``hindcast`` (records of ``run --as-of``) ends in what is known now instead of the status
    as of then: the outcome met or missed, awaiting its outcome, or today's forecast."""
    fixed = FIXED_AS_OF if hindcast else FIXED
    label_width = WIDTH - sum(fixed) - GAP * len(fixed)
    out = [CAPTION_AS_OF[lang]] if hindcast else []
    out.append(_line(list((HEAD_AS_OF if hindcast else HEAD)[lang]), label_width, fixed))

    def lines(r: dict) -> list[str]:
        cells = [
            _label(r, lang),
            period_cell(r),
            _threshold(r, lang, _shown_name(r, lang, label_width)),
            percent(r.get("p_hit")),
            _forecast(r, lang),
            _now(r, lang) if hindcast else _status(r, lang),
        ]
        if hindcast and r["status"] != "simulated":
            cells[-2] = " ".join(x for x in (cells[-2], _status(r, lang)) if x)
        return _lines(cells, label_width, fixed)

    return "\n".join(out + _by_region(records, region_names, lines))


# ``revise``: the threshold the plan could promise at the records' confidence, beside today's.
HEAD_REVISE = {
    "zh": ("目标", "期间", "目标值", "概率", "{:.0%}把握可承诺", "预测中位数"),
    "en": ("target", "period", "threshold", "P", "promise at {:.0%}", "median"),
}
FIXED_REVISE = (15, 12, 4, 16, 12)


def revise_table(records: list[dict], lang: str = "zh", region_names: dict | None = None) -> str:
    """``run``'s table for ``revise``: the promise in the plan's unit, rounded toward the side
    that keeps the confidence (``text.promised``), or why there is none. An each-year target
    with a promise per year takes a line per year (its P, all years met together, on the
    first): a promise cut to fit one line would lose the later years."""
    from .text import promised  # its numpy is not for ``ipcast --help``

    label_width = WIDTH - sum(FIXED_REVISE) - GAP * len(FIXED_REVISE)
    confidence = next((r["confidence"] for r in records if r.get("confidence")), 0.8)
    head = [h.format(confidence) for h in HEAD_REVISE[lang]]
    out = [_line(head, label_width, FIXED_REVISE)]

    def lines(r: dict) -> list[str]:
        out = []
        for i, part in enumerate(_years(r)):
            rev = part.get("revised_threshold")
            promise = (
                f"{promised(rev, r['comparator'], r['unit'])} {r['unit']}"
                if rev is not None
                else _status(r, lang)
            )
            cells = [
                "" if i else _label(r, lang),
                period_cell(part),
                _threshold(part, lang, _shown_name(r, lang, label_width)),
                "" if i else percent(r.get("p_hit")),
                promise,
                num(part.get("median")),
            ]
            out.extend(_lines(cells, label_width, FIXED_REVISE, whole_at=(2, 4)))
        return out

    return "\n".join(out + _by_region(records, region_names, lines))


def _years(r: dict) -> list[dict]:
    """``r`` as one record per year when it promises one figure per year, else ``[r]``."""
    rev = r.get("revised_threshold")
    if not isinstance(rev, list):
        return [r]
    periods = str(r["period"]).split(",")
    ths, med = r["threshold"], r.get("median")
    return [
        {
            **r,
            "period": periods[i],
            "threshold": ths[i] if isinstance(ths, list) else ths,
            "revised_threshold": v,
            "median": med[i] if isinstance(med, list) else med,
        }
        for i, v in enumerate(rev)
    ]


# ``compare``: the probability under scenario A and B, and B - A in percentage points.
HEAD_COMPARE = {
    "zh": ("目标", "期间", "目标值", "A", "B", "B-A(百分点)"),
    "en": ("target", "period", "threshold", "A", "B", "B-A (points)"),
}
CAPTION_COMPARE = {"zh": "情景 A：{a}　情景 B：{b}", "en": "scenario A: {a}; scenario B: {b}"}
FIXED_COMPARE = (15, 12, 5, 5, 13)


def compare_table(
    records: list[dict],
    scenarios: tuple[str, str],
    lang: str = "zh",
    region_names: dict | None = None,
    captions: tuple[str, str] | None = None,
) -> str:
    """``run``'s table for ``compare``: each target's probability under the two ``scenarios``
    (the keys ``p_<name>`` of the records) and the difference with its standard error, which
    common random numbers make small."""
    a, b = scenarios
    label_width = WIDTH - sum(FIXED_COMPARE) - GAP * len(FIXED_COMPARE)
    shown = captions or scenarios
    out = [CAPTION_COMPARE[lang].format(a=shown[0], b=shown[1])]
    out.append(_line(list(HEAD_COMPARE[lang]), label_width, FIXED_COMPARE))

    def lines(r: dict) -> list[str]:
        d, se = r.get("difference"), r.get("difference_se")
        cells = [
            _label(r, lang),
            period_cell(r),
            _threshold(r, lang, _shown_name(r, lang, label_width)),
            percent(r.get(f"p_{a}")),
            percent(r.get(f"p_{b}")),
            _status(r, lang) if d is None else f"{100 * d:+.1f} ±{100 * (se or 0):.1f}",
        ]
        return _lines(cells, label_width, FIXED_COMPARE)

    return "\n".join(out + _by_region(records, region_names, lines))
