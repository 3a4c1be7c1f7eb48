"""Indicator names as bureaus and plans write them."""

import pytest

from ipcast.data.errors import InputError
from ipcast.data.indicator_names import (
    alias_table,
    closest,
    match_indicator,
    split_label,
    unknown_indicator_fix,
)
from ipcast.data.readers import read_history_file

# (as written in a plan, a statistical bulletin or a bureau's sheet, the slug it means)
SPELLINGS = [
    ("专利授权量", "patent_grants"),
    ("其中：发明专利授权量（件）", "invention_grants"),  # a sub-item of a bureau's table
    ("1.专利授权量", "patent_grants"),
    ("（二）注册商标量", "trademark_registrations"),
    ("一、有效发明专利拥有量", "effective_invention_patents"),
    ("专利授权量（件）", "patent_grants"),
    ("专利授权量(件)", "patent_grants"),
    ("专利授权数", "patent_grants"),
    ("2023年专利授权量", "patent_grants"),
    ("2023年度专利授权量", "patent_grants"),
    ("專利授權量", "patent_grants"),
    ("专利授权量/件", "patent_grants"),
    ("专利授权量 单位：件", "patent_grants"),
    ("授权专利", "patent_grants"),
    ("专利申请量", "patent_applications"),
    ("发明专利授权量", "invention_grants"),
    ("發明專利授權量", "invention_grants"),
    ("新增发明专利授权量", "invention_grants"),
    ("发明专利申请量", "invention_applications"),
    ("实用新型专利授权量", "utility_model_grants"),
    ("外观设计专利授权量（件）", "design_grants"),
    ("有效发明专利拥有量", "effective_invention_patents"),
    ("有效发明专利拥有数", "effective_invention_patents"),
    ("年末有效发明专利拥有量", "effective_invention_patents"),
    ("2023年末有效发明专利拥有量（件）", "effective_invention_patents"),
    ("每万人口发明专利拥有量", "invention_per_10k"),
    ("每万人有效发明专利拥有量", "invention_per_10k"),
    ("每万人口高价值发明专利拥有量", "high_value_invention_per_10k"),
    ("每万人口高价值发明专利拥有量（件）", "high_value_invention_per_10k"),
    ("每万人高质量发明专利拥有量", "high_value_invention_per_10k"),
    ("注册商标量", "trademark_registrations"),
    ("商标注册量", "trademark_registrations"),
    ("注册商标数", "trademark_registrations"),
    ("新增注册商标", "trademark_registrations"),
    ("有效注册商标量", "effective_trademarks"),
    ("有效注册商标数（件）", "effective_trademarks"),
    ("有效註冊商標量", "effective_trademarks"),
    ("有效注册商标总量", "effective_trademarks"),
    ("著作权登记量", "copyright_registrations"),
    ("著作权登记数", "copyright_registrations"),
    ("版权登记数量", "copyright_registrations"),
    ("版权登记数量(件)", "copyright_registrations"),
    ("版權登記數量（件）", "copyright_registrations"),
    ("作品登记量", "copyright_registrations"),
    ("作品著作权登记量", "copyright_registrations"),
    ("地理标志", "geographical_indications"),
    ("地理标志拥有量", "geographical_indications"),
    ("地理标志保护产品", "gi_products"),
    ("地理标志证明商标", "gi_trademarks"),
    ("知识产权质押融资额", "pledge_financing"),
    ("知识产权质押融资金额", "pledge_financing"),
    ("知识产权质押融资登记金额", "pledge_financing"),
    ("知识产权质押融资额（亿元）", "pledge_financing"),
    ("知识产权质押融资金额（万元）", "pledge_financing"),
    ("知識產權質押融資金額", "pledge_financing"),
    ("专利质押融资金额", "patent_pledge_financing"),
    ("PCT国际专利申请量", "pct_applications"),
    ("ＰＣＴ国际专利申请量", "pct_applications"),
    ("PCT国际申请数量", "pct_applications"),
    ("马德里商标国际注册量", "madrid_stock"),
    ("年度马德里商标国际注册量", "madrid_registrations"),
    ("中国驰名商标", "well_known_trademarks"),
    ("常住人口（万人）", "population"),
    ("年末常住人口", "population"),
    ("patent_grants", "patent_grants"),
    ("Patent grants (all three types)", "patent_grants"),
]


def test_at_least_forty_spellings():
    assert len(SPELLINGS) >= 40


@pytest.mark.parametrize("name, slug", SPELLINGS)
def test_real_world_spellings(name, slug):
    assert match_indicator(name) == slug


@pytest.mark.parametrize("name", ["商标申请量", "户籍人口", "企业数", "人口", "专利"])
def test_names_that_mean_something_else_are_not_guessed(name):
    # 商标申请 are applications, not registrations; 户籍人口 is not the resident population
    assert match_indicator(name) is None


