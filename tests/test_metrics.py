import numpy as np
import pytest
from scipy import stats

from ipcast.forecast.metrics import brier, covered, crps_sample, pit, pit_counts


def _crps_slow(x, y):
    """CRPS by its definition E|X - y| - 0.5 E|X - X'|, with a double loop."""
    m = len(x)
    a = sum(abs(xi - y) for xi in x) / m
    b = sum(abs(xi - xj) for xi in x for xj in x) / m**2
    return a - 0.5 * b


def test_crps_matches_slow_reference():
    rng = np.random.default_rng(0)
    for _ in range(5):
        x = rng.normal(size=60)
        y = rng.normal()
        assert crps_sample(x, y) == pytest.approx(_crps_slow(x, y), rel=1e-12)


def test_crps_of_a_large_normal_sample_matches_the_closed_form():
    # Gneiting & Raftery (2007): CRPS(N(0,1), y) = y(2Phi(y)-1) + 2phi(y) - 1/sqrt(pi)
    x = stats.norm.ppf((np.arange(20000) + 0.5) / 20000)
    y = 0.7
    exact = y * (2 * stats.norm.cdf(y) - 1) + 2 * stats.norm.pdf(y) - 1 / np.sqrt(np.pi)
    assert crps_sample(x, y) == pytest.approx(exact, abs=1e-4)


def test_crps_vectorises_over_forecasts():
    x = np.array([[0.0, 1.0, 2.0], [5.0, 5.0, 5.0]])
    got = crps_sample(x, np.array([1.0, 4.0]))
    assert got == pytest.approx([_crps_slow(x[0], 1.0), 1.0])


def test_pit_is_uniform_for_a_calibrated_forecast():
    rng = np.random.default_rng(1)
    samples = rng.normal(size=(4000, 400))
    y = rng.normal(size=4000)
    counts = pit_counts(pit(samples, y))
    assert sum(counts) == 4000
    assert max(counts) < 500 and min(counts) > 300  # 400 expected in each decile
    assert covered(samples, y, 0.8).mean() == pytest.approx(0.8, abs=0.03)


def test_brier():
    assert brier(np.array([1.0, 0.0, 0.7]), np.array([True, False, False])).tolist() == [
        0.0,
        0.0,
        pytest.approx(0.49),
    ]


def test_crps_by_hand_on_three_points():
    # x = {0, 1, 2}: E|X - 1| = 2/3, E|X - X'| = 8/9, so CRPS = 2/3 - 4/9 = 2/9; at y = 5, 4 - 4/9.
    assert crps_sample(np.array([2.0, 0.0, 1.0]), 1.0) == pytest.approx(2 / 9, abs=1e-15)
    assert crps_sample(np.array([0.0, 1.0, 2.0]), 5.0) == pytest.approx(32 / 9, abs=1e-15)
    assert crps_sample(np.array([0.0, 1.0, 2.0]), -1.0) == pytest.approx(14 / 9, abs=1e-15)
    # one sample: the absolute error
    assert crps_sample(np.array([3.0]), 1.0) == pytest.approx(2.0, abs=1e-15)


def test_crps_of_forecasts_in_rows():
    x = np.array([[2.0, 0.0, 1.0], [1.0, 1.0, 3.0]])
    # row 2: E|X - 0| = 5/3, E|X - X'| = 8/9
    assert crps_sample(x, np.array([1.0, 0.0])) == pytest.approx([2 / 9, 5 / 3 - 4 / 9])


def test_pit_counts_ties_as_half():
    x = np.array([1.0, 2.0, 2.0, 3.0])
    assert pit(x, 2.0) == 0.5  # 1/4 below, 2/4 tied
    assert pit(x, 2.5) == 0.75
    assert pit(x, 0.0) == 0.0
    assert pit(np.array([[1.0, 2.0], [5.0, 6.0]]), np.array([1.5, 7.0])).tolist() == [0.5, 1.0]


def test_covered_uses_the_central_interval_with_its_ends():
    x = np.arange(101.0)  # quantiles 10 and 90 at level 0.8, 25 and 75 at level 0.5
    got = covered(x, np.array([9.99, 10.0, 50.0, 90.0, 90.01]), 0.8)
    assert got.tolist() == [False, True, True, True, False]
    got = covered(x, np.array([24.9, 25.0, 75.0, 75.1]), 0.5)
    assert got.tolist() == [False, True, True, False]


def test_brier_by_hand():
    got = brier(np.array([0.3, 0.2, 0.9]), np.array([True, False, True]))
    assert got == pytest.approx([0.49, 0.04, 0.01])


def test_pit_counts_in_ten_bins_clipped_to_0_1():
    assert pit_counts(np.array([-0.1, 0.05, 0.5, 1.0, 1.2])) == [2, 0, 0, 0, 0, 1, 0, 0, 0, 2]
    assert pit_counts(np.array([0.1, 0.6]), bins=2) == [1, 1]
