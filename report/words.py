"""The briefing's words in Chinese and English, and the engine's English reasons in Chinese.

Everything the Chinese briefing prints comes from here or from the Chinese fields of the data
(``label_zh``, ``zh``), so a Chinese reader meets no English beyond codes and units.
"""

from __future__ import annotations

import re

from ..data.periods import period_zh
from ..scenarios.idle import idle_words

WORDS = {
    "zh": {
        "title": "知识产权规划目标达成情况研判简报",
        "green": "绿灯",
        "amber": "黄灯",
        "red": "红灯",
        "met": "已达成",
        "missed": "未达成",
        "grey": "无法测算",
        "pending": "待公布",
        "light": "研判",
        "target": "目标",
        "period": "期限",
        "threshold": "规划值",
        "p": "达标概率",
        "range": "可能区间",
        "revised": "80%把握可承诺值",
        "s1": "一、总体判断",
        "s2": "二、各项目标研判",
        "s3": "三、最能改变结果的三项措施",
        "s4": "四、数据依据",
        "s5": "五、图表",
        "appendix": "附录",
        "a1": "附录一　方法说明",
        "a2": "附录二　回测校准",
        "a3": "附录三　各目标依据的数据",
        "a4": "附录四　无法测算的目标及原因",
        "a5": "附录五　数据来源及其等级",
        "date": "生成日期",
        "asof": "数据截至",
        "scenario": "情景",
        "plan": "规划",
        "n": "本地数据点",
        "method_col": "方法",
        "borrowed": "借用信息",
        "family": "指标类别",
        "members": "组合模型",
        "coverage": "校准依据",
        "indicator": "指标",
        "value": "数值",
        "source": "来源",
        "grade": "等级",
        "status": "状态",
        "reason": "原因",
        "lever": "措施",
        "effect": "作用",
        "none": "无",
        "weak": "（转载，建议核实）",
        "legend": "绿灯：达标概率≥{g}；黄灯：{a}–{g}；红灯：<{a}。可能区间为10%至90%分位。",
        "no_levers": "当前情景下各项措施对达标概率的影响均不足1个百分点。",
        "no_open_targets": "没有仍在期内且可测算的目标：已结束的规划期，措施已无法改变其结果。",
        "few_levers": "其余措施对各目标达标概率的影响均不足1个百分点。",
        "page": "第{n}页",
    },
    "en": {
        "title": "IP plan targets: how likely, what to promise",
        "green": "green",
        "amber": "amber",
        "red": "red",
        "met": "met",
        "missed": "missed",
        "grey": "no basis",
        "pending": "awaiting outcome",
        "light": "Light",
        "target": "Target",
        "period": "Period",
        "threshold": "Plan",
        "p": "P(met)",
        "range": "Likely range",
        "revised": "At 80 % confidence",
        "s1": "1. Conclusion",
        "s2": "2. The targets",
        "s3": "3. The three levers that change the odds most",
        "s4": "4. What the numbers rest on",
        "s5": "5. Charts",
        "appendix": "Appendix",
        "a1": "A1. Method",
        "a2": "A2. Backtest calibration",
        "a3": "A3. What each forecast rests on",
        "a4": "A4. Targets that cannot be assessed, and why",
        "a5": "A5. Data sources and their grade",
        "date": "Date",
        "asof": "Data as of",
        "scenario": "Scenario",
        "plan": "Plan",
        "n": "Own points",
        "method_col": "Method",
        "borrowed": "Borrowed",
        "family": "Family",
        "members": "Models combined",
        "coverage": "Calibrated on",
        "indicator": "Indicator",
        "value": "Value",
        "source": "Source",
        "grade": "Grade",
        "status": "Status",
        "reason": "Reason",
        "lever": "Lever",
        "effect": "Effect",
        "none": "none",
        "weak": " (repost: check it)",
        "legend": (
            "green: P(met) ≥ {g}; amber: {a}-{g}; red: < {a}. "
            "Likely range: 10th to 90th percentile."
        ),
        "no_levers": "No lever moves any target's odds by a percentage point in this scenario.",
        "no_open_targets": "No target is still open and assessed: no measure can change a "
        "period that is over.",
        "few_levers": "No other lever moves any target's odds by a percentage point.",
        "page": "page {n}",
    },
}

