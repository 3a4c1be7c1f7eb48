"""Where a plan table's header is found and what lies above it: the first 12 lines are searched,
a row of years under the names is merged into them, and the lines above the header are its
title (the span of a 累计 row comes from there)."""

import pandas as pd
import pytest

from ipcast.data.errors import InputError
from ipcast.data.plan_table_header import read_header
from ipcast.data.target_tables import load_targets


def _raw(lines: list[str]) -> pd.DataFrame:
    return pd.DataFrame([line.split(",") for line in lines], dtype=object)


def test_the_lines_above_a_two_row_header_are_its_title_and_the_rows_are_merged():
    raw = _raw(
        [
            "某县知识产权主要指标（2026—2030年）,,,,",
            ",,,,",
            "序号,指标名称,单位,基期值,目标值",
            ",,,2025年,2030年",
            "1,专利授权量,件,1012,1300",
        ]
    )
    h = read_header(raw, "t.csv")
    # the blank line is no title line, and neither header row is one
    assert h.title == ["某县知识产权主要指标(2026—2030年)"]  # brackets normalised
    assert h.names == ["序号", "指标名称", "单位", "基期值2025年", "目标值2030年"]
    assert h.line == 4  # the figures start on the line after the second header row
    assert ("两行表头（第3-4行）已合并", "two-row header (rows 3-4) merged") in h.notes
    assert [(c, p.text) for c, p in h.targets] == [(4, "2030年")]


def test_a_two_row_headers_target_column_without_a_year_is_refused_on_its_second_row(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        "标题,,,,\n序号,指标名称,单位,基期值,目标值\n,,,2025年,\n1,专利授权量,件,1012,1300\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="511722")
    assert e.value.where_zh.endswith("plan.csv，第3行，E列（目标值）")


def test_the_header_is_looked_for_in_the_first_12_lines_only():
    lines = ["序号,指标名称,单位,目标值（2030年）", "1,专利授权量,件,1300"]
    h = read_header(_raw([f"说明{i},,," for i in range(11)] + lines), "t.csv")
    assert (h.line, len(h.title)) == (12, 11)
    with pytest.raises(InputError) as e:
        read_header(_raw([f"说明{i},,," for i in range(12)] + lines), "t.csv")
    assert e.value.problem_zh.startswith("前12行中没有")


def test_a_header_with_no_row_under_it_finds_no_targets(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text("序号,指标名称,单位,目标值（2030年）\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p, region="511722")
    assert e.value.problem_zh == "没有找到任何目标"


def test_a_column_in_the_first_place_is_read(tmp_path):
    # 单位 in column A: 13 万件 is 130,000 件, read in the row's own unit
    p = tmp_path / "plan.csv"
    head = "单位,指标名称,基期值（2025年）,目标值（2030年）\n"
    p.write_text(head + "万件,专利授权量,10,13\n", encoding="utf-8")
    (t,) = load_targets(p, region="511722").targets
    assert (t.indicator, t.unit, t.threshold) == ("patent_grants", "万件", 13.0)


def test_a_row_of_years_under_the_names_with_no_figures_below_finds_no_targets(tmp_path):
    # merged, the years make the target columns; there is just no row to read
    p = tmp_path / "plan.csv"
    p.write_text("指标名称,,\n,2027年7月-2028年6月,2028年7月-2029年6月\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p, region="511722")
    assert e.value.problem_zh == "没有找到任何目标"
