"""A bureau's sheet with the years down its rows and an indicator across (年份 | 知识产权质押融资
金额 | 单位 | 同比增长(%) | 备注), 万元 before 2021 and 亿元 after, a note giving the source under
it: each figure is read with its row's unit, the rate column left unread. Before, the import
stopped: no header row (looked for 指标 or 数值)."""

import openpyxl
import pytest

from ipcast.data import units
from ipcast.data.errors import InputError
from ipcast.data.readers import read_history_file


def _book(tmp_path, extra_column=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["绵阳市知识产权质押融资情况（测试数据）"])
    head = ["年份", "知识产权质押融资金额", "单位", "同比增长(%)", "备注"]
    ws.append(head + ([extra_column] if extra_column else []))
    ws.append(["2020年", "90500", "万元", "33.1", "万元口径"])
    ws.append(["2021年", 11.8, "亿元", "30.4", "改为亿元口径"])
    ws.append(["2026年1-9月", "19.6", "亿元", "", "前三季度"])
    ws.append(["注：数据来源为绵阳市金融工作局（测试数据）"])
    p = tmp_path / "质押.xlsx"
    wb.save(p)
    return p


def test_years_down_the_rows_are_read_with_each_rows_unit(tmp_path):
    got = read_history_file(_book(tmp_path))
    rows = got.rows
    assert list(rows["indicator"]) == ["pledge_financing"] * 3
    assert list(rows["period"]) == ["2020", "2021", "2026-01/2026-09"]
    assert list(rows["region"]) == ["510700"] * 3
    in_yi = [units.convert(v, u, "亿元") for v, u in zip(rows["value"], rows["unit"], strict=True)]
    assert in_yi == pytest.approx([9.05, 11.8, 19.6])
    assert set(rows["source"]) == {"绵阳市金融工作局(测试数据)"}
    said = "\n".join(got.report)
    assert "年份在行、指标在列：B列“知识产权质押融资金额”" in said
    assert "第6行未读：说明行" in said


def test_one_unit_column_for_two_indicators_is_refused(tmp_path):
    with pytest.raises(InputError) as e:
        read_history_file(_book(tmp_path, extra_column="专利授权量"))
    assert "一个“单位”列对应2个指标列" in e.value.zh
    assert e.value.where_zh.endswith("第2行，C列")
