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


def test_a_time_off_by_date_arithmetic_noise_is_the_observation_itself():
    # 2022-12-31 as a decimal year carries float noise of about 1e-7: np.isclose's relative
    # tolerance (1e-5 x 2022) treats it as the observed time, so the figure comes back exactly.
    m = LogRandomWalkDrift(WEAK).fit([100.0, 400.0], [2020.0, 2022.0])
    paths = m.simulate(0, 200, np.random.default_rng(1), at=[2022.0 - 1e-7, 2022.0 + 1e-7])
    assert np.all(paths == 400.0)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        LogRandomWalkDrift().fit([])
    with pytest.raises(ValueError):
        LogRandomWalkDrift().fit([1.0, 0.0])
    with pytest.raises(ValueError):
        LogRandomWalkDrift().fit([1.0, 2.0], [2021.0, 2020.0])


class _Fixed:
    """A stand-in generator that makes ``simulate`` exact: every chi-square draw equals ``chi``
    (default its mean, so sigma^2 is the posterior scale s^2) and the k-th call of
    ``standard_normal`` returns ``z[k]`` for every path."""

    def __init__(self, z, chi=None):
        self.z, self.chi, self.calls = list(z), chi, 0

    def chisquare(self, df, size):
        return np.full(size, float(df) if self.chi is None else self.chi)

    def standard_normal(self, n):
        self.calls += 1
        return np.full(n, self.z[self.calls - 1])


P1 = Prior(m0=0.1, tau0=0.05, s0=0.2, nu0=4, source="test")  # kappa0 = 16


def test_draw_params_by_hand():
    m = LogRandomWalkDrift(P1).fit([100.0], [2020.0])  # m = 0.1, s^2 = 0.04, kappa = 16, nu = 4
    mu, sigma = m.draw_params(3, _Fixed([1.0]))
    assert mu == pytest.approx([0.15] * 3)  # 0.1 + sqrt(0.04 / 16) * 1
    assert sigma == pytest.approx([0.2] * 3)
    mu, sigma = m.draw_params(2, _Fixed([-2.0], chi=1.0))  # sigma^2 = 4 * 0.04 / 1
    assert sigma == pytest.approx([0.4, 0.4])
    assert mu == pytest.approx([0.1 - 0.1 * 2] * 2)  # sqrt(0.16 / 16) = 0.1


def test_drift_and_volatility_are_capped():
    up = LogRandomWalkDrift(Prior(2.0, 0.05, 3.0, 4, "t")).fit([100.0])
    mu, sigma = up.draw_params(1, _Fixed([0.0]))
    assert (mu[0], sigma[0]) == (1.2, 1.5)
    down = LogRandomWalkDrift(Prior(-2.0, 0.05, 0.2, 4, "t")).fit([100.0])
    mu, sigma = down.draw_params(1, _Fixed([0.0]))
    assert (mu[0], sigma[0]) == (-1.2, pytest.approx(0.2))


def test_forward_steps_by_hand():
    m = LogRandomWalkDrift(P1).fit([100.0], [2020.0])
    # mu = 0.15, sigma = 0.2; steps from the last point, then from the previous step
    paths = m.simulate(0, 2, _Fixed([1.0, 0.5, -1.0]), at=[2023.0, 2021.0])
    x2021 = np.log(100) + 0.15 + 0.2 * 0.5
    x2023 = x2021 + 0.15 * 2 - 0.2 * np.sqrt(2)
    assert np.log(paths[0]) == pytest.approx([x2023, x2021], abs=1e-12)
    assert paths[0, 0] == paths[1, 0]


def test_default_horizon_is_yearly_after_the_last_point():
    m = LogRandomWalkDrift(P1).fit([100.0, 110.0], [2019.5, 2020.5])
    s = np.sqrt(m.s2_)
    mu = m.m_ + np.sqrt(m.s2_ / m.kappa_) * 0.3
    paths = m.simulate(2, 1, _Fixed([0.3, 1.0, 1.0]))
    assert np.log(paths[0]) == pytest.approx(
        [np.log(110) + mu + s, np.log(110) + 2 * mu + 2 * s], abs=1e-12
    )


def test_before_the_first_point_the_walk_runs_backwards():
    m = LogRandomWalkDrift(P1).fit([100.0], [2020.0])
    paths = m.simulate(0, 1, _Fixed([1.0, 0.5]), at=[2018.0])
    assert np.log(paths[0, 0]) == pytest.approx(np.log(100) - 0.15 * 2 + 0.2 * np.sqrt(2) * 0.5)


