import pytest

from ipcast.data.periods import decimal_to_label, instant, parse_period, year_weights


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
    ],
)
def test_parse_period(text, start, end):
    p = parse_period(text)
    assert p.start == pytest.approx(start)
    assert p.end == pytest.approx(end)


def test_day_is_placed_by_day_of_year():
    # 2020 is a leap year: 1 November is day 306 of 366.
    assert instant("2020-11-01") == pytest.approx(2020 + 306 / 366)


@pytest.mark.parametrize("bad", ["2026/2024", "2025-07/2025-06", "20xx", "2025-13", "next year"])
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