METHOD = {
    "zh": (
        "每个指标按历史数据外推成数千条可能的未来路径：数据点少时，增长率与波动借用全国各省或"
        "国际同类序列的经验（并随本地数据增多而减少借用）；数据点多时，用多个模型的校准组合。"
        "每条路径上按规划口径（当年值、累计、年均、存量、逐年）判断是否达标，达标路径所占比例即"
        "达标概率。概率的可信度已在真实历史数据上回测检验（见附录二）。请注意：按当时可得数据对"
        "各省专利目标回测（2017-2022 年起点），本地数据点少于 4 个时达标概率偏保守（只有 33-44 % "
        "的实际值低于预测中位数，理想为 50 %；各概率段与实际达成率最多相差约 11 个百分点），对"
        "“不低于”类目标宜视为偏低的估计；商标目标按美国、欧盟商标序列回测则偏乐观（59-77 % 的"
        "实际值低于中位数），宜视为上限；6 个以上数据点时各概率段偏差不超过 5 个百分点。"
        "“±”为模拟误差，不含模型误差。措施效果的幅度多为判断（证据见措施证据文件），可在情景文件或本地措施文件中修改。"
    ),
    "en": (
        "Each indicator is extrapolated into thousands of possible future paths: with few data "
        "points, growth and volatility are borrowed from comparable real series (Chinese "
        "provinces, other countries), less so as local points accrue; with long series, a "
        "calibrated combination of models is used. Each path is judged as the plan words the "
        "target (a year's level, a total, a yearly average, a stock, every year); the share of "
        "paths that meet it is the probability. Its calibration was measured on real held-out "
        "data (A2). Caution: in as-of hindcasts of provincial patent targets (origins "
        "2017-2022), with fewer than four local points P(hit) is cautious (only 33-44 % of "
        "outcomes fell below the forecast median, 50 % is right; bins up to about 11 points from "
        "the observed rate): for at-least targets read it as a low estimate; trademark targets, "
        "hindcast on US and EU trademark series, are optimistic (59-77 % below the median): "
        "read them as upper bounds; "
        "with six or more points every probability bin was within 5 points of its hit rate. "
        "'±' is simulation error only. Lever effect sizes are mostly judgements "
        "(evidence in data/lever_evidence.yaml) and can be changed in a scenario or local lever "
        "file."
    ),
}

# How a probability from few own points errs, by family, as the as-of hindcasts measured it
# (README: the county case on the provincial panel, and on the USPTO and EUIPO trademark panels).
FEW_POINTS_CAUTION = {
    "zh": {
        "patent": "{n}项专利目标的本地数据点不足{k}个：按各省专利序列回测，此类达标概率偏保守，"
        "实际达成的往往更多，“不低于”类目标宜视为偏低的估计（见附录一）。",
        "trademark": "{n}项商标目标的本地数据点不足{k}个：按美国、欧盟商标序列回测，此类达标概率"
        "偏乐观（59-77 % 的实际值低于预测中位数），宜视为上限（见附录一）。",
        "other": "{n}项版权、质押融资等目标的本地数据点不足{k}个：此类指标没有可回测的序列，"
        "达标概率偏向哪一边未经检验。",
    },
    "en": {
        "patent": "{n} patent forecasts rest on fewer than {k} own points: hindcasts on the "
        "provinces find such probabilities cautious (more targets are met than they say); for "
        "at-least targets read them as low estimates (A1).",
        "trademark": "{n} trademark forecasts rest on fewer than {k} own points: hindcasts on US "
        "and EU trademark series find such probabilities optimistic (59-77 % of outcomes below "
        "the median); read them as upper bounds (A1).",
        "other": "{n} copyright, pledge or other forecasts rest on fewer than {k} own points: "
        "no series exists to hindcast them, so which way they err is unmeasured.",
    },
}

# Forecast methods and borrowed panels, as the engine describes them, by keyword.
METHOD_ZH = (
    ("ensemble", "多模型校准组合"),
    ("calibrated", "校准"),
    ("random walk", "对数随机游走"),
    ("borrowed prior", "借用同类序列先验"),
    ("stock", "由新增量累计存量"),
    ("ratio", "由存量与人口推算"),
    ("theta", "Theta模型"),
    ("ets", "指数平滑"),
)
PANEL_ZH = (
    ("nothing borrowed", "未借用（仅本地数据，弱先验）"),
    (
        "no pledge panel",
        "无质押融资序列：增长取全国与广东质押融资的年增长率，波动取省级专利序列的高分位（判断）",
    ),
    (
        "no copyright panel exists; patent and trademark flow",
        "无版权序列：以专利与商标年度新增量序列合并代替",
    ),
    ("no copyright panel", "无版权序列：以专利与商标存量序列合并代替"),
    ("trademark registrations by holder", "美国与欧盟按持有国统计的商标注册量（NCSES）"),
    ("Chinese provincial domestic patents", "全国各省国内专利（国家统计局、科技统计年鉴）"),
    ("PCT", "各国PCT国际专利申请（NCSES）"),
    ("patent", "国际专利序列"),
)

