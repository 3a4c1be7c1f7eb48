"""The briefing as a list of blocks (title, headings, paragraphs, tables, charts, page breaks),
built once from ``build_briefing``'s dict; the DOCX, PDF and HTML writers only lay these blocks
out, so the three formats say the same thing in the same order.

Page one is what a leader reads: the conclusion in one sentence, the traffic-light table, the three
levers that change the odds most, and what the numbers rest on. The appendix follows.
"""

from __future__ import annotations

from . import words
from .appendix import ASSESSED, appendix
from .blocks import block, table
from .run_table import exact, named_once, percent, period_cell, planner_form, points, unbroken
from .sources import GRADE_WORDS, WEAK
from .text import fmt, pct, plus_minus, promised

COLORS = {
    "green": "#70ad47",
    "amber": "#ffc000",
    "red": "#c00000",
    "met": "#548235",
    "missed": "#7f0000",
    "pending": "#8eaadb",
    "grey": "#a6a6a6",
}
# Below this many own points the hindcast (README, bench_phit.py) finds P(hit) cautious (it was
# optimistic before the borrowed growth was faded); the figures are in words.METHOD.
FEW_POINTS = 4
SUMMARY_ROWS = 18  # traffic-light rows that still leave page one room for the rest


def blocks(b: dict) -> list[dict]:
    lang = b["lang"]
    w = words.WORDS[lang]
    out = [
        block("title", _title(b, w)),
        block("meta", _meta(b, w, lang)),
        block("h1", w["s1"]),
        block("p", conclusion(b)),
        *[block("bullet", s) for s in b["sentences"][1:]],
        block("h1", w["s2"]),
        _lighttable(b, w, lang),
        block("small", _legend(b, w)),
        block("h1", w["s3"]),
        *_levers(b, w, lang),
        block("h1", w["s4"]),
        block("p", rests_on(b)),
        block("pagebreak"),
    ]
    if b["charts"]:
        out.append(block("h1", w["s5"]))
        for k, fig in b["charts"].items():
            out.append(block("chart", name=k, fig=fig))
            out += _stability(b, k, lang)
        out.append(block("pagebreak"))
    out.append(block("h1", w["appendix"]))
    out += appendix(b, w, lang)
    return out


def _stability(b: dict, key: str, lang: str) -> list[dict]:
    """Under a lever tornado: each lever's rank and how firm it is (share of effect draws that
    keep it in the top three; whether the top order survives widened judgement ranges)."""
    if not key.startswith("tornado_"):
        return []
    rec = next((r for r in b["records"] if f"tornado_{r['target_id']}" == key), None)
    st = rec.get("lever_stability") if rec else None
    if not st:
        return []
    rows = [
        [
            str(r["rank"]),
            r["zh"] if lang == "zh" else r["lever"],
            points(r["delta"]),
            f"{r['top_share']:.0%}",
            f"{r['rank_share']:.0%}",
            words.BASIS[lang][r["basis"]],
        ]
        for r in rec["tornado"]
    ]
    label = st["ranking_label_zh"] if lang == "zh" else st["ranking_label_en"]
    head, changes, holds = words.WIDENED[lang]
    widened = changes if st["order_changes_when_widened"] else holds
    sep = "：" if lang == "zh" else ": "
    grid = table(list(words.STABILITY[lang]), rows, [0.08, 0.37, 0.16, 0.13, 0.13, 0.13])
    return [grid, block("small", f"{label}　{head}{sep}{widened}")]


def _title(b: dict, w: dict) -> str:
    name = b["region_zh"] if b["lang"] == "zh" else b["region_en"]
    return f"{name}{w['title']}" if b["lang"] == "zh" else f"{name}: {w['title']}"


def _meta(b: dict, w: dict, lang: str) -> str:
    sc = b["scenario"]
    parts = [
        f"{w['date']}：{b['date']}" if lang == "zh" else f"{w['date']}: {b['date']}",
        f"{w['asof']}：{b['vintage_zh']}" if lang == "zh" else f"{w['asof']}: {b['vintage']}",
        f"{w['scenario']}：{sc.zh}" if lang == "zh" else f"{w['scenario']}: {sc.en}",
    ]
    return "　".join(parts) if lang == "zh" else " · ".join(parts)


def _light(r: dict) -> str:
    return "pending" if r["status"] == "awaiting_outcome" else r["light"]


