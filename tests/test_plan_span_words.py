"""The span a plan table's running total is written with (累计（2026-2030年）): from the year after
the base year to the target year, put before the unit where a planner writes it."""

from ipcast.data.periods import parse_period
from ipcast.data.plan_kinds import named, span_words
from ipcast.data.plan_table_header import Header


def _header(base: str | None) -> Header:
    return Header(line=3, names=[], name_col=0, base=(2, parse_period(base)) if base else None)


def test_span_from_the_year_after_the_base_to_the_target_year():
    assert span_words(_header("2025"), parse_period("2030")) == "（2026-2030年）"
    assert span_words(_header("2023"), parse_period("2026")) == "（2024-2026年）"


def test_no_span_without_a_base_or_a_target():
    assert span_words(_header(None), parse_period("2030")) == ""
    assert span_words(_header("2025"), None) == ""


def test_the_span_goes_before_the_unit_in_a_plans_brackets():
    words = "（2026-2030年）"
    assert named("累计知识产权质押融资金额(亿元)", words) == (
        "累计知识产权质押融资金额（2026-2030年）（亿元）"
    )
    assert named("累计知识产权质押融资金额 （亿元）", words) == (
        "累计知识产权质押融资金额（2026-2030年）（亿元）"
    )
    assert named("累计知识产权质押融资金额", words) == "累计知识产权质押融资金额（2026-2030年）"
    # two bracket groups: before the last, the unit
    assert named("专利代理机构数量(含分支机构)(个)", "累计" + words) == (
        "专利代理机构数量(含分支机构)累计（2026-2030年）（个）"
    )
