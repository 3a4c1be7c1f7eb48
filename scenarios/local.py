"""A planner's own lever file: local effect ranges and the yearly cost of each measure (万元),
as YAML, CSV or XLSX; and the ranking of levers by p_hit gained per 万元."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data.errors import InputError
from ..data.said import file_place
from .levers import LOCAL_LEVER_KEYS, Scenario, lever_catalog

# What each column means, for the template (Chinese first: the planners' language).
COLUMNS_ZH = {
    "lever": "措施代码：levers.yaml 中的 id，例如 pledge_risk_pool（见“说明”表末行）",
    "low": "效果下限（%）：满力度实施时，该措施使相关指标年度数值变化的最小可能百分比",
    "mode": "效果最可能值（%）：最可能的年度变化百分比",
    "high": "效果上限（%）：最大可能的年度变化百分比；不填效果三列则沿用内置范围",
    "cost_wan": "年度成本（万元）：实施该措施每年的财政投入，用于计算每万元提高的达标概率",
    "source": "依据：本地评估、统计或文件出处；填写后该范围视为本地证据，否则视为判断",
}


@dataclass(frozen=True)
class LocalLever:
    lever: str
    low: float | None
    mode: float | None
    high: float | None
    cost_wan: float | None
    source: str

    @property
    def has_range(self) -> bool:
        return self.low is not None


def read_local_levers(path: str | Path) -> dict[str, LocalLever]:
    """Rows of a YAML (``levers:`` list of mappings), CSV or XLSX file with the columns of
    ``LOCAL_LEVER_KEYS``; every problem names the file, the row and the column (Chinese first,
    then English: the planner writes this file)."""
    p = Path(path)
    at = file_place(p)
    if not p.is_file():
        raise InputError(
            at,
            ("文件不存在", "file not found"),
            (
                "给出措施文件（.yaml/.csv/.xlsx）的路径",
                "give the path of a lever file (.yaml/.csv/.xlsx)",
            ),
        )
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            raise InputError(
                at,
                ("不是有效的YAML", "not valid YAML"),
                ("检查缩进和引号", "check indentation and quotes"),
            ) from None
        if not isinstance(doc, dict) or not isinstance(doc.get("levers"), list):
            raise InputError(
                at,
                ("没有“levers:”列表", "no 'levers:' list"),
                ("每项措施写一条“- lever: 措施代码”", "put one '- lever: id' entry per measure"),
            )
        records = doc["levers"]
    elif suffix in (".csv", ".xlsx", ".xls"):
        import pandas as pd

        frame = pd.read_csv(p) if suffix == ".csv" else pd.read_excel(p, sheet_name=0)
        records = frame.to_dict("records")
    else:
        raise InputError(
            at,
            (f"无法识别的文件类型“{suffix}”", f"unknown file type '{suffix}'"),
            ("用 .yaml、.csv 或 .xlsx", "use .yaml, .csv or .xlsx"),
        )
    out = {}
    for i, rec in enumerate(records):
        where = _row_place(p, i + 1)
        row = _row(rec, where)
        if row.lever in out:
            raise InputError(
                where,
                (f"措施“{row.lever}”出现了两次", f"'{row.lever}' given twice"),
                ("只保留一行", "keep one row"),
            )
        out[row.lever] = row
    return out


def _row_place(p: Path, n: int) -> tuple[str, str]:
    """``(文件 x.csv，第1条措施, x.csv row 1)``: the n-th measure (a YAML entry, a table row
    below the header)."""
    return f"{file_place(p)[0]}，第{n}条措施", f"{p} row {n}"


def _column(where: tuple[str, str], column: str) -> tuple[str, str]:
    return f"{where[0]}，“{column}”列", f"{where[1]} column '{column}'"


def _number(value, where: tuple[str, str], column: str) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    try:
        return float(str(value).replace("%", "").replace("万元", "").strip())
    except ValueError:
        raise InputError(
            _column(where, column),
            (f"“{value}”不是数字", f"{value!r} is not a number"),
            ("写作如 12.5", "write e.g. 12.5"),
        ) from None


def _row(rec, where: tuple[str, str]) -> LocalLever:
    if not isinstance(rec, dict):
        raise InputError(
            where,
            ("不是“列名: 值”的映射", "not a mapping"),
            ("写“lever: 措施代码”及其他各列", "write 'lever: id' and the other columns"),
        )
    extra = sorted(str(k) for k in rec if k not in LOCAL_LEVER_KEYS)
    if extra:
        raise InputError(
            _column(where, extra[0]),
            ("无法识别的列", "unknown column"),
            (f"用以下列名：{'、'.join(LOCAL_LEVER_KEYS)}", f"use {LOCAL_LEVER_KEYS}"),
        )
    cat = lever_catalog()
    lever = str(rec.get("lever", "")).strip()
    if lever not in cat:
        raise InputError(
            _column(where, "lever"),
            (f"无法识别的措施“{lever}”", f"unknown lever '{lever}'"),
            (f"用以下之一：{'、'.join(cat)}", f"use one of {list(cat)}"),
        )
    low, mode, high = (_number(rec.get(k), where, k) for k in ("low", "mode", "high"))
    given = [v is not None for v in (low, mode, high)]
    ranges = (f"{where[0]}，low/mode/high列", f"{where[1]} columns low/mode/high")
    if any(given) and not all(given):
        raise InputError(
            ranges,
            ("效果范围只填了一部分", "only part of the range given"),
            ("三列都填，或都不填", "fill all three or none"),
        )
    if all(given) and not low <= mode <= high:
        raise InputError(
            ranges,
            (f"{low}/{mode}/{high}的大小顺序不对", f"{low}/{mode}/{high}"),
            ("须 low <= mode <= high", "needs low <= mode <= high"),
        )
    cost = _number(rec.get("cost_wan"), where, "cost_wan")
    if cost is not None and cost <= 0:
        raise InputError(
            _column(where, "cost_wan"),
            (f"年度成本为{cost}", f"{cost}"),
            (
                "给大于0的年度成本（万元），或留空",
                "give a yearly cost above 0 万元, or leave it empty",
            ),
        )
    source = rec.get("source")
    source = (
        "" if source is None or (isinstance(source, float) and math.isnan(source)) else str(source)
    )
    return LocalLever(lever, low, mode, high, cost, source.strip())


def with_local(scenario: Scenario, local: dict[str, LocalLever]) -> Scenario:
    """The scenario with the planner's own ranges in place of the catalog's."""
    for row in local.values():
        if row.has_range:
            scenario = scenario.with_range(row.lever, row.low, row.mode, row.high)
    return scenario


def cost_ranking(rows: list[dict], costs: dict[str, float]) -> list[dict]:
    """Levers with a yearly cost, ranked by p_hit gained per 万元 of yearly cost
    (``delta / cost_wan``); shocks and levers without a cost are left out."""
    out = []
    for r in rows:
        cost = costs.get(r["lever"])
        if cost is None or r.get("kind") == "shock":
            continue
        out.append({**r, "cost_wan": cost, "gain_per_wan": r["delta"] / cost})
    return sorted(out, key=lambda r: -r["gain_per_wan"])


def template_yaml() -> str:
    """A lever file to fill in, each column explained in Chinese."""
    lines = [
        "# 本地措施文件：填写本地效果范围和年度成本，用于 `ipcast levers --local 本文件`",
        "# 各列说明：",
    ]
    lines += [f"#   {k}: {v}" for k, v in COLUMNS_ZH.items()]
    lines.append("# 可用措施代码：" + "、".join(lever_catalog()))
    lines += [
        "levers:",
        "- lever: pledge_risk_pool",
        "  low: 5",
        "  mode: 15",
        "  high: 30",
        "  cost_wan: 500",
        "  source: 本市2024年风险补偿资金池撬动贷款统计（示例，请替换）",
        "- lever: trademark_brand_guidance",
        "  cost_wan: 80",
    ]
    return "\n".join(lines) + "\n"


def write_template_xlsx(path: Path) -> None:
    """The same as an XLSX: a sheet to fill in and a sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "措施"
    ws.append(list(LOCAL_LEVER_KEYS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(
        ["pledge_risk_pool", 5, 15, 30, 500, "本市风险补偿资金池撬动贷款统计（示例，请替换）"]
    )
    notes = wb.create_sheet("说明")
    notes.append(["列名", "说明"])
    for k, v in COLUMNS_ZH.items():
        notes.append([k, v])
    notes.append(["措施代码", "可用代码：" + "、".join(lever_catalog())])
    with open(path, "xb") as f:  # never overwrite a planner's file
        wb.save(f)
