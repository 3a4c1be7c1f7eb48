"""A total to date (累计) never falls along a path: a random walk on the total can, so each path is
held at its running maximum from the last figure on (``chain.never_falling``)."""

import numpy as np
from conftest import make_history

from ipcast.data.catalog import total_to_date
from ipcast.forecast.chain import FLOOR_NOTE, forecast_series, never_falling


def test_never_falling_by_hand():
    paths = np.array([[1.0, 3.0, 2.0, 4.0], [0.5, 0.7, 2.5, 2.4]])
    # Anchor 1.2: the first path's 1.0 is below the last figure; its 2.0 after 3.0 stays 3.0.
    assert never_falling(paths, 1.2).tolist() == [[1.2, 3.0, 3.0, 4.0], [1.2, 1.2, 2.5, 2.5]]
    assert paths[0, 0] == 1.0  # the caller's paths are left as they were


def test_the_totals_to_date_are_the_stocks_named_leiji():
    assert total_to_date("pledge_financing_total")
    assert total_to_date("copyright_registrations_total")
    assert total_to_date("madrid_stock")
    assert not total_to_date("effective_invention_patents")  # lapses: it can fall
    assert not total_to_date("pledge_financing")  # a year's flow
    assert not total_to_date("patent_navigation_projects")  # 累计 in its name, but a flow


def _total(indicator, values, unit):
    rows = [("x", indicator, f"{y}-12-31", "asof", v, unit) for y, v in values]
    return forecast_series(make_history(rows), "x", indicator, 4000, 7, until=2031.0)


def test_a_total_forecast_by_the_random_walk_never_falls_and_a_stock_may():
    # Pledge financing to date with no yearly flow: the borrowed random walk, which draws falls.
    fc = _total("pledge_financing_total", [(2023, 1.12), (2024, 1.16), (2025, 1.19)], "亿元")
    assert fc.method.startswith("random walk") and fc.method.endswith(FLOOR_NOTE)
    assert np.all(np.diff(fc.paths, axis=1) >= 0) and fc.paths.min() >= 1.19
    # The same figures as an effective stock (which lapses) keep the walk's falls.
    stock = _total("effective_trademarks", [(2023, 1120), (2024, 1160), (2025, 1190)], "件")
    assert np.any(np.diff(stock.paths, axis=1) < 0) and FLOOR_NOTE not in stock.method


def test_held_paths_are_the_walks_own_where_it_does_not_fall():
    """The paths are the walk's draws, changed only where they fell: where a path is at a new
    high it is exactly the walk's value."""
    fc = _total("pledge_financing_total", [(2023, 1.12), (2024, 1.16), (2025, 1.19)], "亿元")
    from ipcast.forecast import chain

    raw = chain.never_falling  # the walk's own paths, with the hold undone for this check
    try:
        chain.never_falling = lambda paths, anchor: paths
        walk = _total("pledge_financing_total", [(2023, 1.12), (2024, 1.16), (2025, 1.19)], "亿元")
    finally:
        chain.never_falling = raw
    highs = walk.paths >= np.maximum.accumulate(np.maximum(walk.paths, 1.19), axis=1)
    assert np.array_equal(fc.paths[highs], walk.paths[highs])
    assert np.array_equal(fc.paths, never_falling(walk.paths, 1.19))


def test_same_seed_same_paths_other_seed_other_paths():
    rows = [
        ("x", "pledge_financing_total", f"{y}-12-31", "asof", v, "亿元")
        for y, v in [(2023, 1.12), (2024, 1.16), (2025, 1.19)]
    ]
    h = make_history(rows)
    a = forecast_series(h, "x", "pledge_financing_total", 500, 1, until=2030.0).paths
    b = forecast_series(h, "x", "pledge_financing_total", 500, 1, until=2030.0).paths
    c = forecast_series(h, "x", "pledge_financing_total", 500, 2, until=2030.0).paths
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_a_share_is_capped_at_100_percent_and_nothing_else_is():
    # A satisfaction rate of 97-99 %: the walk's paths above 100 % are held at 100 exactly.
    rows = [
        ("x", "protection_satisfaction", str(y), "year", v, "%")
        for y, v in [(2021, 97.0), (2022, 98.0), (2023, 99.0)]
    ]
    fc = forecast_series(make_history(rows), "x", "protection_satisfaction", 2000, 5, until=2030.0)
    assert fc.paths.max() == 100.0 and (fc.paths == 100.0).mean() > 0.1
    assert fc.paths.min() < 99.0  # capped above only
    counts = _total("copyright_registrations_total", [(2023, 97), (2024, 98), (2025, 99)], "件")
    assert counts.paths.max() > 100.0  # a count of 99 may pass 100


def test_no_forecast_gives_the_last_steps_reason():
    # One point of a stock with nothing to borrow: every step passed over, the last one's reason
    # (own points only: it needs more points) is the forecast's.
    rows = [("x", "mediation_cases_total", "2025-12-31", "asof", 40.0, "件")]
    fc = forecast_series(make_history(rows), "x", "mediation_cases_total", 100, 0, until=2030.0)
    assert fc.paths is None
    assert fc.reason == fc.chain[-1]["reason"] != fc.chain[-2]["reason"]
    assert fc.chain[-1]["step"] == "own points only"
