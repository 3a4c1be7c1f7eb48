"""The briefing's appendix (附录一-五): method, calibration, what each forecast rests on, the
targets that cannot be assessed, and every source with its grade."""

from __future__ import annotations

import re

from ..data import units
from ..data.catalog import indicator as indicator_row
from ..data.periods import period_zh
from ..data.said import figure
from . import words
from .blocks import block, table
from .sources import GRADE_WORDS, WEAK
from .text import fmt

ASSESSED = ("simulated", "resolved", "awaiting_outcome")
CJK = r"[\u4e00-\u9fff]"


def _in_own_unit(s: dict, lang: str) -> tuple[str, str]:
    """``(figure, note)``: a source's figure in its indicator's unit, as the targets and charts
    give it, and, for the source cell, what was written when it was another unit (a bureau's
    table in 万元 some years and 亿元 others: 271,500万元 beside 23.8亿元 invites a slip of ten
    thousand)."""
    value, unit = float(s["value"]), s["unit"]
    own = indicator_row(s["indicator"])["unit"]
    if unit == own:
        return f"{fmt(value)}{unit}", ""
    try:
        shown = f"{figure(units.convert(value, unit, own))}{own}"  # 27.15, not 27.1
    except (KeyError, ValueError):
        return f"{fmt(value)}{unit}", ""
    written = f"{fmt(value)}{unit}"
    return shown, (f"（原表为{written}）" if lang == "zh" else f" (written {written})")


def appendix(b: dict, w: dict, lang: str) -> list[dict]:
    recs = b["records"]
    label = "label_zh" if lang == "zh" else "label_en"
    per = [
        [
            r[label],
            str(r["n_points"]),
            words.method(r.get("method"), lang),
            words.borrowed(r.get("borrowed"), lang),
        ]
        for r in recs
        # a target awaiting its outcome is judged by a forecast too, and page one says so
        if r["status"] in ("simulated", "awaiting_outcome")
    ]
    cal = [
        [*words.calibration_row(fam, c, lang), _basis(c, lang)]
        for fam, c in b["calibration"].items()
    ]
    missing = [
        [r[label], words.status(r, lang), words.reason(r, lang)]
        for r in recs
        if r["status"] not in ASSESSED
    ]
    grades = GRADE_WORDS[lang]
    src = []
    for s in b["sources"]:
        shown, written = _in_own_unit(s, lang)  # the unit written goes with the source
        src.append(
            [
                indicator_row(s["indicator"])["zh"] if lang == "zh" else s["indicator"],
                period_zh(str(s["period"])) if lang == "zh" else str(s["period"]),
                shown,
                grades.get(s["grade"], s["grade"]) + (w["weak"] if s["grade"] in WEAK else ""),
                f"{_title_in(s['source_title'], lang)} {s['source']}".strip() + written,
            ]
        )
    out = [block("h2", w["a1"]), block("p", words.METHOD[lang])]
    out += [block("h2", w["a2"])]
    out.append(table([w["family"], w["members"], "n", w["coverage"]], cal, [0.2, 0.3, 0.1, 0.4]))
    out += [block("h2", w["a3"])]
    out.append(
        table([w["target"], w["n"], w["method_col"], w["borrowed"]], per, [0.25, 0.1, 0.2, 0.45])
    )
    out += [block("h2", w["a4"])]
    out.append(table([w["target"], w["status"], w["reason"]], missing, [0.35, 0.2, 0.45]))
    out += [block("h2", w["a5"])]
    out.append(
        table(
            [w["indicator"], w["period"], w["value"], w["grade"], w["source"]],
            src,
            [0.17, 0.12, 0.12, 0.14, 0.45],
        )
    )
    return out


def _title_in(title, lang: str) -> str:
    """A source's title; in Chinese without the notes in English the data files add to some
    (the address beside it still names the source)."""
    title = str(title or "")
    if lang != "zh":
        return title
    title = re.sub(r"[(（][^()（）]*[)）]", _keep_chinese, title)
    return title if re.search(CJK, title) and not re.search(r"[A-Za-z]{4,}", title) else ""


def _keep_chinese(m: re.Match) -> str:
    return (
        m.group(0)
        if re.search(CJK, m.group(0)) and not re.search(r"[A-Za-z]{2,}", m.group(0))
        else ""
    )


def _basis(c: dict, lang: str) -> str:
    """What a family's calibration rests on: the rolling backtests of its own panels, or, for a
    family with no panel of its own, those of the others pooled."""
    if lang == "zh":
        names = "、".join(words.PANEL_NAMES.get(p, p) for p in c["panels"])
        if c["pooled"]:
            return f"本类无可用序列，以{names}的回测误差合并校准"
        return f"以{names}的滚动回测误差校准"
    names = ", ".join(c["panels"])
    if c["pooled"]:
        return f"no panel of its own: the backtest errors of {names}, pooled"
    return f"rolling backtest errors of {names}"
