"""Each command's results as named tables (sheet name, records) for a workbook or a CSV file:
the main columns first, nested parts (fans, rankings, Sobol indices) as tables of their own."""

from __future__ import annotations

from . import words
from .views import RUN_COLUMNS

Tables = list[tuple[str, list[dict]]]


def _ordered(records: list[dict], first: list[str]) -> list[dict]:
    """Records with ``first`` columns leading; nested lists of dicts left out (own sheets)."""
    out = []
    for r in records:
        row = {k: r[k] for k in first if k in r}
        row |= {
            k: v
            for k, v in r.items()
            if k not in row and not (isinstance(v, list) and v and isinstance(v[0], dict))
        }
        out.append(row)
    return out


def run_tables(records: list[dict]) -> Tables:
    """The 达标概率 sheet: the method, what was borrowed and the reason in Chinese first, for the
    planner who reads the sheet, and as the engine wrote them beside, for whoever checks it."""
    zh = [
        {
            **r,
            "method_zh": words.method(r.get("method") or "", "zh"),
            "borrowed_zh": words.borrowed(r.get("borrowed") or "", "zh"),
            "reason_zh": words.reason(r, "zh") if r.get("reason") else "",
        }
        for r in records
    ]
    first = ["method_zh", "borrowed_zh", "reason_zh", "method", "borrowed", "reason"]
    return [("达标概率", _ordered(zh, RUN_COLUMNS + first))]


def compare_tables(records: list[dict]) -> Tables:
    return [("情景比较", records)]


def history_tables(records: list[dict]) -> Tables:
    return [("历史数据", records)]


HISTORY_COLUMNS = ["region", "indicator", "period", "value", "unit", "source", "exclude", "origin"]


def history_screen(records: list[dict]) -> list[dict]:
    """The figures as the terminal shows them: one source cell, the title a bundled figure's page
    has, else the source itself (a planner's sheet names its source in a note, not a title)."""
    return [{**r, "source": r.get("source_title") or r.get("source") or ""} for r in records]


def forecast_tables(recs: list[dict]) -> Tables:
    keys = ("region", "indicator", "label_zh", "unit", "method")
    fan = [{**{k: r[k] for k in keys}, **f} for r in recs for f in r["fan"]]
    seen = [{**{k: r[k] for k in keys[:4]}, **h} for r in recs for h in r["history"]]
    about = _ordered(recs, ["region", "indicator", "label_zh", "unit", "n_points", "method"])
    return [("预测区间", fan), ("历史数据", seen), ("预测说明", about)]


def levers_tables(recs: list[dict]) -> Tables:
    keys = ("region", "target_id", "label_zh", "p_hit")
    firm = ("ranking_label_zh", "order_changes_when_widened")

    def flat(x: dict) -> dict:  # a lever's range is one cell: "low / mode / high"
        return {k: " / ".join(f"{v:g}" for v in x[k]) if k == "range" else x[k] for k in x}

    ranking = [
        {**{k: r.get(k) for k in keys + firm}, **flat(x)} for r in recs for x in r["ranking"]
    ]
    sobol = [{**{k: r.get(k) for k in keys[:3]}, **s} for r in recs for s in r["sobol"]]
    cost = [{**{k: r.get(k) for k in keys}, **flat(x)} for r in recs for x in r.get("by_cost", [])]
    return [("杠杆排序", ranking), ("Sobol指数", sobol)] + ([("每万元效果", cost)] if cost else [])


def revise_tables(records: list[dict]) -> Tables:
    return [("目标修订", records)]
