"""`fan_records`: how stale a fan says its series is, when the series is forecast again to reach
the fan's end, and the members' weights, on small histories worked by hand."""

import pytest
from conftest import make_history

from ipcast.forecast import report
from ipcast.forecast.learned import Learned, provider


def _grants(first: int, last: int, parts=()):
    rows = [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 + 100 * (y - first), "件")
        for y in range(first, last + 1)
    ]
    return make_history(rows + [("dazhou", "patent_grants", p, "span", v, "件") for p, v in parts])


@pytest.fixture
def forecasts(monkeypatch):
    """The ``until`` of each forecast fan_records makes (the real forecast, counted)."""
    asked, real = [], report.forecast_series

    def counted(*args, **kw):
        asked.append(kw.get("until"))
        return real(*args, **kw)

    monkeypatch.setattr(report, "forecast_series", counted)
    return asked


def test_a_fresh_series_is_forecast_once(forecasts):
    """Figures to 2025, as of 2025: the fan 2026-2028 lies on the forecast's grid (2026-2040)."""
    (rec,) = report.fan_records(_grants(2016, 2025), "dazhou", ["patent_grants"], 3, 200, 0, 2025)
    assert forecasts == [None]
    assert [f["period"] for f in rec["fan"]] == ["2026", "2027", "2028"]
    assert rec["stale_years"] == 0


def test_a_fan_that_ends_on_the_grids_last_year_is_forecast_once(forecasts):
    """Fifteen years, 2026-2040, are the grid's fifteen exactly: nothing to extend."""
    (rec,) = report.fan_records(_grants(2016, 2025), "dazhou", ["patent_grants"], 15, 200, 0, 2025)
    assert forecasts == [None]
    assert rec["fan"][-1]["time"] == 2040.0 and len(rec["fan"]) == 15


def test_a_stale_series_is_forecast_again_to_the_fans_end(forecasts):
    """Figures to 2008, as of 2025: the grid (2009-2023) stops before the fan (2026-2028), so the
    series is forecast again until 2028, and the fan says it is 17 years stale (2025 - 2008)."""
    hist = _grants(2001, 2008)
    (rec,) = report.fan_records(hist, "dazhou", ["patent_grants"], 3, 200, 0, 2025)
    assert forecasts == [None, 2028.0]
    assert rec["stale_years"] == 17
    fan = rec["fan"]
    assert [(f["period"], f["time"]) for f in fan] == [("2026", 2026.0), ("2027", 2027.0)] + [
        ("2028", 2028.0)
    ]
    assert all(0 < f["q025"] <= f["median"] <= f["q975"] for f in fan)


def test_the_latest_year_so_far_sets_how_stale_the_fan_is():
    """Whole years to 2023, then 2024年1-6月 and 2025年1-10月, as of 2025: 2025's figure so far
    is the latest, so nothing is stale; with 2024's alone, one year (2025) is."""
    both = [("2024-01/2024-06", 900.0), ("2025-01/2025-10", 1700.0)]
    (rec,) = report.fan_records(
        _grants(2016, 2023, both), "dazhou", ["patent_grants"], 3, 200, 0, 2025
    )
    assert [x["year"] for x in rec["so_far"]] == [2024, 2025]
    assert rec["stale_years"] == 0
    only_2024 = both[:1]
    (rec,) = report.fan_records(
        _grants(2016, 2023, only_2024), "dazhou", ["patent_grants"], 3, 200, 0, 2025
    )
    assert rec["stale_years"] == 1


def test_three_members_each_weigh_a_third_to_four_decimals():
    """The ensemble's members weigh the same, shown to four decimals: 1/3 is 0.3333."""
    known = provider(None)
    cal = known.calibration
    three = {**cal, "patent": {**cal["patent"], "members": ["naive", "drift", "theta"]}}
    learned = Learned(known.priors, three, known.as_of)
    (rec,) = report.fan_records(
        _grants(2016, 2025), "dazhou", ["patent_grants"], 3, 200, 0, None, learned=learned
    )
    assert rec["members"] == ["naive", "drift", "theta"]
    assert rec["weights"] == {"naive": 0.3333, "drift": 0.3333, "theta": 0.3333}
