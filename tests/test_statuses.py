"""Statuses that tell the truth: over but not in the data, partly observed, growth needed."""

from datetime import date

import pytest
from conftest import make_history, make_target

from ipcast.scenarios.engine import assess


def _grants(last_year: int, extra=()):
    rows = [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 * 1.1 ** (y - 2018), "件")
        for y in range(2018, last_year + 1)
    ]
    return make_history(rows + list(extra))


def test_a_finished_period_without_its_outcome_is_awaiting_it():
    t = make_target("patent_grants", "level", "2022", 1500)
    (rec,) = assess([t], _grants(2020), n_paths=500, today=date(2024, 3, 1))
    assert rec["status"] == "awaiting_outcome"
    assert "not in the history" in rec["reason"]
    assert rec["growth_needed"] is None
    assert 0 < rec["p_hit"] < 1  # the forecast is kept, marked as such


def test_a_current_period_is_simulated_with_growth_needed():
    t = make_target("patent_grants", "level", "2025", 1500)
    (rec,) = assess([t], _grants(2023), n_paths=500, today=date(2024, 3, 1))
    assert rec["status"] == "simulated"
    # From 1000 x 1.1^5 in 2023 to 1500 in 2025: two years of the yearly flow.
    assert rec["growth_needed"] == pytest.approx(((1500 / (1000 * 1.1**5)) ** (1 / 2) - 1) * 100)


def test_a_partly_observed_year_keeps_what_is_observed():
    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 1700.0, "件")]
    t = make_target("patent_grants", "level", "2024", 2000)
    (rec,) = assess([t], _grants(2023, part), n_paths=2000, seed=1, today=date(2024, 10, 15))
    assert rec["status"] == "simulated"
    assert "partly observed" in rec["reason"] and "2024-01/2024-09" in rec["reason"]
    assert rec["q10"] >= 1700.0  # no path falls below the nine months already counted
    no_part = assess([t], _grants(2023), n_paths=2000, seed=1, today=date(2024, 10, 15))[0]
    assert no_part["q10"] < 1700.0  # the floor is what moved it


def test_growth_needed_is_not_given_for_a_stock_read_after_the_period_began():
    h = make_history(
        [
            ("dazhou", "effective_invention_patents", "2024", "asof", 1000.0, "件"),
            ("dazhou", "effective_invention_patents", "2025-11-30", "asof", 1300.0, "件"),
        ]
    )
    t = make_target("effective_invention_patents", "stock", "2025", 1200)
    (rec,) = assess([t], h, n_paths=500, today=date(2025, 12, 10))
    assert rec["growth_needed"] is None


def _zero_stock():
    """A county with no effective invention patent yet (stock 0 at the end of 2023) and a few
    invention grants a year."""
    grants = [
        ("dazhou", "invention_grants", str(y), "year", v, "件")
        for y, v in ((2021, 3.0), (2022, 5.0), (2023, 8.0))
    ]
    stock = [("dazhou", "effective_invention_patents", "2023-12-31", "asof", 0.0, "件")]
    return make_history(grants + stock)


def test_a_stock_that_starts_at_zero_is_built_from_its_flows():
    t = make_target("effective_invention_patents", "stock", "2026", 20)
    half = make_target("effective_invention_patents", "stock", "2024H1", 1)
    (full,) = assess([t], _zero_stock(), n_paths=2000, today=date(2024, 3, 1))
    (mid,) = assess([half], _zero_stock(), n_paths=2000, today=date(2024, 3, 1))
    for rec in (full, mid):
        assert rec["status"] == "simulated", rec["reason"]
    # three years of grants (about 8, 10, 12 a year) less a small lapse: far above 1, below 60
    assert 15 < full["median"] < 60
    assert 0.5 < full["p_hit"] < 1
    assert full["growth_needed"] is None  # no yearly rate from a stock of zero
    # mid-2024 lies on the line from 0 to each path's end-2024 stock: about half a year of grants
    assert 2 < mid["median"] < 8


def test_growth_from_a_base_of_zero_is_refused_not_simulated():
    t = make_target("effective_invention_patents", "growth", "2023/2026", 10, unit="%")
    (rec,) = assess([t], _zero_stock(), n_paths=500, today=date(2024, 3, 1))
    assert rec["status"] == "invalid"
    assert "base of zero" in rec["reason"] and rec["p_hit"] is None


