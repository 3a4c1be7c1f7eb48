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
