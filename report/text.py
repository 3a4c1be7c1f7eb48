"""Plain-language sentences for the briefing, generated from the numbers and nothing else.

Every number a sentence states is taken from the records it is given, rounded as shown; the test
suite parses the sentences back and checks them against the records.
"""

from __future__ import annotations

import math
import re

from ..data.periods import parse_period, period_zh
from .run_table import exact, named_once, planner_form, said_once, with_unit

BANDS = (0.8, 0.5)  # green at or above the first, amber at or above the second, red below


def light(rec: dict, bands=BANDS) -> str:
    if rec["status"] == "resolved":
        return "met" if rec["hit"] else "missed"
    if rec["status"] != "simulated":
        return "grey"
    p = rec["p_hit"]
    return "green" if p >= bands[0] else "amber" if p >= bands[1] else "red"


def pct(p: float) -> int:
    return int(round(p * 100))


def plus_minus(rec: dict) -> int:
    """Half-width of the 95 % Monte Carlo interval of p_hit, in whole percentage points (>= 1)."""
    return max(1, math.ceil(1.96 * rec["p_hit_se"] * 100))


def fmt(v: float) -> str:
    if v is None:
        return ""
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:.3g}"


def promised(v, comparator: str = ">=", unit: str = "") -> str:
    """A threshold to promise at a confidence, as ``draft`` proposes it
    (``confidence.promise``: 896.7 at least is 896, not 897, which the paths meet a little less
    often; 14.1 件 is 14), shown as ``fmt`` shows numbers."""
    # Here, not at the top: the terminal tables use this module, and ``ipcast --help`` must not
    # pay for numpy (``scenarios.confidence`` imports it).
    from ..scenarios.confidence import promise

    if v is None:
        return ""
    if isinstance(v, list):
        return "/".join(promised(x, comparator, unit) for x in v)
    return fmt(promise(v, comparator, unit))


def figures(v, unit: str, gap: str = " ") -> str:
    """A plan's figure or each year's figures with their unit, every digit, as the run table
    writes them (``run_table.with_unit``: 95.5%/96.5%, 10/15/20件, 12.35件/万人)."""
    return with_unit([exact(x) for x in _each(v)], unit, gap)


def _each(v) -> list:
    return v if isinstance(v, list) else [v]


def _period(rec: dict, lang: str) -> str:
    """The period as a sentence says it (``period_zh``); nothing when the target's name already
    says it (知识产权质押融资金额累计（2026-2030年）)."""
    p = str(rec["period"])
    if lang != "zh":
        return p
    said = period_zh(p)
    return "" if said in rec.get("label_zh", "").replace("—", "-") else said


def cite_zh(cited: str) -> str:
    """``2025-01/2025-11: 114亿元 (url); 2026: 4,200件 (no source given)`` as a planner reads it:
    2025年1-11月：114亿元（url）；2026年：4,200件（未注明来源）."""
    pieces = []
    for piece in cited.split("; "):
        m = re.fullmatch(r"(\S+): (.*?) \((.*)\)", piece)
        if not m:
            pieces.append(piece)
            continue
        source = "未注明来源" if m[3] == "no source given" else m[3]
        pieces.append(f"{period_zh(m[1])}：{m[2]}（{source}）")
    return "；".join(pieces)


def sentences(
    recs: list[dict], revised: dict, top_lever: dict, lang: str = "zh", bands=BANDS
) -> list[str]:
    """Three to five sentences: the overall picture, the riskiest and the safest target, what can
    be promised, and the lever that matters most for the riskiest. An each-year target counts
    as one target, its chance that of every year met."""
    sim = [r for r in recs if r["status"] == "simulated"]
    lights = [light(r, bands) for r in recs]
    n = len(recs)
    counts = {k: lights.count(k) for k in ("green", "amber", "red", "met", "missed", "grey")}
    out = []
    if lang == "zh":
        out.append(
            f"共{n}项量化目标：{counts['green']}项绿灯、{counts['amber']}项黄灯、"
            f"{counts['red']}项红灯，{counts['met'] + counts['missed']}项已有结果"
            f"（达成{counts['met']}项），{counts['grey']}项缺少历史数据、暂无法测算。"
        )
    else:
        out.append(
            f"{n} quantified targets: {counts['green']} green, {counts['amber']} amber, "
            f"{counts['red']} red, {counts['met'] + counts['missed']} already settled "
            f"({counts['met']} met), and {counts['grey']} that cannot be assessed for "
            "lack of history."
        )
    if not sim:
        return out
    risky = min(sim, key=lambda r: r["p_hit"])
    safe = max(sim, key=lambda r: r["p_hit"])
    out.append(_odds(risky, lang, first=True))
    if safe is not risky:
        out.append(_odds(safe, lang, first=False))
    rv = revised.get(risky["target_id"])
    if rv is not None:
        out.append(_promise(risky, rv, lang))
    lever = top_lever.get(risky["target_id"])
    if lever and lever["delta"] >= 0.005:
        d = pct(lever["delta"])
        if lang == "zh":
            out.append(
                f"最能提高该目标达标概率的措施是「{lever['zh']}」，满力度实施可将达标概率提高约"
                f"{d}个百分点。"
            )
        else:
            out.append(
                f"The lever that raises its probability most is '{lever['lever']}': at full "
                f"intensity by about {d} percentage points."
            )
    return out[:5]


