"""What each command shows in a terminal: records made readable (percentages, numbers in the
plan's unit), fan tables, lever rankings, backtest summaries. Each function returns text or rows;
the CLI only prints them."""

from __future__ import annotations

import re
import textwrap

from ..data.custom import is_custom
from ..data.custom import row as custom_row
from ..data.periods import period_zh
from ..data.said import both
from ..scenarios.idle import idle_words
from . import notes, words
from .fold import fold, wrap
from .run_table import fit, percent, points, width
from .tables import Format, render
from .text import cite_zh
from .words import STATUS_ZH, reason

RUN_COLUMNS = [
    "region",
    "target_id",
    "label_zh",
    "kind",
    "period",
    "threshold",
    "unit",
    "status",
    "p_hit",
    "p_hit_se",
    "median",
    "q10",
    "q90",
    "outcome",
    "n_points",
]
BACKTEST_KEYS = (
    "coverage_80",
    "coverage_95",
    "crps",
    "crps_skill_vs_naive",
    "brier",
    "n_forecasts",
)


def num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "/".join(num(x) for x in v)
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def pct(p, fmt: str = ".0%") -> str:
    return percent(p) if fmt == ".0%" else "" if p is None else format(p, fmt)


def readable(r: dict) -> dict:
    """A run record as a planner reads it: percentages, and numbers in the plan's unit."""
    out = dict(r)
    p, se = r["p_hit"], r["p_hit_se"]
    out["p_hit"] = pct(p)
    out["p_hit_se"] = "" if se is None else f"±{se:.1%}"
    for k in ("threshold", "median", "q10", "q90", "outcome", "shortfall"):
        out[k] = num(r.get(k))
    if "now_status" in r:
        out["now_outcome"] = num(r["now_outcome"])
        if r["now_status"] == "resolved":
            out["now_outcome"] += " (met)" if r["now_hit"] else " (missed)"
        out["now_p_hit"] = pct(r["now_p_hit"])
    if r["status"] == "resolved":
        out["outcome"] = f"{num(r['outcome'])} ({'met' if r['hit'] else 'missed'})"
    if "parts" in r:
        out["median"] = "/".join(num(x["median"]) for x in r["parts"])
    return out


def footer(records: list[dict], lang: str = "en") -> str:
    """How many targets have each status, which rest on a custom indicator's own points only,
    what to do about those with no figures, and the figures each known outcome rests on."""
    counts: dict[str, int] = {}
    for r in records:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    custom = "、".join(
        sorted({custom_row(r["indicator"])["zh"] for r in records if is_custom(r.get("indicator"))})
    )
    if lang == "zh":
        lines = ["\n" + "，".join(f"{STATUS_ZH.get(k, k)} {v} 项" for k, v in counts.items())]
        if any(r["uses_user_data"] for r in records):
            lines.append(
                "同一地区、指标和期间，你导入的数字优先于内置数字（见 `ipcast history`）。"
            )
        if custom:
            lines.append(f"自定义指标（{custom}）：仅依据本地区自身数据预测，未借用同类序列。")
        if "no_history" in counts:
            lines.append(
                "缺少历史数据：没有可用于预测的数字。\n"
                "  `ipcast template -r 地区 --out 表.xlsx` 生成填报表，"
                "填好后 `ipcast import 表.xlsx`。"
            )
            lines += [f"  {r['label_zh']}：{reason(r, 'zh')}" for r in _told_why(records)]
        lines += partly_observed_lines(records, "zh")
        settled = [r for r in records if r["status"] == "resolved" and r.get("outcome_source")]
        if settled:
            lines.append("已有结果所依据的数字：")
            lines += [f"  {r['label_zh']}：{cite_zh(r['outcome_source'])}" for r in settled]
        return "\n".join(lines)
    lines = ["\n" + ", ".join(f"{k}: {v}" for k, v in counts.items())]
    if any(r["uses_user_data"] for r in records):
        lines.append(
            "Your own figures replace bundled ones for the same region, indicator and "
            "period (see `ipcast history`)."
        )
    if custom:
        lines.append(
            f"Custom indicators ({custom}): forecast from their own points only, nothing borrowed."
        )
    if "no_history" in counts:
        lines.append(
            "no_history: no figures to forecast from; `ipcast template` makes a sheet to fill."
        )
        lines += [f"  {r['label_en']}: {r['reason']}" for r in _told_why(records)]
    lines += partly_observed_lines(records, "en")
    settled = [r for r in records if r["status"] == "resolved" and r.get("outcome_source")]
    if settled:
        lines.append("Outcomes known, from these figures:")
        lines += [f"  {r['label_en']}: {r['outcome_source']}" for r in settled]
    return "\n".join(lines)