def test_brownian_bridge_at_any_point():
    # Between points at 2020 and 2024 the log value at tau is normal with mean
    # xa + (tau - ta)/(tb - ta) (xb - xa) and variance sigma^2 (tau - ta)(tb - tau)/(tb - ta),
    # each later point bridging on from the one before it.
    y = [100.0, 100.0 * np.exp(0.8)]
    m = LogRandomWalkDrift(P1).fit(y, [2020.0, 2024.0])
    s = np.sqrt(m.s2_)
    paths = m.simulate(0, 1, _Fixed([0.0, 1.0, -0.5]), at=[2022.0, 2021.0, 2024.0])
    x2021 = np.log(100) + 0.25 * 0.8 + s * np.sqrt(1 * 3 / 4)
    x2022 = x2021 + (np.log(y[1]) - x2021) / 3 - 0.5 * s * np.sqrt(1 * 2 / 3)
    assert np.log(paths[0, :2]) == pytest.approx([x2022, x2021], abs=1e-12)
    assert paths[0, 2] == y[1]


def test_a_point_before_the_data_does_not_anchor_the_bridge():
    y = [100.0, 100.0 * np.exp(0.8)]
    m = LogRandomWalkDrift(P1).fit(y, [2020.0, 2024.0])
    s = np.sqrt(m.s2_)
    paths = m.simulate(0, 1, _Fixed([0.0, 3.0, 1.0, 1.0]), at=[2019.0, 2021.0, 2025.0])
    x2021 = np.log(100) + 0.25 * 0.8 + s * np.sqrt(3 / 4)
    assert np.log(paths[0, 1]) == pytest.approx(x2021, abs=1e-12)
    # the step after the last point starts from it, not from the bridged 2021
    mu = m.m_
    assert np.log(paths[0, 2]) == pytest.approx(np.log(y[1]) + mu + s, abs=1e-12)


def test_a_declining_two_point_series():
    m = LogRandomWalkDrift(P1).fit([200.0, 100.0], [2020.0, 2021.0])
    kappa = 16 + 1
    d = np.log(0.5)
    assert m.kappa_ == kappa and m.nu_ == 5 and m.n_points_ == 2
    assert m.m_ == pytest.approx((16 * 0.1 + d) / kappa)
    assert m.s2_ == pytest.approx((4 * 0.04 + d**2 + 16 * 0.01 - kappa * m.m_**2) / 5)
    assert m.m_ < 0.1  # a falling series pulls the drift below the prior mean


def test_default_times_are_one_year_apart():
    a = LogRandomWalkDrift(P1).fit([100.0, 120.0, 150.0])
    b = LogRandomWalkDrift(P1).fit([100.0, 120.0, 150.0], [0.0, 1.0, 2.0])
    assert (a.m_, a.s2_, a.kappa_) == (b.m_, b.s2_, b.kappa_)
    assert a.kappa_ == 18


def test_a_perfectly_fitting_prior_keeps_a_tiny_positive_variance():
    m = LogRandomWalkDrift(Prior(0.0, 1.0, 0.0, 0.0, "t")).fit([1.0, np.exp(0.1)])
    assert m.s2_ == pytest.approx(1e-12, rel=1e-6, abs=0)


@pytest.mark.parametrize(
    "y,t",
    [([np.nan, 2.0], None), ([np.inf], None), ([-1.0], None), ([1.0, 2.0], [2020.0, 2020.0])],
)
def test_more_bad_input_is_refused(y, t):
    with pytest.raises(ValueError):
        LogRandomWalkDrift().fit(y, t)


def test_seeded_paths_are_pinned():
    m = LogRandomWalkDrift(P1).fit([100.0, 110.0], [2020.0, 2021.0])
    a = m.simulate(2, 3, np.random.default_rng(7))
    assert np.array_equal(a, m.simulate(2, 3, np.random.default_rng(7)))
    # the same draws by hand: chi-square, normals for mu, then one normal per step
    rng = np.random.default_rng(7)
    sigma = np.sqrt(m.nu_ * m.s2_ / rng.chisquare(m.nu_, size=3))
    mu = m.m_ + sigma / np.sqrt(m.kappa_) * rng.standard_normal(3)
    x1 = np.log(110) + mu + sigma * rng.standard_normal(3)
    x2 = x1 + mu + sigma * rng.standard_normal(3)
    assert a == pytest.approx(np.exp(np.c_[x1, x2]), rel=1e-12)
    assert not np.allclose(a, m.simulate(2, 3, np.random.default_rng(8)))


def test_the_weak_default_prior():
    m = LogRandomWalkDrift().fit([100.0], [2020.0])
    # VAGUE: m0 0, tau0 0.3, s0 0.2, nu0 1 -> kappa0 = (0.2 / 0.3)^2
    assert (m.m_, m.s2_, m.nu_) == (0.0, pytest.approx(0.04), 1.0)
    assert m.kappa_ == pytest.approx(0.04 / 0.09)
