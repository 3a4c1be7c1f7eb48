"""Each candidate against a case with a known answer, guards on degenerate input, seeding."""

import numpy as np
import pytest

from ipcast.forecast.models import (
    CANDIDATES,
    ARIMASearch,
    DampedETS,
    Naive,
    Theta,
    checked,
    guarded,
)
from ipcast.forecast.quantiles import summary


def _walk(n, mu, sigma, seed):
    rng = np.random.default_rng(seed)
    return 1000 * np.exp(np.concatenate([[0], np.cumsum(mu + sigma * rng.standard_normal(n - 1))]))


def test_naive_volatility_is_the_rms_of_yearly_log_changes():
    y = np.exp([0.0, 0.1, 0.0, 0.1])
    assert Naive().fit(y).sigma_ == pytest.approx(0.1)


def test_ets_simulation_starts_from_the_end_of_the_sample():
    # A steadily growing series: the next year must be near the last value, not the first.
    y = 100 * 1.1 ** np.arange(12)
    paths = DampedETS().fit(y).simulate(1, 2000, np.random.default_rng(0))
    assert np.median(paths[:, 0]) == pytest.approx(y[-1] * 1.1, rel=0.05)


def test_theta_continues_a_log_linear_trend():
    y = 50 * np.exp(0.08 * np.arange(15))
    paths = Theta().fit(y).simulate(2, 4000, np.random.default_rng(0))
    # Theta halves the regression slope's weight: its drift lies between 0 and the trend.
    g = np.log(np.median(paths[:, 1]) / y[-1]) / 2
    assert 0.02 < g <= 0.085


def test_arima_on_a_random_walk_recovers_the_drift():
    y = _walk(200, 0.05, 0.1, seed=3)
    m = ARIMASearch().fit(y)
    paths = m.simulate(10, 4000, np.random.default_rng(1))
    g = np.log(np.median(paths[:, 9]) / y[-1]) / 10
    assert g == pytest.approx(0.05, abs=0.025)


@pytest.mark.parametrize("name", list(CANDIDATES))
@pytest.mark.parametrize(
    "y",
    [
        np.full(8, 5.0),  # constant
        np.array([3.0, 0, 4, 0, 5, 6, 0, 7]),  # zeros
        np.array([42.0]),  # one point
        np.array([10.0, 11, 12, 500, 13, 14, 15]),  # a spike
        np.array([1e6, 1.1e6, 1.3e6, 1.2e6, 1.5e6, 1.6e6]),
    ],
)
def test_every_candidate_gives_finite_non_negative_paths(name, y):
    if name == "prophet" and len(y) < 5:
        pytest.skip("prophet needs five points; guarded falls back before fitting")
    paths, used = guarded(CANDIDATES[name](), y, 3, 200, np.random.default_rng(0))
    assert paths.shape == (200, 3)
    assert np.all(np.isfinite(paths)) and np.all(paths >= 0)
    assert used in (name, "drift")


@pytest.mark.parametrize("name", [n for n in CANDIDATES if n != "prophet"] + ["prophet"])
def test_same_seed_same_paths_other_seed_differs(name):
    y = _walk(12, 0.08, 0.1, seed=5)
    a, _ = guarded(CANDIDATES[name](), y, 3, 300, np.random.default_rng(11))
    b, _ = guarded(CANDIDATES[name](), y, 3, 300, np.random.default_rng(11))
    c, _ = guarded(CANDIDATES[name](), y, 3, 300, np.random.default_rng(12))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_theta_agrees_with_statsmodels_theta_model():
    import warnings

    from statsmodels.tsa.forecasting.theta import ThetaModel

    rng = np.random.default_rng(7)
    for _ in range(8):
        x = np.log(1000) + np.cumsum(0.08 + 0.12 * rng.standard_normal(14))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = ThetaModel(x, period=1, deseasonalize=False).fit()
            centre = np.asarray(ref.forecast(3))
            pi = np.asarray(ref.prediction_intervals(3, alpha=0.2))
        ours = Theta().fit(np.exp(x))
        assert ours.forecast(3) == pytest.approx(centre, abs=2e-3)
        sd = (pi[:, 1] - pi[:, 0]) / (2 * 1.2815515655446004)
        assert ours.sd(3) == pytest.approx(sd, rel=0.1)


def test_every_model_follows_the_contract_and_leaves_the_global_random_state_alone():
    from ipcast.forecast.contract import Model
    from ipcast.forecast.ensemble import CalibratedEnsemble
    from ipcast.forecast.models import make
    from ipcast.forecast.steps import RandomWalk

    y = _walk(12, 0.08, 0.1, seed=5)
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    models = [make(name) for name in CANDIDATES]
    models += [CalibratedEnsemble(["theta", "drift"], {}), RandomWalk(np.arange(12.0))]
    for m in models:
        assert isinstance(m, Model), m
        paths = m.fit(y).simulate(3, 50, np.random.default_rng(0))
        assert paths.shape == (50, 3) and np.all(np.isfinite(paths))
    assert np.array_equal(np.random.get_state()[1], before)  # Prophet's draws were isolated


@pytest.mark.parametrize("name", ["naive", "drift", "pooled", "theta"])
@pytest.mark.parametrize("sigma", [0.05, 0.4, 0.9, 3.0])
def test_a_check_that_reads_fewer_columns_reaches_the_same_verdict(name, sigma):
    # Calm series pass on the extremes alone, wild ones on their quantiles or not at all; the
    # verdict, the paths and the summary of the columns read are those of the full check.
    y = _walk(8, 0.05, sigma, seed=int(sigma * 10))
    whole = checked(CANDIDATES[name](), y, 12, 2000, np.random.default_rng(3))
    part = checked(CANDIDATES[name](), y, 12, 2000, np.random.default_rng(3), read=3)
    assert whole[1] == part[1] and np.array_equal(whole[0], part[0])
    assert (whole[2] is None) == (part[2] is None)
    if part[2] is not None:
        logs, stats = part[2]
        assert np.array_equal(logs, whole[2][0][:, :3])
        for a, b in zip(stats, summary(np.log(whole[0][:, :3])), strict=True):
            assert np.array_equal(a, b)