def partly_observed_lines(records: list[dict], lang: str) -> list[str]:
    """Targets still open whose period has figures for part of it already, and how the
    figures are used (run's footer, under revise's table)."""
    out = []
    for start, zh, en in PARTS_SO_FAR:
        part = [
            r
            for r in records
            if r["status"] == "simulated" and str(r.get("reason") or "").startswith(start)
        ]
        if part and lang == "zh":
            out += [zh] + [f"  {r['label_zh']}：{reason(r, 'zh')}" for r in part]
        elif part:
            out += [en] + [f"  {r.get('label_en') or r['label_zh']}: {r['reason']}" for r in part]
    return out


# The two ways figures for part of a year enter a target still open: inside its period, or in
# the year before it, where its forecast starts (``judge._earlier_part``).
PARTS_SO_FAR = (
    ("period partly observed", "规划期内已有部分数据：", "Periods partly observed:"),
    (
        "the forecast starts from the figures so far",
        "规划期前已有部分数据（预测由此起算）：",
        "Forecasts starting from a year's figures so far:",
    ),
)


def _told_why(records: list[dict]) -> list[dict]:
    """Targets with no forecast although the planner gave figures that bear on them (a flow
    over a span that is not a year, a stock's flow without the stock): what to do about them.
    Those with no figures at all, or too few, are told by the lines above."""
    told = re.compile(
        r"no figure of \S+ \(a total to date\)|no figure of \S+ and no population|"
        r"\d+ figure\(s\) for"
    )
    return [r for r in records if r["status"] == "no_history" and told.match(r.get("reason") or "")]


def run_table(records: list[dict], columns: list[str]) -> str:
    return render([readable(r) for r in records], Format.table, columns) + "\n" + footer(records)


def fan_rows(recs: list[dict]) -> list[dict]:
    """One row per indicator and year, for CSV."""
    keys = ("region", "indicator", "unit", "method")
    return [{**{k: r[k] for k in keys}, **f} for r in recs for f in r["fan"]]


def fan_text(recs: list[dict]) -> str:
    """Each indicator's history, method and fan table, every line within 100 columns; what each
    line says in Chinese first, then in English."""
    out = []
    for r in recs:
        n, own = r["n_points"], r.get("own_points", r["n_points"])
        out.append(f"\n{r['label_zh']} {r['indicator']}（{r['unit']}），{n}个数据点 / {n} point(s)")
        if own != n:  # a stock built from its flows: run and the briefing count both
            said = both(
                f"其中本指标{own}个，其余为所依据的新增量序列",
                f"{own} of its own, the rest the flow's it is built from",
            )
            out += wrap(said, "  ")
        seen = ", ".join(f"{h['period']}: {num(h['value'])}" for h in r["history"])
        out += wrap(f"历史数据 / history: {seen or '无 / none'}", "  ")
        for x in r.get("so_far") or []:
            so_far, year = f"{x['period']}: {num(x['value'])}", x["year"]
            so_far_zh = f"{period_zh(x['period'])}：{num(x['value'])}"  # 2025年1-10月：17,020
            out += wrap(
                both(
                    f"{year}年已有部分月份数据（{so_far_zh}）：{year}年全年按已有进度与预测合并"
                    "（与 run 的测算一致），其后各年也由此起算",
                    f"so far: {so_far}: the {year} total is its pace combined with the forecast, "
                    "as run judges it, and the years after start from it",
                ),
                "  ",
            )
        if r.get("not_read"):
            shown = ", ".join(f"{x['period']}: {num(x['value'])}" for x in r["not_read"])
            shown_zh = "；".join(
                f"{period_zh(x['period'])}：{num(x['value'])}" for x in r["not_read"]
            )
            out += wrap(
                both(
                    f"未计入年度预测：{shown_zh}（统计期不是日历年；期间包含它的目标按原数计入）",
                    f"not in the yearly forecast: {shown} (not a calendar year; a target whose "
                    "period holds it takes it as it is)",
                ),
                "  ",
            )
        if r.get("stale_years"):
            k = r["stale_years"]
            out += wrap(
                both(
                    f"最新数据滞后 {k} 年：预测区间从数据截至年份之后开始",
                    f"last point {k} year(s) before the forecast start: the fan starts after "
                    "the as-of year",
                ),
                "  ",
            )
        if not r["fan"]:
            out += wrap(both(reason(r, "zh"), str(r["reason"])), "  ")
            continue
        method, borrowed = r["method"], r["borrowed"]
        out += wrap(f"预测方法：{words.method(method, 'zh')} / method: {method}", "  ")
        if borrowed:
            out += wrap(f"借用：{words.borrowed(borrowed, 'zh')} / borrowed: {borrowed}", "  ")
        if r.get("weights"):
            weights = ", ".join(f"{m} {w:.2f}" for m, w in r["weights"].items())
            out += wrap(f"模型权重 / weights: {weights}", "  ")
        rows = [
            {k: (num(v) if isinstance(v, float) else v) for k, v in f.items() if k != "time"}
            for f in r["fan"]
        ]
        out.append(render(rows, Format.table))
    return "\n".join(out)


