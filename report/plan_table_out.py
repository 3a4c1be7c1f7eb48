"""The plan's indicator table with proposed targets beside the current ones, as ``draft`` and
``revise`` write it. ``--targets`` reads it back: the 建议目标值 column is taken as the targets, and
the 指标代码, 类型 and 期间 columns say exactly what each row means."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ..data.periods import period_zh
from ..data.said import figure
from . import words
from .words import KIND_ZH

HEADER = [
    "序号",
    "指标名称",
    "指标代码",
    "类型",
    "期间",
    "基期值",
    "现行目标值",
    "建议目标值（{confidence}把握）",
    "单位",
    "方向",
    "编号",
    "说明",
]
PROPOSED_FILL = PatternFill("solid", fgColor="FFF2CC")


def _figures(v) -> str | float | None:
    """One cell: a number, or one figure a period joined by '/', each in full (``:g`` would write
    1,234,567 as 1.23457e+06, which loses a digit and does not read back)."""
    if isinstance(v, list | tuple):
        return "/".join("" if x is None else f"{x:.15g}" for x in v)
    return v


def baseline_zh(text: str | None) -> str | None:
    """A 基期值 with its period as the sheet's reader writes it: 3910（2025年1-10月）, 30950
    （2025年10月）, 41（2025年）, not 3910 (2025-01/2025-10)."""
    m = re.fullmatch(r"(.*?) \((\d{4}[-/\dH]*)\)", text or "")
    return f"{m[1]}（{period_zh(m[2])}）" if m else text


def _kind(kind: str, per: str) -> str:
    zh = KIND_ZH.get(kind, kind)
    return f"{zh}(全期)" if kind == "growth" and per == "span" else zh


def draft_rows(current: list, doc: dict) -> list[dict]:
    """Rows of a drafted plan: each entry of ``doc`` (a draft target file) beside the target of
    the current plan it continues."""
    rows = []
    for old, new in zip(current, doc["targets"], strict=True):
        periods = new["period"] if isinstance(new["period"], list) else [new["period"]]
        rows.append(
            {
                "name": new["label_zh"],
                "indicator": new["indicator"],
                "kind": _kind(new["kind"], new.get("per", "year")),
                "period": ",".join(periods),
                "baseline": new.get("baseline", old.baseline),
                "current": _figures(old.thresholds if len(old.thresholds) > 1 else old.threshold),
                "proposed": _figures(new["threshold"]),
                "unit": new["unit"],
                "comparator": new["comparator"],
                "id": new["id"],
                "note": note_zh(new["_basis"], new["unit"]) if "_basis" in new else new["quote"],
            }
        )
    return rows


def note_zh(b: dict, unit: str) -> str:
    """The 说明 of a drafted row, in the plan's language, from the figures the draft rests on."""

    def figs(v) -> str:
        return "/".join(figure(x) for x in v) if isinstance(v, list | tuple) else figure(v)

    current = "无现行目标" if b["current"] is None else f"现行目标 {figs(b['current'])}{unit}"
    if b["median"] is None:
        why = words.reason({"reason": b["reason"], "status": "no_history"}, "zh")
        return f"无法测算（{why}），建议值请手工填写；{current}"
    out = [
        f"ipcast 按 {b['confidence']:.0%} 把握测算",
        f"趋势中位数 {figs(b['median'])}{unit}",
        current,
        f"方法：{words.method(b['method'], 'zh')}",
        f"本地数据点 {b['n_points']} 个",
    ]
    for period, low, floor, at, p in b["raised"]:
        out.append(
            f"{period_zh(period)} 由 {figure(low)} 提高到 {period_zh(at)} 目标 {figure(floor)}"
            "（预测仍在增长），"
            f"达成把握 {p:.0%}"
        )
    for period, low, floor, at in b["below"]:
        out.append(
            f"{period_zh(period)} 的 {figure(low)} 低于 {period_zh(at)} 目标 {figure(floor)}："
            "预测中位数也低于该目标"
        )
    return "；".join(out)


def revise_rows(targets: list, records: list[dict]) -> list[dict]:
    """Rows of a revised plan: the same periods, the threshold met at the confidence."""
    from ..scenarios.confidence import promise  # numpy: not for ``ipcast --help``

    by_id = {(t.region, t.id): t for t in targets}
    rows = []
    for r in records:
        t = by_id[(r["region"], r["target_id"])]
        revised = r["revised_threshold"]
        if revised is not None:  # the figure promised, as draft writes it and revise shows it
            each = revised if isinstance(revised, list) else [revised]
            promised = [promise(x, t.comparator, t.unit) for x in each]
            revised = promised if isinstance(revised, list) else promised[0]
        rows.append(_revised_row(t, r, revised))
    return rows


def _revised_row(t, r: dict, revised) -> dict:
    """One row of a revised plan; its 说明 in Chinese, as the table's other words and draft's
    说明 are (it was the engine's English reason)."""
    if revised is None:  # nothing to revise from: the current target stays, said so
        note = f"无法测算，沿用现行目标：{words.reason(r, 'zh')}"
    elif r.get("reason"):
        note = words.reason(r, "zh")
    else:
        note = f"现行目标达标概率 {r['p_hit']:.0%}"
    return {
        "name": t.label_zh,
        "indicator": t.indicator,
        "kind": _kind(t.kind, t.per),
        "period": t.period_text,
        "baseline": t.baseline,
        "current": _figures(r["threshold"]),
        "proposed": _figures(r["threshold"] if revised is None else revised),
        "unit": t.unit,
        "comparator": t.comparator,
        "id": t.id,
        "note": note,
    }


def write_plan_table(
    path: str | Path,
    title: str,
    rows: list[dict],
    confidence: float,
    method: list[tuple[str, str]] = (),
) -> None:
    """The table as a planner's 指标表, and 方法与来源 when ``method`` is given; never
    overwrites a file."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标表"
    ws.append([title])
    ws.append([h.format(confidence=f"{confidence:.0%}") for h in HEADER])
    for i, r in enumerate(rows, 1):
        ws.append(
            [
                i,
                r["name"],
                r["indicator"],
                r["kind"],
                r["period"],
                baseline_zh(r["baseline"]),
                r["current"],
                r["proposed"],
                r["unit"],
                r["comparator"],
                r["id"],
                r["note"],
            ]
        )
    for c in ws[2]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    for (c,) in ws.iter_rows(min_row=3, min_col=8, max_col=8):
        c.fill = PROPOSED_FILL
    ws.freeze_panes = "C3"
    for col, w in zip("ABCDEFGHIJKL", (6, 36, 24, 10, 22, 14, 14, 18, 8, 6, 28, 60), strict=True):
        ws.column_dimensions[col].width = w
    if method:
        notes = wb.create_sheet("方法与来源")
        notes.append(["项目", "内容"])
        for item, text in method:
            notes.append([item, text])
        notes.column_dimensions["B"].width = 100
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as f:
        wb.save(f)
