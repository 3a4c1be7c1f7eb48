"""Fan tables for ``ipcast forecast`` and the briefing's charts: a region's history and the
quantiles of its one forecast (``chain.forecast_series``) year by year."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ..data import units
from ..data.catalog import indicator as indicator_row
from ..data.history import cut
from .chain import forecast_series
from .learned import Learned, provider
from .year_to_date import read_conditioned, year_to_date

LEVELS = {
    "q025": 0.025,
    "q10": 0.1,
    "q25": 0.25,
    "median": 0.5,
    "q75": 0.75,
    "q90": 0.9,
    "q975": 0.975,
}


def fan(paths: np.ndarray) -> dict[str, np.ndarray]:
    """The fan's quantiles of ``(n_paths, n_times)`` paths, one array per level."""
    q = np.quantile(paths, list(LEVELS.values()), axis=0)
    return {k: q[i] for i, k in enumerate(LEVELS)}


def fan_records(
    history: pd.DataFrame,
    region: str,
    indicators: list[str],
    horizon: int,
    n_paths: int,
    seed: int,
    as_of: int | None,
    learned: Learned | None = None,
    start_now: bool = True,
) -> list[dict]:
    """History and fan per indicator; with ``start_now`` the fan starts after the as-of year (or
    at the current year), however stale the last point, and ``stale_years`` says by how much."""
    hist = cut(history, as_of)
    learned = learned or provider(as_of)
    out = []
    for slug in indicators:
        fc = forecast_series(hist, region, slug, n_paths, seed, learned)
        times = _fan_times(fc, horizon, as_of, start_now) if fc.ok else []
        if times and times[-1] > fc.grid[-1]:  # a stale series: the grid must reach the fan's end
            fc = forecast_series(hist, region, slug, n_paths, seed, learned, until=times[-1])
        obs = fc.obs
        row = indicator_row(slug)
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
            "reason": fc.reason,
            "chain": fc.chain,
        }
        if not fc.ok:
            out.append(rec)
            continue
        # The points the forecast rests on, as run, revise and the briefing count them: a stock
        # built from its flows counts the flow's points too (``own_points`` are its own).
        rec.update(n_points=fc.n_points, own_points=obs.n_points)
        rec["stale_years"] = _stale_years(fc, as_of, max(year_to_date(obs), default=0))
        # A year partly observed is read as a run's targets read it (``year_to_date``).
        q = fan(read_conditioned(fc, obs, times, seed, learned.as_of))
        rec["so_far"] = [
            {"period": r["period"], "year": y, "value": v}
            for y, (_, _, v, r) in sorted(year_to_date(obs).items())
        ]
        # The planner's other figures the yearly forecast does not read (a July-June year): said,
        # so that the history above is not taken to have lost them.
        paced = {x["period"] for x in rec["so_far"]}
        rec["not_read"] = [
            {"period": r["period"], "value": units.convert(float(r["value"]), r["unit"], obs.unit)}
            for r in obs.unused
            if obs.annual and not r["exclude"] and r["period"] not in paced
        ]
        for j, t in enumerate(times):
            label = str(int(t)) if obs.annual else f"{int(t) - 1}年末"
            rec["fan"].append({"period": label, "time": float(t), **{k: float(q[k][j]) for k in q}})
        weights = {m: round(1 / len(fc.members), 4) for m in fc.members}
        rec.update(method=fc.method, borrowed=fc.borrowed, members=fc.members, weights=weights)
        out.append(rec)
    return out


def _last_year(fc) -> int:
    """The last year the forecast starts from (a stock's year end counts as its year)."""
    last = fc.anchor_t
    return int(np.floor(last + 1e-9)) - (0 if fc.obs.annual else 1)


def _first_year(as_of: int | None) -> int:
    return (as_of + 1) if as_of is not None else date.today().year


def _stale_years(fc, as_of: int | None, so_far: int = 0) -> int:
    """How many years the last figure lies before the as-of year (or last year); the year of
    figures so far (2025年1-11月: ``so_far`` 2025) counts as that year's, as the fan starts
    from them."""
    return max(0, _first_year(as_of) - 1 - max(_last_year(fc), so_far))


def _fan_times(fc, horizon: int, as_of: int | None, start_now: bool) -> list[float]:
    """The fan's times: ``horizon`` years (or year ends) from the year after the as-of year (or
    the current year), however stale the last point; without ``start_now`` from the year after
    the last point."""
    last_year = _last_year(fc)
    start = max(_first_year(as_of), last_year + 1) if start_now else last_year + 1
    shift = 0 if fc.obs.annual else 1  # a stock is read at the year's end
    return [float(start + shift + k) for k in range(horizon)]
