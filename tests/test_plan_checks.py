"""A plan table's unit slip and a pasted row are refused at their cells, Chinese first, with the
fix: both were judged as written (1300 万件 of patents for a county, P(hit) < 1 %; 专利授权量
twice, 1,300 and 1,400, counted as two targets)."""

import pytest

from ipcast.data.errors import InputError
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
