"""Which figure so far a year is read by, where two are as long, and a year's total at the
edges of the weighing (a figure that is the whole year, a forecast that agrees exactly): worked
on small histories and exact floats."""

import numpy as np
import pytest
from conftest import make_history

from ipcast.forecast.series import observed
from ipcast.forecast.year_to_date import condition, year_to_date

G = "patent_grants"


def _read(parts):
    rows = [
        ("dazhou", G, str(y), "year", 1000.0 + 100 * (y - 2018), "件") for y in range(2018, 2024)
    ]
    obs = observed(make_history(rows + [("dazhou", G, *p) for p in parts]), "dazhou", G)
    return {
        y: (round(a, 4), round(b, 4), v, r["period"])
        for y, (a, b, v, r) in year_to_date(obs).items()
    }


def test_a_stated_figure_is_read_before_its_months_added_up():
    """1-10月 stated as 1,700 beside 1-6月 (900) and 7-10月 (750), which add up to 1,650 over the
    same months: the stated figure is read, not the sum."""
    parts = [
        ("2024-01/2024-10", "span", 1700.0, "件"),
        ("2024-01/2024-06", "span", 900.0, "件"),
        ("2024-07/2024-10", "span", 750.0, "件"),
    ]
    assert _read(parts) == {2024: (2024.0, 2024.8333, 1700.0, "2024-01/2024-10")}


def test_of_two_figures_as_long_the_later_is_read_whatever_their_values():
    """February-April (500) and May-July (400), three months each and not from January (not
    added): the later months, the nearer to the year's end, are read."""
    parts = [("2024-02/2024-04", "span", 500.0, "件"), ("2024-05/2024-07", "span", 400.0, "件")]
    assert _read(parts) == {2024: (2024.3333, 2024.5833, 400.0, "2024-05/2024-07")}
    assert _read(parts[::-1]) == _read(parts)


def test_of_two_figures_that_follow_the_same_months_the_longer_is_added():
    """1-6月 (600), then 7-9月 (300) and 7-12月 (700) both from July: 1-6月 and 7-12月 add up
    to the whole year, 1,300, not 1-9月 (900)."""
    parts = [
        ("2024-01/2024-06", "span", 600.0, "件"),
        ("2024-07/2024-09", "span", 300.0, "件"),
        ("2024-07/2024-12", "span", 700.0, "件"),
    ]
    assert _read(parts) == {2024: (2024.0, 2025.0, 1300.0, "2024-01/2024-12")}
    # by their months, not their values: 7-12月 written smaller than 7-9月 still ends later
    parts[1] = ("2024-07/2024-09", "span", 800.0, "件")
    assert _read(parts) == {2024: (2024.0, 2025.0, 1300.0, "2024-01/2024-12")}


def test_a_whole_year_known_is_the_figure_to_the_last_bit():
    """Halves adding up to 1,003 settle the year at 1,003.0 exactly on every path: the figure
    itself, not exp(log 1003) (1003.0000000000001)."""
    assert np.exp(np.log(1003.0)) != 1003.0  # why the figure is returned, not its pace
    assert condition(np.array([5.0, 9.0]), 1003.0, np.ones(2)).tolist() == [1003.0, 1003.0]


def test_a_forecast_and_a_pace_that_agree_exactly_give_that_value():
    """64 by June at a share of 0.5 is a pace of 128 (log 64 - log 0.5 = log 128 to the bit),
    and every path forecasts 128: no spread and no gap to weigh, so 128, not 0/0."""
    got = condition(np.full(3, 128.0), 64.0, np.full(3, 0.5))
    assert got == pytest.approx([128.0, 128.0, 128.0], rel=1e-15)  # exp(log 128), to a bit


def test_a_count_with_nothing_more_to_come_never_falls_below_its_figure():
    """1,000 items to a share of 0.999999 and no forecast to weigh: the rest of the year is a
    count drawn as 0 on every path (mean 1000 x 1e-6), so the year is 1,000, and not
    exp(log 1000) = 999.9999999999999, below the figure."""
    assert np.exp(np.log(1000.0)) < 1000.0
    rng = np.random.default_rng(0)
    got = condition(np.zeros(3), 1000.0, np.full(3, 0.999999), whole=True, rng=rng)
    assert got.tolist() == [1000.0, 1000.0, 1000.0]


def test_a_path_weighed_below_the_figure_is_held_at_the_figure():
    """100 so far; shares 0.3, 0.95, 0.6, 0.99 (paces 333, 105, 167, 101) against forecasts
    400, 300, 120, 50: the forecast weighs a = var_p / (var_f + gap^2 + var_p) = 0.2566, and the
    last path, 50^a x 101^(1-a) = 84.3, is held at the 100 already counted."""
    share = np.array([0.3, 0.95, 0.6, 0.99])
    forecast = np.array([400.0, 300.0, 120.0, 50.0])
    pace, own = np.log(100.0 / share), np.log(forecast)
    gap = own.mean() - pace.mean()
    a = pace.var() / (own.var() + gap**2 + pace.var())
    assert a == pytest.approx(0.2566, abs=1e-4)
    weighed = np.exp(a * own + (1 - a) * pace)
    assert weighed[3] == pytest.approx(84.33, abs=0.01)
    got = condition(forecast, 100.0, share)
    assert got[:3] == pytest.approx(weighed[:3])
    assert got[3] == 100.0
