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