def conclusion(b: dict) -> str:
    """One sentence: how the plan's targets stand."""
    recs = b["records"]
    count = {k: sum(_light(r) == k for r in recs) for k in COLORS}
    open_ = [r for r in recs if r["status"] == "simulated" and not words.finished(r)]
    # over, outcome not in yet: judged as awaiting it, or simulated with a reason saying so
    over = [
        r
        for r in recs
        if r["status"] == "awaiting_outcome" or (r["status"] == "simulated" and words.finished(r))
    ]
    lead = "" if open_ or not over else "规划期已结束；"
    if b["lang"] == "zh":
        parts = []
        if open_:
            parts.append(f"按当前趋势，{len(open_)}项在期目标中")
            by = {k: sum(r["light"] == k for r in open_) for k in ("green", "amber", "red")}
            parts[-1] += f"{by['green']}项把握较大、{by['amber']}项存在风险、{by['red']}项难以达成"
        if over:
            parts.append(f"{len(over)}项规划期已结束、结果尚待公布")
        if count["met"] + count["missed"]:
            parts.append(f"{count['met']}项已达成、{count['missed']}项未达成")
        if count["grey"]:
            parts.append(f"{count['grey']}项缺少数据、暂无法测算")
        return f"{lead}共{len(recs)}项量化目标：" + "；".join(parts) + "。"
    parts = []
    if open_:
        by = {k: sum(r["light"] == k for r in open_) for k in ("green", "amber", "red")}
        parts.append(
            f"of {len(open_)} open targets, on the current trend {by['green']} are likely, "
            f"{by['amber']} at risk and {by['red']} unlikely"
        )
    if over:
        parts.append(f"{len(over)} whose period is over await their outcome")
    if count["met"] + count["missed"]:
        parts.append(f"{count['met']} met and {count['missed']} missed")
    if count["grey"]:
        parts.append(f"{count['grey']} cannot be assessed for lack of data")
    lead = "The plan period is over; " if lead else ""
    return f"{lead}{len(recs)} quantified targets: " + "; ".join(parts) + "."


def _lighttable(b: dict, w: dict, lang: str) -> dict:
    shown = [r for r in b["records"] if r["status"] in ASSESSED]
    shown = sorted(shown, key=lambda r: (r["p_hit"] is None, r["p_hit"] or 0))[:SUMMARY_ROWS]
    head = [w["light"], w["target"], w["period"], w["threshold"], w["p"], w["range"], w["revised"]]
    rows, fills = [], []
    for r in shown:
        lt = _light(r)
        label = r["label_zh"] if lang == "zh" else r["label_en"]
        odds = _odds(r, w, b["revised"], lang)
        cells = [w[lt], label, period_cell(r), _threshold(r, lang), *odds]
        rows.append([unbroken(c) for c in cells])  # 100亿元 each / year would read as two
        fills.append(COLORS[lt])
    widths = [0.08, 0.30, 0.13, 0.12, 0.11, 0.15, 0.11]
    return block("table", head=head, rows=rows, widths=widths, fills=fills, summary=True)


def _threshold(r: dict, lang: str = "zh") -> str:
    th = r["threshold"]
    # as the run table writes it (``planner_form``, every figure ``exact``: 12.35, not 12.3):
    # >= is what plans mean, any other comparator is shown (>30件); each year's figure carries
    # a % (95.5%/96.5%), any other unit comes once (10/15/20件); one figure for every year is
    # said once (每年100家)
    shown = "" if r.get("comparator", ">=") == ">=" else r["comparator"]
    texts = named_once([exact(x) for x in _each(th)], _name_en(r, lang))
    return planner_form(texts, r["unit"], lang, "", shown)


def _name_en(r: dict, lang: str) -> str:
    """The English name beside a row's figures: where it says "each year", they do not again
    (``named_once``: "pledge financing each year | 100亿元 each year | 109亿元 each year")."""
    return (r.get("label_en") or "") if lang == "en" else ""


def _each(v) -> list:
    return v if isinstance(v, list) else [v]


def _odds(r: dict, w: dict, revised: dict, lang: str = "zh") -> list[str]:
    # A rate (a growth, a share) carries its %: beside the probability column a bare -3.7–13.1
    # reads as odds. The range of counts and money is read against the 规划值 column, which
    # gives their unit; the promise is written as the plan writes a target (``planner_form``:
    # 2,428件, 3,012/3,456/3,891件, 每年90家), since an each-year one is a list of its own.
    u = "%" if r["unit"] == "%" else ""
    rv, c = revised.get(r["target_id"]), r.get("comparator", ">=")
    if rv is not None:
        texts = named_once([promised(x, c, r["unit"]) for x in _each(rv)], _name_en(r, lang))
        rv = planner_form(texts, r["unit"], lang, "")
    if r["status"] == "resolved":
        out = r["outcome"]
        return [
            w["met"] if r["hit"] else w["missed"],
            "" if isinstance(out, list) else f"{fmt(out)}{u}",
            "",
        ]
    rv = rv or ""
    if r["p_hit"] is None:
        return [w["pending"], "", rv]
    rng = "" if r["q10"] is None else f"{fmt(r['q10'])}{u}–{fmt(r['q90'])}{u}"
    p = r["p_hit"]
    # as the run table reads it: no path missed is >99 %, not a certain 100 %
    odds = percent(p) if p > 0.99 or p < 0.01 else f"{pct(p)}%±{plus_minus(r)}"
    return [odds, rng, rv]


