"""A fill-in workbook for a region's own figures: one row per indicator, years as columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .catalog import indicator, regions
from .said import MEASURE_ZH

FIRST_YEAR = 2012
FIXED = ["地区", "指标代码", "指标名称", "单位", "口径"]


def template_rows(region: str, slugs: list[str]) -> list[list]:
    out = []
    for slug in slugs:
        row = indicator(slug)
        measure = "全年数值" if row["unit"] == "%" else MEASURE_ZH[row["measure"]]
        out.append([region, slug, row["zh"], row["unit"], measure])
    return out


def write_template(path: Path, region: str, slugs: list[str], last_year: int | None = None):
    if region not in regions().index:
        raise KeyError(region)
    last = last_year or date.today().year - 1
    years = [f"{y}年" for y in range(FIRST_YEAR, last + 1)]
    wb = Workbook()
    ws = wb.active
    ws.title = "历史数据"
    ws.append(FIXED + years + ["来源", "备注"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for r in template_rows(region, slugs):
        ws.append(r)
    ws.column_dimensions["C"].width = 30
    ws.freeze_panes = "F2"
    notes = wb.create_sheet("说明")
    for line in [
        "填写说明 / How to fill in",
        "每行一个指标，每列一个年份；只填数字，单位见“单位”列（如 件、万件、亿元）。",
        "One row per indicator, one column per year; numbers only, in the unit of the 单位 column.",
        "流量指标填全年合计；存量指标（如有效发明专利）填年末数。",
        "Flows: the year's total. Stocks (e.g. effective invention patents): the year-end figure.",
        "不知道的留空，不要填0或估计值。Leave unknown cells empty; never 0 or a guess.",
        "可改单位（如 万件），但要与指标相符。A unit may be changed (e.g. 万件) if it fits.",
        "导入 / import: ipcast import 本文件.xlsx --region " + region,
    ]:
        notes.append([line])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