# The engine's reasons (English) by status and pattern, in Chinese.
REASONS_ZH = (
    (r"^no history", "本地区无该指标的历史数据，可导入本局统计数据后测算"),
    (r"^(\d+) point\(s\) and no comparable", "本地数据仅{0}个点，且无可借用的同类序列"),
    (
        r"^no figure of \S+ \(a total to date\) to build on, though \S+ has (\d+)",
        "没有该累计总量（截至年末）的数字，但有{0}个年度数字：可导入某一年末的累计总量"
        "（如2025年末）；若规划指规划期内各年之和，请在指标名称后写明期间，如“累计（2026-2030年）”",
    ),
    (
        r"^no figure of \S+ and no population to derive it from \S+ \((\d+) point",
        "没有该比率的数字，也没有常住人口数据，无法由存量（{0}个数据点）换算：请导入常住人口"
        "（万人，至少一个年末数），或该比率本身的数字",
    ),
    (
        r"^(\d+) figure\(s\) for periods that are not calendar years \((.*?)\) not used",
        "{0}个数字的统计期不是日历年（{1}），未使用：年度数字按日历年预测，请导入日历年数字",
    ),
    (
        r"^(\d+) figure\(s\) for spans rather than dates \((.*?)\) not used",
        "{0}个存量数字给的是时期而非时点（{1}），未使用：请按年末（2023年末）或日期（2025-06）导入",
    ),
    (r"^zero or negative", "数据含零或负值，无法按对数模型测算"),
    (r"^the plan states no number", "规划未给出具体数值"),
    (
        r"^period partly observed \((.*?)\); (\d{4}) is the pace of its figure so far \(\S+ over "
        r"a share of ([\d.]+) ± ([\d.]+) of the year's flow, about (\S+)\)",
        "规划期内已有部分数据（{0}）：{1}年全年按已有数字的进度推算（这几个月约占全年的{2}±{3}，"
        "全年约{4}），与预测合并，不低于已有数字",
    ),
    (
        r"^period partly observed \((.*?)\); (\d{4}) is its parts added up \((\S+)\)",
        "规划期内已有部分数据（{0}）：{1}年全年由各时段数字（如上、下半年）相加得出（{2}）",
    ),
    (
        r"^period partly observed \((.*?)\); a rate's figure for part of a year is not used",
        "规划期内已有部分数据（{0}），但比率类指标的部分年度数字未使用：全年按整年数据预测",
    ),
    (r"^period partly observed \((.*?)\)", "规划期内已有部分数据（{0}），已计入测算"),
    (
        r"^the forecast starts from the figures so far of a year before the period \((.*)\): "
        r"that year",
        "预测从规划期之前年份已有的部分数据起算（{0}）：该年全年按已有进度与预测合并，其后各年随之变动",
    ),
    (
        r"^period over; .*?; figures so far \((.*?)\):",
        "规划期已结束，结果尚未公布，按已有数据估计（期内已有部分数据：{0}，已计入）",
    ),
    (r"^period over", "规划期已结束，结果尚未公布，按已有数据估计"),
    (r"^outcome known", "结果已由历史数据确定"),
    (r"^met already", "已由历史数据提前达成"),
)
STATUS_ZH = {
    "simulated": "已测算",
    "resolved": "已有结果",
    "no_history": "缺少历史数据",
    "no_threshold": "无量化目标值",
    "invalid": "口径不一致",
    "awaiting_outcome": "规划期已结束，待公布",
    "awaiting": "待公布",
}


# A figure the engine cites with its period (2026-01/2026-10: 95件), said as a planner writes it
# (2026年1-10月：95件).
_CITED = re.compile(r"(\d{4}[\d\-/年月]*): ")


def _cited_zh(m: re.Match) -> str:
    return f"{period_zh(m[1])}："


def reason(rec: dict, lang: str) -> str:
    """The record's reason in ``lang``; in Chinese, the levers that act in no year of the period
    are said after it (the English reason ends with them too)."""
    text = str(rec.get("reason") or "")
    if lang != "zh":
        return text
    said = ""
    for pattern, zh in REASONS_ZH:
        m = re.match(pattern, text)
        if m:
            said = zh.format(*(_CITED.sub(_cited_zh, g or "") for g in m.groups()))
            break
    idle = rec.get("idle_levers") or []
    if idle:
        levers = "、".join(f"{x.get('zh') or x['lever']}（{idle_words(x)[0]}）" for x in idle)
        said = "；".join(x for x in (said, f"期内不起作用的措施：{levers}") if x)
    return said or STATUS_ZH.get(rec.get("status"), "暂无法测算")


