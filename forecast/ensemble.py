"""Combine candidate models and calibrate the combination on past forecast errors.

Combination (``combine_rule``, the one rule used at run time and in every backtest): on the log
scale, the centre is the mean of the members' medians and the spread the mean of their robust
standard deviations ``(q90 - q10) / 2.563``. The mean, not the median: the calibration pools
(``calibrate``, from ``data/backtest_errors.csv.gz``) and the README's backtest figures were
measured on the mean combination, and a member's paths reach it only after passing the
plausibility guard (``models.guarded``), which is what a median would have protected against.
``run`` combines all four backtested members with equal weights (``ensemble_backtest.RUN_RULE``);
the CRPS selection (``ensemble_backtest.select_members``) is kept for the rule used before.

Calibration: a past forecast's standardised error is
``z = (log y - centre) / spread``; the calibrated predictive at horizon ``h`` is
``centre + spread * Z_h`` with ``Z_h`` the empirical distribution of past ``z`` at that horizon,
pooled over series (split conformal prediction with a location-scale score; Lei et al. 2018). Only
errors whose outcome was known by the forecast origin are used, so a backtest never peeks.

Regions rise and fall together with national policy, so the errors of one outcome year are not
independent: ``z = a_year + r``, a shock ``a`` every region of that year shares and a region's own
``r``. A pool of 400 errors from four outcome years holds four draws of ``a``, not 400. With
``year_effects`` (``error_pools``) the calibrator resamples ``r`` only and adds one common shock per
path, ``a ~ s_a sqrt(1 + 1/T) t_{T-1}`` (the predictive of a new draw from a normal sample of ``T``
year means with sd ``s_a``), shared by all horizons of the path: a regime that moves one year's
outcome moves the path's later years too. The pools are centred at their median and the shock at
zero: on the development origins (to 2016) a past bias did not persist (``error_pools``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .damping import damp_center
from .models import checked, make
from .quantiles import summary
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
# A horizon's common shock is estimated from its own year means once this many outcome years are
# known; before that the longest horizon below with enough years lends its (stated in ``source``).
MIN_YEARS = 3


@dataclass
class Combined:
    center: np.ndarray  # (h,) log scale
    spread: np.ndarray  # (h,)
    ranks: np.ndarray  # (n_paths, h) in (0, 1): each path's level at each step
    # (n_paths, h): the paths in order of level at each step (``argsort`` of the ranks), when
    # known; the calibration then reads each quantile once, in order, and puts it in place.
    order: np.ndarray | None = None


def combine_rule(values: np.ndarray) -> np.ndarray:
    """Members' centres (or spreads) combined into one: rows are members. The mean."""
    return np.nanmean(np.asarray(values, dtype=float), axis=0)


