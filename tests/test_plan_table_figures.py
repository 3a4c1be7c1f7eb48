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
    assert "'22万' in a row in %" in e.value.problem and "不能写“万”" in e.value.problem
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
