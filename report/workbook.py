"""Results as files a planner opens in Excel or WPS: an XLSX workbook (Chinese headers, frozen
header row, probabilities as percentages, one sheet per table and one with the method and
sources) and CSV with a byte-order mark, without which Excel shows Chinese as mojibake."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..data.said import both
from . import words
from .tables import plain
from .words import FAMILY_ZH, KIND_ZH, STATUS_ZH

HEADERS_ZH = {
    "region": "地区",
    "plan": "规划",
    "target_id": "编号",
    "id": "编号",
    "label_zh": "目标",
    "label_en": "目标（英文）",
    "indicator": "指标",
    "family": "类别",
    "kind": "类型",
    "each": "逐年口径",
    "period": "期间",
    "threshold": "目标值",
    "comparator": "方向",
    "unit": "单位",
    "status": "状态",
    "p_hit": "达标概率",
    "p_hit_se": "概率误差",
    "median": "预测中位数",
    "q10": "10%分位",
    "q90": "90%分位",
    "q025": "2.5%分位",
    "q975": "97.5%分位",
    "outcome": "实际值",
    "hit": "是否达标",
    "outcome_source": "实际值依据（数字与来源）",
    "shortfall": "预期差额",
    "n_points": "历史数据点",
    "own_points": "本指标数据点",
    "not_read": "未计入年度预测的数字",
    "method": "预测方法",
    "borrowed": "借用的参照",
    "reason": "说明",
    "method_zh": "预测方法（中文）",
    "borrowed_zh": "借用的参照（中文）",
    "reason_zh": "说明（中文）",
    "scenario": "情景",
    "confidence": "置信度",
    "revised_threshold": "修订目标值",
    "proposed_threshold": "建议目标值",
    "current_threshold": "现行目标值",
    "value": "数值",
    "source": "来源",
    "source_title": "来源标题",
    "quote": "原文",
    "notes": "备注",
    "origin": "数据来源类型",
    "lever": "政策杠杆",
    "delta_p": "概率变化",
    "p_low": "低设定概率",
    "p_high": "高设定概率",
    "sobol_total": "总效应指数",
    "sobol_first": "一阶效应指数",
    "baseline": "基期值",
    "reading": "解读",
    "alternative": "另一种解读",
    "now_status": "现时状态",
    "now_outcome": "现时实际值",
    "now_outcome_source": "现时实际值依据",
    "now_p_hit": "现时达标概率",
    "uses_user_data": "使用自有数据",
    "year": "年份",
    "weights": "模型权重",
    "zh": "名称",
    "p_off": "不用该杠杆的概率",
    "p_full": "用足该杠杆的概率",
    "delta": "概率变化",
    "factor": "因素",
    "S1": "一阶指数",
    "S1_conf": "一阶指数误差",
    "ST": "总效应指数",
    "ST_conf": "总效应指数误差",
    "difference": "概率差(B-A)",
    "difference_se": "概率差误差",
    "time": "时点",
    "source_type": "数据类型",
    "q05": "5%分位",
    "q95": "95%分位",
    "rank": "排名",
    "basis": "效果范围依据",
    "range": "效果范围(%,下限/最可能/上限)",
    "top_share": "保持前三的比例",
    "rank_share": "保持名次的比例",
    "top_share_widened": "判断范围放宽后保持前三的比例",
    "ranking_label_zh": "排序依据",
    "order_changes_when_widened": "判断范围放宽后前三顺序是否变化",
    "cost_wan": "年度成本(万元)",
    "gain_per_wan": "每万元提高的达标概率",
    "no_effect_in_period": "期内不起作用的措施",
    "as_of": "数据截至年份",
    "growth_needed": "达标所需年均增速(%)",
    "growth_history": "历史年均增速(%)",
}
PERCENT_KEYS = {"confidence", "delta", "delta_p", "difference", "difference_se", "now_p_hit"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def cell_value(key: str, v):
    """A record's value as one cell: lists joined with '/' in full (1234567, not :g's
    1.23457e+06), codes shown in Chinese beside."""
    v = plain(v)
    if isinstance(v, list):
        return "/".join(
            "" if x is None else f"{x:.15g}" if isinstance(x, float) else str(x) for x in v
        )
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    if key == "status" and v in STATUS_ZH:
        return f"{STATUS_ZH[v]} ({v})"
    if key in ("kind", "each") and v in KIND_ZH:
        return f"{KIND_ZH[v]} ({v})"
    if key == "family" and v in FAMILY_ZH:
        return f"{FAMILY_ZH[v]} ({v})"
    return v


def header(key: str) -> str:
    return HEADERS_ZH.get(key, key)


def write_xlsx(
    path: str | Path,
    tables: list[tuple[str, list[dict]]],
    method: list[tuple[str, str]],
) -> None:
    """One sheet per ``(name, records)`` table, then 方法与来源 with ``(item, text)`` lines."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, records in tables:
        _sheet(wb, name, records)
    ws = wb.create_sheet("方法与来源")
    ws.append(["项目", "内容"])
    for item, text in method:
        ws.append([item, text])
    _style_header(ws)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100
    for row in ws.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _sheet(wb: Workbook, name: str, records: list[dict]) -> None:
    ws = wb.create_sheet(name[:31])  # Excel's limit on sheet names
    keys = list(dict.fromkeys(k for r in records for k in r))
    ws.append([header(k) for k in keys])
    for r in records:
        ws.append([cell_value(k, r.get(k)) for k in keys])
    _style_header(ws)
    for j, k in enumerate(keys, 1):
        letter = get_column_letter(j)
        if k in PERCENT_KEYS or k.startswith("p_"):
            for (c,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                c.number_format = "0.0%" if k.endswith("_se") or k == "delta" else "0%"
        elif any(isinstance(r.get(k), float) for r in records):
            for (c,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                c.number_format = "#,##0.###"
        width = max([_width(header(k))] + [_width(cell_value(k, r.get(k))) for r in records])
        ws.column_dimensions[letter].width = min(60, max(8, width + 2))


def _style_header(ws) -> None:
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = HEADER_FILL
    ws.freeze_panes = "A2"


def _width(v) -> int:
    s = "" if v is None else str(v)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def csv_text(records: list[dict]) -> str:
    """CSV of the records with Chinese headers (and the codes), as Excel opens it."""
    keys = list(dict.fromkeys(k for r in records for k in r))
    rows = [
        {
            f"{header(k)}" if header(k) == k else f"{header(k)}({k})": cell_value(k, r.get(k))
            for k in keys
        }
        for r in records
    ]
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    return buf.getvalue()


def write_csv(path: str | Path, records: list[dict]) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(csv_text(records), encoding="utf-8-sig")  # the BOM Excel needs


NOTES_ZH = [
    (
        "达标概率",
        "按历史数据模拟的整条未来路径中，达到目标的路径所占比例；概率误差为蒙特卡洛标准误。",
    ),
    (
        "无历史数据",
        "no_history：本地区该指标没有可用的历史数据，不给概率，也不猜测；导入数据后即可测算。",
    ),
    ("无量化目标", "no_threshold：规划只有文字表述、没有数字，无法判定。"),
    ("单位", "目标值、预测值均按规划自身的单位（件、万件、亿元等）给出。"),
]


def method_lines(
    records: list[dict],
    command: str,
    history=None,
    readings: list[str] | None = None,
) -> list[tuple[str, str]]:
    """The 方法与来源 sheet: the command, the methods and what was borrowed, every source of the
    figures behind the records, and the readings made of the user's target table."""
    from datetime import datetime
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("ipcast")
    except PackageNotFoundError:
        v = "source tree"
    out = [("命令", command), ("生成时间", datetime.now().strftime("%Y-%m-%d %H:%M")), ("版本", v)]
    for key, item, zh in (
        ("method", "预测方法", words.method),
        ("borrowed", "借用的参照", words.borrowed),
    ):
        seen = sorted({str(r[key]) for r in records if r.get(key)})
        out += [(item, both(zh(s, "zh"), s)) for s in seen]  # Chinese, then the engine's words
    out += [(item, text) for item, text in NOTES_ZH]
    out += [("数据来源", s) for s in sources(records, history)]
    out += [("目标表解读", line) for line in readings or []]
    return out


def sources(records: list[dict], history) -> list[str]:
    """Every source of the rows used for the records' regions and indicators."""
    if history is None or not len(history):
        return []
    keys = {(r.get("region"), r.get("indicator")) for r in records}
    used = history[[k in keys for k in zip(history["region"], history["indicator"], strict=True)]]
    used = used[used["exclude"] == ""]
    out = []
    for src, title in zip(used["source"], used["source_title"], strict=True):
        line = f"{title} ({src})" if title else str(src)
        if line not in out:
            out.append(line)
    return out
