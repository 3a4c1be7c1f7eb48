"""Target cells of a plan's indicator table written as planners write them: 22万 in a row of 件,
2.2万件, 1.5亿元 in a row of 元; refused, at the cell and with the fix, where 万 makes no figure
in the row's unit or two."""

import pytest

from ipcast.data import units
from ipcast.data.errors import InputError
from ipcast.data.target_tables import load_targets

HEAD = "序号,指标名称,基期值（2025年）,目标值（2030年）\n"


def _load(tmp_path, rows: str):
    p = tmp_path / "plan.csv"
    p.write_text(HEAD + rows, encoding="utf-8")
    return load_targets(p, region="330122")


def test_a_bare_wan_or_yi_counts_in_the_rows_unit(tmp_path):
    loaded = _load(
        tmp_path,
        "1,专利授权量（件）,,22万\n"
        "2,发明专利授权量（件）,,2.2万件\n"
        "3,知识产权质押融资金额（元）,,1.5亿元\n"
        "4,知识产权质押融资金额（万元）,,1.5亿\n"
        "5,商标注册量（件）,,0.07万\n",
    )
    got = [(t.indicator, t.threshold, t.unit) for t in loaded.targets]
    assert got == [
        ("patent_grants", 220000.0, "件"),  # 22 x 10^4
        ("invention_grants", 22000.0, "件"),  # 2.2 x 10^4
        ("pledge_financing", 150000000.0, "元"),  # 1.5 x 10^8
        ("pledge_financing", 15000.0, "万元"),  # 1.5亿元 = 1.5 x 10^8 / 10^4 万元
        ("trademark_registrations", 700.0, "件"),  # 0.07 x 10^4, not 700.0000000000001
    ]
    report = "\n".join(loaded.report)
    assert "22万 read as 220,000 件" in report
    assert "1.5亿元 converted to 150,000,000 元" in report  # not 1.5e+08元


