"""A target's metric on whole simulated paths.

``Paths`` holds one indicator's values at the times the targets need: calendar years for yearly
series (a flow's total or a rate's value in that year), instants for stocks. A part of a target is
``(kind, period, threshold)``; its metric is computed path by path, so a cumulative target is a sum
along each path and never a sum of per-year quantiles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.periods import Period, year_weights


@dataclass
class Paths:
    times: np.ndarray
    values: np.ndarray  # (n_paths, len(times))
    annual: bool
    additive: bool
    # Share of each year's flow that falls in January-June, per path (default: half). Yearly data
    # cannot say it, so a July-June year carries that uncertainty (see ``half_year_shares``).
    h1_share: dict[int, np.ndarray] | None = None

    def col(self, t: float) -> np.ndarray:
        j = np.flatnonzero(np.isclose(self.times, t, atol=1e-9))
        if not j.size:
            raise KeyError(t)
        return self.values[:, j[0]]


class KindMismatch(ValueError):
    """The target's kind cannot be computed from this indicator's series."""


def needed_times(kind: str, period: Period, annual: bool) -> list[float]:
    if annual:
        years = sorted(year_weights(period))
        if kind == "growth":
            return [float(years[0] - 1), float(years[-1])]
        return [float(y) for y in years]
    if kind == "growth":
        return [period.start, period.end]
    return [period.end]


def metric(paths: Paths, kind: str, period: Period, per: str = "year") -> np.ndarray:
    """The quantity a part of a target is judged on, one value per path."""
    if kind == "growth":
        return _growth(paths, period, per)
    if paths.annual:
        w = year_weights(period)
        total = sum(_weight(paths, period, y, wt) * paths.col(y) for y, wt in w.items())
        if kind in ("stock", "ratio") and paths.additive:
            raise KindMismatch(f"a {kind} target needs a stock indicator, not a yearly flow")
        if not paths.additive:
            return total / sum(w.values())
        if kind in ("level", "cumulative"):
            return total
        if kind == "average":
            return total / period.years
        raise KindMismatch(kind)
    if kind in ("cumulative", "average"):
        raise KindMismatch(f"a {kind} target needs a yearly flow, not a stock")
    return paths.col(period.end)


def _weight(paths: Paths, period: Period, year: int, w: float):
    """A half year's weight is that half's share of the year's flow, where it is known per path."""
    if not paths.additive or not paths.h1_share or year not in paths.h1_share:
        return w
    s = paths.h1_share[year]
    if abs(period.start - year) < 1e-9 and abs(period.end - year - 0.5) < 1e-9:
        return s
    if abs(period.start - year - 0.5) < 1e-9 and period.end >= year + 1 - 1e-9:
        return 1 - s
    if abs(period.end - year - 0.5) < 1e-9 and period.start <= year + 1e-9:
        return s
    return w


def half_year_years(period: Period) -> list[int]:
    """Years that ``period`` cuts in half (a July-June year cuts two)."""
    return [y for y, w in year_weights(period).items() if abs(w - 0.5) < 1e-9]


def half_year_shares(years, mean: float, sd: float, n: int, rng) -> dict[int, np.ndarray]:
    """January-June shares per year and path, Beta-distributed with the given mean and sd."""
    k = mean * (1 - mean) / sd**2 - 1
    return {int(y): rng.beta(mean * k, (1 - mean) * k, size=n) for y in sorted(years)}


def _growth(paths: Paths, period: Period, per: str) -> np.ndarray:
    t0, t1 = needed_times("growth", period, paths.annual)
    base = paths.col(t0)
    if np.all(base <= 0):
        raise KindMismatch(
            f"growth from a base of zero at {t0:g} has no rate; "
            "state the target as a level (kind: stock or level) instead"
        )
    ratio = paths.col(t1) / base
    if per == "span":
        return (ratio - 1) * 100
    return (ratio ** (1 / (t1 - t0)) - 1) * 100


def meets(values: np.ndarray, comparator: str, threshold: float) -> np.ndarray:
    if comparator == ">=":
        return values >= threshold
    if comparator == ">":
        return values > threshold
    if comparator == "<=":
        return values <= threshold
    return values < threshold
