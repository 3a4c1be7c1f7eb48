"""A plan whose years run July-June (达州's way), its indicator table's target column headed
目标值（2029年7月-2030年6月）: each row's target is that July-June year, not calendar 2029."""

import pytest

from ipcast.data.errors import InputError
from ipcast.data.target_tables import load_targets


def test_a_july_june_target_column_keeps_its_months(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,指标名称,单位,基期值（2025年7月-2026年6月）,目标值（2029年7月-2030年6月）\n"
        "1,专利授权量,件,1012,1300\n"
        "2,有效发明专利拥有量,件,590,950\n"
        "3,每年新增注册商标,件,,2300\n"
        "4,累计新增发明专利授权量,件,,500\n",
        encoding="utf-8",
    )
    got = {t.indicator + ":" + t.kind: t for t in load_targets(p, region="511722").targets}
    level = got["patent_grants:level"]
    # 2029-07..2030-06 is [2029.5, 2030.5) in decimal years; calendar 2029 would be [2029, 2030).
    assert (level.period.start, level.period.end) == (2029.5, 2030.5)
    # A stock is read at the end of the year's last month, June 2030: 2030.5.
    stock = got["effective_invention_patents:stock"]
    assert stock.period.end == pytest.approx(2030.5)
    each = got["trademark_registrations:each_year"]
    assert [(q.start, q.end) for q in each.periods] == [
        (2026.5, 2027.5),
        (2027.5, 2028.5),
        (2028.5, 2029.5),
        (2029.5, 2030.5),
    ]
    total = got["invention_grants:cumulative"]
    assert (total.period.start, total.period.end) == (2026.5, 2030.5)


def test_a_calendar_target_column_is_read_as_before(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        "序号,指标名称,单位,基期值（2025年）,目标值（2030年）\n"
        "1,专利授权量,件,1012,1300\n"
        "2,有效发明专利拥有量,件,590,950\n"
        "3,每年新增注册商标,件,,2300\n",
        encoding="utf-8",
    )
    got = {t.indicator + ":" + t.kind: t for t in load_targets(p, region="511722").targets}
    assert (got["patent_grants:level"].period.start, got["patent_grants:level"].period.end) == (
        2030.0,
        2031.0,
    )
    assert got["effective_invention_patents:stock"].period.end == 2031.0
    each = got["trademark_registrations:each_year"].periods
    assert [(q.start, q.end) for q in each] == [(float(y), y + 1.0) for y in range(2026, 2031)]


@pytest.mark.parametrize(
    "target,span",
    [("目标值（2029年7月-2030年6月）", (2026.5, 2030.5)), ("目标值（2030年）", (2026.0, 2031.0))],
)
def test_a_title_right_above_the_header_gives_the_span_of_a_table_with_no_base(
    tmp_path, target, span
):
    """标题（2026—2030年） on the line right above the header was left out of the title, so a
    累计 row with no base column was refused with 'write the years in the title' though they
    were there; a July-June last column makes the span 2026-07..2030-06, as 达州's 2022-2025
    plan ran 2022-07..2025-06."""
    p = tmp_path / "plan.csv"
    p.write_text(
        f"宣汉县知识产权主要指标（2026—2030年）,,,\n序号,指标名称,单位,{target}\n"
        "1,累计新增发明专利授权量,件,500\n",
        encoding="utf-8",
    )
    (t,) = load_targets(p).targets
    assert (t.region, t.kind, (t.period.start, t.period.end)) == ("511722", "cumulative", span)


