import pytest

from ipcast.data.periods import decimal_to_label, instant, parse_period, period_zh, year_weights


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("2025", 2025.0, 2026.0),
        ("2025年", 2025.0, 2026.0),
        (2025, 2025.0, 2026.0),
        ("２０２５", 2025.0, 2026.0),
        ("2023H1", 2023.0, 2023.5),
        ("2023H2", 2023.5, 2024.0),
        ("2022-07/2023-06", 2022.5, 2023.5),
        ("2023-07~2024-06", 2023.5, 2024.5),
        ("2024/2026", 2024.0, 2027.0),
        ("2016-01/2016-09", 2016.0, 2016.75),
        ("2025-06", 2025 + 5 / 12, 2025.5),
        ("2022年7月-2023年6月", 2022.5, 2023.5),  # a hyphen between two dates
        ("2022年7月 - 2023年6月", 2022.5, 2023.5),
        # the year so far, as bureaus report it: January to June, never 6 January
        ("2024年1-6月", 2024.0, 2024.5),
        ("2024年1—9月", 2024.0, 2024.75),
        ("2024年 1 ~ 12 月", 2024.0, 2025.0),
        ("2024年上半年", 2024.0, 2024.5),
        ("2024年下半年", 2024.5, 2025.0),
        # the same, with 月 after both months, 至, or 月份 as many statistical sheets write it
        ("2024年1月-6月", 2024.0, 2024.5),
        ("2024年1月至9月", 2024.0, 2024.75),
        ("2024年1-6月份", 2024.0, 2024.5),
        ("2024年7月—12月", 2024.5, 2025.0),
        ("2024年6月份", 2024 + 5 / 12, 2024.5),
        ("2023年7月至2024年6月", 2023.5, 2024.5),
        # a plan's span as its 期间 cell writes it: five whole years, 2026 to the end of 2030
        ("2026-2030", 2026.0, 2031.0),
        ("2026年-2030年", 2026.0, 2031.0),
        ("2026 - 2030年", 2026.0, 2031.0),
    ],
)
def test_parse_period(text, start, end):
    p = parse_period(text)
    assert p.start == pytest.approx(start)
    assert p.end == pytest.approx(end)


def test_day_is_placed_by_day_of_year():
    # 2020 is a leap year: 1 November is day 306 of 366.
    assert instant("2020-11-01") == pytest.approx(2020 + 306 / 366)


@pytest.mark.parametrize(
    "bad",
    [
        "2026/2024",
        "2030-2026",
        "2025-07/2025-06",
        "20xx",
        "2025-13",
        "next year",
        "2024年12-1月",
        "2024年0-6月",
    ],
)
def test_bad_periods_are_refused(bad):
    with pytest.raises(ValueError):
        parse_period(bad)


def test_fiscal_year_takes_half_of_each_calendar_year():
    assert year_weights(parse_period("2022-07/2023-06")) == {2022: 0.5, 2023: 0.5}


def test_three_fiscal_years_span_four_calendar_years():
    w = year_weights(parse_period("2022-07/2025-06"))
    assert w == {2022: 0.5, 2023: 1.0, 2024: 1.0, 2025: 0.5}
    assert sum(w.values()) == pytest.approx(3.0)


def test_stock_read_at_year_end():
    assert instant("2025") == 2026.0
    assert decimal_to_label(2026.0) == "2025年末"
    assert decimal_to_label(2025.5) == "2025-06末"


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("2025-01", 2025.0, 2025 + 1 / 12),
        ("2025-12", 2025 + 11 / 12, 2026.0),
        ("2025年6月", 2025 + 5 / 12, 2025.5),
        ("2024Q1", 2024.0, 2024.25),
        ("2024Q3", 2024.5, 2024.75),
        ("2024q4", 2024.75, 2025.0),
        ("2023h2", 2023.5, 2024.0),
        (2025.0, 2025.0, 2026.0),
        ("2021-01-01", 2021.0, 2021 + 1 / 365),  # a day is 1/365 long, ending at its end
        ("2021-03-01", 2021 + 59 / 365, 2021 + 60 / 365),
        ("2020-12-31", 2021.0 - 1 / 365, 2021.0),
        ("2019年12月31日", 2020.0 - 1 / 365, 2020.0),
        ("2022-07至2023-06", 2022.5, 2023.5),
        ("2022-07—2023-06", 2022.5, 2023.5),
    ],
)
def test_months_quarters_and_days_by_hand(text, start, end):
    p = parse_period(text)
    assert (p.start, p.end) == (pytest.approx(start, abs=1e-12), pytest.approx(end, abs=1e-12))
    assert p.years == pytest.approx(end - start, abs=1e-12)
    assert p.text == str(text).removesuffix(".0")