def backtest_rows(result: dict) -> list[dict]:
    """``selected`` (what ``run`` uses), the ensemble and each candidate, where scored."""
    blocks = [(m, result.get(m)) for m in ("selected", "ensemble")]
    blocks += list(result["models"].items())
    return [{"model": m, **{k: b.get(k) for k in BACKTEST_KEYS}} for m, b in blocks if b]


def backtest_text(result: dict) -> str:
    rows = backtest_rows(result)
    src, n, start, h = result["source"], result["n_series"], result["start"], result["horizons"]
    head = both(
        f"{src}：{n}个序列，起点自{start}年，向前1-{h}年",
        f"{src}: {n} series, origins from {start}, horizons 1-{h}",
    )
    return head + "\n" + render(rows, Format.table) + "\n" + backtest_legend(rows)


def backtest_legend(rows: list[dict]) -> str:
    """What the columns mean and what a right forecast scores, with how far a coverage measured on
    so few forecasts can stray from it by chance (one standard error): in Chinese, then English."""
    n = max((r["n_forecasts"] or 0 for r in rows), default=0)
    se = f"{(0.8 * 0.2 / n) ** 0.5:.2f}" if n else ""
    chance = f" (on {n} forecasts at least ±{se} by chance)" if n else ""
    chance_zh = f"（按{n}个预测，单凭偶然也可偏离至少±{se}）" if n else ""
    zh = (
        "selected：`ipcast run` 实际使用的预测。coverage_80 / coverage_95：实际值落在 80% / 95% "
        f"区间内的比例，准确时应为 0.80 / 0.95{chance_zh}。crps：整个预测分布在对数值上的误差，"
        "越小越好；crps_skill_vs_naive 大于 0 即优于无漂移随机游走。brier：对“结果达到以往趋势"
        "延续值”这一判断的评分，越小越好（0.25 相当于掷硬币）。"
    )
    text = (
        "selected: the forecast `ipcast run` uses. coverage_80 / coverage_95: share of outcomes "
        f"inside the 80 % / 95 % range, right at 0.80 / 0.95{chance}. crps: error of the whole "
        "forecast on log values, lower is better; crps_skill_vs_naive above 0 beats a random "
        "walk without drift. brier: of 'the outcome reaches the past trend continued', lower is "
        "better (0.25 is a coin)."
    )
    return "\n".join(fold(zh, 100)) + "\n" + textwrap.fill(text, 100)


def nothing_to_revise(recs: list[dict], region: str) -> str:
    """Why no target got a threshold to promise ("" when one did): a plan whose periods are over
    is for ``draft``; otherwise the figures are missing."""
    if any(r["revised_threshold"] is not None for r in recs):
        return ""
    n = len(recs)
    over = sum(r["status"] in ("resolved", "awaiting_outcome") for r in recs)
    if over:
        draft = f"`ipcast draft -r {region} --out FILE.xlsx`"
        which = f"all {over}" if over == n else f"{over} of the {n}"
        rest = "" if over == n else " and the rest could not be simulated"
        which_zh = f"全部{over}项目标" if over == n else f"{n}项目标中有{over}项"
        rest_zh = "" if over == n else "，其余无法测算"
        return notes.note(
            f"没有可修订的目标：{which_zh}的期间已结束（已有结果或待公布）{rest_zh}（见状态列）；"
            f"编制下一期规划请用 {draft}",
            f"nothing to revise: {which} targets are for periods already over (resolved "
            f"or awaiting their outcome){rest} (see the status column); for the next plan: "
            + draft,
        )
    return notes.note(
        f"没有可修订的目标：{n}项目标均无法测算（见状态列）；请用 `ipcast import FILE` "
        "导入本地区的数字，或加 --history FILE，或用 --targets FILE 给出有历史数据的目标",
        f"nothing to revise: none of the {n} targets could be simulated "
        "(see the status column); import the region's figures with `ipcast import FILE` "
        "or pass --history FILE, or pass --targets FILE with targets that have history",
    )