def test_units_in_labels():
    assert split_label("知识产权质押融资金额（万元）") == ("知识产权质押融资金额", "万元")
    assert split_label("专利授权量【件】")[1] == "件"
    assert split_label("专利授权量")[1] is None


def test_alias_table_is_consistent():
    # load refuses two names that fold alike but mean different slugs; every catalog zh is in
    table = alias_table()
    assert table[next(k for k in table if k == "专利授权")] == "patent_grants"


def test_closest_names_and_the_fix():
    near = closest("商标申请量")
    assert len(near) == 3
    assert any("trademark" in n for n in near)
    zh, fix = unknown_indicator_fix("商标申请量")
    assert "--map '商标申请量=" in fix
    assert "ipcast import FILE --map" in fix
    assert zh.startswith("最接近的：") and "ipcast import FILE --map '商标申请量=" in zh


def test_user_mapping_wins():
    assert match_indicator("商标申请量", {"商标申请量": "trademark_registrations"}) == (
        "trademark_registrations"
    )


def _bureau_sheet(path, rows, title="宣汉县知识产权主要指标（测试数据）", years=None):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([title])
    ws.append(["指标名称", *(years or ["2021年", "2022年", "2023年度"])])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_bureau_sheet_with_units_in_names_and_a_year_column(tmp_path):
    p = _bureau_sheet(
        tmp_path / "b.xlsx",
        [
            ["专利授权量（件）", 210, 260, 300],
            ["知识产权质押融资金额（万元）", 1000, 1500, 2500],
            ["每万人口高价值发明专利拥有量（件）", 1.1, 1.3, 1.6],
            ["版權登記數量", 30, 40, 35],
        ],
    )
    res = read_history_file(p)
    rows = res.rows
    assert set(rows["region"]) == {"511722"}
    assert sorted(rows["period"].unique()) == ["2021", "2022", "2023"]  # 2021年, 2023年度 read
    pledge = rows[rows["indicator"] == "pledge_financing"]
    assert pledge["unit"].tolist() == ["万元"] * 3
    assert pledge["value"].tolist() == [1000.0, 1500.0, 2500.0]
    ratio = rows[rows["indicator"] == "high_value_invention_per_10k"]
    assert ratio["unit"].tolist() == ["件/万人"] * 3
    assert len(rows[rows["indicator"] == "copyright_registrations"]) == 3
    assert any("'2023年度' read as the period 2023" in line for line in res.report)
    # The Chinese half names the column as a Chinese reader does (D列), not "column D".
    (said,) = [line for line in res.report if "'2023年度' read as the period" in line]
    assert said.startswith("D列表头“2023年度”读作期间2023 / column D header")
    assert any("宣汉县 (511722" in line for line in res.report)


def test_a_year_header_that_is_not_a_period_is_refused(tmp_path):
    p = _bureau_sheet(
        tmp_path / "b.xlsx", [["专利授权量", 1, 2, 3]], years=["2021年", "2022年", "2023年预计"]
    )
    with pytest.raises(InputError) as e:
        read_history_file(p)
    assert "column D" in e.value.where
    assert "2023年预计" in e.value.problem


def test_unknown_indicator_in_a_sheet_names_three_closest_and_the_mapping(tmp_path):
    p = _bureau_sheet(tmp_path / "b.xlsx", [["商标申请量（件）", 1, 2, 3]])
    with pytest.raises(InputError) as e:
        read_history_file(p)
    assert "row 3" in e.value.where
    assert e.value.fix.count("(") >= 3 and "--map" in e.value.fix
    res = read_history_file(p, names={"商标申请量": "trademark_registrations"})
    assert set(res.rows["indicator"]) == {"trademark_registrations"}


def test_a_counting_ending_is_dropped_only_when_two_characters_stay():
    """量, 数, 数量 … end many names (商标量, 商标数): the key drops one, but never leaves a
    single character (总量 stays, 产量 stays)."""
    from ipcast.data.indicator_names import name_key

    assert name_key("商标量") == name_key("商标数") == name_key("商标数量") == "商标"
    assert name_key("总量") == "总量" and name_key("产量") == "产量"
    assert name_key("有效商标注册量（年末）") == name_key("有效商标注册量") == "有效商标注册"


@pytest.mark.parametrize(
    "name, slug",
    [
        ("有效商标注册量（2023年末）", "effective_trademarks"),
        ("有效商标注册量（年末）", "effective_trademarks"),
        ("专利授权量（2023年）", "patent_grants"),
        ("有效发明专利拥有量(截至2023年底)", "effective_invention_patents"),
        ("知识产权托管企业（年度）", "new_trusteeship_firms"),  # 年度 tells the flow: kept
    ],
)
def test_a_date_in_brackets_after_a_name_does_not_hide_it(name, slug):
    from ipcast.data.indicator_names import match_indicator

    assert match_indicator(name) == slug
