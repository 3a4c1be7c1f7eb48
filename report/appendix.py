"""The briefing's appendix (附录一-五): method, calibration, what each forecast rests on, the
targets that cannot be assessed, and every source with its grade."""

from __future__ import annotations

import re

from ..data.catalog import indicator as indicator_row
from . import words
from .blocks import block, table
from .sources import GRADE_WORDS, WEAK
from .text import fmt

ASSESSED = ("simulated", "resolved", "awaiting_outcome")
CJK = r"[\u4e00-\u9fff]"


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
        if r["status"] == "simulated"
    ]
    cal = [
        [*words.calibration_row(fam, c, lang), _backtests(c, lang)]
        for fam, c in b["calibration"].items()
    ]
    missing = [
        [r[label], words.status(r, lang), words.reason(r, lang)]
        for r in recs
        if r["status"] not in ASSESSED
    ]
    grades = GRADE_WORDS[lang]
    src = [
        [
            indicator_row(s["indicator"])["zh"] if lang == "zh" else s["indicator"],
            str(s["period"]),
            f"{fmt(float(s['value']))}{s['unit']}",
            grades.get(s["grade"], s["grade"]) + (w["weak"] if s["grade"] in WEAK else ""),
            f"{_title_in(s['source_title'], lang)} {s['source']}".strip(),
        ]
        for s in b["sources"]
    ]
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


def _backtests(c: dict, lang: str) -> str:
    out = []
    for panel, m in c.get("backtests", {}).items():
        name = words.PANEL_NAMES.get(panel, panel) if lang == "zh" else panel
        out.append(
            f"{name}：80%区间{m['coverage_80']:.0%}，95%区间{m['coverage_95']:.0%}"
            f"（{m['n_forecasts']}次）"
            if lang == "zh"
            else f"{panel}: 80% {m['coverage_80']:.0%}, 95% {m['coverage_95']:.0%} "
            f"(n={m['n_forecasts']})"
        )
    sep = "；" if lang == "zh" else "; "
    return sep.join(out) or (
        "无独立序列，以专利与商标序列合并校准" if lang == "zh" else c["source"]
    )
