"""Column medians and quantiles read from one sort are numpy's numbers."""

import numpy as np
import pytest

from ipcast.forecast import quantiles as q


@pytest.mark.parametrize("n", [1, 2, 3, 10, 1000, 1001])
@pytest.mark.parametrize("h", [1, 4])
def test_column_median_and_quantiles_are_numpys(n, h):
    rng = np.random.default_rng(n * 10 + h)
    a = rng.standard_normal((n, h)) * 3
    if n > 4:
        a[:3] = a[3]  # ties
    s = q.sorted_columns(a)
    probs = [0.0, 0.1, 0.25, 0.5, 0.9, 1.0]
    # The same order statistics and the same interpolation: equal, not merely close.
    assert np.array_equal(q.median(s), np.median(a, axis=0))
    assert np.array_equal(q.quantile(s, probs), np.quantile(a, probs, axis=0))
    med, q10, q90 = q.summary(a)
    assert np.array_equal(q10, np.quantile(a, 0.1, axis=0))
    assert np.array_equal(q90, np.quantile(a, 0.9, axis=0))
    one = q.sorted_columns(a[:, 0])[0]
    assert np.array_equal(q.quantile(one, probs), np.quantile(a[:, 0], probs))


def test_hand_worked_quantiles_and_nan():
    # 1, 2, 3, 4: median (2 + 3) / 2 = 2.5; q10 at index 0.3: 1 + 0.3 (2 - 1) = 1.3.
    s = q.sorted_columns(np.array([[4.0], [1.0], [3.0], [2.0]]))
    assert q.median(s) == pytest.approx([2.5])
    assert q.quantile(s, [0.1])[0] == pytest.approx([1.3])
    a = np.array([[1.0, 1.0], [np.nan, 2.0], [3.0, 3.0]])
    s = q.sorted_columns(a)
    assert np.isnan(q.median(s)[0]) and q.median(s)[1] == 2.0
    assert np.isnan(q.quantile(s, [0.5])[0, 0])


def test_the_median_of_one_sorted_row():
    """One row, as ``quantile`` also reads it: 1, 2, 3, 4 has median 2.5; 1, 2, 7 has 2."""
    assert q.median(np.array([1.0, 2.0, 3.0, 4.0])) == 2.5
    assert q.median(np.array([1.0, 2.0, 7.0])) == 2.0
    assert q.median(q.sorted_columns(np.array([7.0, 1.0, 2.0]))[0]) == 2.0