def status(rec: dict, lang: str) -> str:
    s = str(rec.get("status") or "")
    return STATUS_ZH.get(s, "暂无法测算") if lang == "zh" else s.replace("_", " ")


def method(text: str, lang: str) -> str:
    if lang != "zh" or not text:
        return text or ""
    low = text.lower()
    # The ensemble names its members ("calibrated ensemble of naive, drift, theta"): one phrase
    # with its members, so that "calibrated" and a member's name are not read again as methods.
    members = ""
    m = _ENSEMBLE.search(low)
    if m:
        names = [x.strip() for x in (m.group(1) or m.group(2) or "").split(",") if x.strip()]
        members = "（" + "、".join(MEMBER_ZH.get(x, x) for x in names) + "）" if names else ""
        low = low[: m.start()] + "ensemble" + low[m.end() :]
    found = [zh + (members if key == "ensemble" else "") for key, zh in METHOD_ZH if key in low]
    return "，".join(found) or "统计模型"


_ENSEMBLE = re.compile(r"calibrated ensemble(?: of ([\w, ]+)| \(([^)]*)\))?")


def borrowed(text: str, lang: str) -> str:
    """What a forecast borrowed, in Chinese: how much, and from which real series."""
    if lang != "zh" or not text:
        return text or ""
    how = "全部借用" if "entirely" in text else "部分借用" if "partly" in text else ""
    if "custom indicator" in text:
        return "自定义指标：仅依据本地区自身数据预测，未借用"
    if "增长与波动借自" in text:  # its own province's series (forecast/comparables.py)
        own = text.rsplit("增长与波动借自", 1)[1].split(";")[0].strip()  # not the calibration
        return f"增长与波动{how[:2]}借自{own}的国内专利序列（国家统计局、科技统计年鉴）"
    for key, zh in PANEL_ZH:
        if key.lower() in text.lower():
            return zh if key == "nothing borrowed" else f"增长与波动{how}：{zh}"
    return f"增长与波动{how}：同类序列"


def finished(rec: dict) -> bool:
    """The plan period is over (whether or not its outcome is known yet)."""
    return rec.get("status") in ("resolved", "awaiting_outcome") or str(
        rec.get("reason") or ""
    ).startswith("period over")


# A target's kind as ipcast writes it in Chinese (the first word a plan table's 类型 may say
# for it, data/target_files.KIND_ZH).
KIND_ZH = {
    "level": "水平",
    "stock": "存量",
    "cumulative": "累计",
    "average": "年均",
    "ratio": "比率",
    "growth": "增速",
    "each_year": "逐年",
}
FAMILY_ZH = {"patent": "专利", "trademark": "商标", "copyright": "版权", "pledge": "质押融资"}
MEMBER_ZH = {
    "theta": "Theta模型",
    "ets": "指数平滑",
    "damped_ets": "阻尼趋势指数平滑",
    "rw_drift": "随机游走",
    "naive": "无漂移随机游走",
    "drift": "带漂移随机游走",
    "pooled": "借用同类序列先验的随机游走",
    "arima": "ARIMA模型",
    "prophet": "Prophet",
}
PANEL_NAMES = {
    "china_provinces": "全国各省专利序列",
    "uspto_trademarks": "美国商标注册序列",
    "euipo_trademarks": "欧盟商标注册序列",
}


def calibration_row(family: str, c: dict, lang: str) -> list[str]:
    if lang != "zh":
        return [family, ", ".join(c["members"]), str(c["n_forecasts"])]
    members = "、".join(MEMBER_ZH.get(m, m) for m in c["members"])
    return [FAMILY_ZH.get(family, family), members, str(c["n_forecasts"])]


STABILITY = {
    "zh": (
        "排名",
        "措施",
        "满力度时达标概率变化（百分点）",
        "保持前三的比例",
        "保持名次的比例",
        "效果范围依据",
    ),
    "en": ("Rank", "Lever", "Change in P(met), points", "Top-3 share", "Holds rank", "Range from"),
}
WIDENED = {
    "zh": ("判断放宽一倍后前三顺序", "有变化", "不变"),
    "en": ("Top 3 if judged ranges doubled", "changes", "holds"),
}
BASIS = {
    "zh": {"evidence": "实测", "judgement": "判断", "local": "本地"},
    "en": {"evidence": "evidence", "judgement": "judgement", "local": "local"},
}
