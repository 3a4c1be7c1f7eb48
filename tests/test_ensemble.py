"""Combination, calibration and the rolling backtest that judges them."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ipcast.forecast.backtest import run_backtest
from ipcast.forecast.ensemble import MIN_POOL, Calibrator, combine
from ipcast.forecast.ensemble_backtest import RUN_RULE, ensemble_scores, final_calibration
from ipcast.forecast.panels import Series


def test_combination_is_the_mean_of_member_medians_and_spreads():
    rng = np.random.default_rng(0)
    logs = {
        "naive": rng.normal(0.0, 0.1, (4000, 2)),
        "drift": rng.normal(1.0, 0.2, (4000, 2)),
        "theta": rng.normal(5.0, 0.1, (4000, 2)),
    }
    c = combine(logs, ["naive", "drift", "theta"])
    # (0 + 1 + 5) / 3 = 2; spreads (0.1 + 0.2 + 0.1) / 3 = 0.1333.
    assert c.center == pytest.approx([2.0, 2.0], abs=0.02)
    assert c.spread == pytest.approx([0.4 / 3, 0.4 / 3], abs=0.01)
    assert np.all((c.ranks > 0) & (c.ranks < 1))


def test_combination_keeps_as_many_paths_as_asked():
    # 50 paths from 4 members: 13, 13, 12 and 12 of them (n // k each, one more from the first
    # n % k), whose ranks per column are the joint shape. Before, 4 x 12 = 48 paths came back, and
    # a stock adding them to its own 50 failed.
    rng = np.random.default_rng(1)
    names = ["naive", "drift", "pooled", "theta"]
    logs = {m: rng.normal(i, 0.1, (50, 3)) for i, m in enumerate(names)}
    c = combine(logs, names)
    pooled = np.concatenate([logs[m][:k] for m, k in zip(names, (13, 13, 12, 12), strict=True)])
    by_hand = (stats.rankdata(pooled, axis=0, method="ordinal") - 0.5) / 50
    assert c.ranks.shape == (50, 3)
    assert np.array_equal(c.ranks, by_hand)


def test_calibrator_reproduces_its_error_distribution():
    z = stats.norm.ppf((np.arange(1000) + 0.5) / 1000) * 2.0
    cal = Calibrator({1: z})
    u = np.array([0.1, 0.5, 0.9])
    assert cal.z_quantiles(1, u) == pytest.approx(2 * stats.norm.ppf(u), abs=0.01)
    # Beyond the longest calibrated horizon the longest one's errors are used.
    assert np.array_equal(cal.z_quantiles(4, u), cal.z_quantiles(1, u))
    # Too few errors: fall back to the normal shape.
    small = Calibrator({1: z[:: 1000 // (MIN_POOL - 1)][: MIN_POOL - 1]})
    assert small.z_quantiles(1, u) == pytest.approx(stats.norm.ppf(u))


def _panel(n_series=16, years=16, seed=0):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n_series):
        mu = rng.normal(0.08, 0.04)
        x = np.log(1000) + np.cumsum(mu + 0.12 * rng.standard_normal(years))
        out.append(Series("synthetic", f"r{i}", "flow", np.arange(2000, 2000 + years), np.exp(x)))
    return out


@pytest.fixture(scope="module")
def synthetic_backtest():
    # These series keep their drift for ever and share no year shocks, so the damping and the
    # centred pools chosen on real provincial series (whose growth faded together) do not belong
    # here: what is tested is that pooled past errors calibrate a combination of all members.
    undamped = {**RUN_RULE, "common_shock": False, "damping": 1.0}
    return run_backtest(
        _panel(), start=2009, models=("naive", "drift", "theta"), n_paths=300, seed=1, rule=undamped
    )


def test_ensemble_is_calibrated_on_random_walks(synthetic_backtest):
    s = synthetic_backtest.summary()
    e = s["ensemble"]
    assert 0.7 <= e["coverage_80"] <= 0.9
    assert 0.88 <= e["coverage_95"] <= 0.99
    assert set(s["models"]) == {"naive", "drift", "theta"}
    for block in [e, *s["models"].values()]:
        assert sum(block["pit_counts"]) == block["n_forecasts"]


def test_calibration_never_uses_outcomes_after_the_origin(synthetic_backtest):
    df = synthetic_backtest.scores
    models = df[df["model"] != "ensemble"].copy()
    before = ensemble_scores(models)
    late = models["target_year"] > 2012
    models.loc[late, "log_y"] += 5.0  # an absurd future
    models.loc[late, "crps"] *= 10
    after = ensemble_scores(models)
    early = before["origin"] <= 2009
    cols = ["crps", "cov80", "cov95", "pit"]
    pd.testing.assert_frame_equal(
        before.loc[early, cols].reset_index(drop=True),
        after.loc[after["origin"] <= 2009, cols].reset_index(drop=True),
    )


def test_final_calibration_lists_members_and_errors(synthetic_backtest):
    cal = final_calibration(synthetic_backtest.scores, members=("naive", "drift", "theta"))
    assert set(cal["members"]) <= {"naive", "drift", "theta"}
    assert set(cal["z"]) == {1, 2, 3}
    assert all(len(v) > MIN_POOL for v in cal["z"].values())


def test_backtest_is_reproducible():
    a = run_backtest(_panel(4, 10), start=2007, models=("naive", "drift"), n_paths=100, seed=3)
    b = run_backtest(_panel(4, 10), start=2007, models=("naive", "drift"), n_paths=100, seed=3)
    c = run_backtest(_panel(4, 10), start=2007, models=("naive", "drift"), n_paths=100, seed=4)
    assert a.summary() == b.summary()
    assert a.summary() != c.summary()


def test_bundled_calibration_table():
    from ipcast.forecast.ensemble import MEMBERS
    from ipcast.forecast.learned import calibration

    table = calibration()
    for family in ("patent", "trademark", "copyright", "pledge"):
        cal = table[family]
        assert set(cal["members"]) <= set(MEMBERS)
        assert {int(h) for h in cal["z"]} == {1, 2, 3, 4, 5}
        assert all(len(z) >= MIN_POOL for z in cal["z"].values())
        assert cal["source"]


def test_rounded_is_pythons_round_to_four_places():
    """``rounded`` gives ``round(v, 4)`` for every value, halves and signed zeros included,
    and sorts as ``sorted`` does (stable: -0.0 and 0.0 keep their order)."""
    import math
    import pickle

    from ipcast.forecast.ensemble import rounded

    rng = np.random.default_rng(0)
    v = np.concatenate(
        [
            rng.standard_normal(20_000) * 3,
            (np.arange(-3000, 3000) + 0.5) / 1e4,  # halves, as near as floats get
            [0.00004, -0.00004, -0.0, 0.0, 0.00005, -0.00005, 1.23455, 12.34565],
        ]
    )
    slow = [round(float(x), 4) for x in v]
    fast = rounded(v)
    assert fast == slow
    assert [math.copysign(1, x) for x in fast] == [math.copysign(1, x) for x in slow]
    assert pickle.dumps(rounded(v, sort=True)) == pickle.dumps(sorted(slow))
    assert rounded([0.12344, -0.00004, 2.0]) == [0.1234, -0.0, 2.0]
