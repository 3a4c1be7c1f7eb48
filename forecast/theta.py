"""The Theta method for yearly series, computed directly (see ``Theta``)."""

from __future__ import annotations

import numpy as np

from .rwdrift import Prior
from .scalar_min import minimize_bounded


def log_values(y) -> np.ndarray:
    y = np.asarray(y, dtype=float)
    if len(y) == 0 or np.any(~np.isfinite(y)) or np.any(y <= 0):
        raise ValueError("needs positive, finite values")
    return np.log(y)


def paths_from_marginals(center, sd, n_paths, rng) -> np.ndarray:
    """Paths whose log value at step h is N(center[h], sd[h]^2), built from independent increments
    so the steps of one path move together (as a random walk's do)."""
    var = np.maximum.accumulate(np.asarray(sd, dtype=float) ** 2)
    inc = np.sqrt(np.diff(np.concatenate([[0.0], var])))
    z = rng.standard_normal((n_paths, len(center))) * inc
    return np.asarray(center) + np.cumsum(z, axis=1)


class Theta:
    """The Theta method (Assimakopoulos & Nikolopoulos 2000) on logs, as statsmodels'
    ``ThetaModel`` defines it (theta = 2, no seasonality), computed directly because that class
    refits an ARIMA for every interval (ten times slower; ``test_models`` checks the two agree).

    Forecast: ``l_T + b0 / 2 * (h - 1 + 1/a - (1 - a)^T / a)`` with ``b0`` the OLS slope of the
    series on time and ``l_T``, ``a`` simple exponential smoothing from the first value with the
    SSE-minimising ``a``. Variance: ``s2 * (1 + (h - 1) * (1 + (a - 1)^2))`` with ``s2`` the
    innovation variance of an ARIMA(0,1,1) with drift by exact Gaussian likelihood."""

    name = "theta"
    min_points = 4

    def fit(self, y, prior: Prior | None = None) -> Theta:
        x = log_values(y)
        n = len(x)
        self.b0_ = float(np.polyfit(np.arange(n), x, 1)[0])
        self.alpha_ = max(_ses_alpha(x), 1e-6)
        self.level_ = _ses_level(x, self.alpha_)
        self.sigma2_ = _ma1_sigma2(np.diff(x))
        self.n_ = n
        return self

    def forecast(self, h: int) -> np.ndarray:
        a, k = self.alpha_, np.arange(1, h + 1)
        return self.level_ + 0.5 * self.b0_ * (k - 1 + 1 / a - (1 - a) ** self.n_ / a)

    def sd(self, h: int) -> np.ndarray:
        k = np.arange(h)
        return np.sqrt(self.sigma2_ * (1 + k * (1 + (self.alpha_ - 1) ** 2)))

    def simulate(self, h, n_paths, rng) -> np.ndarray:
        return np.exp(paths_from_marginals(self.forecast(h), self.sd(h), n_paths, rng))


def _ses_sse(a: float, x) -> float:
    # ``x`` a list of floats: the same IEEE operations as on numpy scalars, ten times faster.
    level, s = x[0], 0.0
    for v in x[1:]:
        e = v - level
        s += e * e
        level += a * e
    return s


def _ses_sse_grid(grid: np.ndarray, x) -> np.ndarray:
    """``_ses_sse`` at every weight of ``grid`` at once (the same operations, element-wise)."""
    level, s = np.full(len(grid), x[0]), np.zeros(len(grid))
    for v in x[1:]:
        e = v - level
        s += e * e
        level += grid * e
    return s


def _ses_alpha(x: np.ndarray) -> float:
    """The SSE-minimising smoothing weight: the best of a grid, refined (the SSE can have more
    than one dip on short series, and a local search alone may stop in the wrong one)."""
    x = np.asarray(x, dtype=float).tolist()
    grid = np.linspace(0.0, 1.0, 21)
    best = grid[int(np.argmin(_ses_sse_grid(grid, x)))]
    lo, hi = max(0.0, best - 0.05), min(1.0, best + 0.05)
    return float(minimize_bounded(lambda a: _ses_sse(a, x), lo, hi, xatol=1e-10))


def _ses_level(x: np.ndarray, a: float) -> float:
    level = x[0]
    for v in x[1:]:
        level += a * (v - level)
    return float(level)


def _ma1_profile(th: float, d: np.ndarray) -> tuple[float, float]:
    """Exact Gaussian negative log-likelihood of an MA(1) with coefficient ``th`` and a mean, the
    mean and the variance profiled out (innovations algorithm, Brockwell & Davis 1991, 5.2: the
    innovations are linear in the mean, so the data and a constant are filtered together).
    Returns it and the innovation variance."""
    n = len(d)
    e_d = e_1 = 0.0
    r_prev = 1.0
    th = float(th)
    ed, e1, rs = [], [], []
    # Python floats, not numpy scalars: the same IEEE operations, ten times faster.
    for t, d_t in enumerate(d.tolist()):
        if t == 0:
            r, coef = 1 + th * th, 0.0
        else:
            coef = th / r_prev
            r = 1 + th * th - th * coef
        e_d = d_t - coef * e_d
        e_1 = 1.0 - coef * e_1
        ed.append(e_d)
        e1.append(e_1)
        rs.append(r)
        r_prev = r
    ed, e1, rs = np.array(ed), np.array(e1), np.array(rs)
    c = np.sum(ed * e1 / rs) / np.sum(e1 * e1 / rs)
    sig2 = float(np.sum((ed - c * e1) ** 2 / rs) / n)
    return 0.5 * (n * np.log(max(sig2, 1e-300)) + float(np.sum(np.log(rs)))), sig2


def _ma1_sigma2(d: np.ndarray) -> float:
    if len(d) < 2 or np.allclose(d, d[0]):
        return float(max(np.var(d), 1e-12))
    th = minimize_bounded(lambda th: _ma1_profile(th, d)[0], -0.9999, 0.9999, xatol=1e-7)
    # An MA(1) has var(d) = s2 (1 + th^2) <= 2 s2: on a handful of points the likelihood can
    # chase th to the boundary and s2 towards zero, which this bound forbids.
    return max(_ma1_profile(th, d)[1], float(np.var(d)) / 2)
