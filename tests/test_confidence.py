"""The one threshold-at-confidence rule: hand-worked quantiles and joint coverage."""

import numpy as np
import pytest

from ipcast.scenarios.confidence import threshold_at


def test_one_part_is_the_quantile_on_the_side_that_keeps_the_confidence():
    m = np.arange(1.0, 101.0)  # 1 .. 100
    assert threshold_at([m], ">=", 0.8) == [pytest.approx(np.quantile(m, 0.2))]
    assert threshold_at([m], "<=", 0.8) == [pytest.approx(np.quantile(m, 0.8))]
    # 80 % of the paths reach it (a floor) / stay under it (a ceiling).
    assert np.mean(m >= threshold_at([m], ">=", 0.8)[0]) == pytest.approx(0.8, abs=0.01)


def test_each_year_parts_are_met_together_on_the_confidence_share_of_paths():
    rng = np.random.default_rng(3)
    a = rng.lognormal(np.log(100), 0.2, 20000)
    b = a * rng.lognormal(np.log(1.1), 0.1, 20000)  # year two moves with year one
    th = threshold_at([a, b], ">=", 0.8, [100.0, 110.0])
    assert th[1] / th[0] == pytest.approx(1.1)  # the plan's own shape, scaled by one factor
    joint = np.mean((a >= th[0]) & (b >= th[1]))
    assert joint == pytest.approx(0.8, abs=0.005)
    # Without a stated shape the median path is the shape.
    free = threshold_at([a, b], ">=", 0.8)
    assert free[1] / free[0] == pytest.approx(np.median(b) / np.median(a))
    assert np.mean((a >= free[0]) & (b >= free[1])) == pytest.approx(0.8, abs=0.005)
    # Each year on its own quantile would be met together less often than promised.
    alone = [np.quantile(a, 0.2), np.quantile(b, 0.2)]
    assert np.mean((a >= alone[0]) & (b >= alone[1])) < 0.79


def test_each_year_by_hand_on_four_paths():
    a = np.array([1000.0, 1200.0, 800.0, 1500.0])
    b = np.array([1800.0, 2600.0, 2400.0, 3000.0])
    # ratios to the plan's (1000, 2000): worst year per path 0.9, 1.2, 0.8, 1.5 -> 25 % quantile
    # 0.875 (linear between 0.8 and 0.9); for a ceiling the largest, 1.0, 1.3, 1.2, 1.5 -> 75 %
    # quantile 1.35
    assert threshold_at([a, b], ">=", 0.75, [1000, 2000]) == pytest.approx([875.0, 1750.0])
    assert threshold_at([a, b], ">", 0.75, [1000, 2000]) == pytest.approx([875.0, 1750.0])
    assert threshold_at([a, b], "<=", 0.75, [1000, 2000]) == pytest.approx([1350.0, 2700.0])
    assert threshold_at([a, b], "<", 0.75, [1000, 2000]) == pytest.approx([1350.0, 2700.0])


def test_a_missing_or_zero_plan_figure_falls_back_to_the_median_path():
    a = np.array([1.0, 2.0, 3.0, 4.0])  # median 2.5
    b = np.array([2.0, 4.0, 6.0, 8.0])  # median 5; ratios to (2.5, 5): 0.4, 0.8, 1.2, 1.6
    want = [0.4 * 2.5, 0.4 * 5]  # the 0 % quantile at confidence 1
    assert threshold_at([a, b], ">=", 1.0, [None, 5.0]) == pytest.approx(want)
    assert threshold_at([a, b], ">=", 1.0, [0.0, 5.0]) == pytest.approx(want)
    assert threshold_at([a, b], ">=", 1.0, [-1.0, 5.0]) == pytest.approx(want)
    assert threshold_at([a, b], ">=", 1.0) == pytest.approx(want)


def test_a_zero_median_year_takes_its_own_quantile():
    a = np.array([0.0, 0.0, 0.0, 4.0])  # median 0: no ratio
    b = np.array([2.0, 4.0, 6.0, 8.0])
    got = threshold_at([a, b], ">=", 0.5)
    assert got == pytest.approx([0.0, 5.0])
    assert threshold_at([a, b], "<=", 0.75) == pytest.approx([1.0, 6.5])


