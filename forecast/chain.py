"""The one forecast of a region's series. Every command (run, forecast, brief, simulate,
compare, revise, goal, levers, draft, and backtest under ``selected``) gets its paths from
``forecast_series`` here, so a chart, a fan table and a probability are always computed on the
same paths.

Which model forecasts the series is decided by walking ``CHAIN`` in order; the first step that can
be used is, and the record says which steps were passed over and why:

1. *stock from flows* (a stock fed by a flow series the region has: ``linked``),
2. *ratio from stock and population* (a per-10k ratio with no figures of its own),
3. *calibrated ensemble* (six or more consecutive yearly points, and a calibration for the family),
4. *pooled random walk* (the own points, with growth and volatility borrowed from a panel),
5. *own points only* (three or more points, a weak prior),
6. no forecast, with the reason.

Paths are drawn on a fixed calendar grid: the ``GRID_YEARS`` years (flows) or year ends (stocks)
after the last point, longer only when asked for a later time. So a forecast does not depend on
which times a caller wants: ``Forecast.at`` reads the grid, bridges the times between grid years,
and fills the observed span from the series' own points (each on its own stream: ``streams``).
Learned inputs (priors, calibration) come in as a ``learned.Learned``; nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..data.catalog import indicator as indicator_row
from ..data.catalog import total_to_date
from . import streams
from .comparables import comparable_prior
from .learned import Learned, provider
from .rwdrift import VAGUE, LogRandomWalkDrift, Prior
from .series import Observed, observed

GRID_YEARS = 15
# Below this many consecutive yearly points the candidates cannot be fitted and judged; the
# borrowed-prior random walk, calibrated on the panels with one to three points, is used instead.
MIN_ENSEMBLE = 6
# Without a panel to borrow from, a series must speak for itself.
MIN_OWN_POINTS = 3
NO_HISTORY = "no history for this indicator in this region; import the bureau's figures"
NOT_POSITIVE = "zero or negative values: the log-scale model cannot use them"


@dataclass
class Forecast:
    """Paths on the calendar ``grid`` after ``anchor_t`` (``None`` when there is no forecast)."""

    region: str
    indicator: str
    obs: Observed
    grid: np.ndarray
    paths: np.ndarray | None
    method: str = ""
    borrowed: str = ""
    n_points: int = 0
    members: list[str] = field(default_factory=list)
    chain: list[dict] = field(default_factory=list)
    reason: str = ""
    anchor_t: float | None = None
    anchor: float | None = None
    seed: int = 0
    prior: Prior | None = None

    @property
    def ok(self) -> bool:
        return self.paths is not None

    @property
    def n_paths(self) -> int:
        return self.paths.shape[0]

    def at(self, times) -> np.ndarray:
        """``(n_paths, len(times))``: grid columns as drawn; an observed instant its value; a time
        inside the observed span from the random walk on the own points (its own stream); a
        future time between grid years by a Brownian bridge in logs, whose variance is the spread
        of that year's log change across paths (a stream per time, so asking for one time never
        moves another)."""
        times = np.asarray(times, dtype=float)
        out = np.empty((self.n_paths, len(times)))
        last = self.anchor_t if self.anchor_t is not None else -np.inf
        inside = [j for j, t in enumerate(times) if t <= last + 1e-9]
        if inside:
            out[:, inside] = self._observed_span(times[inside])
        for j, t in enumerate(times):
            if t > last + 1e-9:
                out[:, j] = self._future(t)
        return out

    def _observed_span(self, times: np.ndarray) -> np.ndarray:
        obs = self.obs
        if obs.n_points == 0:
            return np.tile(self.paths[:, :1], (1, len(times)))
        if np.any(obs.y <= 0):
            # A zero (a county's first stock) has no log: between figures the line joining them,
            # the same on every path (the figures themselves are known).
            return np.tile(np.interp(times, obs.t, obs.y), (self.n_paths, 1))
        rw = LogRandomWalkDrift(self.prior or VAGUE).fit(obs.y, obs.t)
        rng = streams.history(self.seed, self.region, self.indicator)
        return rw.simulate(0, self.n_paths, rng, at=times)

    def _future(self, t: float) -> np.ndarray:
        grid = self.grid
        # np.isclose(grid, t, atol=1e-9), written out: its checks cost more than a bridge.
        hit = np.flatnonzero(np.abs(grid - t) <= 1e-9 + 1e-5 * abs(t))
        if hit.size:
            return self.paths[:, hit[0]]
        k = int(np.searchsorted(grid, t))
        if k >= len(grid):
            raise ValueError(f"time {t} is beyond the forecast grid (to {grid[-1]})")
        if k == 0:
            if self.anchor is None:
                return self.paths[:, 0]
            if self.anchor <= 0:  # no log of zero: the line from it to each path's next value
                w = (t - self.anchor_t) / (grid[0] - self.anchor_t)
                return (1 - w) * self.anchor + w * self.paths[:, 0]
            ta, xa = self.anchor_t, np.full(self.n_paths, np.log(max(self.anchor, 1e-300)))
        else:
            ta, xa = grid[k - 1], np.log(np.maximum(self.paths[:, k - 1], 1e-300))
        tb, xb = grid[k], np.log(np.maximum(self.paths[:, k], 1e-300))
        w = (t - ta) / (tb - ta)
        var = float(np.var(xb - xa)) / (tb - ta)
        sd = np.sqrt(var * (t - ta) * (tb - t) / (tb - ta))
        z = streams.bridge(self.seed, self.region, self.indicator, t).standard_normal(self.n_paths)
        return np.exp(xa + w * (xb - xa) + sd * z)


def calendar_grid(anchor_t: float, until: float | None = None) -> np.ndarray:
    """The years (or year ends) after ``anchor_t``: ``GRID_YEARS`` of them, more if ``until`` is
    later."""
    first = np.floor(anchor_t + 1e-9)
    n = GRID_YEARS if until is None else max(GRID_YEARS, int(np.ceil(until - first - 1e-9)))
    return first + np.arange(1, n + 1, dtype=float)


def read_to(grid: np.ndarray, need: float | None) -> np.ndarray:
    """``grid`` up to its first point at or after ``need`` (all of it when ``need`` is None):
    what a caller that reads no later time uses. A random walk draws its years one after the
    other, so its paths on this part are the whole grid's first columns, draw for draw."""
    if need is None:
        return grid
    return grid[: int(np.searchsorted(grid, need - 1e-9)) + 1]


