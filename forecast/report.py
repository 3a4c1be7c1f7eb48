"""Fan tables for ``ipcast forecast``: a region's history and its forecast quantiles per year."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..data.catalog import indicator as indicator_row
from ..data.history import cut
from .forecaster import forecast, series_rng
from .priors import priors
from .series import observed

LEVELS = {
    "q025": 0.025,
    "q10": 0.1,
    "q25": 0.25,
    "median": 0.5,
    "q75": 0.75,
    "q90": 0.9,
    "q975": 0.975,
}
MIN_OWN_POINTS = 3


def fan_records(
    history: pd.DataFrame,
    region: str,
    indicators: list[str],
    horizon: int,
    n_paths: int,
    seed: int,
    as_of: int | None,
    start_now: bool = True,
) -> list[dict]:
    """History and fan per indicator; with ``start_now`` the fan starts after the as-of year (or
    at the current year), however stale the last point, and ``stale_years`` says by how much."""
    hist = cut(history, as_of)
    out = []
    for slug in indicators:
        obs = observed(hist, region, slug)
        row = indicator_row(slug)
        prior = priors(as_of).get(row["borrow"]) if row["borrow"] else None
        rec = {
            "region": region,
            "indicator": slug,
            "label_zh": row["zh"],
            "label_en": row["en"],
            "unit": row["unit"],
            "n_points": obs.n_points,
            "method": None,
            "borrowed": None,
            "history": [
                {"period": p, "time": float(t), "value": float(v), "source_type": k}
                for p, t, v, k in zip(obs.periods, obs.t, obs.y, obs.source_types, strict=True)
            ],
            "fan": [],
            "reason": "",
        }
        if obs.n_points == 0 or (prior is None and obs.n_points < MIN_OWN_POINTS):
            rec["reason"] = "not enough history to forecast"
            out.append(rec)
            continue
        last = obs.t[-1]
        # The fan starts where the as-of year (or today) ends, not after a stale last point.
        first = (as_of + 1) if as_of is not None else date.today().year
        last_year = int(last) if obs.annual else int(np.floor(last + 1e-9)) - 1
        start = max(first, last_year + 1) if start_now else last_year + 1
        rec["stale_years"] = max(0, first - 1 - last_year)
        if obs.annual:
            times = [float(start + k) for k in range(horizon)]
        else:
            times = [float(start + 1 + k) for k in range(horizon)]
        fc = forecast(
            obs,
            times,
            n_paths,
            series_rng(seed, region, slug),
            prior,
            row["borrow"] or None,
            as_of,
        )
        q = np.quantile(fc.paths, list(LEVELS.values()), axis=0)
        for j, t in enumerate(fc.times):
            label = str(int(t)) if obs.annual else f"{int(t) - 1}年末"
            rec["fan"].append(
                {"period": label, **{k: float(q[i, j]) for i, k in enumerate(LEVELS)}}
            )
        weights = {m: round(1 / len(fc.members), 4) for m in fc.members}
        rec.update(method=fc.method, borrowed=fc.borrowed, members=fc.members, weights=weights)
        out.append(rec)
    return out
