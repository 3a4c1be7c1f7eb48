"""A plan table's unit slip and a pasted row are refused at their cells, Chinese first, with the
fix: both were judged as written (1300 万件 of patents for a county, P(hit) < 1 %; 专利授权量
twice, 1,300 and 1,400, counted as two targets)."""

import pytest

from ipcast.data.errors import InputError
from ipcast.data.plan_checks import _shown, check_plausible
from ipcast.data.target_tables import load_targets

HEAD = "序号,指标名称,单位,基期值（2025年）,目标值（2030年）\n"


def _load(tmp_path, rows: str):
    p = tmp_path / "plan.csv"
    p.write_text(HEAD + rows, encoding="utf-8")
    return load_targets(p, region="511722")


def test_a_target_no_region_could_reach_in_its_unit_is_refused_at_its_cell(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,专利授权量,万件,1012,1300\n")
    # 1,300 万件 = 13,000,000 件, above the catalog's 10,000,000 for any region's yearly grants
    assert e.value.where_zh.endswith("plan.csv，第2行，E列（目标值(2030年)）")
    assert e.value.problem_zh == (
        "目标1,300万件（即13,000,000件）对授权专利来说大得不合常理"
        "（高于全国任何地区一年的数字10,000,000件）"
    )
    assert e.value.fix_zh == "检查数字和单位：该行单位为万件，若数字以件计，把单位改为件"
    assert str(e.value).split("\n")[0].endswith(e.value.fix_zh)  # the Chinese line comes first


def test_a_cumulative_target_is_held_to_the_bound_per_year_of_its_span(tmp_path):
    # 4,000 万件 over 2026-2030 is 8,000,000 件 a year: within the bound, so read
    (t,) = _load(tmp_path, "1,累计新增专利授权量,万件,,4000\n").targets
    assert (t.kind, t.threshold, t.period.years) == ("cumulative", 4000.0, 5.0)
    with pytest.raises(InputError):
        _load(tmp_path, "1,累计新增专利授权量,万件,,6000\n")  # 12,000,000 a year


def test_a_row_pasted_twice_is_refused_naming_both_rows(tmp_path):
    with pytest.raises(InputError) as e:
        _load(tmp_path, "1,专利授权量,件,1012,1300\n2,专利授权量,件,1012,1400\n")
    assert e.value.where_zh.endswith("plan.csv，第3行")
    assert e.value.problem_zh == "与第2行重复：两行都是“专利授权量”，2030（目标值1,300和1,400）"
    assert e.value.fix_zh.startswith("删去第2行或第3行")


def test_one_indicator_twice_as_two_kinds_is_two_targets(tmp_path):
    loaded = _load(tmp_path, "1,专利授权量,件,1012,1300\n2,专利授权量年均增长,%,,5\n")
    assert [t.kind for t in loaded.targets] == ["level", "growth"]


def test_a_table_rows_english_name_says_what_the_plan_counts(tmp_path):
    """注册商标量年均增长 and 累计新增发明专利授权量 were 'Trademark registrations' and 'Invention
    patent grants' in English ('the chance that Trademark registrations reaches 6 %'): the
    English name now says the growth, the running total and every year, as the Chinese does."""
    rows = (
        "1,注册商标量年均增长,%,,6\n2,累计新增发明专利授权量,件,,500\n"
        "3,每年新增注册商标,件,,2300\n4,专利授权量,件,1012,1300\n"
    )
    got = [t.label_en for t in _load(tmp_path, rows).targets]
    assert got == [
        "Trademark registrations, yearly growth",
        "Invention patent grants, cumulative",
        "Trademark registrations, every year",
        "Patent grants (all three types)",
    ]


def test_the_bound_is_inclusive_and_held_to_a_level_target_as_written():
    """patent_grants' bound is 10,000,000 件 a year: 1,000 万件 is exactly it and read, 1,001 万件
    (10,010,000 件) is refused; a level target is not spread over any span."""
    check_plausible([1000.0], "level", "万件", "patent_grants", "2030", "t.csv")
    with pytest.raises(InputError):
        check_plausible([1001.0], "level", "万件", "patent_grants", "2030", "t.csv")


def test_a_cumulative_target_over_less_than_a_year_is_not_spread_thinner():
    # 6,000,000 件 over January-June: the bound is per year of its span, but never over less than
    # a year (6,000,000 / 0.5 would be 12,000,000, refused)
    check_plausible([6e6], "cumulative", "件", "patent_grants", "2026-01/2026-06", "t.csv")
    # and over five years 40,000,000 件 is 8,000,000 a year, read; 60,000,000 is refused
    check_plausible([4e7], "cumulative", "件", "patent_grants", "2026/2030", "t.csv")
    with pytest.raises(InputError):
        check_plausible([6e7], "cumulative", "件", "patent_grants", "2026/2030", "t.csv")


def test_blank_thresholds_growth_and_percentages_are_left_alone():
    check_plausible([None, 0.0, 5e6], "each_year", "件", "patent_grants", "2026", "t.csv")
    check_plausible([1e9], "growth", "件", "patent_grants", "2026/2030", "t.csv")
    check_plausible([1e9], "level", "%", "patent_grants", "2030", "t.csv")
    check_plausible([1e9], "level", "亿元", "patent_grants", "2030", "t.csv")  # no 件: not checked


def test_a_repeated_rows_targets_are_written_as_the_plan_wrote_them():
    assert _shown({"threshold": None}) == "—"
    assert _shown({"threshold": 1300.0}) == "1,300"
    assert _shown({"threshold": 0.0}) == "0"
    assert _shown({"threshold": [0.0, None, 1400.5]}) == "0/1,400.5"
