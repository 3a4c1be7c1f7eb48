import numpy as np
import pytest
from scipy import stats

from ipcast.forecast.rwdrift import LogRandomWalkDrift, Prior

WEAK = Prior(m0=0.0, tau0=10.0, s0=0.1, nu0=0.01, source="test")


def _walk(n, mu, sigma, seed, x0=np.log(1000.0)):
    rng = np.random.default_rng(seed)
    return np.exp(x0 + np.concatenate([[0], np.cumsum(mu + sigma * rng.standard_normal(n - 1))]))


def test_recovers_drift_and_volatility_of_a_simulated_walk():
    y = _walk(400, 0.08, 0.15, seed=1)
    m = LogRandomWalkDrift(WEAK).fit(y)
    # Standard error of the drift estimate is sigma / sqrt(399) ~ 0.0075.
    assert m.m_ == pytest.approx(0.08, abs=0.025)
    assert np.sqrt(m.s2_) == pytest.approx(0.15, rel=0.1)


def test_posterior_matches_closed_form_with_irregular_spacing():
    # Two increments over 1 and 3 years; conjugate update worked by hand.
    p = Prior(m0=0.1, tau0=0.05, s0=0.2, nu0=4, source="test")
    y = np.exp([0.0, 0.3, 0.3 + 0.9])
    t = [2010.0, 2011.0, 2014.0]
    m = LogRandomWalkDrift(p).fit(y, t)
    kappa0 = 0.2**2 / 0.05**2  # 16
    assert m.kappa_ == pytest.approx(kappa0 + 4)
    assert m.m_ == pytest.approx((16 * 0.1 + 1.2) / 20)
    ss = 4 * 0.04 + (0.3**2 / 1 + 0.9**2 / 3) + 16 * 0.01 - 20 * m.m_**2
    assert m.s2_ == pytest.approx(ss / 6)


def test_one_point_is_forecast_from_the_prior_alone():
    p = Prior(m0=0.1, tau0=0.05, s0=0.2, nu0=4, source="test")
    m = LogRandomWalkDrift(p).fit([500.0], [2020.0])
    assert m.m_ == pytest.approx(0.1)
    assert m.s2_ == pytest.approx(0.04)
    paths = m.simulate(0, 20000, np.random.default_rng(0), at=[2023.0])
    # Predictive of log growth over 3 years is Student-t centred on 3 * m0.
    assert np.median(np.log(paths[:, 0] / 500)) == pytest.approx(0.3, abs=0.01)


def test_predictive_quantiles_match_normal_when_parameters_are_known():
    # With a very tight prior the parameters are fixed and log y_h ~ N(x + h mu, h sigma^2).
    p = Prior(m0=0.05, tau0=1e-6, s0=0.2, nu0=1e7, source="test")
    m = LogRandomWalkDrift(p).fit([100.0])
    paths = m.simulate(4, 200000, np.random.default_rng(3))
    q = np.quantile(np.log(paths[:, 3]), [0.1, 0.5, 0.9])
    expected = stats.norm.ppf([0.1, 0.5, 0.9], np.log(100) + 4 * 0.05, 0.2 * 2)
    assert q == pytest.approx(expected, abs=0.01)


def test_same_seed_same_paths_and_other_seed_differs():
    m = LogRandomWalkDrift(WEAK).fit(_walk(10, 0.1, 0.1, seed=2))
    a = m.simulate(5, 100, np.random.default_rng(42))
    b = m.simulate(5, 100, np.random.default_rng(42))
    c = m.simulate(5, 100, np.random.default_rng(43))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_paths_are_positive_and_finite():
    m = LogRandomWalkDrift(WEAK).fit([1.0, 1000.0], [2020.0, 2020.1])  # an absurd jump
    paths = m.simulate(10, 1000, np.random.default_rng(0))
    assert np.all(np.isfinite(paths)) and np.all(paths > 0)


def test_observed_times_return_the_observation_and_gaps_are_bridged():
    y = [100.0, 400.0]
    m = LogRandomWalkDrift(WEAK).fit(y, [2020.0, 2022.0])
    paths = m.simulate(0, 50000, np.random.default_rng(1), at=[2020.0, 2021.0, 2022.0])
    assert np.all(paths[:, 0] == 100.0) and np.all(paths[:, 2] == 400.0)
    # A Brownian bridge halfway is centred on the geometric mean.
    assert np.median(paths[:, 1]) == pytest.approx(200.0, rel=0.02)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        LogRandomWalkDrift().fit([])
    with pytest.raises(ValueError):
        LogRandomWalkDrift().fit([1.0, 0.0])
    with pytest.raises(ValueError):
        LogRandomWalkDrift().fit([1.0, 2.0], [2021.0, 2020.0])
