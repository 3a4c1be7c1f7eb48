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


SHARES = {2022: np.array([0.4, 0.5]), 2023: np.array([0.3, 0.5])}
SPLIT = Paths(FLOW.times, FLOW.values, annual=True, additive=True, h1_share=SHARES)


@pytest.mark.parametrize(
    "period,expected",
    [
        ("2023H1", [0.3 * 200, 0.5 * 20]),  # January-June takes the H1 share
        ("2023-01/2023-06", [0.3 * 200, 0.5 * 20]),
        ("2023H2", [0.7 * 200, 0.5 * 20]),  # July-December the rest
        ("2022-07/2023-12", [0.6 * 100 + 200, 5 + 20]),
        ("2023-04/2023-09", [0.5 * 200, 0.5 * 20]),  # a middle half: even spread
        ("2024H1", [150.0, 15.0]),  # no share known for 2024: half
        ("2023Q3", [0.25 * 200, 0.25 * 20]),  # starts mid-year, ends before December: even
    ],
)
def test_half_years_take_each_paths_share(period, expected):
    assert metric(SPLIT, "level", parse_period(period)) == pytest.approx(expected)


def test_july_june_pledge_total_over_two_years():
    # [2022.5, 2024.5): (1 - 0.4) * 100 + 200 + 0.5 * 300 (no 2024 share) on path 1
    got = metric(SPLIT, "cumulative", parse_period("2022-07/2024-06"))
    assert got == pytest.approx([60 + 200 + 150, 5 + 20 + 15])
    avg = metric(SPLIT, "average", parse_period("2022-07/2024-06"))
    assert avg == pytest.approx([410 / 2, 40 / 2])


def test_shares_do_not_touch_rates():
    rate = Paths(FLOW.times, FLOW.values, annual=True, additive=False, h1_share=SHARES)
    assert metric(rate, "level", parse_period("2022-07/2023-06")) == pytest.approx([150, 15])


def test_a_rate_over_several_years_is_their_mean():
    rate = Paths(FLOW.times, FLOW.values, annual=True, additive=False)
    assert metric(rate, "level", parse_period("2023/2025")) == pytest.approx([300.0, 30.0])
    assert metric(rate, "average", parse_period("2022/2023")) == pytest.approx([150.0, 15.0])
    # a partial year weighs by its share: (0.25 * 100 + 200) / 1.25
    got = metric(rate, "level", parse_period("2022-10/2023-12"))
    assert got == pytest.approx([180.0, 18.0])


def test_partial_year_of_a_flow():
    assert metric(FLOW, "level", parse_period("2025-01/2025-03")) == pytest.approx([100, 10])
    assert metric(FLOW, "average", parse_period("2024-07/2025-12")) == pytest.approx(
        [(150 + 400) / 1.5, (15 + 40) / 1.5]
    )


def test_stock_read_at_the_instant_whatever_the_kind():
    assert metric(STOCK, "level", parse_period("2022")).tolist() == [1000.0, 1000.0]


def test_growth_of_a_stock_from_period_start_to_end():
    # [2023, 2026): end-2022 to end-2025, three years
    g = metric(STOCK, "growth", parse_period("2023/2025"))
    assert g == pytest.approx([10.0, (0.8 ** (1 / 3) - 1) * 100])
    g = metric(FLOW, "growth", parse_period("2023"), per="span")  # 2023 over 2022
    assert g == pytest.approx([100.0, 100.0])
    g = metric(FLOW, "growth", parse_period("2023/2025"))  # 2025 over 2022, three years
    assert g == pytest.approx([(4 ** (1 / 3) - 1) * 100] * 2)


def test_more_mismatches_are_named():
    with pytest.raises(KindMismatch, match="ratio"):
        metric(FLOW, "ratio", parse_period("2024"))
    with pytest.raises(KindMismatch, match="average"):
        metric(STOCK, "average", parse_period("2024"))
    with pytest.raises(KindMismatch):
        metric(FLOW, "median", parse_period("2024"))


def test_needed_times_by_hand():
    assert needed_times("growth", parse_period("2023/2025"), True) == [2022.0, 2025.0]
    assert needed_times("level", parse_period("2024-07/2025-06"), True) == [2024.0, 2025.0]
    assert needed_times("stock", parse_period("2025"), False) == [2026.0]
    assert needed_times("stock", parse_period("2025H1"), False) == [2025.5]


def test_a_missing_time_is_a_key_error():
    with pytest.raises(KeyError):
        STOCK.col(2024.0)
    assert STOCK.col(2026.0 + 1e-12).tolist() == [1331.0, 800.0]


class _Beta:
    def __init__(self):
        self.calls = []

    def beta(self, a, b, size):
        self.calls.append((a, b, size))
        return np.full(size, len(self.calls) / 10)