def combine(log_paths: dict[str, np.ndarray], members=MEMBERS, summaries=None) -> Combined:
    """``summaries``: each member's column median, 10 % and 90 % quantiles when known already
    (``quantiles.summary`` of its log paths, as the plausibility check read them)."""
    names = [m for m in members if m in log_paths]
    if not names:
        raise ValueError("no member paths to combine")
    use = [log_paths[m] for m in names]
    stats = [(summaries or {}).get(m) or summary(log_paths[m]) for m in names]
    medians = np.array([s[0] for s in stats])
    spreads = np.array([(s[2] - s[1]) / Q_WIDTH for s in stats])
    center = combine_rule(medians)
    spread = np.maximum(combine_rule(spreads), MIN_SPREAD)
    # The paths' joint shape (how the steps of one path move together) comes from the pooled
    # members; only their ranks are kept, the marginals come from centre, spread and calibration.
    # n paths in all, as asked (n // k from each member, one more from the first n % k): a
    # stock or ratio built on these paths adds them to n paths of its own.
    n, k = min(len(p) for p in use), len(use)
    pooled = np.concatenate([p[: n // k + (i < n % k)] for i, p in enumerate(use)])
    # Ordinal ranks: ties are broken by position (continuous paths have none). One sort per
    # column (of a contiguous copy); its inverse, the rank, is written rather than sorted again.
    order = np.argsort(np.ascontiguousarray(pooled.T), axis=1)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(len(pooled))[None, :], axis=1)
    return Combined(center, spread, (rank.T + 0.5) / len(pooled), order.T)


def error_pools(z, year, h) -> tuple[dict[int, list[float]], dict[int, list[float]]]:
    """Standardised errors split into the common shock of each outcome year and the rest.

    Per horizon: ``a_y`` = mean of ``z`` over the forecasts whose outcome year is ``y``; the pool
    is ``r = z - a_y``, moved so that its median is 0 (the combination's centre is the median:
    past bias is not carried forward). Returns ``(pools, year_effects)``, keyed by horizon."""
    z, year, h = np.asarray(z, float), np.asarray(year), np.asarray(h)
    # pandas' grouped mean (compensated summation), as the pools were measured with
    a = pd.Series(z).groupby([h, year]).transform("mean").to_numpy()
    pools, years = {}, {}
    for k in np.unique(h):
        mine = h == k
        r = z[mine] - a[mine]
        pools[int(k)] = rounded(r - np.median(r), sort=True)
        _, first = np.unique(year[mine], return_index=True)  # each year's mean, by year
        years[int(k)] = rounded(a[mine][first])
    return pools, years


def rounded(values: np.ndarray, sort: bool = False) -> list[float]:
    """``[round(v, 4) for v in values]`` (``sorted`` with ``sort``), without a Python call per
    value: calibration pools hold tens of thousands of errors and are learned for every origin
    and left-out region of a backtest. ``np.rint(v * 1e4) / 1e4`` is Python's correctly rounded
    result wherever ``v * 1e4`` is not within a hair of a half (where its own rounding error
    could tip it); those few are rounded by Python. A stable sort keeps equal values (0.0 and
    -0.0) in their order, as ``sorted`` does."""
    v = np.asarray(values, dtype=float)
    scaled = v * 1e4
    out = np.rint(scaled) / 1e4
    for i in np.flatnonzero(np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6):
        out[i] = round(float(v[i]), 4)
    return (np.sort(out, kind="stable") if sort else out).tolist()


def common_shock_scale(year_effects: list[float]) -> tuple[float, float] | None:
    """``(scale, df)`` of the t predictive of a new year's shock from ``T`` past year means:
    ``s_a sqrt(1 + 1/T)`` with ``T - 1`` degrees of freedom (None below ``MIN_YEARS``)."""
    a = np.asarray(year_effects, dtype=float)
    if len(a) < MIN_YEARS:
        return None
    return float(np.std(a, ddof=1) * np.sqrt(1 + 1 / len(a))), float(len(a) - 1)


class Calibrator:
    """Empirical distributions of standardised errors, one per horizon, and (with
    ``year_effects``) the common shock each path draws once."""

    def __init__(
        self,
        pools: dict[int, np.ndarray] | None = None,
        year_effects: dict[int, list[float]] | None = None,
    ):
        self.pools = {h: np.sort(np.asarray(z, dtype=float)) for h, z in (pools or {}).items()}
        self.years = {int(h): list(a) for h, a in (year_effects or {}).items()}
        self._scales: dict[int, tuple[float, float] | None] = {}  # by horizon, once computed

    def shock_scale(self, h: int) -> tuple[float, float] | None:
        """The common shock's ``(scale, df)`` at horizon ``h``: its own year means, else those of
        the longest horizon below with ``MIN_YEARS`` of them (standardised errors change slowly
        with the horizon: the spread already grows), else the shortest above."""
        if h not in self._scales:
            self._scales[h] = self._shock_scale(h)
        return self._scales[h]

    def _shock_scale(self, h: int) -> tuple[float, float] | None:
        usable = [k for k, a in self.years.items() if len(a) >= MIN_YEARS]
        if not usable:
            return None
        below = [k for k in usable if k <= h]
        k = max(below) if below else min(usable)
        return common_shock_scale(self.years[k])

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

    def log_paths(
        self, comb: Combined, rng: np.random.Generator | None = None, drawn: int | None = None
    ) -> np.ndarray:
        """``drawn``: the steps the paths were drawn to, when more than ``comb`` holds (the
        common shock's degrees of freedom are the fewest over all of them)."""
        h = len(comb.center)
        if comb.order is not None:
            # The path of rank r reads the quantile at (r + 0.5) / n: the quantiles in rank order,
            # written to each path by the order (the same numbers as reading each path's rank).
            n = len(comb.order)
            u = (np.arange(n) + 0.5) / n
            z = np.empty((n, h))
            for k in range(h):
                z[comb.order[:, k], k] = self.z_quantiles(k + 1, u)
        else:
            z = np.column_stack([self.z_quantiles(k + 1, comb.ranks[:, k]) for k in range(h)])
        if self.years and rng is not None:
            df = self._shock_df(max(h, drawn or h))
            t = rng.standard_t(max(df, 1.0), size=len(z))  # one draw per path
            scale = np.array([(self.shock_scale(k + 1) or (0.0, 1.0))[0] for k in range(h)])
            z = z + t[:, None] * scale[None, :]
        return comb.center + comb.spread * z

    def _shock_df(self, h: int) -> float:
        dfs = [s[1] for k in range(1, h + 1) if (s := self.shock_scale(k)) is not None]
        return min(dfs) if dfs else 1.0


# A family's calibrator by the calibration it was made from (held, so its id is not reused).
_FAMILY_CALIBRATORS: dict[int, tuple[dict, Calibrator]] = {}


def family_calibrator(cal: dict) -> Calibrator:
    """The calibrator of a family's calibration (``calibrate.calibration``), made once per process
    and shared by the family's series: its pools are sorted and its common shocks' scales
    computed once, not for every series."""
    hit = _FAMILY_CALIBRATORS.get(id(cal))
    if hit is None or hit[0] is not cal:
        if len(_FAMILY_CALIBRATORS) >= 64:  # a long session's old learned inputs
            _FAMILY_CALIBRATORS.clear()
        pools = {int(k): np.array(v) for k, v in cal["z"].items()}
        hit = _FAMILY_CALIBRATORS[id(cal)] = (cal, Calibrator(pools, cal.get("year_effects")))
    return hit[1]


class CalibratedEnsemble:
    """The members' paths combined (``combine``) and calibrated on past errors (``Calibrator``),
    under the model contract: ``fit(y, prior)``, ``simulate(h, n_paths, rng)``."""

    name = "ensemble"

    def __init__(
        self,
        members,
        pools: dict,
        year_effects: dict | None = None,
        damping: float = 1.0,
        calibrator: Calibrator | None = None,
    ):
        """``calibrator``: the one ``pools`` and ``year_effects`` make, when the caller has it
        (``family_calibrator``: a family's, shared by all its series)."""
        self.members = list(members)
        self.damping = damping
        self.calibrator = calibrator or Calibrator(
            {int(k): np.array(v) for k, v in pools.items()}, year_effects
        )

    def fit(self, y, prior: Prior | None = None) -> CalibratedEnsemble:
        self.y_ = np.asarray(y, dtype=float)
        self.prior_ = prior
        return self

    def simulate(
        self, h: int, n_paths: int, rng: np.random.Generator, read: int | None = None
    ) -> np.ndarray:
        """``(n_paths, h)``, or its first ``read`` columns: the members still draw all ``h``
        steps (each draws a path's steps at once, so fewer steps would be other numbers), and
        their plausibility is judged on all of them, but only the columns read are combined
        and calibrated (each column on its own: the same numbers as the whole array's)."""
        read = h if read is None else min(read, h)
        logs, stats = {}, {}
        for name in self.members:
            p, _, seen = checked(make(name, self.prior_), self.y_, h, n_paths, rng, read)
            if seen is None:  # the fallback's paths: not checked, so not yet summarised
                seen = np.log(np.maximum(p[:, :read], 1e-300)), None
            logs[name], stats[name] = seen
        comb = combine(logs, self.members, stats)
        steps = np.arange(1, read + 1)
        comb.center = damp_center(comb.center, np.log(self.y_[-1]), steps, self.damping)
        return np.exp(self.calibrator.log_paths(comb, rng, h))
