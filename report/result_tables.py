"""Each command's results as named tables (sheet name, records) for a workbook or a CSV file:
the main columns first, nested parts (fans, rankings, Sobol indices) as tables of their own."""

from __future__ import annotations

from ..data.catalog import indicator, region_names
from ..data.periods import period_zh
from . import words
from .run_table import exact, period_cell, planner_form
from .views import RUN_COLUMNS
from .words import FAMILY_ZH, KIND_ZH

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


# The terminal's columns, in the planner's words: the keys of the records (and of --format
# csv/json) stay as they are, for whoever scripts them.
HISTORY_COLUMNS = ["地区", "指标", "期间", "数值", "来源", "未用原因", "出处"]
ORIGIN_ZH = {"bundled": "内置"}


def history_screen(records: list[dict]) -> list[dict]:
    """The figures as the terminal shows them to a planner: the region's and indicator's Chinese
    names, the period as the plan writes it (2025年1-10月), the figure with every digit and its
    unit (12,346 件), one source cell (the title a bundled figure's page has, else the source
    itself: a planner's sheet names its source in a note, not a title), why a figure is not used,
    and where it came from (内置, or the planner's file)."""
    places = region_names({r["region"] for r in records})
    return [
        {
            "地区": places.get(r["region"], r["region"]),
            "指标": _indicator_zh(r["indicator"]),
            "期间": period_zh(str(r["period"])),
            "数值": f"{exact(r['value'])} {r['unit']}",
            "来源": r.get("source_title") or r.get("source") or "",
            "未用原因": (r.get("exclude") or "").split(" / ")[0],  # its Chinese half
            "出处": ORIGIN_ZH.get(r.get("origin"), r.get("origin") or ""),
        }
        for r in records
    ]


def _indicator_zh(slug: str) -> str:
    try:
        return str(indicator(slug)["zh"])
    except KeyError:  # a code the catalog does not know is shown as the records have it
        return slug


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


# The catalogs on screen, in the planner's words; --format csv/json keep the records' keys.
LEVEL_ZH = {
    "country": "国家",
    "province": "省",
    "autonomous region": "自治区",
    "municipality": "直辖市",
    "special administrative region": "特别行政区",
    "sub-provincial city": "副省级市",
    "prefecture city": "地级市",
    "prefecture": "地区",
    "autonomous prefecture": "自治州",
    "league": "盟",
    "county-level city": "县级市",
    "county": "县",
    "autonomous county": "自治县",
    "district": "市辖区",
    "banner": "旗",
    "autonomous banner": "自治旗",
    "forestry district": "林区",
    "special district": "特区",
}
MEASURE_ZH = {"flow": "当年量", "stock": "存量", "ratio": "比率"}
REGION_COLUMNS = ["代码", "名称", "English", "级别", "上级", "规划", "常住人口"]
INDICATOR_COLUMNS = ["代码", "名称", "English", "类别", "计量", "单位", "借用"]


def region_screen(records: list[dict]) -> list[dict]:
    """成都市 | 副省级市 | 四川省 | 2,140.3 万人（2023年）: the level, parent and population as a
    planner reads them (a level or parent ipcast has no Chinese for is shown as it is)."""
    parents = region_names({r["parent"] for r in records if r.get("parent")})
    return [
        {
            "代码": r["region"],
            "名称": r["zh"],
            "English": r["en"],
            "级别": LEVEL_ZH.get(r["level"], r["level"]),
            "上级": parents.get(r.get("parent"), r.get("parent") or ""),
            "规划": r.get("plan") or "",
            "常住人口": _population(r),
        }
        for r in records
    ]


def _population(r: dict) -> str:
    if r.get("population") is None or r["population"] != r["population"]:  # none, or NaN
        return ""
    period = f"（{period_zh(str(r['population_period']))}）" if r.get("population_period") else ""
    return f"{exact(r['population'])} {r['population_unit']}{period}"


def indicator_screen(records: list[dict]) -> list[dict]:
    """专利 | 当年量 | 件: the family and measure in Chinese; 借用 the panel a short series
    borrows its growth and spread from (empty: none)."""
    return [
        {
            "代码": r["slug"],
            "名称": r["zh"],
            "English": r["en"],
            "类别": _family(r["family"]),
            "计量": MEASURE_ZH.get(r["measure"], r["measure"]),
            "单位": r["unit"],
            "借用": r.get("borrow") or "",
        }
        for r in records
    ]


TARGET_COLUMNS = ["地区", "目标代码", "目标", "类型", "期间", "目标值", "类别"]


def target_screen(records: list[dict]) -> list[dict]:
    """The plans' targets as the run table writes them (期间 2022-07/2025-06, 目标值 4,000 件,
    每年100 家, ≤5 %), with the region's name and the kind and family in Chinese; 目标代码 is
    what -t takes."""
    places = region_names({r["region"] for r in records})
    return [
        {
            "地区": places.get(r["region"], r["region"]),
            "目标代码": r["target_id"],
            "目标": r["label_zh"],
            "类型": KIND_ZH.get(r["kind"], r["kind"]),
            "期间": period_cell(r),
            "目标值": _target_figure(r),
            "类别": _family(r["family"]),
        }
        for r in records
    ]


def _target_figure(r: dict) -> str:
    th, unit = r["threshold"], r["unit"]
    if th is None:
        return "—"
    shown = "" if r.get("comparator", ">=") == ">=" else r["comparator"]  # >= is what plans mean
    if isinstance(th, list):
        return planner_form([exact(v) for v in th], unit, shown=shown)
    return f"{shown}{exact(th)} {unit}"


def _family(family: str) -> str:
    return FAMILY_ZH.get(family, "其他" if family == "other" else family)
