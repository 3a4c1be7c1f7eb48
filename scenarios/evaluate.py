"""A target's metric on whole simulated paths.

``Paths`` holds one indicator's values at the times the targets need: calendar years for yearly
series (a flow's total or a rate's value in that year), instants for stocks. A part of a target is
``(kind, period, threshold)``; its metric is computed path by path, so a cumulative target is a sum
along each path and never a sum of per-year quantiles.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    # Flows observed over spans that are not one calendar year and not inside one (a July-June
    # year, 2016-01/2020-12), as (start, end, value) in the series' unit: a period they tile
    # takes their figures, and only the rest of it comes from the yearly paths (``flow``).
    spans: tuple[tuple[float, float, float], ...] = ()

    def col(self, t: float) -> np.ndarray:
        j = np.flatnonzero(np.isclose(self.times, t, atol=1e-9))
        if not j.size:
            raise KeyError(t)
        return self.values[:, j[0]]


class KindMismatch(ValueError):
    """The target's kind cannot be computed from this indicator's series."""


def read_periods(kind: str, period: Period) -> list[Period]:
    """The periods a part's metric reads: a growth's year before its span and its last year
    (2025 and 2030 for 2026/2030; 2025-07/2026-06 and 2029-07/2030-06 for a July-June span),
    any other kind its own period."""
    if kind == "growth":
        return [Period(period.start - 1, period.start, ""), Period(period.end - 1, period.end, "")]
    return [period]


def needed_times(kind: str, period: Period, annual: bool) -> list[float]:
    if annual:
        years = {y for p in read_periods(kind, period) for y in year_weights(p)}
        return [float(y) for y in sorted(years)]
    if kind == "growth":
        return [period.start, period.end]
    return [period.end]


def metric(paths: Paths, kind: str, period: Period, per: str = "year") -> np.ndarray:
    """The quantity a part of a target is judged on, one value per path."""
    if kind == "growth":
        return _growth(paths, period, per)
    if paths.annual:
        if kind in ("stock", "ratio") and paths.additive:
            raise KindMismatch(f"a {kind} target needs a stock indicator, not a yearly flow")
        if not paths.additive:
            w = year_weights(period)
            total = sum(_weight(paths, period, y, wt) * paths.col(y) for y, wt in w.items())
            return total / sum(w.values())
        if kind in ("level", "cumulative"):
            return flow(paths, period)
        if kind == "average":
            return flow(paths, period) / period.years
        raise KindMismatch(kind)
    if kind in ("cumulative", "average"):
        raise KindMismatch(f"a {kind} target needs a yearly flow, not a stock")
    return paths.col(period.end)


def flow(paths: Paths, period: Period) -> np.ndarray:
    """A flow's total over ``period`` on every path: the observed spans that fit inside it
    (longest first, never overlapping) plus the yearly paths over what they leave."""
    chosen, rest = tile(period, paths.spans)
    total = np.full(paths.values.shape[0], float(sum(v for _, _, v in chosen)))
    for part in rest:
        w = year_weights(part)
        total = total + sum(_weight(paths, part, y, wt) * paths.col(y) for y, wt in w.items())
    return total


def tile(period: Period, spans: Sequence[tuple]) -> tuple[list[tuple], list[Period]]:
    """The ``spans`` (start, end, value, ...) chosen inside ``period``, longest first and never
    overlapping, and the parts of ``period`` they leave uncovered."""
    eps = 1e-9
    chosen: list[tuple] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        a, b = span[0], span[1]
        inside = a >= period.start - eps and b <= period.end + eps
        if inside and all(b <= c[0] + eps or a >= c[1] - eps for c in chosen):
            chosen.append(span)
    chosen.sort(key=lambda s: s[0])
    rest, at = [], period.start
    for span in chosen:
        if span[0] > at + eps:
            rest.append(Period(at, span[0], ""))
        at = span[1]
    if period.end > at + eps:
        rest.append(Period(at, period.end, ""))
    return chosen, rest


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
    """From the year before the span to its last year: for a yearly series each year's flow (or
    rate) as a level target reads it, so a July-June span compares July-June years, their
    figures taken as observed; for a stock its values at the span's start and end."""
    if paths.annual:
        before, last = read_periods("growth", period)
        base, end = metric(paths, "level", before), metric(paths, "level", last)
        t0, years = before.start, period.years
    else:
        t0, years = period.start, period.end - period.start
        base, end = paths.col(period.start), paths.col(period.end)
    if np.all(base <= 0):
        raise KindMismatch(
            f"growth from a base of zero at {t0:g} has no rate; "
            "state the target as a level (kind: stock or level) instead"
        )
    ratio = end / base
    if per == "span":
        return (ratio - 1) * 100
    return (ratio ** (1 / years) - 1) * 100


def meets(values: np.ndarray, comparator: str, threshold: float) -> np.ndarray:
    if comparator == ">=":
        return values >= threshold
    if comparator == ">":
        return values > threshold
    if comparator == "<=":
        return values <= threshold
    return values < threshold
