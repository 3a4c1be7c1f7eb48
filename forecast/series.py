"""One region's observed series of one indicator, in the indicator's unit, ready to fit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data import units
from ..data.catalog import indicator as indicator_row
from ..data.periods import parse_period


@dataclass
class Observed:
    """Observations ``y`` at times ``t``.

    ``annual`` series hold one value per calendar year (flows, and yearly rates such as a
    satisfaction %) at ``t = year``; the rest are stocks read at instants ``t`` in decimal years.
    ``additive`` says whether a year's values add up over a span (flows) or average (rates).
    ``used`` and ``unused`` are the history rows (dicts) behind the points and the rest.
    """

    region: str
    indicator: str
    unit: str
    annual: bool
    additive: bool
    t: np.ndarray
    y: np.ndarray
    used: list[dict]
    unused: list[dict]
    periods: list[str] | None = None  # the source's own period text for each point
    source_types: list[str] | None = None  # plan, published or user, for each point

    @property
    def n_points(self) -> int:
        return len(self.t)

    @property
    def uses_user_data(self) -> bool:
        return any(r.get("origin", "bundled") != "bundled" for r in self.used)


def is_annual(slug: str) -> bool:
    row = indicator_row(slug)
    return row["measure"] == "flow" or units.dimension(row["unit"]) == "percent"


def observed(
    history: pd.DataFrame | None, region: str, slug: str, rows: list[dict] | None = None
) -> Observed:
    """``rows``: the history's rows (dicts) for this region and indicator, when the caller has
    them already (pandas row access is slow; a run asks for a hundred series)."""
    row = indicator_row(slug)
    base = row["unit"]
    annual = is_annual(slug)
    if rows is None:
        rows = _rows(history, region, slug)
    points, used, unused = {}, [], []
    for r in rows:
        p = parse_period(r["period"])
        whole_year = abs(p.start - round(p.start)) < 1e-9 and abs(p.years - 1) < 1e-9
        if r["exclude"]:
            unused.append(r)
            continue
        if annual and whole_year and r["period_type"] != "asof":
            t = float(round(p.start))
        elif not annual and r["period_type"] == "asof":
            t = p.end
        else:
            unused.append(r)
            continue
        origin = r.get("origin", "bundled")
        kind = (
            "user"
            if origin != "bundled"
            else "plan"
            if str(r["source"]).startswith("plan:")
            else "published"
        )
        # Same instant twice (a user's figure and a bundled one both kept): the later row wins.
        points[t] = (units.convert(float(r["value"]), r["unit"], base), r["period"], kind)
        used.append(r)
    ts = sorted(points)
    t = np.array(ts, dtype=float)
    y = np.array([points[k][0] for k in ts], dtype=float)
    additive = annual and row["measure"] == "flow"
    return Observed(
        region,
        slug,
        base,
        annual,
        additive,
        t,
        y,
        used,
        unused,
        [points[k][1] for k in ts],
        [points[k][2] for k in ts],
    )


def _rows(history: pd.DataFrame, region: str, slug: str) -> list[dict]:
    """The rows of ``region``'s ``slug`` as dicts, what ``to_dict("records")`` of pandas'
    selection gives (plain Python values), picked from the columns' arrays: pandas' boolean
    selection and ``to_dict`` cost a random walk's forecast more than drawing its paths."""
    at = np.flatnonzero(
        (history["region"].to_numpy() == region) & (history["indicator"].to_numpy() == slug)
    )
    if not at.size:
        return []
    cols = list(history.columns)
    values = zip(*(history[c].to_numpy()[at].tolist() for c in cols), strict=True)
    return [dict(zip(cols, v, strict=True)) for v in values]


def yearly_series(history: pd.DataFrame, min_points: int = 6) -> list:
    """Panel-style series from a long table: each region and indicator's last run of consecutive
    yearly values (flows by calendar year, stocks at year ends), in the indicator's unit."""
    from .panels import Series

    out = []
    for (region, slug), _ in history.groupby(["region", "indicator"]):
        try:
            obs = observed(history, region, slug)
        except KeyError:
            continue
        t, y = obs.t, obs.y
        years = np.rint(t if obs.annual else t - 1).astype(int)
        on_grid = np.abs((t if obs.annual else t - 1) - years) < 1e-6
        years, y = years[on_grid], y[on_grid]
        start = len(years) - 1
        while start > 0 and years[start] - years[start - 1] == 1 and y[start - 1] > 0:
            start -= 1
        if len(years) - start >= min_points and np.all(y[start:] > 0):
            out.append(Series("history", region, slug, years[start:], y[start:]))
    return out
