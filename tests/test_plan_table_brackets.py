"""A plan's indicator table as 昆山's might write it (the figures are test data, 测试数据): the
way of counting in brackets after the name (知识产权质押融资额（年均）), a name that fits two
indicators said in Chinese too, and a 基期值 of — (the plan gives none) not shown as a figure."""

from openpyxl import Workbook
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.table_names import match


def test_counting_words_in_brackets_leave_the_name_they_qualify():
    assert match("知识产权质押融资额（年均）")[0] == ["pledge_financing"]
    assert match("专利授权量（年均）")[0] == ["patent_grants"]
    assert match("发明专利授权量（累计）")[0] == ["invention_grants"]
    # a catalog name with its bracketed word is still itself
    assert match("著作权登记量（累计）")[0] == ["copyright_registrations_total"]


def _plan(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "主要指标"
    ws.append(["昆山市“十五五”知识产权发展规划主要指标（测试数据）"])
    ws.append(["序号", "指标名称", "单位", "基期值（2025年）", "目标值（2030年）"])
    ws.append([1, "知识产权质押融资额（年均）", "亿元", 27, 35])
    ws.append([2, "马德里商标国际注册（累计新增）", "件", "—", 700])
    wb.save(path)
    return path


def test_the_readings_say_the_kind_the_other_indicator_and_no_dash_base(home, tmp_path):
    res = CliRunner().invoke(app, ["targets", "--targets", str(_plan(tmp_path / "p.xlsx"))])
    assert res.exit_code == 0, res.output
    lines = res.stderr.splitlines()
    assert lines[1].startswith(
        "读取 第3行：“知识产权质押融资额(年均)”读作pledge_financing（知识产权质押融资额）；"
        "年均 2026/2030 35 亿元；年均，期间2026/2030；基期值27 (2025)："
    )
    assert lines[2].startswith(
        "读取 第4行：“马德里商标国际注册(累计新增)”读作madrid_registrations"
        "（马德里商标国际注册(新增)）；累计 2026/2030 700 件；该名称也可指madrid_stock"
        "（马德里商标国际注册量(累计)），如要选它，在“指标代码”列写上代码；累计，期间2026/2030 / "
    )
    assert "基期值—" not in res.stderr and "base —" not in res.stderr


def test_a_unit_written_with_the_way_of_counting_and_the_target_year_in_the_name():
    """（件，累计）, （亿元，年均）, 到2030年: the template's 说明 names 到2030年 as a word the
    name may carry, yet such a name, and a unit in brackets with the way of counting, found no
    indicator."""
    from ipcast.data.table_names import core, unit_in_name

    assert match("到2030年每万人口高价值发明专利拥有量")[0] == ["high_value_invention_per_10k"]
    assert match("每万人口高价值发明专利拥有量（到2030年）")[0] == ["high_value_invention_per_10k"]
    assert match("发明专利授权量（件，累计）")[0] == ["invention_grants"]
    assert match("知识产权质押融资额（亿元，年均）")[0] == ["pledge_financing"]
    assert core("知识产权质押融资额（亿元，年均）") == "知识产权质押融资额(年均)"
    assert unit_in_name("知识产权质押融资额（亿元，年均）") == "亿元"
    assert unit_in_name("发明专利授权量（累计，件）") == "件"
    assert core("专利授权量（件）") == "专利授权量"


def test_such_names_are_read_with_their_kind_year_and_unit(home, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "专栏1"
    ws.append(["昆山市“十五五”知识产权发展主要指标（测试数据）"])
    ws.append(["序号", "指标", "2025年", "2030年", "指标属性"])
    ws.append([1, "每万人口高价值发明专利拥有量（件，到2030年）", 41, "≥70", "预期性"])
    ws.append([2, "发明专利授权量（件，累计）", "—", "2.5万", "预期性"])
    ws.append([3, "知识产权质押融资额（亿元，年均）", 27, 35, "预期性"])
    wb.save(tmp_path / "p.xlsx")
    res = CliRunner().invoke(
        app, ["targets", "--targets", str(tmp_path / "p.xlsx"), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    import json

    got = [
        (t["indicator"], t["kind"], t["period"], t["threshold"], t["unit"])
        for t in json.loads(res.stdout)
    ]
    assert got == [
        ("high_value_invention_per_10k", "ratio", "2030", 70.0, "件/万人"),
        ("invention_grants", "cumulative", "2026/2030", 25000.0, "件"),
        ("pledge_financing", "average", "2026/2030", 35.0, "亿元"),
    ]


def test_the_span_and_the_way_of_counting_in_one_bracket_give_the_span(home, tmp_path):
    """发明专利授权量（2026-2030年累计） beside a 2024 base column was summed over 2025-2030: the
    span in its bracket was not read when 累计 came with it (累计发明专利授权量（2026-2030年）
    was)."""
    from ipcast.data.indicator_names import name_span

    assert name_span("发明专利授权量（2026-2030年累计）") == "2026-2030年"
    assert name_span("知识产权质押融资额（2026—2030年年均）") == "2026—2030年"
    assert name_span("著作权登记量累计（2026-2030年）") == "2026-2030年"
    assert name_span("发明专利授权量（2026-2030年累计件数）") is None  # not a way of counting
    wb = Workbook()
    ws = wb.active
    ws.append(["昆山市“十五五”知识产权发展主要指标（测试数据）"])
    ws.append(["序号", "指标名称", "单位", "2024年基期值", "2030年目标值"])
    ws.append([1, "发明专利授权量（2026-2030年累计）", "件", "", 2000])
    ws.append([2, "知识产权质押融资额（2026-2030年年均）", "亿元", "", 2])
    wb.save(tmp_path / "p.xlsx")
    res = CliRunner().invoke(
        app, ["targets", "--targets", str(tmp_path / "p.xlsx"), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    import json

    got = [(t["indicator"], t["kind"], t["period"]) for t in json.loads(res.stdout)]
    assert got == [
        ("invention_grants", "cumulative", "2026/2030"),
        ("pledge_financing", "average", "2026/2030"),
    ]
