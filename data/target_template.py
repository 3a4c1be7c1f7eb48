"""A fill-in workbook for a plan's targets, in both layouts ``--targets`` reads: the plan's own
indicator table (指标表) and one row per target (逐条目标), with instructions in Chinese."""

from __future__ import annotations

from pathlib import Path

from .catalog import regions

PLAN_HEADER = ["序号", "指标名称", "基期值（{base}年）", "目标值（{end}年）", "属性"]
LONG_HEADER = ["编号", "地区", "指标", "类型", "期间", "目标值", "单位", "名称", "方向"]
KINDS_ZH = [
    ("水平", "level", "某一年(期)的流量达到 X，如 2030年专利授权量 5000 件"),
    ("存量", "stock", "期末存量达到 X，如 2030年末有效发明专利 900 件"),
    ("累计", "cumulative", "期间流量之和达到 X，如 2026-2030年累计新增注册商标 21000 件"),
    ("年均", "average", "期间年均流量达到 X"),
    ("比率", "ratio", "每万人口拥有量达到 X（件/万人）"),
    ("增速", "growth", "期间年均增长率不低于 X%"),
    ("逐年", "each_year", "每一年各自达到 X（每年一行，编号相同）"),
]


def _plan_rows(base: int, end: int, name: str) -> list[list]:
    return [
        [f"{name}知识产权指标表（{base + 1}-{end}年）"],
        [h.format(base=base, end=end) for h in PLAN_HEADER],
        [1, "专利授权量（件）", None, None, "预期性"],
        [2, "有效发明专利（件）", None, None, "预期性"],
        [3, "每万人口高价值发明专利拥有量（件）", None, None, "预期性"],
        [4, "累计新增注册商标（件）", None, None, "预期性"],
        [5, "著作权登记量年均增长（%）", None, None, "预期性"],
        [6, "知识产权质押融资金额（亿元）", None, None, "约束性"],
    ]


def _long_rows(region: str, base: int, end: int) -> list[list]:
    span = f"{base + 1}/{end}"
    return [
        LONG_HEADER,
        [f"{region}_01", region, "patent_grants", "水平", str(end), None, "件", "专利授权量", ">="],
        [f"{region}_02", region, "trademark_registrations", "累计", span, None, "件", "", ">="],
        [f"{region}_03", region, "pledge_financing", "逐年", str(end - 1), None, "亿元", "", ">="],
        [f"{region}_03", region, "pledge_financing", "逐年", str(end), None, "亿元", "", ">="],
    ]


def _instructions(region: str) -> list[str]:
    lines = [
        "填写说明",
        "本工作簿有两种写法，任选其一（也可都填，ipcast 会读所有表）：",
        "一、指标表：照抄规划文本中的指标表（专栏）。指标名称后括号写单位，如（件）（万件）（亿元）（%）。",
        "   基期值、目标值的表头写年份，如 基期值（2025年）、目标值（2030年）。",
        "   名称中的“累计”“新增”“年均”“年均增长”“每年”“每万人”“到2030年”会被读作目标类型，",
        "   ipcast 把每一处解读都列出来，请逐条核对；读错时加一列“指标代码”或“类型”纠正。",
        "   只有文字没有数字的目标（如“超全省平均水平”）照写，结果中标为无门槛(no_threshold)。",
        "   规划表另有“年均增速”列时照抄：该列数字读作这一行指标从基期年到目标年的年均增长目标。",
        "   目标值单元格只写数字；“累计”等字样写进指标名称，",
        "   如 知识产权质押融资金额累计（2026-2030年）。",
        "   可带方向：≥5000、5000以上、不低于5000、力争5000（均读作不低于5000）、不超过5；",
        "   “翻一番”读作基期值的2倍，%指标的“提高5个百分点”读作基期值加5；",
        "   范围（30-35）请写下限或上限。",
        "   基期值只作对照，不作为预测依据；预测依据导入的历史数据（ipcast import）。",
        "二、逐条目标：每行一个目标；逐年目标每年一行、编号相同。",
        "   指标写代码或中文名（见 ipcast indicators）；",
        "   期间写 2030、2026/2030 或 2025-07/2026-06。",
        "   类型可写中文：",
    ]
    lines += [f"     {zh}（{en}）：{what}" for zh, en, what in KINDS_ZH]
    lines += [
        "   方向默认 >=（不低于）；也可写 >、<=、<。",
        "数字只写数字，单位写在单位列或名称括号中；与历史数据单位不同时自动换算并报告。",
        "没有历史数据的指标照常列出，结果标为 no_history（无法测算），不会猜测。",
        f"运行：ipcast run --targets 本文件.xlsx --region {region} --out 结果.xlsx",
    ]
    return lines


def write_target_template(path: Path, region: str, base: int = 2025, end: int = 2030) -> None:
    if region not in regions().index:
        raise KeyError(region)
    # only this command needs openpyxl; imported at the top it cost every command 0.2 s
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    name = regions().loc[region, "zh"]
    wb = Workbook()
    notes = wb.active
    notes.title = "说明"
    for line in _instructions(region):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    for title, rows, header_row in (
        ("指标表", _plan_rows(base, end, name), 2),
        ("逐条目标", _long_rows(region, base, end), 1),
    ):
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.freeze_panes = f"A{header_row + 1}"
        ws.column_dimensions["B"].width = 36
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as f:  # never overwrite a planner's file
        wb.save(f)