@dataclass
class Case:
    """Everything a step needs to decide and to build: the series, its catalog row, the learned
    inputs, the settings, the whole history (for linked series) and the grid's end."""

    history: pd.DataFrame
    obs: Observed
    learned: Learned
    n_paths: int
    seed: int
    until: float | None
    borrow_key: str | None = None
    need: float | None = None  # the last time the caller reads (``read_to``)

    @property
    def row(self):
        return indicator_row(self.obs.indicator)

    @property
    def borrow(self) -> str:
        if self.borrow_key is not None:
            return self.borrow_key
        return self.row["borrow"] or ""

    @property
    def prior(self) -> Prior | None:
        return comparable_prior(self.learned.priors, self.borrow, self.obs.region)

    @property
    def calibration(self) -> dict | None:
        family = self.borrow.split("_")[0]
        return self.learned.calibration.get(family) if family else None

    @property
    def rng(self) -> np.random.Generator:
        return streams.series(self.seed, self.obs.region, self.obs.indicator)


@dataclass
class Built:
    """What a step made: paths on ``grid`` and how to describe them."""

    grid: np.ndarray
    paths: np.ndarray
    method: str
    borrowed: str
    n_points: int
    anchor_t: float | None
    anchor: float | None
    members: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    name: str
    why_not: Callable[[Case], str]  # "" when the step can be used
    build: Callable[[Case], Built | None]  # None: it turned out it could not


FLOOR_NOTE = (
    "; a total to date (累计): each path held at its highest value so far, never below the last "
    "figure"
)


def never_falling(paths: np.ndarray, anchor: float) -> np.ndarray:
    """Each path held at its running maximum, from ``anchor`` (the last figure) on. A random walk
    on a total to date can fall (its steps are symmetric in logs), which a total never does: a
    fall is read as a year that added nothing."""
    return np.maximum.accumulate(np.maximum(paths, anchor), axis=1)


def forecast_series(
    history: pd.DataFrame,
    region: str,
    indicator: str,
    n_paths: int,
    seed: int,
    learned: Learned | None = None,
    until: float | None = None,
    obs: Observed | None = None,
    borrow: str | None = None,
    need: float | None = None,
) -> Forecast:
    """The forecast of ``region``'s ``indicator`` from ``history`` (already cut to the as-of
    year): the first usable step of ``CHAIN``, with every step's verdict in ``chain``. ``obs``:
    the series when the caller has it already; ``borrow``: the panel family to borrow from and be
    calibrated on, when not the catalog's (a backtest's panel series); ``need``: the last time
    the caller will read, when it reads none later. The random walks then draw the grid only to
    there (``read_to``: the same numbers in those years); the ensemble draws the whole grid (its
    members draw every year of a path at once, so a shorter grid would draw other numbers)."""
    from .steps import CHAIN  # the steps build on this module's types

    obs = obs if obs is not None else observed(history, region, indicator)
    case = Case(history, obs, learned or provider(), n_paths, seed, until, borrow, need)
    verdicts: list[dict] = []
    for step in CHAIN:
        why = step.why_not(case)
        built = None if why else step.build(case)
        if built is None:
            why = why or "what it builds on has no forecast"
            verdicts.append({"step": step.name, "used": False, "reason": why})
            continue
        verdicts.append({"step": step.name, "used": True, "reason": ""})
        paths, method = built.paths, built.method
        if case.obs.unit == "%":
            paths = np.minimum(paths, 100.0)  # a share cannot pass 100 %
        if total_to_date(indicator) and built.anchor is not None:
            paths, method = never_falling(paths, built.anchor), method + FLOOR_NOTE
        return Forecast(
            region,
            indicator,
            obs,
            built.grid,
            paths,
            method,
            built.borrowed,
            built.n_points,
            built.members,
            verdicts,
            "",
            built.anchor_t,
            built.anchor,
            seed,
            case.prior,
        )
    reason = verdicts[-1]["reason"] if verdicts else NO_HISTORY
    return Forecast(region, indicator, obs, np.array([]), None, chain=verdicts, reason=reason)