@pytest.mark.parametrize("bad", ["2025-00", "2025-13/2026-01", "2025/2026/2027", "2025H3"])
def test_months_outside_1_to_12_and_three_parts_are_refused(bad):
    with pytest.raises(ValueError):
        parse_period(bad)


def test_a_one_day_period_is_accepted():
    assert parse_period("2021-03-01/2021-03-01").years == pytest.approx(1 / 365)


def test_overlap_by_hand():
    p = parse_period("2022-07/2023-06")  # [2022.5, 2023.5)
    assert p.overlap(2022.0, 2023.0) == pytest.approx(0.5)
    assert p.overlap(2023.0, 2024.0) == pytest.approx(0.5)
    assert p.overlap(2022.75, 2023.25) == pytest.approx(0.5)  # inside
    assert p.overlap(2021.0, 2025.0) == pytest.approx(1.0)  # around
    assert p.overlap(2024.0, 2025.0) == 0.0  # disjoint: zero, not negative
    assert p.overlap(2020.0, 2021.0) == 0.0


def test_partial_years_weigh_by_months():
    assert year_weights(parse_period("2023-04/2024-09")) == {2023: 0.75, 2024: 0.75}
    assert year_weights(parse_period("2025-03/2025-05")) == {2025: 0.25}
    assert year_weights(parse_period("2024")) == {2024: 1.0}
    assert year_weights(parse_period("2024H2")) == {2024: 0.5}


def test_labels_of_instants():
    assert decimal_to_label(2021.0) == "2020年末"
    assert decimal_to_label(2025.25) == "2025-03末"
    assert decimal_to_label(2025 + 11 / 12) == "2025-11末"
    assert decimal_to_label(2025 + 2.6 / 12) == "2025.22"  # between month ends
    assert decimal_to_label(2025.123) == "2025.12"


@pytest.mark.parametrize(
    "text,start,end",
    [
        # an instant as ipcast labels it (decimal_to_label) or a planner writes it: 年末, 月底
        ("2025年末", 2025.0, 2026.0),
        ("2025年底", 2025.0, 2026.0),
        ("2025-06末", 2025 + 5 / 12, 2025.5),
        ("2025年6月底", 2025 + 5 / 12, 2025.5),
        # July-June years written with dots and a hyphen
        ("2022.7-2025.6", 2022.5, 2025.5),
        ("2022.07-2023.06", 2022.5, 2023.5),
    ],
)
def test_ends_of_years_and_dotted_spans_are_read(text, start, end):
    p = parse_period(text)
    assert (p.start, p.end) == pytest.approx((start, end))


def test_every_label_ipcast_prints_reads_back_as_the_same_instant():
    for t in (2026.0, 2025.5, 2025.25, 2025 + 11 / 12):
        assert instant(decimal_to_label(t)) == pytest.approx(t)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2030", "2030年"),
        ("2026/2030", "2026-2030年"),
        ("2026-01/2026-10", "2026年1-10月"),
        ("2026-03/2026-03", "2026年3月"),
        ("2022-07/2025-06", "2022年7月至2025年6月"),
        ("2025-06", "2025年6月"),
        ("2025-06-30", "2025年6月30日"),
        ("2024H1", "2024年上半年"),
        ("2024H2", "2024年下半年"),
        ("over the pilot", "over the pilot"),
    ],
)
def test_period_said_in_chinese(text, said):
    assert period_zh(text) == said