def test_a_july_june_figure_known_by_the_as_of_year_is_used_as_it_is():
    """As of 2023 the bureau's FY 2022-07..2023-06 figure (3700) is known: that part of the
    annex-1 row is 3700 on every path, and the three-year total is 3700 plus the simulated rest."""
    fy = [("dazhou", "patent_grants", "2022-07/2023-06", "span", 3700.0, "件", "fy")]
    each = make_target(
        "patent_grants",
        "each_year",
        ["2022-07/2023-06", "2023-07/2024-06", "2024-07/2025-06"],
        [3500, 4000, 4500],
    )
    total = make_target("patent_grants", "cumulative", "2022-07/2025-06", 12000)
    rec, cum = assess([each, total], _grants(2021, fy), n_paths=300, seed=2, as_of=2023)
    first = rec["parts"][0]
    assert (first["q10"], first["median"], first["q90"], first["p_hit"]) == (3700, 3700, 3700, 1)
    assert rec["parts"][1]["q10"] < rec["parts"][1]["q90"]  # the rest is still a forecast
    assert cum["status"] == "simulated" and cum["q10"] > 3700


def test_a_resolved_target_names_the_figure_and_source_it_rests_on():
    stock = make_history(
        [
            ("dazhou", "effective_invention_patents", "2024-06-30", "asof", 750.0, "件", "b"),
            ("dazhou", "effective_invention_patents", "2025-06-30", "asof", 950.0, "件", "c"),
        ]
    )
    t = make_target("effective_invention_patents", "stock", "2025-06", 900)
    (rec,) = assess([t], stock, n_paths=200, today=date(2026, 1, 1))
    assert (rec["status"], rec["outcome"], rec["hit"]) == ("resolved", 950.0, True)
    assert rec["outcome_source"] == "2025-06-30: 950件 (c)"
    part = make_history(
        [("dazhou", "pledge_financing", "2025-01/2025-11", "span", 114.0, "亿元", "s")]
    )
    t = make_target("pledge_financing", "level", "2025", 50, unit="亿元")
    (rec,) = assess([t], part, n_paths=200, today=date(2026, 2, 1))
    assert (rec["status"], rec["hit"]) == ("resolved", True)
    assert rec["outcome_source"] == "2025-01/2025-11: 114亿元 (s)"


def test_figures_that_add_up_past_a_total_meet_it_before_the_period_ends():
    """21000 new trademarks over 2022-07..2025-06; as of 2024 two July-June years are in, 10500
    and 11000: 21500 already, met whatever the last year brings (no simulated 100 %)."""
    fy = [
        ("dazhou", "trademark_registrations", "2022-07/2023-06", "span", 10500.0, "件", "fy1"),
        ("dazhou", "trademark_registrations", "2023-07/2024-06", "span", 11000.0, "件", "fy2"),
        ("dazhou", "trademark_registrations", "2021", "year", 9000.0, "件", "y21"),
    ]
    t = make_target("trademark_registrations", "cumulative", "2022-07/2025-06", 21000)
    (rec,) = assess([t], make_history(fy), n_paths=200, as_of=2024)
    assert (rec["status"], rec["hit"], rec["outcome"]) == ("resolved", True, 21500.0)
    assert rec["outcome_source"] == (
        "2022-07/2023-06: 10,500件 (fy1); 2023-07/2024-06: 11,000件 (fy2)"
    )


def test_an_each_year_target_with_a_finished_year_short_has_missed():
    """Annex 1 wants 3500 in FY 2022/23; the bureau's figure is 3400: the row is missed as of
    2023, before its later years are known."""
    fy = [("dazhou", "patent_grants", "2022-07/2023-06", "span", 3400.0, "件", "fy1")]
    each = make_target(
        "patent_grants",
        "each_year",
        ["2022-07/2023-06", "2023-07/2024-06", "2024-07/2025-06"],
        [3500, 4000, 4500],
    )
    (rec,) = assess([each], _grants(2021, fy), n_paths=200, as_of=2023)
    assert (rec["status"], rec["hit"], rec["outcome"]) == ("resolved", False, [3400.0, None, None])
    assert "missed already: 2022-07/2023-06" in rec["reason"]
    assert rec["outcome_source"] == "2022-07/2023-06: 3,400件 (fy1)"


def test_two_half_years_are_the_outcome_of_their_year_either_way():
    halves = [
        ("dazhou", "patent_grants", "2024H1", "half", 900.0, "件", "h1"),
        ("dazhou", "patent_grants", "2024H2", "half", 1000.0, "件", "h2"),
    ]
    hi = make_target("patent_grants", "level", "2024", 2000)
    lo = make_target("patent_grants", "level", "2024", 1800)
    miss, met = (
        assess([t], _grants(2023, halves), n_paths=200, today=date(2025, 3, 1))[0] for t in (hi, lo)
    )
    assert (miss["status"], miss["hit"], miss["outcome"]) == ("resolved", False, 1900.0)
    assert (met["status"], met["hit"], met["outcome"]) == ("resolved", True, 1900.0)
    assert met["reason"] == "outcome known from history: 2024H1, 2024H2"
    assert met["outcome_source"] == "2024H1: 900件 (h1); 2024H2: 1,000件 (h2)"
