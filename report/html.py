"""One self-contained HTML file: inline styles, inline SVG charts, no network when opened;
readable on a phone and printable on A4."""

from __future__ import annotations

from html import escape

from .charts import svg
from .text import fmt, pct, plus_minus

COLORS = {
    "green": "#70ad47",
    "amber": "#ffc000",
    "red": "#c00000",
    "met": "#548235",
    "missed": "#7f0000",
    "grey": "#a6a6a6",
}
WORDS = {
    "zh": {
        "title": "知识产权规划目标达成情况研判",
        "green": "绿灯",
        "amber": "黄灯",
        "red": "红灯",
        "met": "已达成",
        "missed": "未达成",
        "grey": "无法测算",
        "target": "目标",
        "period": "期限",
        "threshold": "规划值",
        "p": "达标概率",
        "range": "可能区间(10%-90%)",
        "revised": "80%把握可承诺",
        "status": "研判",
        "summary": "要点",
        "charts": "图表",
        "appendix": "附录",
        "method": "方法说明",
        "points": "各目标依据的数据",
        "calib": "回测校准",
        "sources": "数据来源",
        "unassessed": "无法测算的目标及原因",
        "date": "生成日期",
        "vintage": "最新数据",
        "scenario": "情景",
        "asof": "数据截至",
        "n": "本地数据点",
        "borrowed": "借用信息",
    },
    "en": {
        "title": "IP plan targets: how likely, what to promise",
        "green": "green",
        "amber": "amber",
        "red": "red",
        "met": "met",
        "missed": "missed",
        "grey": "no basis",
        "target": "Target",
        "period": "Period",
        "threshold": "Plan",
        "p": "P(met)",
        "range": "Likely range (10-90 %)",
        "revised": "At 80 % confidence",
        "status": "Light",
        "summary": "Key points",
        "charts": "Charts",
        "appendix": "Appendix",
        "method": "Method",
        "points": "What each forecast rests on",
        "calib": "Backtest calibration",
        "sources": "Data sources",
        "unassessed": "Targets that cannot be assessed, and why",
        "date": "Date",
        "vintage": "Latest figure",
        "scenario": "Scenario",
        "asof": "Data as of",
        "n": "own points",
        "borrowed": "borrowed",
    },
}
METHOD = {
    "zh": (
        "每个指标按历史数据外推成数千条可能的未来路径：数据点少时，增长率与波动借用全国各省或"
        "国际同类序列的经验（并随本地数据增多而减少借用）；数据点多时，用多个模型的校准组合。"
        "每条路径上按规划口径（当年值、累计、年均、存量、逐年）判断是否达标，达标路径所占比例即"
        "达标概率。概率的可信度已在真实历史数据上回测检验（见下）。“±”为模拟误差，不含模型误差。"
        "措施效果的幅度多为判断（证据见 data/lever_evidence.yaml），"
        "可在情景文件或本地措施文件中修改。"
    ),
    "en": (
        "Each indicator is extrapolated into thousands of possible future paths: with few data "
        "points, growth and volatility are borrowed from comparable real series (Chinese "
        "provinces, other countries), less so as local points accrue; with long series, a "
        "calibrated combination of models is used. Each path is judged as the plan words the "
        "target (a year's level, a total, a yearly average, a stock, every year); the share of "
        "paths that meet it is the probability. Its calibration was measured on real held-out "
        "data (below). '±' is simulation error only. Lever effect sizes are mostly judgements "
        "(evidence in data/lever_evidence.yaml) and can be changed in a scenario or local lever "
        "file."
    ),
}
CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
color:#222;line-height:1.5}
main{max-width:960px;margin:auto;padding:12px}
h1{font-size:1.5em;margin:.2em 0} h2{font-size:1.15em;border-bottom:2px solid #1f4e79;
padding-bottom:2px;margin-top:1.4em}
.meta{color:#555;font-size:.9em}
table{border-collapse:collapse;width:100%;font-size:.85em}
th,td{border:1px solid #ccc;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#e8eef5}
.dot{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:middle;
margin-right:4px}
.chart svg{max-width:100%;height:auto} .chart{margin:10px 0;page-break-inside:avoid}
ul.points li{margin:.3em 0}
.wrap{overflow-x:auto}
td:first-child{white-space:nowrap}
@media (max-width:600px){body{font-size:14px} th,td{padding:2px 3px} .lt{display:none}}
@page{size:A4;margin:14mm}
@media print{.first{page-break-after:always} h2{page-break-after:avoid}}
"""


def _row(r: dict, w: dict, lang: str, revised: dict) -> str:
    color = COLORS[r["light"]]
    label = r["label_zh"] if lang == "zh" else r["label_en"]
    th = (
        "/".join(fmt(x) for x in r["threshold"])
        if isinstance(r["threshold"], list)
        else fmt(r["threshold"])
    )
    if r["status"] == "simulated":
        p = f"{pct(r['p_hit'])}% ±{plus_minus(r)}"
        rng = "" if r["q10"] is None else f"{fmt(r['q10'])} – {fmt(r['q90'])}"
    elif r["status"] == "resolved":
        p = w["met"] if r["hit"] else w["missed"]
        rng = fmt(r["outcome"]) if not isinstance(r["outcome"], list) else ""
    else:
        p, rng = "—", ""
    rv = revised.get(r["target_id"])
    period = str(r["period"]).split(",")
    shown = period[0] if len(period) == 1 else f"{period[0]} … {period[-1]}"
    cells = [
        f'<span class="dot" style="background:{color}"></span>'
        f'<span class="lt">{escape(w[r["light"]])}</span>',
        escape(label),
        escape(shown),
        f"{th} {escape(r['unit'])}",
        p,
        rng,
        "" if rv is None else fmt(rv),
    ]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def brief_html(b: dict) -> str:
    lang = b["lang"]
    w = WORDS[lang]
    name = b["region_zh"] if lang == "zh" else b["region_en"]
    title = f"{name} {w['title']}"
    head = [w["status"], w["target"], w["period"], w["threshold"], w["p"], w["range"], w["revised"]]
    rows = "".join(_row(r, w, lang, b["revised"]) for r in b["records"])
    sc = b["scenario"]
    meta = (
        f"{w['date']}: {b['date']} · {w['vintage']}: {escape(b['vintage'])} · "
        f"{w['scenario']}: {escape(sc.zh if lang == 'zh' else sc.en)}"
        + (f" · {w['asof']}: {b['as_of']}" if b["as_of"] else "")
        + f" · {b['plan']}"
    )
    bands = b["bands"]
    legend = (
        f"{w['green']} ≥ {bands[0]:.0%} · {w['amber']} {bands[1]:.0%}–{bands[0]:.0%} · "
        f"{w['red']} < {bands[1]:.0%}"
    )
    points = "".join(f"<li>{escape(s)}</li>" for s in b["sentences"])
    charts = "".join(
        f'<div class="chart" id="{escape(k)}">{svg(fig)}</div>' + _stability(b, k, lang)
        for k, fig in b["charts"].items()
    )
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{CSS}</style></head>
<body><main>
<section class="first">
<h1>{escape(title)}</h1>
<p class="meta">{meta}</p>
<h2>{w["summary"]}</h2><ul class="points">{points}</ul>
<p class="meta">{legend}</p>
<div class="wrap"><table><thead><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr></thead>
<tbody>{rows}</tbody></table></div>
</section>
<h2>{w["charts"]}</h2>{charts}
<h2>{w["appendix"]}</h2>
{_appendix(b, w, lang)}
</main></body></html>
"""


STABILITY = {
    "zh": (
        "排名",
        "措施",
        "满力度时达标概率变化",
        "保持前三的比例",
        "保持名次的比例",
        "效果范围依据",
        "判断放宽一倍后前三顺序",
    ),
    "en": (
        "Rank",
        "Lever",
        "Change in P(met)",
        "Top-3 share",
        "Holds rank",
        "Range from",
        "Top 3 if judged ranges doubled",
    ),
}
BASIS = {
    "zh": {"evidence": "实测", "judgement": "判断", "local": "本地"},
    "en": {"evidence": "evidence", "judgement": "judgement", "local": "local"},
}


def _stability(b: dict, key: str, lang: str) -> str:
    """Under a lever tornado: each lever's rank and how firm it is (share of effect draws that
    keep it in the top three; whether the top order survives widened judgement ranges)."""
    if not key.startswith("tornado_"):
        return ""
    rec = next((r for r in b["records"] if f"tornado_{r['target_id']}" == key), None)
    st = rec.get("lever_stability") if rec else None
    if not st:
        return ""
    head = STABILITY[lang]
    moved = {"zh": ("有变化", "不变"), "en": ("changes", "holds")}[lang]
    rows = "".join(
        f"<tr><td>{r['rank']}</td><td>{escape(r['zh'] if lang == 'zh' else r['lever'])}</td>"
        f"<td>{r['delta']:+.1%}</td><td>{r['top_share']:.0%}</td><td>{r['rank_share']:.0%}</td>"
        f"<td>{BASIS[lang][r['basis']]}</td></tr>"
        for r in rec["tornado"]
    )
    label = st["ranking_label_zh"] if lang == "zh" else st["ranking_label_en"]
    widened = moved[0] if st["order_changes_when_widened"] else moved[1]
    note = f"{escape(label)} · {head[6]}: {widened}"
    return (
        f'<div class="wrap"><table><thead><tr>{"".join(f"<th>{h}</th>" for h in head[:6])}'
        f'</tr></thead><tbody>{rows}</tbody></table></div><p class="meta">{note}</p>'
    )


def _appendix(b: dict, w: dict, lang: str) -> str:
    recs = b["records"]
    per = "".join(
        f"<tr><td>{escape(r['label_zh'] if lang == 'zh' else r['label_en'])}</td>"
        f"<td>{r['n_points']}</td><td>{escape(r.get('method') or '')}</td>"
        f"<td>{escape(r.get('borrowed') or '')}</td></tr>"
        for r in recs
        if r["status"] == "simulated"
    )
    cal = "".join(
        f"<tr><td>{escape(fam)}</td><td>{escape(', '.join(c['members']))}</td>"
        f"<td>{c['n_forecasts']}</td><td>{escape(_backtests(c))}</td></tr>"
        for fam, c in b["calibration"].items()
    )
    missing = "".join(
        f"<tr><td>{escape(r['label_zh'] if lang == 'zh' else r['label_en'])}</td>"
        f"<td>{escape(r['status'])}</td><td>{escape(r['reason'] or '')}</td></tr>"
        for r in recs
        if r["status"] not in ("simulated", "resolved")
    )
    src = "".join(
        f"<tr><td>{escape(s['indicator'])}</td><td>{escape(str(s['period']))}</td>"
        f"<td>{fmt(float(s['value']))} {escape(s['unit'])}</td>"
        f"<td>{escape(str(s['source_title'] or ''))} {escape(str(s['source']))}</td></tr>"
        for s in b["sources"]
    )
    return (
        f"<h3>{w['method']}</h3><p>{METHOD[lang]}</p>"
        f"<h3>{w['points']}</h3><div class='wrap'><table><tr><th>{w['target']}</th>"
        f"<th>{w['n']}</th><th>method</th><th>{w['borrowed']}</th></tr>{per}</table></div>"
        f"<h3>{w['calib']}</h3><div class='wrap'><table><tr><th>family</th><th>members</th>"
        f"<th>n</th><th>coverage</th></tr>{cal}</table></div>"
        f"<h3>{w['unassessed']}</h3><div class='wrap'><table>{missing}</table></div>"
        f"<h3>{w['sources']}</h3><div class='wrap'><table>{src}</table></div>"
    )


def _backtests(c: dict) -> str:
    out = []
    for panel, m in c.get("backtests", {}).items():
        out.append(
            f"{panel}: 80% {m['coverage_80']:.0%}, 95% {m['coverage_95']:.0%} "
            f"(n={m['n_forecasts']})"
        )
    return "; ".join(out) or c["source"]