def test_a_running_total_in_a_table_of_one_column_per_period_is_refused_at_its_cell(tmp_path):
    """One target column per July-June year, 2027-07/2028-06 to 2029-07/2030-06: 知识产权质押
    融资额累计 2.5, 3.7 and 5 亿元 were read as each July-June year's own flow (P(hit) 2 %); a
    flow row that says 累计, 年均 or 增长 there is refused. Stocks and 新增 (each year's own
    additions) are read; and a first row of four-digit figures (2300 件) is not merged into the
    header as a row of years ('no column 指标名称')."""
    p = tmp_path / "plan.csv"
    head = (
        "宣汉县主要指标,,,,\n"
        "指标名称,单位,2027年7月-2028年6月,2028年7月-2029年6月,2029年7月-2030年6月\n"
    )
    p.write_text(head + "知识产权质押融资额累计,亿元,2.5,3.7,5\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_targets(p)
    assert e.value.where_zh.endswith("第3行，C列（2027年7月-2028年6月）")
    assert e.value.problem_zh == (
        "“知识产权质押融资额累计”是累计目标，但本表每个期间各一列目标值，只能读作各期间自身的数字"
    )
    p.write_text(
        head + "新增注册商标,件,2300,2450,2600\n有效发明专利拥有量累计,件,760,850,950\n", "utf-8"
    )
    got = [(t.indicator, t.kind, t.each) for t in load_targets(p).targets]
    assert got == [
        ("trademark_registrations", "each_year", "level"),
        ("effective_invention_patents", "each_year", "stock"),
    ]


def test_a_running_total_said_in_the_kind_column_is_refused_in_a_table_per_period(tmp_path):
    """The 类型 column saying 累计 is read as the name saying it: 知识产权质押融资额 of 2.5, 3.7
    and 5 亿元 marked 累计 are a running total, not three July-June years' own flows."""
    p = tmp_path / "plan.csv"
    p.write_text(
        "指标名称,单位,类型,2027年7月-2028年6月,2028年7月-2029年6月,2029年7月-2030年6月\n"
        "知识产权质押融资额,亿元,累计,2.5,3.7,5\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="511722")
    assert e.value.where_zh.endswith("第2行，D列（2027年7月-2028年6月）")
    assert e.value.problem_zh.startswith("“知识产权质押融资额”是累计目标")


def test_a_july_june_span_ending_in_an_odd_year_starts_half_a_year_into_the_title(tmp_path):
    # 2025—2029年 in the title, the last column 2028年7月-2029年6月: 2025-07..2029-06
    p = tmp_path / "plan.csv"
    p.write_text(
        "某县主要指标（2025—2029年）,,,\n序号,指标名称,单位,目标值（2028年7月-2029年6月）\n"
        "1,累计新增发明专利授权量,件,500\n",
        encoding="utf-8",
    )
    (t,) = load_targets(p, region="511722").targets
    assert (t.kind, t.period.start, t.period.end) == ("cumulative", 2025.5, 2029.5)


@pytest.mark.parametrize("target", ["目标值（2030年7月-2031年6月）", "目标值（2035年）"])
def test_a_title_whose_years_do_not_end_at_the_target_column_gives_no_span(tmp_path, target):
    """2026—2029年 in the title and a last column a year later (or six years later): which years
    a 累计 counts is not said, so it is refused asking for a base column, not guessed."""
    p = tmp_path / "plan.csv"
    p.write_text(
        f"某县主要指标（2026—2029年）,,,\n序号,指标名称,单位,{target}\n"
        "1,累计新增发明专利授权量,件,500\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        load_targets(p, region="511722")
    assert e.value.problem_zh == "累计目标，但没有基期年可起算"


@pytest.mark.parametrize(
    ("header", "first", "last"), [("2026-2030年目标", 2026, 2030), ("2026—2027年目标", 2026, 2027)]
)
def test_a_target_column_that_names_its_span_gives_a_cumulative_its_years(
    tmp_path, header, first, last
):
    """2026-2030年目标 with no base column and no title: the 累计 row counts 2026-2030 (it was
    refused asking for a base year the header already gave); a level row is read in 2030."""
    p = tmp_path / "plan.csv"
    p.write_text(
        f"序号,指标名称,单位,{header}\n1,专利授权量累计,件,60000\n2,发明专利授权量,件,3000\n",
        encoding="utf-8",
    )
    total, level = load_targets(p, region="510700").targets
    assert (total.kind, total.period.start, total.period.end) == ("cumulative", first, last + 1)
    assert (level.kind, level.period.start, level.period.end) == ("level", last, last + 1)