def goal_text(out: dict) -> str:
    """The answer of ``goal``: a Chinese line, then the same in English."""
    target, lever, p = out["target_id"], out["lever"], out["p_wanted"]
    off, full = percent(out["p_off"]), percent(out["p_full"])
    named = f"措施“{out['lever_zh']}”" if out.get("lever_zh") else f"措施{lever}"
    if out["reachable"]:
        zh = (
            f"{target}：{named}力度达到{out['intensity']:.2f}时，达标概率升至{p:.0%}"
            f"（不用该措施{off}，满力度{full}）"
        )
        en = (
            f"{target}: {lever} at intensity {out['intensity']:.2f} lifts p_hit to "
            f"{p:.0%} (off {out['p_off']:.0%}, full {out['p_full']:.0%})"
        )
    else:
        most = f"{out['max_intensity']:g}"
        zh = (
            f"{target}：仅靠{named}达不到{p:.0%}：不用该措施时达标概率为{off}，"
            f"满力度时{full}，{most}倍力度时{percent(out['p_max'])}"
        )
        en = (
            f"{target}: cannot reach {p:.0%} with {lever} alone: p_hit is "
            f"{out['p_off']:.0%} off, {out['p_full']:.0%} at full intensity and "
            f"{out['p_max']:.0%} at {most}x"
        )
    return zh + "\n" + en


BASIS_ZH = {"evidence": "实测", "judgement": "判断", "local": "本地"}


