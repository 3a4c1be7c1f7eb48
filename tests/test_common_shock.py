"""The common year shock of the calibrated ensemble (issue #14): hand-worked pools and scales,
one draw per path shared by every horizon, and seeds."""

import numpy as np
import pytest

from ipcast.forecast.ensemble import (
    MIN_YEARS,
    Calibrator,
    Combined,
    common_shock_scale,
    error_pools,
)


def test_errors_split_into_year_means_and_the_rest():
    # Outcome year 2010: z 1 and 3 (mean 2); 2011: -2 and 0 (mean -1).
    pools, years = error_pools([1, 3, -2, 0], [2010, 2010, 2011, 2011], [1, 1, 1, 1])
    assert years == {1: [2.0, -1.0]}
    # Residuals -1, 1, -1, 1 have median 0: nothing to move.
    assert pools == {1: [-1.0, -1.0, 1.0, 1.0]}


def test_the_pool_is_moved_to_median_zero():
    # One year, z 0, 1, 5: the year mean 2 leaves -2, -1, 3 (median -1), moved to -1, 0, 4.
    pools, years = error_pools([0, 1, 5], [2012] * 3, [2] * 3)
    assert years == {2: [2.0]}
    assert pools == {2: [-1.0, 0.0, 4.0]}


def test_shock_scale_is_the_t_predictive_of_a_new_year():
    # Year means 2, -1, 0.5: mean 0.5, sd sqrt((1.5^2 + 1.5^2 + 0) / 2) = 1.5; a new draw's
    # scale 1.5 sqrt(1 + 1/3) = sqrt(3), with 3 - 1 = 2 degrees of freedom.
    scale, df = common_shock_scale([2.0, -1.0, 0.5])
    assert scale == pytest.approx(np.sqrt(3))
    assert df == 2
    assert common_shock_scale([1.0] * (MIN_YEARS - 1)) is None


def test_a_horizon_without_enough_years_borrows_the_longest_below():
    cal = Calibrator({}, {1: [2.0, -1.0, 0.5], 2: [0.0, 1.0], 3: [0.0, 1.0, 2.0, 3.0]})
    assert cal.shock_scale(2) == cal.shock_scale(1)
    assert cal.shock_scale(5) == cal.shock_scale(3)
    assert Calibrator({}, {4: [0.0, 1.0, 2.0]}).shock_scale(1) == common_shock_scale([0, 1, 2])


def _comb(n=50, h=3):
    ranks = np.tile(((np.arange(n) + 0.5) / n)[:, None], (1, h))
    return Combined(np.zeros(h), np.array([0.1, 0.2, 0.3]), ranks)


def test_one_shock_per_path_shared_by_all_horizons():
    years = {1: [2.0, -1.0, 0.5], 2: [1.0, -1.0, 0.0, 2.0], 3: [0.0, 1.0, 2.0]}
    cal = Calibrator({}, years)
    comb = _comb()
    without = cal.log_paths(comb)  # no rng: no shock
    with_shock = cal.log_paths(comb, np.random.default_rng(7))
    scales = np.array([cal.shock_scale(h)[0] for h in (1, 2, 3)])
    t = (with_shock - without) / (comb.spread * scales)
    # The same draw at every horizon, and it is the t draw of the seed (df: the fewest years, 2).
    assert np.allclose(t, t[:, :1])
    assert np.allclose(t[:, 0], np.random.default_rng(7).standard_t(2.0, size=50))


def test_same_seed_same_paths_other_seed_other_paths():
    cal = Calibrator({}, {1: [2.0, -1.0, 0.5]})
    a = cal.log_paths(_comb(), np.random.default_rng(1))
    b = cal.log_paths(_comb(), np.random.default_rng(1))
    c = cal.log_paths(_comb(), np.random.default_rng(2))
    assert np.array_equal(a, b)
    assert not np.allclose(a, c)