def _promise(r: dict, rv, lang: str) -> str:
    """What can be promised at 80 %: ``revise``'s figure, or an each-year target's figure for
    every year, in the plan's form (``planner_form``): 2026-2028年分别可承诺约
    1,117,028/1,167,802/1,218,576件, 每年可承诺约53.1亿元."""
    c, unit = r.get("comparator", ">="), r["unit"]
    rvs = [promised(x, c, unit) for x in _each(rv)]
    plan = _shown(r["threshold"])
    if lang == "zh":
        each = isinstance(rv, list)
        years = _years_zh(r) if each else ""
        lead = "分别" if each and not said_once(rvs) else ""
        return (
            f"若要有80%把握，「{r['label_zh']}」{years}"
            f"{planner_form(rvs, unit, lang, '', lead + '可承诺约')}"
            f"（规划目标{planner_form(plan, unit, lang, '')}）。"
        )
    years = _years_en(r, rvs) if isinstance(rv, list) else ""
    name = r["label_en"]  # "each year" once: a name that says it takes the figure alone
    return (
        f"With 80% confidence, '{name}' could be promised at about "
        f"{planner_form(named_once(rvs, name), unit, lang)} ({years}{'; ' if years else ''}"
        f"plan: {planner_form(named_once(plan, name), '', lang, '')})."
    )


def _shown(v) -> list[str]:
    """A plan's figures as a sentence shows them, every digit (``run_table.exact``: 12.35, not
    12.3 as ``fmt`` rounds), a year without one as —."""
    return ["—" if x is None else exact(x) for x in _each(v)]


def _years_zh(r: dict) -> str:
    """An each-year target's years as a sentence says them: 2026-2028年 for years in a row
    (2022年7月至2025年6月 for July-June years), else each one (2024年、2026年); nothing when
    the target's name says it."""
    parts = str(r["period"]).split(",")
    said = (
        period_zh(f"{parts[0].split('/')[0]}/{parts[-1].split('/')[-1]}")
        if _in_a_row(parts)
        else "、".join(map(period_zh, parts))
    )
    return "" if said in r.get("label_zh", "").replace("—", "-") else said


def _years_en(r: dict, texts: list[str]) -> str:
    """An each-year target's years as an English sentence says them, after its figures:
    2026-2028 (one figure said once, each year), 2026-2028, year by year (a figure a year);
    July-June years as written, 2022-07/2023-06 to 2024-07/2025-06."""
    parts = str(r["period"]).split(",")
    if _in_a_row(parts):
        calendar = all(p.isdigit() for p in parts)
        said = f"{parts[0]}-{parts[-1]}" if calendar else f"{parts[0]} to {parts[-1]}"
    else:
        said = ", ".join(parts)
    return said if said_once(texts) else f"{said}, year by year"


def _in_a_row(parts: list[str]) -> bool:
    """Years of a year each, one after the other (2026, 2027, 2028; July-June years)."""
    spans = [parse_period(p) for p in parts]
    whole = all(abs(p.years - 1) < 1e-6 for p in spans)
    return (
        len(spans) > 1
        and whole
        and all(abs(b.start - a.end) < 1e-6 for a, b in zip(spans, spans[1:], strict=False))
    )


def _over(r: dict) -> bool:
    """The target's period is over but its outcome is not yet in the data."""
    return r.get("status") == "awaiting_outcome" or str(r.get("reason") or "").startswith(
        "period over"
    )


# What meeting a target means, by its comparator (a plan's ">30件" is 超过, not 达到, 30件)
REACH_ZH = {">=": "达到", ">": "超过", "<=": "不超过", "<": "低于"}
REACH_EN = {">=": "reaches", ">": "exceeds", "<=": "stays at or below", "<": "stays below"}


def _odds(r: dict, lang: str, first: bool) -> str:
    p, pm = pct(r["p_hit"]), plus_minus(r)
    c, unit = r.get("comparator", ">="), r["unit"]
    each = isinstance(r["threshold"], list)
    figs = _shown(r["threshold"])
    if lang == "zh":
        lead = "风险最大的是" if first else "把握最大的是"
        basis = "规划期已结束、结果尚未公布，据已有数据估计" if _over(r) else "按当前趋势"
        reach = REACH_ZH.get(c, "达到")
        if each:
            # the years, then every year's figure: 2026-2028年分别达到3,500/4,000/4,500件,
            # 2026-2028年每年达到100亿元 (the name would say 每年 twice)
            lead_in = "" if said_once(figs) else "分别"
            what = f"{_years_zh(r)}{planner_form(figs, unit, lang, '', lead_in + reach)}"
        else:
            what = f"{_period(r, lang)}{r['label_zh']}{reach}{figures(r['threshold'], unit, '')}"
        return f"{lead}「{r['label_zh']}」：{basis}，{what}的概率约为{p}%（±{pm}个百分点）。"
    lead = "Most at risk" if first else "Safest"
    basis = (
        "the period is over but the outcome not yet published; from the data so far"
        if _over(r)
        else "on the current trend"
    )
    when = _years_en(r, figs) if each else r["period"]
    name = r["label_en"]  # "each year" once: a name that says it takes the figure alone
    th = r["threshold"]
    what = planner_form(named_once(figs, name), unit, lang) if each else figures(th, unit)
    return (
        f"{lead}: {basis}, the chance that {name} {REACH_EN.get(c, 'reaches')} {what} "
        f"({when}) is about {p}% (±{pm} points)."
    )
