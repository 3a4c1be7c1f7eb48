"""One region's observed series of one indicator, in the indicator's unit, ready to fit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ipcast.data import units
from ipcast.data.catalog import indicator as indicator_row
from ipcast.data.periods import parse_period


@dataclass
class Observed:
    """Observations ``y`` at times ``t``.

    ``annual`` series hold one value per calendar year (flows, and yearly rates such as a
    satisfaction %) at ``t = year``; the rest are stocks read at instants ``t`` in decimal years.
    ``additive`` says whether a year's values add up over a span (flows) or average (rates).
    """

    region: str
    indicator: str
    unit: str
    annual: bool
    additive: bool
    t: np.ndarray
    y: np.ndarray
    used: pd.DataFrame
    unused: pd.DataFrame

    @property
    def n_points(self) -> int:
        return len(self.t)


def is_annual(slug: str) -> bool:
    row = indicator_row(slug)
    return row["measure"] == "flow" or units.dimension(row["unit"]) == "percent"


def observed(history: pd.DataFrame, region: str, slug: str) -> Observed:
    row = indicator_row(slug)
    base = row["unit"]
    annual = is_annual(slug)
    rows = history[(history["region"] == region) & (history["indicator"] == slug)]
    live = rows[rows["exclude"] == ""]
    times, values, keep = [], [], []
    for idx, r in live.iterrows():
        p = parse_period(r["period"])
        whole_year = abs(p.start - round(p.start)) < 1e-9 and abs(p.years - 1) < 1e-9
        if annual and whole_year and r["period_type"] != "asof":
            t = float(round(p.start))
        elif not annual and r["period_type"] == "asof":
            t = p.end
        else:
            continue
        times.append(t)
        values.append(units.convert(float(r["value"]), r["unit"], base))
        keep.append(idx)
    used = live.loc[keep]
    unused = rows.drop(index=keep)
    if times:
        # Same instant twice (a user's figure and a bundled one were both kept): the later row wins.
        s = pd.Series(values, index=times).groupby(level=0).last().sort_index()
        t, y = s.index.to_numpy(dtype=float), s.to_numpy(dtype=float)
    else:
        t, y = np.empty(0), np.empty(0)
    return Observed(
        region, slug, base, annual, annual and row["measure"] == "flow", t, y, used, unused
    )
