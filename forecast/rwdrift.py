"""Random walk with drift on the log scale, with parameter uncertainty and irregular spacing.

Between observations at times ``t[i-1] < t[i]`` the log value moves by ``d_i ~ N(mu * dt_i, sigma^2
* dt_i)``. The drift ``mu`` and variance ``sigma^2`` get the conjugate normal-inverse-chi-square
prior ``sigma^2 ~ Scaled-Inv-chi2(nu0, s0^2)``, ``mu | sigma^2 ~ N(m0, sigma^2 / kappa0)`` with
``kappa0 = s0^2 / tau0^2``, so that a series with one point is forecast from the prior alone and
each further point narrows it (Gelman et al., *Bayesian Data Analysis*, 3rd ed., section 3.3, with
the weights ``dt_i``). Each simulated path draws its own ``(mu, sigma)``, which is what makes the
forecast honest about how little a few points say.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Prior:
    """Prior for (drift, volatility) of log growth per year, and where it was learned."""

    m0: float
    tau0: float
    s0: float
    nu0: float
    source: str
    # The prior a series with too few points for the ensemble (the borrowed-prior random walk, a
    # county's forecast) uses when it differs from this one: the panel's growth faded back to the
    # as-of year (``priors.FADED``: the patent and trademark flows), and for the trademark keys
    # narrower than the pool's spread (``priors.SPREAD``). The ensemble's pooled member
    # keeps this one: its calibration errors were measured with it, and faded it measured worse
    # (README).
    walk: Prior | None = None

    def for_walk(self) -> Prior:
        return self if self.walk is None else self.walk


VAGUE = Prior(m0=0.0, tau0=0.3, s0=0.2, nu0=1.0, source="no comparable series; weak prior")

# Growth beyond this many log points a year (about x3.3) is not extrapolated: a cap on
# explosive drifts from two close points, never reached by the panels' series.
MAX_DRIFT = 1.2
# Likewise a yearly volatility above this (a factor of e^1.5 ~ 4.5 in one standard deviation) only
# comes from the tail of a near-empty posterior; capping it keeps paths finite.
MAX_SIGMA = 1.5


class LogRandomWalkDrift:
    """``fit(y, t) -> self``; ``simulate(h, n_paths, rng, at=None) -> (n_paths, h)``."""

    def __init__(self, prior: Prior = VAGUE):
        self.prior = prior

    def fit(self, y, t=None) -> LogRandomWalkDrift:
        y = np.asarray(y, dtype=float)
        t = np.arange(len(y), dtype=float) if t is None else np.asarray(t, dtype=float)
        if len(y) == 0 or np.any(~np.isfinite(y)) or np.any(y <= 0):
            raise ValueError("needs at least one positive, finite value")
        if np.any(np.diff(t) <= 0):
            raise ValueError("observation times must increase")
        x = np.log(y)
        d, dt = np.diff(x), np.diff(t)
        p = self.prior
        kappa0 = p.s0**2 / p.tau0**2
        self.kappa_ = kappa0 + dt.sum()
        self.m_ = (kappa0 * p.m0 + d.sum()) / self.kappa_
        self.nu_ = p.nu0 + len(d)
        ss = p.nu0 * p.s0**2 + np.sum(d**2 / dt) + kappa0 * p.m0**2 - self.kappa_ * self.m_**2
        self.s2_ = max(ss, 1e-12) / self.nu_
        self.t_ = t
        self.x_ = x
        self.y_ = y
        self.n_points_ = len(y)
        return self

    def draw_params(self, n_paths: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """Per-path (mu, sigma) from the posterior."""
        sigma2 = self.nu_ * self.s2_ / rng.chisquare(self.nu_, size=n_paths)
        mu = self.m_ + np.sqrt(sigma2 / self.kappa_) * rng.standard_normal(n_paths)
        return np.clip(mu, -MAX_DRIFT, MAX_DRIFT), np.minimum(np.sqrt(sigma2), MAX_SIGMA)

    def simulate(self, h: int, n_paths: int, rng: np.random.Generator, at=None) -> np.ndarray:
        """Paths at times ``at`` (default: ``h`` yearly steps after the last observation).

        Times at or before the last observation are filled from the data: observed times take the
        observed value, and times between two observations a Brownian bridge between them.
        """
        at = self.t_[-1] + np.arange(1, h + 1) if at is None else np.asarray(at, dtype=float)
        mu, sigma = self.draw_params(n_paths, rng)
        if np.all(at - self.t_[-1] > 1e-9 + 1e-5 * np.abs(at)) and np.all(np.diff(at) > 0):
            return np.exp(self._ahead(at, mu, sigma, n_paths, rng))
        order = np.argsort(at)
        out = np.empty((n_paths, len(at)))
        t_prev = None
        x_prev = None
        for j in order:
            tau = at[j]
            x = self._at(tau, t_prev, x_prev, mu, sigma, n_paths, rng)
            out[:, j] = x
            t_prev, x_prev = tau, x
        paths = np.exp(out)
        for j, tau in enumerate(at):
            hit = _same_time(self.t_, tau)
            if hit.size:
                paths[:, j] = self.y_[hit[0]]  # exactly the observation, not exp(log(y))
        return paths

    def _ahead(self, at, mu, sigma, n, rng) -> np.ndarray:
        """Log paths at increasing times all after the last observation (every forecast's
        grid): ``_at``'s steps without its per-time checks, the same operations."""
        out = np.empty((n, len(at)))
        base_t, base_x = self.t_[-1], np.full(n, self.x_[-1])
        for j, tau in enumerate(at):
            x = _step(base_x, tau - base_t, mu, sigma, n, rng)
            out[:, j] = x
            base_t, base_x = tau, x
        return out

    def _at(self, tau, t_prev, x_prev, mu, sigma, n, rng) -> np.ndarray:
        t, x = self.t_, self.x_
        hit = _same_time(t, tau)
        if hit.size:
            return np.full(n, x[hit[0]])
        if tau > t[-1]:
            base_t, base_x = (
                (t_prev, x_prev)
                if t_prev is not None and t_prev > t[-1]
                else (t[-1], np.full(n, x[-1]))
            )
            return _step(base_x, tau - base_t, mu, sigma, n, rng)
        if tau < t[0]:
            dt = t[0] - tau
            return x[0] - mu * dt + sigma * np.sqrt(dt) * rng.standard_normal(n)
        # Between observations: bridge from the nearer left anchor to the next observation.
        right = np.searchsorted(t, tau)
        ta, xa = t[right - 1], np.full(n, x[right - 1])
        if t_prev is not None and ta < t_prev < tau:
            ta, xa = t_prev, x_prev
        tb, xb = t[right], x[right]
        w = (tau - ta) / (tb - ta)
        sd = sigma * np.sqrt((tau - ta) * (tb - tau) / (tb - ta))
        return xa + w * (xb - xa) + sd * rng.standard_normal(n)


def _step(base_x, dt, mu, sigma, n, rng) -> np.ndarray:
    """``base_x + mu * dt + sigma * sqrt(dt) * z`` a step ahead, in place (the same sums, bit for
    bit, on every route)."""
    x = mu * dt
    x += base_x
    step = sigma * np.sqrt(dt)
    step *= rng.standard_normal(n)
    x += step
    return x


def _same_time(t: np.ndarray, tau: float) -> np.ndarray:
    """Indices where ``np.isclose(t, tau, atol=1e-9)``, written out: it is asked once a column
    of paths, and ``np.isclose``'s checks cost more than drawing the column."""
    return np.flatnonzero(np.abs(t - tau) <= 1e-9 + 1e-5 * abs(tau))
