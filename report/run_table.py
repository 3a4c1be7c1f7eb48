"""The terminal table of ``run``: one line per target that fits 100 columns, Chinese target
names by default (English with ``lang="en"``), regions as headings."""

from __future__ import annotations

import unicodedata

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
# Widths of every column but the first, which takes what is left of the 100.
FIXED = (15, 12, 4, 23, 10)
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


def num(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, list):
        return "/".join(num(x) for x in v)
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def _period(r: dict) -> str:
    parts = str(r["period"]).split(",")
    return parts[0] if len(parts) == 1 else f"{parts[0].split('/')[0]}…{parts[-1].split('/')[-1]}"


def _forecast(r: dict) -> str:
    if r["status"] == "resolved":
        return f"= {num(r.get('outcome'))}"
    if r.get("median") is None:
        return ""
    if r.get("q10") is None:
        return num(r["median"])
    return f"{num(r['median'])} ({num(r['q10'])}-{num(r['q90'])})"


def _threshold(r: dict) -> str:
    if r["threshold"] is None:
        return "—"
    shown = "" if r["comparator"] == ">=" else r["comparator"]  # >= is what plans mean
    return f"{shown}{num(r['threshold'])} {r['unit']}"


def _status(r: dict, lang: str) -> str:
    s = r["status"]
    if s == "resolved":
        met = "达成" if lang == "zh" else "met"
        missed = "未达成" if lang == "zh" else "missed"
        return met if r.get("hit") else missed
    return (STATUS_ZH if lang == "zh" else STATUS_EN).get(s, "")


def _line(cells: list[str], label_width: int) -> str:
    widths = (label_width, *FIXED)
    return (" " * GAP).join(fit(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()


def run_table(records: list[dict], lang: str = "zh", region_names: dict | None = None) -> str:
    """Lines no wider than 100 columns; ``region_names`` maps a code to its heading."""
    label_width = WIDTH - sum(FIXED) - GAP * len(FIXED)
    out = [_line(list(HEAD[lang]), label_width)]
    region = None
    for r in records:
        if r["region"] != region:
            region = r["region"]
            out.append(f"— {(region_names or {}).get(region, region)}")
        label = r["label_zh"] if lang == "zh" else r.get("label_en") or r["label_zh"]
        p = r.get("p_hit")
        cells = [
            label,
            _period(r),
            _threshold(r),
            "" if p is None else f"{p:.0%}",
            _forecast(r),
            _status(r, lang),
        ]
        out.append(_line(cells, label_width))
    return "\n".join(out)
