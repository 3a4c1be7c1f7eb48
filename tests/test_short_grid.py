"""A forecast read only up to a time (``need``) is the whole grid's forecast cut there: the same
numbers, whichever step makes it (random walk, ensemble, stock from flows, ratio)."""

import numpy as np
import pytest
from conftest import make_history

from ipcast.forecast.chain import forecast_series, read_to
from ipcast.forecast.learned import provider


def _history():
    rows = []
    # Nine consecutive years of grants: the calibrated ensemble; a stock fed by them.
    for k, y in enumerate(range(2012, 2021)):
        rows.append(("x", "invention_grants", str(y), "year", 100.0 * 1.1**k, "件"))
    rows.append(("x", "effective_invention_patents", "2020", "asof", 900.0, "件"))
    # Three scattered registrations: the pooled random walk; a stock fed by them.
    for y, v in ((2016, 50.0), (2018, 65.0), (2020, 70.0)):
        rows.append(("y", "trademark_registrations", str(y), "year", v, "件"))
    rows.append(("y", "effective_trademarks", "2019", "asof", 400.0, "件"))
    # A per-10k ratio with no figures of its own: from the stock and the population.
    rows += [
        ("x", "high_value_invention_patents", str(y), "asof", v, "件")
        for y, v in ((2018, 40.0), (2019, 48.0), (2020, 55.0))
    ]
    rows += [
        ("x", "population", str(y), "asof", v, "万人")
        for y, v in ((2018, 500.0), (2019, 502.0), (2020, 503.0))
    ]
    return make_history(rows)


def test_read_to_keeps_the_grid_up_to_the_first_point_at_or_after_need():
    grid = np.arange(2021.0, 2036.0)
    assert list(read_to(grid, 2024.0)) == [2021.0, 2022.0, 2023.0, 2024.0]
    assert list(read_to(grid, 2023.5)) == [2021.0, 2022.0, 2023.0, 2024.0]
    assert list(read_to(grid, 2019.0)) == [2021.0]
    assert read_to(grid, None) is grid


@pytest.mark.parametrize(
    "region, indicator, method",
    [
        ("x", "invention_grants", "calibrated ensemble"),
        ("x", "effective_invention_patents", "stock from flows"),
        ("y", "trademark_registrations", "random walk, borrowed prior"),
        ("y", "effective_trademarks", "stock from flows"),
        ("x", "high_value_invention_per_10k", "high_value_invention_patents per 10,000"),
    ],
)
def test_a_forecast_read_to_a_time_is_the_whole_grids_first_columns(region, indicator, method):
    h, learned = _history(), provider()
    whole = forecast_series(h, region, indicator, 400, 5, learned, until=2024.5)
    short = forecast_series(h, region, indicator, 400, 5, learned, until=2024.5, need=2024.5)
    assert whole.method.startswith(method) and short.method == whole.method
    k = len(short.grid)
    assert k < len(whole.grid) and short.grid[-1] >= 2024.5
    assert np.array_equal(short.grid, whole.grid[:k])
    assert np.array_equal(short.paths, whole.paths[:, :k])  # equal, not merely close
    times = [2022.0, 2023.5, 2024.5]
    assert np.array_equal(short.at(times), whole.at(times))


def test_a_random_walk_ahead_of_its_points_draws_as_the_general_path_does():
    # Times in order after the last point take the direct route; the same times in reverse
    # take the general one (sorted, checked one by one): the same numbers, column for column.
    from ipcast.forecast.rwdrift import VAGUE, LogRandomWalkDrift

    rw = LogRandomWalkDrift(VAGUE).fit([100.0, 120.0, 118.0], [2018.0, 2019.0, 2021.0])
    at = np.array([2022.0, 2023.5, 2025.0])
    ahead = rw.simulate(0, 300, np.random.default_rng(4), at=at)
    general = rw.simulate(0, 300, np.random.default_rng(4), at=at[::-1])
    assert np.array_equal(ahead, general[:, ::-1])
