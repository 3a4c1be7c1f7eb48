"""Combine candidate models and calibrate the combination on past forecast errors.

Combination (``combine_rule``, the one rule used at run time and in every backtest): on the log
scale, the centre is the mean of the members' medians and the spread the mean of their robust
standard deviations ``(q90 - q10) / 2.563``. The mean, not the median: the calibration pools
(``calibrate``, from ``data/backtest_errors.csv.gz``) and the README's backtest figures were
measured on the mean combination,
and members reach the ensemble only after passing the plausibility guard (``models.guarded``) and
the CRPS selection (``backtest.select_members``), which is what a median would have protected
against; with one or two members the two rules agree anyway.

Calibration: a past forecast's standardised error is
``z = (log y - centre) / spread``; the calibrated predictive at horizon ``h`` is
``centre + spread * Z_h`` with ``Z_h`` the empirical distribution of past ``z`` at that horizon,
pooled over series (split conformal prediction with a location-scale score; Lei et al. 2018). Only
errors whose outcome was known by the forecast origin are used, so a backtest never peeks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .models import guarded, make
from .rwdrift import Prior

# Prophet is scored but never a member: its intervals under-cover badly on yearly series.
MEMBERS = ("naive", "drift", "pooled", "damped_ets", "theta", "arima")
# The width of the central 80 % of a standard normal: 2 * scipy.special.ndtri(0.9), written out
# (importing scipy.special costs more than a saved run takes).
Q_WIDTH = 2 * 1.2815515655446004
MIN_POOL = 40
# No yearly IP count is known a year ahead to within a few per cent; a member claiming a tighter
# spread (a constant series, a degenerate fit) would turn one ordinary error into an enormous
# standardised one and poison the calibration pool. Spreads are floored here, in log points.
MIN_SPREAD = 0.02


@dataclass
class Combined:
    center: np.ndarray  # (h,) log scale
    spread: np.ndarray  # (h,)
    ranks: np.ndarray  # (n_paths, h) in (0, 1): each path's level at each step


def combine_rule(values: np.ndarray) -> np.ndarray:
    """Members' centres (or spreads) combined into one: rows are members. The mean."""
    return np.nanmean(np.asarray(values, dtype=float), axis=0)


def combine(log_paths: dict[str, np.ndarray], members=MEMBERS) -> Combined:
    use = [log_paths[m] for m in members if m in log_paths]
    if not use:
        raise ValueError("no member paths to combine")
    medians = np.array([np.median(p, axis=0) for p in use])
    q10, q90 = zip(*(np.quantile(p, [0.1, 0.9], axis=0) for p in use), strict=True)
    spreads = (np.array(q90) - np.array(q10)) / Q_WIDTH
    center = combine_rule(medians)
    spread = np.maximum(combine_rule(spreads), MIN_SPREAD)
    # The paths' joint shape (how the steps of one path move together) comes from the pooled
    # members; only their ranks are kept, the marginals come from centre, spread and calibration.
    n = min(len(p) for p in use)
    pooled = np.concatenate([p[: max(1, n // len(use))] for p in use])
    # Ordinal ranks: ties are broken by position (continuous paths have none).
    ranks = (np.argsort(np.argsort(pooled, axis=0), axis=0) + 0.5) / len(pooled)
    return Combined(center, spread, ranks)


class Calibrator:
    """Empirical distributions of standardised errors, one per horizon."""

    def __init__(self, pools: dict[int, np.ndarray] | None = None):
        self.pools = {h: np.sort(np.asarray(z, dtype=float)) for h, z in (pools or {}).items()}

    def pool(self, h: int) -> np.ndarray | None:
        """Errors for horizon ``h``; beyond the longest calibrated horizon, the longest's (the
        spread already grows with the horizon, so standardised errors change slowly)."""
        if not self.pools:
            return None
        usable = [k for k, z in self.pools.items() if len(z) >= MIN_POOL]
        if not usable:
            return None
        if h in usable:
            return self.pools[h]
        below = [k for k in usable if k < h]
        return self.pools[max(below)] if below else self.pools[min(usable)]

    def z_quantiles(self, h: int, u: np.ndarray) -> np.ndarray:
        z = self.pool(h)
        if z is None:
            from scipy.special import ndtri  # the normal quantile, without scipy.stats

            return ndtri(u)
        # ``np.quantile``'s linear rule on the sorted pool, without re-sorting it every call.
        return np.interp(np.asarray(u) * (len(z) - 1), np.arange(len(z)), z)

    def log_paths(self, comb: Combined) -> np.ndarray:
        h = len(comb.center)
        z = np.column_stack([self.z_quantiles(k + 1, comb.ranks[:, k]) for k in range(h)])
        return comb.center + comb.spread * z


class CalibratedEnsemble:
    """The members' paths combined (``combine``) and calibrated on past errors (``Calibrator``),
    under the model contract: ``fit(y, prior)``, ``simulate(h, n_paths, rng)``."""

    name = "ensemble"

    def __init__(self, members, pools: dict):
        self.members = list(members)
        self.calibrator = Calibrator({int(k): np.array(v) for k, v in pools.items()})

    def fit(self, y, prior: Prior | None = None) -> CalibratedEnsemble:
        self.y_ = np.asarray(y, dtype=float)
        self.prior_ = prior
        return self

    def simulate(self, h: int, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        logs = {}
        for name in self.members:
            p, _ = guarded(make(name, self.prior_), self.y_, h, n_paths, rng)
            logs[name] = np.log(np.maximum(p, 1e-300))
        return np.exp(self.calibrator.log_paths(combine(logs, self.members)))
