"""A plan writes a target's direction in its cell: ≥13000, 13000以上, 力争4000, 不超过5. Each is
the figure with its comparator, the reading said; a range (30-35) and 保持在90%以上 are refused
at their cell with a fix that fits them. Before, every one was refused with a fix that said
以上 cannot be read."""

import pytest

from ipcast.data.errors import InputError
from ipcast.data.target_tables import load_targets


def _plan(tmp_path, cell, name="专利授权量（件）", base=10600):
    p = tmp_path / "plan.csv"
    p.write_text(
        f"序号,指标名称,基期值（2025年）,目标值（2030年）\n1,{name},{base},{cell}\n", "utf-8"
    )
    return load_targets(p, region="绵阳")


@pytest.mark.parametrize(
    "cell, threshold, comparator",
    [
        ("≥13000", 13000.0, ">="),
        (">=13000", 13000.0, ">="),
        ("不低于13000", 13000.0, ">="),
        ("13000以上", 13000.0, ">="),
        ("力争13000", 13000.0, ">="),
        ("1.3万以上", 13000.0, ">="),
        ("不超过9000", 9000.0, "<="),
        ("≤9000", 9000.0, "<="),
        ("13000", 13000.0, ">="),
    ],
)
def test_a_direction_in_the_cell_is_read_with_its_figure(tmp_path, cell, threshold, comparator):
    got = _plan(tmp_path, cell)
    (t,) = got.targets
    assert (t.threshold, t.comparator, t.unit) == (threshold, comparator, "件")
    if cell != "13000":
        assert f"目标值“{cell}”读作" in t.reading


def test_strive_for_is_said(tmp_path):
    (t,) = _plan(tmp_path, "力争13000").targets
    assert "读作不低于13000（>=）（力争，争取达到）" in t.reading


@pytest.mark.parametrize(
    "cell, fix",
    [
        ("30-35", "范围不是一个目标值：写下限30（达到即算达标），或写上限35"),
        ("保持在90%以上", "“保持在……以上”无法读取"),
        ("约13000", "约数（约、左右）"),
        ("不低于5以下", "可写方向"),
    ],
)
def test_a_range_or_a_kept_level_is_refused_at_its_cell(tmp_path, cell, fix):
    with pytest.raises(InputError) as e:
        _plan(tmp_path, cell)
    assert e.value.where_zh.endswith("第2行，D列（目标值(2030年)）")
    assert f"“{cell}”不是一个确切数字" in e.value.zh and fix in e.value.fix_zh


def test_doubling_is_the_base_figure_times_two(tmp_path):
    """翻一番 was read as a target without a number (no_threshold): it is the base doubled."""
    (t,) = _plan(tmp_path, "翻一番", name="有效注册商标量（万件）").targets
    # base 10600 万件 x 2, in the row's unit
    assert (t.threshold, t.comparator, t.unit) == (21200.0, ">=", "万件")
    assert "目标值“翻一番”读作基期值10600的2倍：不低于21200" in t.reading
    (t,) = _plan(tmp_path, "翻两番").targets
    assert t.threshold == 42400.0


def test_doubling_without_a_base_figure_is_refused(tmp_path):
    p = tmp_path / "plan.csv"
    head = "序号,指标名称,基期值（2025年）,目标值（2030年）\n"
    p.write_text(head + "1,专利授权量,—,翻一番\n", "utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p, region="绵阳")
    assert e.value.where_zh.endswith("第2行，D列（目标值(2030年)）")
    assert "本行没有可读的基期值" in e.value.zh and "基期值的2倍" in e.value.fix_zh


def test_points_are_added_to_the_base_of_a_percent_row(tmp_path):
    """提高5个百分点 on a % row (satisfaction 85 %) is at least 90 %; on a 件 row it is refused."""
    (t,) = _plan(tmp_path, "提高5个百分点", name="知识产权保护社会满意度（%）", base=85).targets
    assert (t.threshold, t.comparator, t.unit) == (90.0, ">=", "%")
    assert "目标值“提高5个百分点”读作基期值85加5个百分点：不低于90" in t.reading
    with pytest.raises(InputError) as e:
        _plan(tmp_path, "提高5个百分点")
    assert "只用于单位为%的指标，本行单位是“件”" in e.value.zh