def _legend(b: dict, w: dict) -> str:
    g, a = b["bands"]
    text = w["legend"].format(g=f"{g:.0%}", a=f"{a:.0%}")
    grey = sum(r["status"] not in ASSESSED for r in b["records"])
    if grey:
        text += (
            f"另有{grey}项目标暂无法测算，原因见附录四。"
            if b["lang"] == "zh"
            else f" {grey} more cannot be assessed (A4)."
        )
    return text


def _levers(b: dict, w: dict, lang: str) -> list[dict]:
    if not b["top_levers"]:
        # no target still open that a forecast judges: no measure can change an ended period
        still = any(r["status"] == "simulated" and not words.finished(r) for r in b["records"])
        return [block("p", w["no_levers"] if still else w["no_open_targets"])]
    out = []
    for i, lv in enumerate(b["top_levers"], 1):
        d = pct(lv["delta"])
        if lang == "zh":
            text = f"{i}. {lv['zh']}：满力度实施可使「{lv['label_zh']}」达标概率提高约{d}个百分点。"
        else:
            text = (
                f"{i}. {lv['lever']}: at full intensity it raises the odds of "
                f"'{lv['label_en']}' by about {d} percentage points."
            )
        out.append(block("p", text))
    if len(out) < 3:
        out.append(block("small", w["few_levers"]))
    return out


def rests_on(b: dict) -> str:
    """Own points by source grade, what was borrowed, and how recent the data are."""
    lang, g = b["lang"], b["grades"]
    names = GRADE_WORDS[lang]
    # every forecast, also of a target over and awaiting its outcome (Chengdu's "0项测算目标")
    sim = [r for r in b["records"] if r["status"] in ("simulated", "awaiting_outcome")]
    borrowed = sum(bool(r.get("borrowed")) and "nothing" not in r["borrowed"] for r in sim)
    weak = sum(g.get(k, 0) for k in WEAK)
    n = sum(g.values())
    if lang == "zh":
        by = "、".join(f"{names[k]}{v}个" for k, v in g.items())
        text = f"本地区历史数据点共{n}个（{by}）；" if n else "本地区没有可用的历史数据；"
        text += f"{len(sim)}项测算目标中{borrowed}项借用了同类地区序列的增长与波动（见附录三）；"
        text += f"数据截至{b['vintage_zh']}。"
        text += f"{b['later_zh']}。" if b.get("later_zh") else ""
        if weak:
            # not 其中: after the later figures' sentence it would read as "of those figures"
            text += f"{n}个数据点中有{weak}个仅有转载来源，已在附录五标注，建议以统计部门数据核实。"
        text += "".join(_few_points(sim, lang))
        text += _partly_observed(sim, lang)
        return text
    by = ", ".join(f"{v} {names[k]}" for k, v in g.items())
    text = f"{n} own data points ({by}); " if n else "No own data points; "
    text += f"{borrowed} of {len(sim)} forecasts borrow growth and volatility from similar "
    text += f"series (A3); data as of {b['vintage']}."
    text += f" The {b['later']}." if b.get("later") else ""
    if weak:
        text += f" {weak} points come only from reposts (flagged in A5): check them."
    text += "".join(" " + s for s in _few_points(sim, lang))
    text += _partly_observed(sim, lang)
    return text


def _partly_observed(sim: list[dict], lang: str) -> str:
    """The targets whose period has figures for part of it (a 1-10月 figure): they are in the
    odds, by the pace so far, and the briefing says so."""
    said = ("is the pace of its figure so far", "is its parts added up")
    part = [r for r in sim if any(w in str(r.get("reason") or "") for w in said)]
    if not part:
        return ""
    if lang == "zh":
        names = "、".join(f"「{r['label_zh']}」" for r in part)
        return f"{names}的期内已有部分数据（当年已过月份的数字），已按其进度计入达标概率。"
    names = ", ".join(f"'{r['label_en']}'" for r in part)
    return f" {names}: figures for part of the period (the year so far) are in the odds."


def _few_points(sim: list[dict], lang: str) -> list[str]:
    """Which way a probability from fewer than ``FEW_POINTS`` own points errs, by family, as the
    hindcasts measured it (``words.FEW_POINTS_CAUTION``): patents cautious, trademarks optimistic,
    the families without a panel unmeasured."""
    counts: dict[str, int] = {}
    for r in sim:
        if r["n_points"] < FEW_POINTS:
            key = r.get("family") if r.get("family") in ("patent", "trademark") else "other"
            counts[key] = counts.get(key, 0) + 1
    return [
        words.FEW_POINTS_CAUTION[lang][key].format(n=counts[key], k=FEW_POINTS)
        for key in ("patent", "trademark", "other")
        if key in counts
    ]
