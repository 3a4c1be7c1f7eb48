"""The damped trend (issue #14): hand-worked factors, and the ensemble and random walk follow it."""

import numpy as np
import pandas as pd
import pytest

from ipcast.forecast import damping
from ipcast.forecast.damping import damp_center, damp_paths, factor
from ipcast.forecast.ensemble_backtest import final_calibration


def test_factor_by_hand():
    # phi 0.85: one year 0.85; two years (0.85 + 0.7225) / 2 = 0.78625.
    assert factor([1, 2], 0.85) == pytest.approx([0.85, 0.78625])
    assert factor([1, 5], 1.0) == pytest.approx([1.0, 1.0])


def test_a_straight_trend_is_damped_and_the_spread_kept():
    # Centre 10 + 0.2 s: damped to 10 + 0.2 * 0.85 = 10.17 and 10 + 0.2 * 1.5725 = 10.3145.
    assert damp_center([10.2, 10.4], 10.0, [1, 2], 0.85) == pytest.approx([10.17, 10.3145])
    rng = np.random.default_rng(0)
    logs = np.log(100.0) + np.array([0.2, 0.4]) + rng.normal(0, 0.1, (1001, 2))
    out = np.log(damp_paths(np.exp(logs), 100.0, [1, 2], 0.85))
    med = np.median(logs, axis=0) - np.log(100.0)
    assert np.median(out, axis=0) - np.log(100.0) == pytest.approx(med * [0.85, 0.78625])
    assert np.std(out, axis=0) == pytest.approx(np.std(logs, axis=0))


def test_calibration_errors_are_measured_on_the_damped_centre():
    # One forecast, one member: centre log 100 + 0.2 at h 1 from log_y0 = log 100, spread 0.1,
    # outcome log 100 + 0.17. Undamped z = -0.3; damped (phi 0.85) the centre is log 100 + 0.17.
    x0 = np.log(100.0)
    rows = pd.DataFrame(
        {
            "series": ["s"],
            "model": ["drift"],
            "origin": [2010],
            "h": [1],
            "target_year": [2011],
            "center": [x0 + 0.2],
            "spread": [0.1],
            "log_y": [x0 + 0.17],
            "log_y0": [x0],
            "crps": [0.0],
        }
    )
    plain = final_calibration(rows, members=("drift",), choose=False)
    damped = final_calibration(rows, members=("drift",), choose=False, damping=0.85)
    assert plain["z"][1] == [pytest.approx(-0.3)]
    assert damped["z"][1] == [pytest.approx(0.0, abs=1e-9)]
    assert damped["damping"] == 0.85


def test_the_shipped_calibration_carries_the_chosen_damping():
    from ipcast.forecast.calibrate import calibration

    assert calibration(2016)["patent"]["damping"] == damping.PHI == 0.95


def _two_year_rows(z_by_year: dict[int, list[float]]) -> pd.DataFrame:
    """One member's h1 forecasts (centre 0, spread 1) whose outcomes are ``z``, by outcome year."""
    rows = [
        {"series": f"s{i}", "model": "drift", "origin": y - 1, "h": 1, "target_year": y}
        | {"center": 0.0, "spread": 1.0, "log_y": z, "log_y0": 0.0, "crps": 0.0}
        for y, zs in z_by_year.items()
        for i, z in enumerate(zs)
    ]
    return pd.DataFrame(rows)


def test_a_pool_too_young_to_split_is_still_centred_under_the_run_rule():
    # Two outcome years (fewer than MIN_YEARS = 3): no year shock can be drawn back, so the pool
    # stays whole. Its errors 0.5 0.7 0.9 | 1.1 1.3 1.5 have median 1.0: under the run's rule
    # (common_shock) the pool is -0.5 -0.3 -0.1 0.1 0.3 0.5 (spread and shape, not the past
    # bias); the rule before #14 (no common shock) keeps the bias.
    rows = _two_year_rows({2011: [0.5, 0.7, 0.9], 2012: [1.1, 1.3, 1.5]})
    run = final_calibration(rows, members=("drift",), choose=False, common_shock=True)
    before = final_calibration(rows, members=("drift",), choose=False, common_shock=False)
    assert run["z"][1] == pytest.approx([-0.5, -0.3, -0.1, 0.1, 0.3, 0.5])
    assert "year_effects" not in run
    assert before["z"][1] == pytest.approx([0.5, 0.7, 0.9, 1.1, 1.3, 1.5])


def test_a_path_at_zero_or_below_is_held_at_a_tiny_value_and_the_rest_damped_as_usual():
    """Paths -2, 0, 90, 100, 110, 121, 133.1 one year after 90: the two lowest are read as
    1e-300, so the median stays 100 and is damped (phi 0.85) to 90 (100 / 90)^0.85 = 98.43;
    every path moves by the same factor (100 / 90)^-0.15, the lowest two stay tiny and positive."""
    paths = np.array([[-2.0], [0.0], [90.0], [100.0], [110.0], [121.0], [133.1]])
    out = damp_paths(paths, 90.0, [1], 0.85)[:, 0]
    assert out[3] == pytest.approx(90.0 * (100 / 90) ** 0.85) == pytest.approx(98.4320, abs=1e-4)
    move = (100 / 90) ** -0.15
    assert out[2:] == pytest.approx(paths[2:, 0] * move)
    assert np.all(out[:2] > 0) and np.all(out[:2] < 1e-299)
