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