def test_small_plan_figures_are_a_shape_too():
    # rates such as 0.5 % and 0.8 % a year: ratios 0.8, 1.0, 1.2, 1.4 (worst year per path)
    a = np.array([0.4, 0.5, 0.6, 0.7])
    b = np.array([0.64, 0.8, 0.96, 1.12])
    assert threshold_at([a, b], ">=", 1.0, [0.5, 0.8]) == pytest.approx([0.4, 0.64])
    assert threshold_at([a, b], "<=", 1.0, [0.5, 0.8]) == pytest.approx([0.7, 1.12])


def test_plan_figures_below_one_not_shaped_like_the_median_path_are_kept():
    # The plan's (0.5, 1.0) against medians (0.55, 0.88): ratios a/0.5 = 0.8 .. 1.4 and
    # b/1.0 = 0.64 .. 1.12, worst year per path 0.64, 0.8, 0.96, 1.12 -> k = 0.64 at confidence 1.
    a = np.array([0.4, 0.5, 0.6, 0.7])
    b = np.array([0.64, 0.8, 0.96, 1.12])
    assert threshold_at([a, b], ">=", 1.0, [0.5, 1.0]) == pytest.approx([0.32, 0.64])


def test_a_zero_plan_figure_is_not_a_shape_when_years_move_apart():
    # Years that move against each other: ratios to the medians (2.5, 5) are 0.4, 0.8, 1.2, 1.6 and
    # 1.6, 1.2, 0.8, 0.4; worst per path 0.4, 0.8, 0.8, 0.4 -> median 0.6 -> (1.5, 3.0), where each
    # year on its own median would give (2.5, 5.0).
    a = np.array([1.0, 2.0, 3.0, 4.0])
    b = np.array([8.0, 6.0, 4.0, 2.0])
    assert threshold_at([a, b], ">=", 0.5, [0.0, 5.0]) == pytest.approx([1.5, 3.0])


def test_round_toward_keeps_the_confidence_and_a_figure_already_on_the_step():
    """Three figures, down for an at-least target and up for a ceiling; 1.15, -4.94 and 0.57 stay
    themselves (the draft's rounding once made them 1.14, -4.95 and 0.569: x / step fell a hair
    under the whole number), and no float noise is left (1.1400000000000001)."""
    from ipcast.scenarios.confidence import round_toward

    assert [round_toward(x) for x in (1.15, -4.94, 0.57, 4.35)] == [1.15, -4.94, 0.57, 4.35]
    assert round_toward(896.7) == 896 and round_toward(896.7, up=False) == 897
    assert round_toward(1797.4) == 1790 and round_toward(1797.4, up=False) == 1800
    assert round_toward(-4.9386) == -4.94 and round_toward(-4.9386, up=False) == -4.93
    assert round_toward(0.17968) == 0.179 and round_toward(0.17968, up=False) == 0.18
    assert repr(round_toward(1797.4, exponent=0)) == "1797"  # an int: YAML writes 1797
    assert repr(round_toward(167.43, False, 0)) == "168" and repr(round_toward(1797.4)) == "1790"
    assert repr(round_toward(1.1400000000000001)) == "1.14"
    assert round_toward(1.15 + 2e-6) == 1.15 and round_toward(1.15 - 2e-6, up=False) == 1.15
    assert round_toward(0.0) == 0.0 and round_toward(1.144) == 1.14


def test_a_promise_is_whole_from_100_and_in_counts_of_single_things():
    """What draft proposes and every table shows: 14.17 件 is promised as 14 (15 for a ceiling),
    5,983.6 件 as 5,983, 896.7 as 896 whatever the unit; 万件, 亿元, 件/万人, % and an unknown unit
    keep three figures."""
    from ipcast.data.units import whole
    from ipcast.scenarios.confidence import promise

    assert [whole(u) for u in ("件", "家", "人", "万件", "亿元", "件/万人", "%", "天")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]
    assert promise(14.17, ">=", "件") == 14 and promise(14.17, "<=", "件") == 15
    assert repr(promise(5983.6, ">=", "件")) == "5983" and promise(896.7, ">=", "亿元") == 896
    assert promise(0.3176, ">=", "万件") == 0.317 and promise(1.694, ">=", "件/万人") == 1.69
    assert promise(12.34, "<=", "天") == 12.4 and promise(12.34, ">=", "") == 12.3
    assert promise(0.6, ">=", "家") == 0  # nothing to promise: said as it is, never raised