def test_wan_in_a_percent_row_is_refused_at_its_cell(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,专利授权量年均增长（%）,,22万\n")
    assert e.value.where.endswith("row 2, column D (目标值(2030年))")
    assert "'22万' in a row in %" in e.value.problem and "不能写“万”" in e.value.problem_zh
    assert e.value.where_zh.endswith("，第2行，D列（目标值(2030年)）")
    assert "write the figure in % alone (e.g. 22)" in e.value.fix


def test_wan_in_a_row_already_in_wan_gives_the_figure_to_write(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,专利授权量（万件）,,22万\n")
    assert e.value.where.endswith("row 2, column D (目标值(2030年))")
    assert "write 22 (22万件 in 万件), or give the row the unit 件" in e.value.fix


def test_the_factor_of_a_bare_wan_or_yi():
    assert units.times("万", "件") == 1e4
    assert units.times("万", "元") == 1e4
    assert units.times("亿", "家") == 1e8
    assert units.times("亿", "万元") == 1e4  # 1.5亿 of money is 1.5亿元
    assert units.times("万", "万件") is None
    assert units.times("万", "%") is None
    assert units.times("万", "件/万人") is None
    assert units.single("万件") == "件" and units.single("亿元") == "元"
    assert units.single("%") is None


def test_a_figure_with_its_unit_keeps_every_digit_the_plan_wrote(tmp_path):
    """Cleaning the float product (0.07万 is 700, not 700.0000000000001) must not round what was
    written: 12,345,678,901.23 元 has 13 significant figures (and 234.5678万 件 seven: a plausible
    county figure, as 1234.5678万, above any region's yearly grants, is not)."""
    loaded = _load(
        tmp_path,
        "1,知识产权质押融资金额（元）,,12345678901.23元\n"
        "2,专利授权量（件）,,234.5678万\n"
        "3,知识产权质押融资金额（万元）,,1.15亿元\n",
    )
    assert [t.threshold for t in loaded.targets] == [12345678901.23, 2345678.0, 11500.0]
    report = "\n".join(loaded.report)
    # the cell quoted as written, not to six figures (1234.57万)
    assert "234.5678万 read as 2,345,678 件" in report
    assert "1.15亿元 converted to 11,500 万元" in report


def test_the_figure_to_write_in_a_row_already_in_wan_is_not_rounded(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,专利授权量（万件）,,22.123456万\n")
    assert (
        e.value.problem
        == "'22.123456万' in a row already in 万件: 22.123456万件 or 22.123456万万件?"
    )
    assert e.value.problem_zh == (
        "单位已是万件，“22.123456万”有两种读法（22.123456万件或22.123456万万件）"
    )
    assert e.value.fix == "write 22.123456 (22.123456万件 in 万件), or give the row the unit 件"
    assert e.value.fix_zh == "写22.123456（即22.123456万件，以万件计），或把该行单位改为件"


def test_wan_in_a_wan_yuan_row_is_refused_with_both_readings(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,知识产权质押融资金额（亿元）,,22万\n")
    assert e.value.where.endswith("row 2, column D (目标值(2030年))")
    # 22万元 is 0.0022亿元 (22 x 10^4 / 10^8)
    assert e.value.fix == "write 0.0022 (22万元 in 亿元), or give the row the unit 元"
    assert e.value.fix_zh == "写0.0022（即22万元，以亿元计），或把该行单位改为元"


def test_wan_in_a_percent_row_says_the_fix_in_both_languages(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,专利授权量年均增长（%）,,-2.5万\n")
    assert e.value.problem == (
        "'-2.5万' in a row in %: 万 and 亿 count things (件) or money (元), not %"
    )
    assert e.value.problem_zh == "单位为%的指标不能写“万”"
    assert e.value.fix == (
        "write the figure in % alone (e.g. -2.5), or correct the row's unit if it counts things"
    )
    assert e.value.fix_zh == "只写以%计的数字（如-2.5），或改正该行的单位"


def test_a_cell_in_a_unit_the_row_cannot_take_is_refused_in_both_languages(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,专利授权量（件）,,1.5亿元\n")
    assert e.value.where.endswith("row 2, column D (目标值(2030年))")
    assert e.value.problem == "the cell says 亿元 but the row is in 件"
    assert e.value.problem_zh == "单元格写的是亿元，该行单位是件"
    assert e.value.fix == "write the figure in 件 alone, or correct the row's unit"
    assert e.value.fix_zh == "只写以件计的数字，或改正该行的单位"


def test_a_negative_or_zero_figure_with_wan(tmp_path):
    loaded = _load(tmp_path, "1,专利授权量（件）,,-0.5万\n2,商标注册量（件）,,0万\n")
    assert [t.threshold for t in loaded.targets] == [-5000.0, 0.0]


def test_each_years_figures_joined_by_a_slash_may_be_written_with_wan(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,指标名称,类型,期间,目标值\n"
        '1,专利授权量（件）,逐年,"2025,2026",22万/23.5万\n'
        '2,知识产权质押融资金额（万元）,逐年,"2025,2026",1.5亿/16000\n',
        encoding="utf-8",
    )
    loaded = load_targets(p, region="330122")
    got = [(t.kind, t.thresholds, t.unit) for t in loaded.targets]
    assert got == [
        ("each_year", (220000.0, 235000.0), "件"),
        ("each_year", (15000.0, 16000.0), "万元"),  # 1.5亿元 is 15,000 万元
    ]
    report = "\n".join(loaded.report)
    assert "22万 read as 220,000 件" in report and "23.5万 read as 235,000 件" in report
    # refused like one figure, at its cell
    p.write_text(
        '序号,指标名称,类型,期间,目标值\n1,专利授权量（万件）,逐年,"2025,2026",22/23万\n', "utf-8"
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="330122")
    assert e.value.where.endswith("row 2, column E (目标值)")
    assert "write 23 (23万件 in 万件)" in e.value.fix


def test_a_figure_of_a_slash_joined_cell_that_is_no_number_is_refused_at_its_cell(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        '序号,指标名称,类型,期间,目标值\n1,专利授权量（件）,逐年,"2025,2026",1.2.3/4\n', "utf-8"
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="330122")
    assert e.value.where == f"{p}, row 2, column E (目标值)"
    assert e.value.problem == "'1.2.3' is not one exact figure"