def test_half_year_shares_beta_parameters_by_hand():
    # mean 0.35, sd 0.1: k = 0.35 * 0.65 / 0.01 - 1 = 21.75; Beta(0.35 k, 0.65 k)
    rng = _Beta()
    got = half_year_shares([2025, 2022], 0.35, 0.1, 3, rng)
    assert list(got) == [2022, 2025]
    assert rng.calls == [(pytest.approx(7.6125), pytest.approx(14.1375), 3)] * 2
    assert got[2022].tolist() == [0.1] * 3 and got[2025].tolist() == [0.2] * 3


def test_half_year_shares_seeded():
    got = half_year_shares([2022], 0.35, 0.1, 4, np.random.default_rng(5))[2022]
    ref = np.random.default_rng(5).beta(7.6125, 14.1375, size=4)
    assert got == pytest.approx(ref, rel=1e-12)


def test_quarters_keep_the_even_spread_even_with_shares():
    # only a January-June or July-December half takes a share; a quarter is a quarter
    assert metric(SPLIT, "level", parse_period("2023Q1")) == pytest.approx([50.0, 5.0])
    assert metric(SPLIT, "level", parse_period("2022-10/2023-03")) == pytest.approx(
        [25.0 + 50.0, 2.5 + 5.0]
    )
    assert half_year_years(parse_period("2023Q1")) == []
    assert half_year_years(parse_period("2022-10/2023-09")) == []
    assert half_year_years(parse_period("2023H2")) == [2023]


def test_growth_from_a_base_of_zero_has_no_rate_but_a_small_base_has_one():
    zero = Paths(STOCK.times, np.array([[0.0, 12.0], [0.0, 9.0]]), annual=False, additive=False)
    with pytest.raises(KindMismatch, match="base of zero at 2023"):
        metric(zero, "growth", parse_period("2023/2025"))
    small = Paths(STOCK.times, np.array([[0.5, 4.0], [0.5, 0.5]]), annual=False, additive=False)
    assert metric(small, "growth", parse_period("2023/2025")) == pytest.approx([100.0, 0.0])


def test_an_observed_july_june_figure_is_taken_as_it_is():
    """FY 2022-07..2023-06 observed as 150: the three July-June years 2022-07..2025-06 are
    150 + (1 - s23) 200 + 300 + s25 400 on each path, never the half years of 2022 and 2023."""
    shares = {2023: np.array([0.3, 0.5]), 2025: np.array([0.6, 0.5])}
    p = Paths(FLOW.times, FLOW.values, True, True, shares, spans=((2022.5, 2023.5, 150.0),))
    got = metric(p, "cumulative", parse_period("2022-07/2025-06"))
    # path 1: 150 + 0.7 * 200 + 300 + 0.6 * 400 = 830; path 2: 150 + 10 + 30 + 20 = 210
    assert got.tolist() == pytest.approx([830.0, 210.0])
    assert metric(p, "level", parse_period("2022-07/2023-06")).tolist() == [150.0, 150.0]
    # a period the span does not fit inside reads the yearly paths alone
    assert metric(p, "level", parse_period("2023")).tolist() == [200.0, 20.0]
    assert metric(p, "average", parse_period("2023/2024")).tolist() == [250.0, 25.0]


def test_spans_tile_a_period_longest_first_without_overlap():
    from ipcast.scenarios.evaluate import tile

    spans = [(2016.0, 2021.0, 243300.0), (2016.5, 2017.5, 9.0), (2021.0, 2021.5, 7.0)]
    assert tile(parse_period("2016/2020"), spans) == ([spans[0]], [])
    assert tile(parse_period("2016-07/2017-06"), spans) == ([spans[1]], [])
    chosen, rest = tile(parse_period("2021/2022"), spans)
    assert chosen == [spans[2]]
    assert [(r.start, r.end) for r in rest] == [(2021.5, 2023.0)]
    # the longest span wins an overlap; what it leaves is filled by others that fit
    halves = [(2022.5, 2023.0, 1.0), (2022.0, 2023.0, 5.0), (2023.0, 2023.5, 2.0)]
    chosen, rest = tile(parse_period("2022-07/2023-06"), halves)
    assert chosen == [halves[0], halves[2]] and rest == []


