"""The leader's briefing: every number it shows, assembled from one run of the engine.

``build_briefing`` returns a plain dict (records, sentences, chart figures, appendix facts);
``brief_html`` turns it into one self-contained HTML file.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..data.catalog import indicator as indicator_row
from ..data.catalog import regions
from ..data.history import cut
from ..data.periods import parse_period, period_zh
from ..data.said import figure
from ..data.target_files import Target
from ..data.units import factor
from ..forecast.calibrate import POOLED_FAMILIES, family_panels
from ..forecast.chain import GRID_YEARS
from ..forecast.learned import calibration, provider
from ..forecast.report import fan_records
from ..forecast.series import observed
from ..forecast.year_to_date import year_of_part
from ..scenarios.analysis import revised_threshold, tornado
from ..scenarios.baseline import prepare
from ..scenarios.judge import judge
from ..scenarios.levers import BASELINE, Scenario
from ..scenarios.stability import lever_ranking
from .charts import fan_chart, revised_chart, tornado_chart
from .sources import grade
from .text import BANDS, light, sentences

TOP_LEVERS = 3  # the levers page one names
RISKIEST = 3  # tornado charts for this many targets with the lowest p_hit


def build_briefing(
    targets: list[Target],
    history: pd.DataFrame,
    n_paths: int = 4000,
    seed: int = 0,
    as_of: int | None = None,
    scenario: Scenario = BASELINE,
    lang: str = "zh",
    bands=BANDS,
    today: date | None = None,
) -> dict:
    region = targets[0].region
    runs = prepare(targets, history, n_paths, seed, as_of, today)
    recs = [judge(r, scenario) for r in runs]
    by_id = {r.target.id: r for r in runs}
    revised, levers = {}, {}
    for rec in recs:
        if rec["status"] == "simulated":
            run = by_id[rec["target_id"]]
            # what ``revise`` promises at 80 %, by its own function: one number, or an
            # each-year target's yearly thresholds scaled by one factor
            revised[rec["target_id"]] = revised_threshold(run, 0.8, scenario)
            # every target's levers, an each-year one's too (p_hit: every year met)
            ranking = tornado(run, scenario)
            # page one names the lever that raises the odds most: the largest change may be a
            # headwind (荣昌's trademark_crackdown, -7 points), which no planner pulls to help
            levers[rec["target_id"]] = max(ranking, key=lambda x: x["delta"], default=None)
            rec["tornado"] = ranking
        rec["light"] = light(rec, bands)
    for rec in _riskiest(recs):  # the targets whose levers the briefing charts
        ranked = lever_ranking(by_id[rec["target_id"]], scenario, seed=seed)
        rec["tornado"] = ranked.pop("ranking")
        rec["lever_stability"] = ranked
    hist = cut(history, as_of)
    charts = _charts(region, recs, hist, n_paths, seed, as_of, lang, revised)
    used = hist[(hist["region"] == region) & (hist["exclude"] == "")]
    sources = _sources(used)
    fitted, rest = _fitted(used)
    return {
        "region": region,
        "region_zh": regions().loc[region, "zh"],
        "region_en": regions().loc[region, "en"],
        "plan": targets[0].plan,
        "date": (today or date.today()).isoformat(),
        "as_of": as_of,
        "vintage": _vintage(fitted),
        "vintage_zh": _vintage(fitted, "zh"),
        "later": _later(fitted, rest),
        "later_zh": _later(fitted, rest, "zh"),
        "scenario": scenario,
        "lang": lang,
        "bands": bands,
        "records": recs,
        "sentences": sentences(recs, revised, levers, lang, bands),
        "revised": revised,
        "charts": charts,
        "sources": sources,
        "grades": {
            g: sum(s["grade"] == g for s in sources)
            for g in dict.fromkeys(s["grade"] for s in sources)
        },
        "top_levers": top_levers(recs),
        "calibration": _calibration_facts(as_of),
    }


def top_levers(recs: list[dict], n: int = TOP_LEVERS) -> list[dict]:
    """The levers that raise some target's odds most: each lever once, with its best target."""
    best = {}
    for r in recs:
        for lever in r.get("tornado") or []:
            if lever["delta"] < 0.005:
                continue
            key = lever["lever"]
            if key not in best or lever["delta"] > best[key]["delta"]:
                best[key] = {**lever, "label_zh": r["label_zh"], "label_en": r["label_en"]}
    return sorted(best.values(), key=lambda x: (-x["delta"], x["lever"]))[:n]


