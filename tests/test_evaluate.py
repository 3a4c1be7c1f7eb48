"""Each target kind against paths worked by hand."""

import numpy as np
import pytest

from ipcast.data.periods import parse_period
from ipcast.scenarios.evaluate import (
    KindMismatch,
    Paths,
    half_year_shares,
    half_year_years,
    meets,
    metric,
    needed_times,
)

# Two paths of a yearly flow, 2022-2025.
FLOW = Paths(
    times=np.array([2022.0, 2023.0, 2024.0, 2025.0]),
    values=np.array([[100.0, 200.0, 300.0, 400.0], [10.0, 20.0, 30.0, 40.0]]),
    annual=True,
    additive=True,
)
# A stock read at year ends 2023 and 2026 (end-2022 and end-2025).
STOCK = Paths(
    times=np.array([2023.0, 2026.0]),
    values=np.array([[1000.0, 1331.0], [1000.0, 800.0]]),
    annual=False,
    additive=False,
)


def test_level_of_one_calendar_year():
    assert metric(FLOW, "level", parse_period("2024")).tolist() == [300.0, 30.0]


def test_level_of_a_fiscal_year_is_half_of_each_year():
    # July 2022 - June 2023: half of 2022 and half of 2023.
    assert metric(FLOW, "level", parse_period("2022-07/2023-06")).tolist() == [150.0, 15.0]


def test_cumulative_over_three_fiscal_years():
    # 0.5*100 + 200 + 300 + 0.5*400 = 750
    got = metric(FLOW, "cumulative", parse_period("2022-07/2025-06"))
    assert got.tolist() == [750.0, 75.0]


def test_average_divides_by_years():
    got = metric(FLOW, "average", parse_period("2022-07/2025-06"))
    assert got.tolist() == pytest.approx([250.0, 25.0])


def test_stock_and_ratio_at_period_end():
    assert metric(STOCK, "stock", parse_period("2025")).tolist() == [1331.0, 800.0]
    assert metric(STOCK, "ratio", parse_period("2025")).tolist() == [1331.0, 800.0]


def test_growth_per_year_and_over_span():
    per_year = metric(STOCK, "growth", parse_period("2023/2025"), per="year")
    assert per_year == pytest.approx([10.0, (0.8 ** (1 / 3) - 1) * 100])
    span = metric(STOCK, "growth", parse_period("2023/2025"), per="span")
    assert span == pytest.approx([33.1, -20.0])


def test_growth_of_a_flow_compares_last_year_with_the_year_before_the_span():
    # 2024-2025 against 2023: 400/200 over two years.
    g = metric(FLOW, "growth", parse_period("2024/2025"))
    assert g == pytest.approx([(2**0.5 - 1) * 100] * 2)


def test_rates_average_instead_of_adding():
    rate = Paths(FLOW.times, FLOW.values / 10, annual=True, additive=False)
    got = metric(rate, "level", parse_period("2022-07/2023-06"))
    assert got.tolist() == pytest.approx([15.0, 1.5])


def test_kind_that_does_not_fit_the_series():
    with pytest.raises(KindMismatch):
        metric(STOCK, "cumulative", parse_period("2024/2025"))
    with pytest.raises(KindMismatch):
        metric(FLOW, "stock", parse_period("2024"))


def test_needed_times():
    assert needed_times("cumulative", parse_period("2022-07/2025-06"), True) == [
        2022.0,
        2023.0,
        2024.0,
        2025.0,
    ]
    assert needed_times("growth", parse_period("2024/2026"), False) == [2024.0, 2027.0]


def test_comparators():
    v = np.array([1.0, 2.0, 3.0])
    assert meets(v, ">=", 2).tolist() == [False, True, True]
    assert meets(v, ">", 2).tolist() == [False, False, True]
    assert meets(v, "<=", 2).tolist() == [True, True, False]
    assert meets(v, "<", 2).tolist() == [True, False, False]


def test_fiscal_year_uses_each_paths_half_year_shares():
    shares = {2022: np.array([0.4, 0.5]), 2023: np.array([0.3, 0.5])}
    p = Paths(FLOW.times, FLOW.values, annual=True, additive=True, h1_share=shares)
    # Path 1: (1 - 0.4) * 100 (H2 2022) + 0.3 * 200 (H1 2023) = 120
    got = metric(p, "level", parse_period("2022-07/2023-06"))
    assert got.tolist() == pytest.approx([120.0, 15.0])
    # A whole calendar year is untouched by the shares.
    assert metric(p, "level", parse_period("2023")).tolist() == [200.0, 20.0]


def test_half_year_shares_have_the_stated_mean_and_sd():
    s = half_year_shares([2022], 0.35, 0.1, 200000, np.random.default_rng(0))[2022]
    assert s.mean() == pytest.approx(0.35, abs=0.002)
    assert s.std() == pytest.approx(0.1, abs=0.002)
    assert half_year_years(parse_period("2022-07/2025-06")) == [2022, 2025]
