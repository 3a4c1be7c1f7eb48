"""Brent's bounded minimisation, written out, takes SciPy's steps and finds its point."""

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from ipcast.forecast.scalar_min import minimize_bounded
from ipcast.forecast.theta import _ses_sse, _ses_sse_grid


def test_minimum_of_a_parabola_by_hand():
    # (x - 0.3)^2 + 1 is least at 0.3.
    assert minimize_bounded(lambda x: (x - 0.3) ** 2 + 1, 0.0, 1.0, 1e-10) == pytest.approx(0.3)


@pytest.mark.parametrize(
    "f, lo, hi, tol",
    [
        (lambda x: (x - 0.3) ** 2, 0.0, 1.0, 1e-10),
        (lambda x: np.cos(5 * x) + 0.1 * x, -1.0, 2.0, 1e-7),
        (lambda x: abs(x - 0.7), 0.0, 0.72, 1e-10),  # a kink near the bound
        (lambda x: -x, 0.0, 1.0, 1e-5),  # least at the bound
        (lambda x: np.exp(x) - 3 * x, -0.9999, 0.9999, 1e-7),
    ],
)
def test_the_same_point_as_scipy(f, lo, hi, tol):
    ref = minimize_scalar(f, bounds=(lo, hi), method="bounded", options={"xatol": tol}).x
    assert minimize_bounded(f, lo, hi, tol) == ref  # equal, not merely close


def test_theta_sse_on_a_grid_is_the_sse_at_each_weight():
    x = np.log([100.0, 112, 118, 135, 150, 149, 170]).tolist()
    grid = np.linspace(0.0, 1.0, 21)
    assert np.array_equal(_ses_sse_grid(grid, x), [_ses_sse(a, x) for a in grid])