def _vintage(used: pd.DataFrame, lang: str = "en") -> str:
    """The latest figure the briefing rests on: its period and every indicator whose figures
    reach it (one of several picked alone would read as if the others stopped earlier), or
    all N of them when every indicator does."""
    if used.empty:
        return "—"
    ends = used["period"].map(lambda p: parse_period(p).end)
    last = used.loc[ends.idxmax()]
    latest = used.loc[ends == ends.max(), "indicator"].drop_duplicates().tolist()
    n = used["indicator"].nunique()
    every = n > 1 and len(latest) == n
    said, text = str(last["period"]), str(last["period"])
    if last.get("period_type") == "asof" and "/" in text:
        # a stock read at a span's end (a 2026年1-10月 column of 有效发明专利): at the end of
        # October, not over January to October
        end = parse_period(text).end
        year = int(np.floor(end - 1e-9))
        month = int(round((end - year) * 12))
        said, text = f"{year}年{month}月末", f"end of {year}-{month:02d}"
    if lang == "zh":
        names = f"全部{n}项指标" if every else "、".join(indicator_row(x)["zh"] for x in latest)
        return f"{period_zh(said) if said == text else said}（{names}）"
    return f"{text} ({f'all {n} indicators' if every else ', '.join(latest)})"


def _fitted(used: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows the forecasts are fitted to (``series.observed``: a flow's calendar years, a
    stock's totals at a date) and the rest (a half year, a July-June year), which no yearly
    forecast rests on."""
    used, fitted = used.reset_index(drop=True), []
    for (region, slug), rows in used.groupby(["region", "indicator"], sort=False):
        records = [
            {**r, "_at": at} for at, r in zip(rows.index, rows.to_dict("records"), strict=True)
        ]
        fitted += [r["_at"] for r in observed(None, region, slug, records).used]
    at = used.index.isin(fitted)
    return used[at], used[~at]


def _later(fitted: pd.DataFrame, rest: pd.DataFrame, lang: str = "en") -> str:
    """The figures after the data date, said as such, so that 数据截至 is not read as leaving
    them out by mistake: a flow's figure for part of a year (a bureau's 1-10月) is in that
    year's forecast by its pace (``forecast.year_to_date``); the rest (a rate's half year, a
    July-June year) are not in the yearly forecasts. Empty when there are none."""
    end = max((parse_period(p).end for p in fitted["period"]), default=float("-inf"))
    later = sorted(
        (parse_period(p).end, p, _by_pace(slug, p))
        for p, slug in zip(map(str, rest["period"]), rest["indicator"], strict=True)
        if parse_period(p).end > end
    )
    paced = list(dict.fromkeys(p for _, p, yes in later if yes))
    unused = list(dict.fromkeys(p for _, p, yes in later if not yes))
    in_pace, left_out, comma, semicolon = LATER_WORDS["zh" if lang == "zh" else "en"]
    name = period_zh if lang == "zh" else str
    said = [
        words.format(comma.join(map(name, periods)))
        for words, periods in ((in_pace, paced), (left_out, unused))
        if periods
    ]
    return semicolon.join(said)


# How ``_later`` says the figures after the data date: paced into their year, or left out.
LATER_WORDS = {
    "zh": ("另有{}数据，已按进度计入当年预测", "另有{}数据，未计入年度预测", "、", "；"),
    "en": (
        "figures for {} are in their year's forecast by their pace",
        "figures for {} are not in the yearly forecasts",
        ", ",
        "; ",
    ),
}


def _by_pace(slug: str, period: str) -> bool:
    """A flow's figure inside one calendar year: its year is read by its pace."""
    is_flow = indicator_row(slug)["measure"] == "flow"
    return is_flow and year_of_part(parse_period(period)) is not None


def _sources(used: pd.DataFrame) -> list[dict]:
    cols = ["indicator", "period", "value", "unit", "source", "source_title"]
    rows = used[cols].sort_values(["indicator", "period"]).to_dict("records")
    for r in rows:
        r["grade"] = grade(r["source"], r["source_title"])
    return rows


def _calibration_facts(as_of: int | None) -> dict:
    table = calibration(as_of)
    return {
        k: {
            "members": v["members"],
            "n_forecasts": v["n_forecasts"],
            "panels": list(family_panels(k)),
            "pooled": k in POOLED_FAMILIES,
            "source": v["source"],
        }
        for k, v in table.items()
        if not k.startswith("_")
    }