def levers_text(recs: list[dict], region: str = "REGION") -> str:
    if not recs:  # levers are ranked for targets still to come that could be simulated
        run, draft = f"`ipcast run -r {region}`", f"`ipcast draft -r {region} --out FILE.xlsx`"
        return notes.note(
            f"没有可排序的措施：所选目标中没有尚未到期且能测算的（见 {run} 的状态列）；"
            f"规划期已结束的，加 --as-of 年份 可按当年情况排序措施，{draft} 可起草下一期规划",
            f"no lever to rank: none of the targets asked for is still to come and "
            f"simulated (see the status column of {run}); for a plan whose "
            f"periods are over, --as-of YEAR ranks the levers as they stood then, and "
            f"{draft} drafts the next plan",
        )
    out = []
    for r in recs:
        # the same reading of a probability as the run table (<1 %, >99 %)
        out.append(f"\n{r['target_id']} {r['label_zh']}: p_hit {percent(r['p_hit'])}")
        # Chinese headers, as the run table's: a planner reads these (the codes stay for --local)
        rows = [
            {
                "名次": x["rank"],
                "措施": x["zh"],
                "代码": x["lever"],
                "不用时": percent(x["p_off"]),
                "全力度": percent(x["p_full"]),
                "变化": points(x["delta"]),
                f"进前{r['top']}": f"{x['top_share']:.0%}",
                "名次不变": f"{x['rank_share']:.0%}",
                "依据": BASIS_ZH[x["basis"]],
            }
            for x in r["ranking"]
        ]
        out.append(_narrow(rows, "措施"))
        changes = r["order_changes_when_widened"]
        moved = "change" if changes else "hold"
        k, top = r["widen_factor"], r["top"]
        widened = f"判断范围放宽到{k:g}倍时，前{top}名顺序" + ("有变化" if changes else "不变")
        out.append("；".join(x for x in (r["ranking_label_zh"], widened) if x))
        out.append(
            _wrap(
                f"{r['ranking_label_en']}; with judged ranges {k:g}x as wide the top {top} {moved}."
            )
        )
        out += [idle_line(x) for x in r.get("idle_levers", [])]
        names = {"baseline_forecast": "基线预测本身"} | {x["lever"]: x["zh"] for x in r["ranking"]}
        if r["by_cost"]:
            rows = [
                {
                    "措施": x["zh"],
                    "代码": x["lever"],
                    "年投入(万元)": num(x["cost_wan"]),
                    "变化": points(x["delta"]),
                    "每100万元(百分点)": f"{x['gain_per_wan'] * 1e4:+.2f}",
                }
                for x in r["by_cost"]
            ]
            out.append("每万元年投入提高的达标概率 / p_hit gained per 万元 of yearly cost:")
            out.append(_narrow(rows, "措施"))
        rows = [
            {
                "因素": names.get(s["factor"], s["factor"]),
                "一阶指数S1": f"{s['S1']:.2f} ± {s['S1_conf']:.2f}",
                "总效应指数ST": f"{s['ST']:.2f} ± {s['ST_conf']:.2f}",
                "代码": s["factor"],
            }
            for s in r["sobol"]
        ]
        if rows:
            out.append(render(rows, Format.table))
    if recs:
        top, draws = recs[0]["top"], recs[0]["n_draws"]
        note_zh = (
            f"进前{top}：对措施效果抽取{draws}次（本地区每项措施各取一个值），该措施排进前{top}的比例；"
            "名次不变：保持原名次的比例；依据：效果范围的依据，实测、判断或规划部门自己的文件（本地）；"
            "不用时、全力度：不用该措施和全力度实施时的达标概率；变化：两者之差，单位为百分点"
            "（+5.0即提高5个百分点，不是5%）。"
            f"Sobol 指数假定{recs[0].get('assumption_zh') or recs[0]['assumption']}。"
        )
        out.append("\n" + "\n".join(fold(note_zh, WIDTH)))
        note = (
            f"进前{top} (top {top}): share of {draws} draws of the lever effects (one "
            f"value per lever for the region) in which a lever ranks in the top {top}; 名次不变 "
            "(holds): in which it keeps its rank; 依据 (basis): the effect range rests on "
            "evidence (实测), judgement (判断) or the planner's own file (本地); 不用时, 全力度: "
            "p_hit without the lever and at full intensity; 变化 (change): their difference in "
            "percentage points (+5.0 is 5 points, not 5 %). Sobol indices (一阶 S1, 总效应 ST) "
            "assume "
            f"{recs[0]['assumption']}."
        )
        out.append(_wrap(note))
    return "\n".join(out)


WIDTH = 100


def _wrap(text: str) -> str:
    """``text`` in lines of at most ``WIDTH`` terminal columns (``fold``: a Chinese character
    takes two, which textwrap does not count)."""
    return "\n".join(fold(text, WIDTH))


def _narrow(rows: list[dict], key: str) -> str:
    """The table no wider than ``WIDTH`` columns: the names under ``key`` (Chinese, the widest
    cells) cut with … by as much as the widest line is over; the full names are in --format json."""
    text = render(rows, Format.table)
    over = max(width(line) for line in text.splitlines()) - WIDTH
    if over <= 0:
        return text
    room = max(max(width(r[key]) for r in rows) - over, 8)
    return render([{**r, key: fit(r[key], room).rstrip()} for r in rows], Format.table)


def idle_note(records: list[dict]) -> str:
    """Levers of the scenario that act in no year of a target's period, one line each."""
    return "\n".join(
        f"{r['target_id']}：{idle_line(x)}" for r in records for x in r.get("idle_levers", [])
    )


def idle_line(x: dict) -> str:
    """One lever of ``idle_levers`` (``scenarios.apply``): why it acts in no year of the period."""
    zh, en = idle_words(x)
    return both(
        f"措施“{x.get('zh') or x['lever']}”在期内不起作用（{zh}）",
        f"{x['lever']} has no effect inside the period ({en})",
    )


def draft_text(doc: dict, out) -> str:
    n = sum(
        any(x is not None for x in (th if isinstance(th, list) else [th]))
        for th in (t["threshold"] for t in doc["targets"])
    )
    said = "".join(f"\n  说明：{x}" for x in doc.get("notes", []))  # each note: Chinese / English
    total = len(doc["targets"])
    run = f"`ipcast run --targets {out}`"
    return (
        notes.wrote(
            out,
            f"{total}条目标，其中{n}条有建议目标值；修改后运行 {run}",
            f"{total} targets, {n} with a proposed threshold; edit it, then {run}",
        )
        + said
    )
