"""Bad input is refused Chinese first, then English: each half names the file, the sheet, the
row and the column, what is wrong and the fix. The files are small test tables (测试数据)
written here."""

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.cells import CellError, parse_number
from ipcast.data.errors import InputError
from ipcast.data.readers import read_history_file
from ipcast.data.said import place
from ipcast.data.target_files import load_path
from ipcast.data.target_tables import load_targets


def _xlsx(path, title, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_an_error_is_its_chinese_line_then_its_english_line():
    e = InputError(
        ("文件 t.csv，第3行", "t.csv, row 3"),
        ("数字为负", "negative figure"),
        ("检查正负号", "check the sign"),
    )
    assert (e.where, e.problem, e.fix) == ("t.csv, row 3", "negative figure", "check the sign")
    assert str(e).split("\n") == [
        "文件 t.csv，第3行：数字为负。修改：检查正负号",
        "t.csv, row 3: negative figure. Fix: check the sign",
    ]
    # an option is the same in both languages; an error said in English alone stays one line
    assert InputError("--seed", ("是负数", "is negative"), ("改正", "fix it")).zh == (
        "--seed：是负数。修改：改正"
    )
    old = InputError("--seed", "is negative", "fix it")
    assert (old.zh, str(old)) == (None, "--seed: is negative. Fix: fix it")


def test_a_cell_error_said_at_its_place_keeps_both_languages():
    with pytest.raises(CellError) as e:
        parse_number("约4500")
    moved = e.value.at(place("t.xlsx, sheet 历史数据", 7, 3, "2023"))
    assert moved.zh.startswith(
        "文件 t.xlsx，工作表 历史数据，第7行，D列（2023）：“约4500”不是一个确切数字。"
    )
    assert "修改：只写数字（如4500），单位写在“单位”列" in moved.zh
    assert moved.en.startswith(
        "t.xlsx, sheet 历史数据, row 7, column D (2023): '约4500' is not one exact figure. "
        "Fix: write the number alone"
    )


def test_a_bad_figure_in_a_workbook_names_its_sheet_row_and_column_in_both(tmp_path):
    # a title row, the header on row 2, figures from row 3: 约3900 is on row 4, column D (2023)
    p = _xlsx(
        tmp_path / "h.xlsx",
        "历史数据",
        [
            ["测试数据：达州市知识产权主要指标"],
            ["地区", "指标", "2022", "2023"],
            ["dazhou", "授权专利", 3500, 3700],
            ["dazhou", "有效注册商标", 90000, "约3900"],
        ],
    )
    with pytest.raises(InputError) as e:
        read_history_file(p)
    zh, en = str(e.value).split("\n")
    assert zh.startswith(
        f"文件 {p}，工作表 历史数据，第4行，D列（2023）：“约3900”不是一个确切数字。"
    )
    assert "修改：只写数字" in zh
    assert en.startswith(f"{p}, sheet 历史数据, row 4, column D (2023): '约3900' is not one exact")


def test_a_unit_the_row_cannot_take_names_the_unit_cell(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("地区,指标,年份,数值,单位\ndazhou,授权专利,2022,3900,斤\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_history_file(p)
    assert e.value.where_zh == f"文件 {p}，第2行，E列"
    assert e.value.problem_zh == "无法识别的单位“斤”"
    assert e.value.fix_zh.startswith("改用以下单位之一：件、万件")
    assert e.value.where == f"{p}, row 2, column E" and e.value.problem == "unknown unit '斤'"


def test_a_plan_tables_inexact_target_names_its_cell_in_both(tmp_path):
    p = _xlsx(
        tmp_path / "plan.xlsx",
        "指标表",
        [
            ["测试数据：广汉市知识产权规划（2026-2030年）主要指标"],
            ["序号", "指标名称", "基期值（2025年）", "目标值（2030年）"],
            [1, "专利授权量（件）", 1500, 2000],
            [2, "有效注册商标量（件）", 9000, "约1.4万"],
        ],
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="广汉")
    assert e.value.zh.startswith(
        f"文件 {p}，工作表 指标表，第4行，D列（目标值(2030年)）：“约1.4万”不是一个确切数字。修改："
    )
    assert e.value.en.startswith(
        f"{p}, sheet 指标表, row 4, column D (目标值(2030年)): '约1.4万' is not one exact figure."
    )


def test_a_kind_word_in_a_figure_says_where_the_kind_goes_in_both(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,指标名称,基期值（2025年）,目标值（2030年）\n1,发明专利授权量,300,累计2000\n", "utf-8"
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="广汉")
    assert e.value.where_zh == f"文件 {p}，第2行，D列（目标值(2030年)）"
    assert e.value.fix_zh == (
        "只写数字（2000），把类型写进指标名称（发明专利授权量累计（2026-2030年））或“类型”列"
    )
    assert e.value.fix.startswith("write the number alone (2000) and the kind in the indicator")


def test_a_target_column_without_a_year_names_the_header_cell(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text("序号,指标名称,基期值,目标值\n1,专利授权量,2900,3800\n", "utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p, region="广汉")
    assert e.value.where_zh == f"文件 {p}，第1行，D列（目标值）"
    assert e.value.problem_zh == "目标值列的表头没有写年份"
    assert e.value.fix_zh == "在表头写上年份，如“目标值（2030年）”"
    assert e.value.where == f"{p}, row 1, column D (目标值)"
    assert e.value.problem == "the target column names no year"


def test_a_target_id_used_twice_names_the_second_row(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(
        "编号,地区,指标,类型,期间,目标值,单位\n"
        "a,成都,授权专利,水平,2025,5,件\n"
        "a,成都,授权专利,水平,2026,6,件\n",
        "utf-8",
    )
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.zh == (
        f"文件 {p}，第3行，A列：目标编号“a”用了两次。"
        "修改：每个目标用不同的编号（同一逐年目标的各行共用一个编号）"
    )
    assert e.value.where == f"{p}, row 3, column A"


def test_a_yaml_targets_bad_unit_names_the_target_and_key_in_both(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text(
        "region: chengdu\ntargets:\n- id: x\n  label_zh: 专利授权量\n  indicator: patent_grants\n"
        "  kind: level\n  period: 2026\n  threshold: 60000\n  unit: 亿元\n  quote: q\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        load_path(p)
    assert e.value.where_zh == f"文件 {p}，第1个目标（x），字段“unit”"
    assert e.value.problem_zh == "单位“亿元”与指标patent_grants不符"
    assert e.value.where == f"{p} target 1 (x) key 'unit'"


def test_the_cli_prints_the_chinese_line_then_the_english_line(tmp_path, home):
    p = tmp_path / "h.csv"
    p.write_text("地区,指标,年份,数值,单位\ndazhou,授权专利,2022,-5,件\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["import", str(p), "--dry-run"])
    assert res.exit_code == 2
    assert res.output.splitlines() == [
        f"错误：文件 {p}，第2行，D列：数字为负（-5）。修改：数量和金额不会是负数；请检查正负号",
        f"error: {p}, row 2, column D: negative figure -5. Fix: counts and amounts are never "
        "negative; check the sign",
    ]


def test_a_scenarios_intensity_out_of_range_names_its_key_in_both(tmp_path):
    from ipcast.scenarios.levers import lever_catalog, load_scenario

    lever = sorted(k for k, lv in lever_catalog().items() if lv.kind == "lever")[0]
    p = tmp_path / "s.yaml"
    p.write_text(f"name: t\nlevers:\n  {lever}: 1.5\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_scenario(str(p))
    assert e.value.zh == (
        f"文件 {p}，字段“levers.{lever}”：强度为1.5。修改：给0（关闭）到1（全力）之间的数字"
    )
    assert e.value.en == (
        f"{p} key 'levers.{lever}': intensity 1.5. Fix: give a number from 0 (off) to 1 (full)"
    )


# Every form the period fix names, and the span it is read as (hand-worked: months are twelfths).
PERIOD_FORMS = {
    "2026": (2026, 2027),
    "2026年": (2026, 2027),
    "2026H1": (2026, 2026.5),
    "2026年上半年": (2026, 2026.5),
    "2026Q1": (2026, 2026.25),
    "2026-06": (2026 + 5 / 12, 2026.5),
    "2026年1-10月": (2026, 2026 + 10 / 12),
    "2024-2026": (2024, 2027),
    "2024/2026": (2024, 2027),
    "2024-2026年": (2024, 2027),
    "2022-07/2023-06": (2022.5, 2023.5),
    "2022年7月-2023年6月": (2022.5, 2023.5),
}


def test_the_period_fix_names_only_forms_that_are_read():
    from ipcast.data.periods import WRITE_AS, parse_period

    for text, (start, end) in PERIOD_FORMS.items():
        assert text in WRITE_AS[0] and text in WRITE_AS[1], text
        p = parse_period(text)
        assert (p.start, p.end) == pytest.approx((start, end)), text
    day = parse_period("2020-11-01")  # a day: the end of 1 November, 306th day of 366
    assert "2020-11-01（一天）" in WRITE_AS[0]
    assert day.end == pytest.approx(2020 + 306 / 366)


@pytest.mark.parametrize(
    "text,zh,en",
    [
        ("22年度", "无法识别的期间“22年度”", "cannot read '22年度' as a period"),
        ("2026/2024", "期间“2026/2024”的结束早于开始", "period '2026/2024' ends before it starts"),
        ("2025-13", "月份13不在1-12之间", "month 13 is not 1-12"),
        ("2025-02-30", "没有2025-02-30这一天", "day is out of range for month"),
    ],
)
def test_a_bad_period_in_a_history_file_is_said_in_chinese_with_the_forms_read(
    tmp_path, text, zh, en
):
    from ipcast.data.periods import WRITE_AS

    p = tmp_path / "h.csv"
    p.write_text(f"地区,指标,年份,数值,单位\ndazhou,授权专利,{text},3900,件\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_history_file(p)
    assert e.value.zh == f"文件 {p}，第2行，C列：{zh}。修改：{WRITE_AS[0]}"
    assert e.value.zh.endswith(
        "2024-2026（2024/2026、2024-2026年）、2022-07/2023-06"
        "（2022年7月-2023年6月）或2020-11-01（一天）"
    )
    assert e.value.en == f"{p}, row 2, column C: {en}. Fix: {WRITE_AS[1]}"


def test_a_yaml_targets_bad_period_names_the_target_and_key_in_both(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_text(
        "region: chengdu\ntargets:\n- id: x\n  label_zh: 专利授权量\n  indicator: patent_grants\n"
        "  kind: level\n  period: 2030/2026\n  threshold: 60000\n  unit: 件\n  quote: q\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        load_path(p)
    assert e.value.zh.startswith(
        f"文件 {p}，第1个目标（x），字段“period”：期间“2030/2026”的结束早于开始。"
        "修改：期间写作2026、"
    )
    assert e.value.en.startswith(
        f"{p} target 1 (x) key 'period': period '2030/2026' ends before it starts. Fix: write "
        "the period as 2026, 2026年"
    )
