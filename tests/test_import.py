"""Reading a planner's own files, and refusing bad ones with one clear line."""

import re

import pytest
from openpyxl import load_workbook

from ipcast.data.cells import CellError, parse_number
from ipcast.data.errors import InputError
from ipcast.data.readers import read_history_file
from ipcast.data.template import write_template


def _csv(tmp_path, text, name="h.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_wide_template_round_trip(tmp_path):
    p = tmp_path / "dazhou.xlsx"
    write_template(p, "dazhou", ["patent_grants", "effective_invention_patents"], last_year=2024)
    wb = load_workbook(p)
    ws = wb["历史数据"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["地区", "指标代码", "指标名称", "单位", "口径"]
    ws.cell(row=2, column=header.index("2023年") + 1, value=4321)
    ws.cell(row=2, column=header.index("2024年") + 1, value=4567.5)
    ws.cell(row=3, column=header.index("2024年") + 1, value=0.12)
    ws.cell(row=3, column=4, value="万件")
    wb.save(p)
    res = read_history_file(p)
    got = res.rows[["indicator", "period", "value", "unit", "period_type"]].values.tolist()
    assert got == [
        ["patent_grants", "2023", 4321.0, "件", "year"],
        ["patent_grants", "2024", 4567.5, "件", "year"],
        ["effective_invention_patents", "2024", 0.12, "万件", "asof"],
    ]
    assert any("wide layout" in line for line in res.report)


def test_long_csv_with_chinese_headers_in_gbk(tmp_path):
    text = "地区,指标,年份,数值,单位,来源\ndazhou,授权专利,2022年,3900,件,达州市市场监管局\n"
    p = _csv(tmp_path, text, encoding="gbk")
    rows = read_history_file(p).rows
    assert rows[["region", "indicator", "value", "source"]].values.tolist() == [
        ["dazhou", "patent_grants", 3900.0, "达州市市场监管局"]
    ]


def test_number_cells_read_as_a_person_reads_them():
    assert parse_number("4,500")[0] == 4500
    assert parse_number("4 500")[0] == 4500
    assert parse_number("４５００")[0] == 4500
    assert parse_number("1.2亿元")[:2] == (1.2, "亿元")
    assert parse_number("3.5亿")[:2] == (3.5, "亿元")
    assert parse_number("57万件")[:2] == (57, "万件")
    for missing in ("—", "/", "", "空", "-"):
        assert parse_number(missing)[0] is None
    for bad in ("4,50", "约4500", "4500左右", "4500以上", "4000-5000", "abc", "1.2斤"):
        with pytest.raises(CellError):
            parse_number(bad)


@pytest.mark.parametrize(
    "body,expect,expect_zh",
    [
        (
            "shanghaii,授权专利,2022,3900,件",
            "unknown region 'shanghaii'",
            "A列：无法识别的地区“shanghaii”",
        ),
        ("dazhou,专利数,2022,3900,件", "unknown indicator '专利数'", "B列：无法识别的指标“专利数”"),
        (
            "dazhou,授权专利,22年度,3900,件",
            "cannot read '22年度' as a period",
            "C列：无法识别的期间“22年度”",
        ),
        (
            "dazhou,授权专利,2022,3900,亿元",
            "unit '亿元' does not fit patent_grants",
            "E列：单位“亿元”与指标",
        ),
        (
            "dazhou,授权专利,2022,0.39,万",
            "column E: unknown unit '万'. Fix: write '万件'",
            "E列：无法识别的单位“万”。修改：写“万件”",
        ),
        (
            "dazhou,质押融资额,2022,3900,万",
            "column E: unknown unit '万'. Fix: write '万元'",
            "E列：无法识别的单位“万”。修改：写“万元”",
        ),
        (
            "dazhou,授权专利,2022,约3900,件",
            "'约3900' is not one exact figure",
            "D列：“约3900”不是一个确切数字。修改：只写数字",
        ),
        (
            "dazhou,授权专利,2022,3900,件\ndazhou,授权专利,2022年,3950,件",
            "two different figures",
            "第2行和第3行：授权专利（patent_grants）2022年有两个不同的数字（3900和3950）",
        ),
    ],
)
def test_bad_rows_are_refused_with_row_and_fix(tmp_path, body, expect, expect_zh):
    p = _csv(tmp_path, "地区,指标,年份,数值,单位\n" + body + "\n")
    with pytest.raises(InputError) as e:
        read_history_file(p)
    zh, en = str(e.value).split("\n")  # Chinese first, then English, one line each
    assert expect in en
    assert str(p) in en and re.search(r"rows? 2", en) and "Fix:" in en
    assert expect_zh in zh
    assert zh.startswith(f"文件 {p}，第2行") and "修改：" in zh


def test_a_repeated_identical_row_is_read_once(tmp_path):
    p = _csv(
        tmp_path,
        "地区,指标,年份,数值,单位\ndazhou,授权专利,2022,3900,件\ndazhou,授权专利,2022年,3900,件\n",
    )
    res = read_history_file(p)
    assert len(res.rows) == 1
    assert any("repeats row 2" in line for line in res.report)


def test_region_option_fills_a_missing_region_column(tmp_path):
    p = _csv(tmp_path, "指标,年份,数值,单位\n注册商标,2023,7100,件\n")
    rows = read_history_file(p, region="dazhou").rows
    assert rows["region"].tolist() == ["dazhou"]
    with pytest.raises(InputError, match="no region"):
        read_history_file(p)


def test_year_headers_as_a_bureau_writes_them_are_stored_as_years_and_forecast(tmp_path, home):
    from datetime import date

    from ipcast.data.history import combine
    from ipcast.data.periods import parse_period
    from ipcast.data.target_files import Target
    from ipcast.scenarios.engine import assess

    f = tmp_path / "宣汉县.csv"
    f.write_text(
        "指标名称,2021年,2022年,2023年度,2024年\n"
        "其中：发明专利授权量（件）,18,22,25,31\n"
        "1.专利授权量（件）,412,455,508,540\n",
        encoding="utf-8",
    )
    rows = read_history_file(f, "宣汉县").rows
    assert sorted({parse_period(p).start for p in rows["period"]}) == [2021, 2022, 2023, 2024]
    assert set(rows["indicator"]) == {"invention_grants", "patent_grants"}
    t = Target(
        plan="xh",
        region="511722",
        id="xh02",
        label_zh="专利授权量",
        label_en="grants",
        indicator="patent_grants",
        family="patent",
        kind="level",
        periods=(parse_period("2030"),),
        thresholds=(800.0,),
        comparator=">=",
        unit="件",
        quote="",
    )
    (rec,) = assess([t], combine(rows), 500, 0, today=date(2026, 12, 1))
    assert rec["status"] == "simulated" and rec["n_points"] == 4


def test_july_june_headers_are_stored_as_such_and_a_flow_over_them_says_why_unused(tmp_path, home):
    """2022年7月-2023年6月 headers are read (stored as 2022-07/2023-06). A stock at their end is
    a point; a flow over them is not a calendar year's, and the forecast says so and what to
    import instead, rather than 'no history'."""
    from ipcast.data.history import combine
    from ipcast.forecast.chain import forecast_series

    f = tmp_path / "宣汉县.csv"
    f.write_text(
        "指标名称,2022年7月-2023年6月,2023年7月-2024年6月\n"
        "专利授权量（件）,340,310\n"
        "有效发明专利（件）,120,150\n",
        encoding="utf-8",
    )
    rows = read_history_file(f, "宣汉县").rows
    assert sorted(set(rows["period"])) == ["2022-07/2023-06", "2023-07/2024-06"]
    h = combine(rows)
    stock = forecast_series(h, "511722", "effective_invention_patents", 200, 0)
    assert stock.obs.t.tolist() == [2023.5, 2024.5] and stock.paths is not None
    flow = forecast_series(h, "511722", "patent_grants", 200, 0)
    assert flow.paths is None
    assert flow.reason.startswith(
        "2 figure(s) for periods that are not calendar years (2022-07/2023-06, 2023-07/2024-06) "
        "not used"
    )


def test_figures_left_unused_are_counted_and_the_first_three_shown():
    """Excluded rows are the planner's choice and not counted; past three periods, "…"."""
    from types import SimpleNamespace

    from ipcast.forecast.steps import _unused_periods

    def obs(periods, annual=True, excluded=("2021",)):
        rows = [{"period": p, "exclude": False} for p in periods]
        return SimpleNamespace(
            annual=annual, unused=rows + [{"period": p, "exclude": True} for p in excluded]
        )

    spans = ["2021-07/2022-06", "2022-07/2023-06", "2023-07/2024-06", "2024-07/2025-06"]
    assert _unused_periods(obs(spans)) == (
        "4 figure(s) for periods that are not calendar years (2021-07/2022-06, 2022-07/2023-06, "
        "2023-07/2024-06 …) not used: a yearly figure is forecast by calendar year; import the "
        "bureau's calendar-year figures (2023, 2024 …)"
    )
    three = _unused_periods(obs(spans[:3], annual=False))
    assert three == (
        "3 figure(s) for spans rather than dates (2021-07/2022-06, 2022-07/2023-06, "
        "2023-07/2024-06) not used: a stock is read at a date; import it as at the year's end "
        "(2023年末) or a date (2025-06)"
    )
    assert _unused_periods(obs([])) == ""  # only excluded rows: nothing to explain


@pytest.mark.parametrize(
    "body,column",
    [
        ("shanghaii,授权专利,2022,3900,件", "column A: unknown region"),
        ("dazhou,专利数,2022,3900,件", "column B: unknown indicator"),
        ("dazhou,授权专利,2022-2023年度,3900,件", "column C: cannot read"),
        ("dazhou,授权专利,2022,3900,万", "column E: unknown unit"),
        ("dazhou,授权专利,2022,约3900,件", "column D: '约3900'"),
    ],
)
def test_an_error_names_the_cell_to_correct(tmp_path, body, column):
    # 地区 A, 指标 B, 年份 C, 数值 D, 单位 E: the region, indicator, period and unit are in their
    # own columns, not in the value's
    p = _csv(tmp_path, "地区,指标,年份,数值,单位\n" + body + "\n")
    with pytest.raises(InputError) as e:
        read_history_file(p)
    assert f"row 2, {column}" in str(e.value)


def test_a_bureau_sheet_with_a_sub_item_a_half_year_column_and_a_source_note(tmp_path):
    """开江县 as its bureau writes it: a title, units beside the names, 其中：发明专利 under
    专利授权量 (invention grants), 有效商标注册量（年末）, a 2024年1-6月 column (January to June,
    which once crashed the reader as 6 January), a '—' cell and a note naming the source."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["开江县知识产权主要指标统计表"])
    ws.append(["指标名称", "单位", "2022年", "2023年", "2024年1-6月"])
    ws.append(["专利授权量", "件", 198, 176, 95])
    ws.append(["  其中：发明专利", "件", "—", 15, 9])
    ws.append(["有效商标注册量（年末）", "万件", 0.38, 0.43, None])
    ws.append(["注：数据来源为开江县市场监督管理局统计年报。"])
    f = tmp_path / "开江.xlsx"
    wb.save(f)
    got = read_history_file(f)
    rows = got.rows
    seen = sorted(zip(rows["indicator"], rows["period"], rows["value"], strict=True))
    assert seen == [
        ("effective_trademarks", "2022", 0.38),
        ("effective_trademarks", "2023", 0.43),
        ("invention_grants", "2023", 15.0),
        ("invention_grants", "2024-01/2024-06", 9.0),
        ("patent_grants", "2022", 198.0),
        ("patent_grants", "2023", 176.0),
        ("patent_grants", "2024-01/2024-06", 95.0),
    ]
    assert set(rows["region"]) == {"511723"}
    assert set(rows["source"]) == {"开江县市场监督管理局统计年报"}
    report = got.report
    assert (
        "第4行：“其中:发明专利”读作发明专利授权量，为第3行“专利授权量”的其中项 / "
        "row 4: '其中:发明专利' read as 发明专利授权量, a sub-item of '专利授权量' (row 3)"
        in report
    )
    assert sum("sub-item" in line for line in report) == 1  # once a row, not once a cell
    assert (
        "第6行：所注来源“开江县市场监督管理局统计年报”用作未填来源的各数字的来源 / "
        "row 6: its source, '开江县市场监督管理局统计年报', taken as the source of the figures "
        "without a 来源 cell of their own"
    ) in report


def test_a_sub_item_takes_its_parents_counting_words():
    from ipcast.data.indicator_names import sub_item_name

    assert sub_item_name("其中：发明专利", "专利授权量") == "发明专利授权量"
    assert sub_item_name("其中:发明专利（件）", "有效专利拥有量（件）") == "有效发明专利拥有量"
    assert sub_item_name("发明专利", "专利授权量") is None  # not a 其中 row
    assert sub_item_name("其中：外观设计", "专利授权量") == "外观设计专利授权量"  # nothing shared


def test_a_per_10k_ratio_with_unit_jian_in_the_unit_column(tmp_path):
    """Bureaus write 每万人口发明专利拥有量 | 件 (as plans write (件) beside the name): read as
    件/万人, and said, rather than refused."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["天长市知识产权主要指标统计表"])
    ws.append(["指标名称", "单位", "2024年", "2025年"])
    ws.append(["每万人口发明专利拥有量", "件", 33.3, 36.8])
    f = tmp_path / "天长.xlsx"
    wb.save(f)
    got = read_history_file(f)
    rows = got.rows
    assert rows["unit"].tolist() == ["件/万人", "件/万人"]
    assert rows["value"].tolist() == [33.3, 36.8]
    assert (
        "第3行：每万人口指标的单位“件”读作件/万人 / "
        "row 3: 单位 '件' on a per-10k ratio read as 件/万人" in got.report
    )
