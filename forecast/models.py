"""Candidate models for yearly series, under the model contract (``contract.Model``): settings in
``__init__``, ``fit(y, prior=None) -> self``, ``simulate(h, n_paths, rng) -> (n_paths, h)`` of
non-negative values drawn from ``rng`` only.

All but the count model work on log values, where growth is additive and paths stay positive.
``y`` is one value per consecutive year. A fit that fails or a simulation that explodes is caught
by ``guarded`` and replaced by the random walk with drift, so no caller sees NaN or a negative.
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import pandas as pd

from .contract import isolated_global_random
from .quantiles import summary
from .rwdrift import MAX_DRIFT, MAX_SIGMA, LogRandomWalkDrift, Prior
from .theta import Theta
from .theta import log_values as _log

WEAK = Prior(m0=0.0, tau0=0.5, s0=0.15, nu0=1.0, source="weak prior")
ZERO_FLOOR = 0.5


class Naive:
    """Random walk on logs, no drift; volatility from past yearly changes (the benchmark)."""

    name = "naive"

    def fit(self, y, prior: Prior | None = None) -> Naive:
        x = _log(y)
        d = np.diff(x)
        self.x_ = x[-1]
        self.sigma_ = float(np.sqrt(np.mean(d**2))) if len(d) else 0.1
        return self

    def simulate(self, h, n_paths, rng) -> np.ndarray:
        steps = self.sigma_ * rng.standard_normal((n_paths, h))
        return np.exp(self.x_ + np.cumsum(steps, axis=1))


class Drift:
    """Random walk with drift on logs, with drift and volatility uncertainty (``rwdrift``)."""

    name = "drift"

    def __init__(self, prior: Prior = WEAK):
        self.prior = prior

    def fit(self, y, prior: Prior | None = None) -> Drift:
        self.model_ = LogRandomWalkDrift(prior or self.prior).fit(y)
        return self

    def simulate(self, h, n_paths, rng) -> np.ndarray:
        return self.model_.simulate(h, n_paths, rng)


class Pooled:
    """Random walk with drift from the region's last few points and a prior learned from
    comparable series (``priors``): growth and volatility borrowed, level its own."""

    name = "pooled"

    def __init__(self, prior: Prior = WEAK, last: int = 3):
        self.prior = prior
        self.last = last

    def fit(self, y, prior: Prior | None = None) -> Pooled:
        y = np.asarray(y, dtype=float)[-self.last :]
        self.model_ = LogRandomWalkDrift(prior or self.prior).fit(y)
        return self

    def simulate(self, h, n_paths, rng) -> np.ndarray:
        return self.model_.simulate(h, n_paths, rng)


class DampedETS:
    """Additive-error damped-trend exponential smoothing on logs (statsmodels ``ETSModel``)."""

    name = "damped_ets"
    min_points = 5

    def fit(self, y, prior: Prior | None = None) -> DampedETS:
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel

        x = _log(y)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.res_ = ETSModel(x, error="add", trend="add", damped_trend=True).fit(disp=False)
        if not np.all(np.isfinite(self.res_.params)):
            raise ValueError("non-finite ETS parameters")
        return self

    def simulate(self, h, n_paths, rng) -> np.ndarray:
        # anchor="end": statsmodels would otherwise start the simulation at the first observation.
        eps = rng.standard_normal((h, n_paths)) * np.sqrt(self.res_.scale)
        sims = self.res_.simulate(h, repetitions=n_paths, anchor="end", random_errors=eps)
        return np.exp(np.asarray(sims).reshape(h, n_paths).T)


class ARIMASearch:
    """ARIMA(p,1,q) with drift on logs, p, q in {0, 1}, chosen by AICc."""

    name = "arima"
    min_points = 5
    orders = ((0, 1, 0), (1, 1, 0), (0, 1, 1), (1, 1, 1))

    def fit(self, y, prior: Prior | None = None) -> ARIMASearch:
        from statsmodels.tsa.arima.model import ARIMA

        x = _log(y)
        best = None
        for order in self.orders:
            if sum(order) + 2 >= len(x):
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    res = ARIMA(x, order=order, trend="t").fit()
                except (ValueError, np.linalg.LinAlgError):
                    continue
            finite = np.isfinite(res.aicc) and np.all(np.isfinite(res.params))
            if finite and (best is None or res.aicc < best.aicc):
                best = res
        if best is None:
            raise ValueError("no ARIMA order could be fitted")
        self.res_ = best
        self.order_ = best.model.order
        return self

    def simulate(self, h, n_paths, rng) -> np.ndarray:
        seed = int(rng.integers(2**31 - 1))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sims = self.res_.simulate(
                h, repetitions=n_paths, anchor="end", rng=np.random.default_rng(seed)
            )
        return np.exp(np.asarray(sims).reshape(h, n_paths).T)


class ProphetModel:
    """Prophet's linear trend on logs, paths from ``predictive_samples`` (a candidate only: its
    intervals are known to under-cover on short yearly series)."""

    name = "prophet"
    min_points = 5

    def fit(self, y, prior: Prior | None = None) -> ProphetModel:
        for name in ("cmdstanpy", "prophet", "prophet.plot", "prophet.models"):
            logging.getLogger(name).disabled = True  # its progress chatter is not for planners
        x = _log(y)
        self.x_ = x
        self.ds_ = pd.date_range("2000-12-31", periods=len(x), freq="YE")
        return self

    def simulate(self, h, n_paths, rng) -> np.ndarray:
        from prophet import Prophet

        m = Prophet(
            yearly_seasonality=False,
            weekly_seasonality=False,
            daily_seasonality=False,
            uncertainty_samples=n_paths,
        )
        # Prophet draws its samples from numpy's global generator: seeded from ours for the
        # duration, and put back afterwards.
        with isolated_global_random(rng):
            m.fit(pd.DataFrame({"ds": self.ds_, "y": self.x_}), algorithm="LBFGS")
            future = m.make_future_dataframe(periods=h, freq="YE", include_history=False)
            samples = m.predictive_samples(future)["yhat"]
        return np.exp(np.asarray(samples).T[:n_paths])


CANDIDATES = {
    c.name: c for c in (Naive, Drift, Pooled, DampedETS, Theta, ARIMASearch, ProphetModel)
}


def make(name: str, prior: Prior | None = None):
    """A fresh candidate; ``pooled`` takes the prior borrowed for this series."""
    if name == "pooled":
        return Pooled(prior or WEAK)
    return CANDIDATES[name]()


def guarded(model, y, h: int, n_paths: int, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """Fit and simulate ``model``; on failure or explosive output, the drift model instead.

    Returns the paths and the name of the model that produced them.
    """
    paths, name, _ = checked(model, y, h, n_paths, rng)
    return paths, name


def checked(model, y, h: int, n_paths: int, rng: np.random.Generator, read: int | None = None):
    """``guarded``, also returning what its check read when the model's paths passed: the logs
    of the first ``read`` columns (all by default) and their median, 10 % and 90 % quantiles
    (``quantiles.summary``; the ensemble combines on the same numbers), else ``None``."""
    y = np.asarray(y, dtype=float)
    if np.all(y >= 0) and np.any(y == 0):
        # A zero count has no logarithm: log models see it as half a count, a stated floor.
        y = np.maximum(y, ZERO_FLOOR)
    try:
        if len(y) < getattr(model, "min_points", 1):
            raise ValueError("too few points")
        paths = model.fit(y).simulate(h, n_paths, rng)
        seen = _plausible(paths, y, read)
        if seen is not None:
            return paths, model.name, seen
    except (ValueError, np.linalg.LinAlgError, RuntimeError):
        pass
    return Drift().fit(y).simulate(h, n_paths, rng), "drift", None


def _plausible(paths: np.ndarray, y: np.ndarray, read: int | None = None):
    """Finite, non-negative, and (for log models) a median growth and a spread within bounds at
    every step: then ``(logs, (median, q10, q90))`` of the first ``read`` columns, else ``None``.

    Beyond ``read`` the verdict is the same, reached for less: a column whose lowest and highest
    values already keep any median and 10-90 % width within the bounds (with room for rounding)
    needs no sort; the others are summarised as before."""
    if not (np.all(np.isfinite(paths)) and np.all(paths >= 0)):
        return None
    read = paths.shape[1] if read is None else read
    steps = np.arange(1, paths.shape[1] + 1)
    logs = np.log(np.maximum(paths[:, :read], 1e-300))
    stats = summary(logs)
    if not _within(*stats, y, steps[:read]):
        return None
    if read < paths.shape[1]:
        rest = paths[:, read:]
        # log(max(., 1e-300)) is monotone: the logs' extremes are the extremes' logs, exactly.
        lo = np.log(np.maximum(rest.min(axis=0), 1e-300))
        hi = np.log(np.maximum(rest.max(axis=0), 1e-300))
        loose = ~_bounded(lo, hi, y, steps[read:])
        if loose.any():
            cols = read + np.flatnonzero(loose)
            rest_stats = summary(np.log(np.maximum(paths[:, cols], 1e-300)))
            if not _within(*rest_stats, y, steps[cols]):
                return None
    return logs, stats


def _width_limit(steps: np.ndarray) -> np.ndarray:
    return 2 * 1.2816 * MAX_SIGMA * np.sqrt(steps)


def _within(med, q10, q90, y, steps) -> bool:
    """The median's yearly growth and the 10-90 % width of the log paths within bounds."""
    growth = (med - np.log(y[-1])) / steps
    return bool(np.all(np.abs(growth) <= MAX_DRIFT) and np.all(q90 - q10 <= _width_limit(steps)))


def _bounded(lo, hi, y, steps) -> np.ndarray:
    """Columns whose extremes ``lo``, ``hi`` (logs) prove ``_within``: the median and quantiles
    lie between them, so their growth and width do too (a margin covers rounding)."""
    x0, slack = np.log(y[-1]), 1 - 1e-9
    return (
        ((lo - x0) / steps >= -MAX_DRIFT * slack)
        & ((hi - x0) / steps <= MAX_DRIFT * slack)
        & (hi - lo <= _width_limit(steps) * slack)
    )