def test_tile_prefers_the_longer_span_and_fills_gaps_exactly():
    from ipcast.scenarios.evaluate import tile

    fy = parse_period("2022-07/2023-06")
    # halves listed first and worth more than the July-June figure: the longer span still wins
    spans = [(2022.5, 2023.0, 20.0), (2022.5, 2023.5, 12.0), (2023.0, 2023.5, 2.0)]
    assert tile(fy, spans) == ([spans[1]], [])
    # a span ending where a longer, chosen one starts is taken too
    adjacent = [(2022.5, 2023.0, 1.0), (2023.0, 2024.0, 2.0)]
    chosen, rest = tile(parse_period("2022-07/2023"), adjacent)
    assert chosen == adjacent and rest == []
    # the gap before a span and the one after it are what is left
    chosen, rest = tile(parse_period("2021/2022"), [(2021.5, 2022.0, 7.0)])
    assert [(r.start, r.end) for r in rest] == [(2021.0, 2021.5), (2022.0, 2023.0)]


def test_a_july_june_growth_compares_july_june_years():
    """年均增长 over 2026-07/2030-06: from the July-June year before the span (2025-07/2026-06,
    observed at 120) to its last (2029-07/2030-06: half of 2029 and half of 2030, 1.1^4 x 100
    and 1.1^5 x 100 on the path), four years. It was read from calendar 2025 (100) to calendar
    2030 (161.051) over five: 10.0 %, reading months after the plan's end and leaving the
    observed July-June figure aside."""
    years = np.arange(2025.0, 2031.0)
    flow = Paths(
        times=years,
        values=np.array([100.0 * 1.1 ** (years - 2025)]),
        annual=True,
        additive=True,
        spans=((2025.5, 2026.5, 120.0),),
    )
    span = parse_period("2026-07/2030-06")
    assert needed_times("growth", span, True) == [2025.0, 2026.0, 2029.0, 2030.0]
    last = 0.5 * 146.41 + 0.5 * 161.051  # 153.7305
    want = ((last / 120.0) ** (1 / 4) - 1) * 100  # 6.3885 %
    assert metric(flow, "growth", span).tolist() == pytest.approx([want])
    assert want == pytest.approx(6.3885, abs=1e-4)
    # The whole span's growth (per: span) is the ratio itself: 28.11 %
    assert metric(flow, "growth", span, "span").tolist() == pytest.approx([(last / 120 - 1) * 100])
    # A calendar span reads as before: 2025 to 2030, five years, 10 %.
    assert metric(flow, "growth", parse_period("2026/2030")).tolist() == pytest.approx([10.0])


def test_a_july_june_growths_base_year_draws_its_january_june_share():
    """The base year 2025-07/2026-06 cuts 2025 in half: its January-June share is drawn per
    path like 2026's and 2030's (it was left at one half for every path)."""
    from conftest import make_history, make_target

    from ipcast.forecast.series import observed
    from ipcast.scenarios.baseline import year_split

    rows = [("dazhou", "patent_grants", str(y), "year", 1000.0, "件") for y in range(2019, 2026)]
    obs = observed(make_history(rows), "dazhou", "patent_grants")
    t = make_target("patent_grants", "growth", "2026-07/2030-06", 5.0, unit="%")
    split = year_split(obs, [t], 200, 1, None)
    assert sorted(split.shares) == [2025, 2026, 2029, 2030]


def test_a_july_june_targets_numbers_do_not_move_when_another_target_is_added():
    """知识产权质押融资额累计 2026-07/2030-06 gave 6.346 亿元 alone and 6.331 with a level target
    for 2029-07/2030-06 beside it (same seed): the January-June shares were drawn in one
    stream for the years the run's targets cut, so 2029's draw shifted 2030's. Each year now
    has its stream; another seed draws other shares."""
    from datetime import date

    from conftest import make_history, make_target

    from ipcast.forecast.series import observed
    from ipcast.scenarios.baseline import year_split
    from ipcast.scenarios.engine import assess

    rows = [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 * 1.05 ** (y - 2019), "件")
        for y in range(2019, 2026)
    ]
    hist = make_history(rows)
    total = make_target("patent_grants", "cumulative", "2026-07/2030-06", 5000)
    level = make_target("patent_grants", "level", "2029-07/2030-06", 1400)
    today = date(2026, 12, 1)
    (alone,) = assess([total], hist, n_paths=2000, seed=1, today=today)
    both_ = assess([total, level], hist, n_paths=2000, seed=1, today=today)
    assert (alone["p_hit"], alone["median"]) == (both_[0]["p_hit"], both_[0]["median"])
    obs = observed(hist, "dazhou", "patent_grants")
    one = year_split(obs, [total], 50, 1, None).shares
    two = year_split(obs, [total, level], 50, 1, None).shares
    assert sorted(one) == [2026, 2030] and sorted(two) == [2026, 2029, 2030]
    assert all(np.array_equal(one[y], two[y]) for y in one)
    other = year_split(obs, [total], 50, 2, None).shares
    assert not np.array_equal(one[2030], other[2030])