def _charts(region, recs, hist, n_paths, seed, as_of, lang, revised) -> dict:
    charts = {}
    sim = [r for r in recs if r["status"] == "simulated"]
    for slug in dict.fromkeys(r["indicator"] for r in sim):
        mine = [r for r in sim if r["indicator"] == slug]
        data = fan_data(region, slug, mine, hist, n_paths, seed, as_of, lang)
        if data is not None:
            charts[f"fan_{slug}"] = fan_chart(data, data.pop("targets"), lang)
    for r in _riskiest(sim):
        title = (
            f"措施对「{r['label_zh']}」达标概率的影响"
            if lang == "zh"
            else f"Levers and the odds of '{r['label_en']}'"
        )
        charts[f"tornado_{r['target_id']}"] = tornado_chart(title, r["tornado"], lang)
    rows = [
        {"label": r["label_zh"] if lang == "zh" else r["label_en"], **share}
        for r in sim
        if r["target_id"] in revised
        for share in _first_year(revised[r["target_id"]], r["threshold"])
    ]
    if rows:
        charts["revised_thresholds"] = revised_chart(rows, lang)
    return charts


def _first_year(revised, threshold) -> list[dict]:
    """The promise against the plan, as the chart of promises draws it: a figure against a
    figure; an each-year target by its first year, since its promise is the plan's yearly
    figures scaled by one factor (``confidence.threshold_at``), the same share every year.
    Nothing when the plan has no figure to compare with (a year without one, or 0)."""
    if not isinstance(revised, list):
        return [{"threshold": threshold, "revised": revised}] if threshold else []
    if not isinstance(threshold, list) or not all(threshold):
        return []  # the shape is then the median path's, not the plan's
    return [{"threshold": threshold[0], "revised": revised[0]}]


def _riskiest(recs: list[dict]) -> list[dict]:
    sim = [r for r in recs if r["status"] == "simulated" and r.get("tornado")]
    return sorted(sim, key=lambda r: r["p_hit"])[:RISKIEST]


def fan_data(region, slug, recs, hist, n_paths, seed, as_of, lang) -> dict | None:
    """What a fan chart draws: the series' history and the fan of its one forecast (the same
    ``fan_records`` as ``ipcast forecast``, the same paths as the run), to the last target year."""
    last_year = max(
        int(np.ceil(parse_period(str(p).split(",")[-1]).end - 1e-9))
        for p in (r["period"] for r in recs)
    )
    learned = provider(as_of)
    (fan,) = fan_records(
        hist, region, [slug], GRID_YEARS, n_paths, seed, None, learned, start_now=False
    )
    if not fan["history"] or not fan["fan"]:
        return None
    start = fan["history"][-1]["time"]
    fan["fan"] = fan["fan"][: max(1, int(np.ceil(last_year - start)) + 1)]
    unit = recs[0]["unit"]
    scale = factor(indicator_row(slug)["unit"], unit) if recs[0]["kind"] != "growth" else 1.0
    annual = indicator_row(slug)["measure"] == "flow" or unit == "%"
    # x is a calendar year: a flow's year, or the year at whose end a stock is read.
    for h in fan["history"]:
        h["x"] = h["time"] if annual else h["time"] - 1
    for f in fan["fan"]:
        f["x"] = f["time"] if annual else f["time"] - 1
    last = fan["history"][-1]
    quantiles = ("q025", "q10", "q25", "median", "q75", "q90", "q975")
    fan["fan"].insert(0, {"x": last["x"], **{k: last["value"] for k in quantiles}})
    targets = []
    for r in recs:
        if r.get("parts") or r["kind"] == "growth" or r["threshold"] is None:
            continue
        p = parse_period(str(r["period"]))
        x = (p.start + p.end) / 2 - 0.5 if annual else p.end - 1
        label = r["label_zh"] if lang == "zh" else r["label_en"]
        th = float(r["threshold"])
        if r["kind"] == "cumulative" and annual and p.years > 1:
            # A total over several years, drawn on a chart of yearly flows as its yearly mean
            mean = th / p.years
            text = (
                f"年均{figure(mean)}（{p.years:g}年共{figure(th)}）"
                if lang == "zh"
                else f"{figure(mean)}/yr ({figure(th)} in {p.years:g} yrs)"
            )
            targets.append({"x": x, "threshold": mean, "label": label, "text": text})
            continue
        targets.append({"x": x, "threshold": th, "label": label})
    fan["scale"] = scale
    fan["unit"] = unit
    fan["title"] = fan["label_zh"] if lang == "zh" else fan["label_en"]
    fan["targets"] = targets
    return fan
