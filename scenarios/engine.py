"""Forecast every target of a plan: fit each indicator once, simulate paths, judge each target.

Public entry point: ``assess(targets, history, n_paths, seed, as_of, today)`` -> list of records
(plain dicts, one per target), which the CLI renders.
"""

from __future__ import annotations

import zlib
from datetime import date

import numpy as np
import pandas as pd

from ipcast.data import units
from ipcast.data.catalog import indicator as indicator_row
from ipcast.data.history import cut
from ipcast.data.periods import parse_period
from ipcast.forecast.priors import priors
from ipcast.forecast.rwdrift import VAGUE, LogRandomWalkDrift
from ipcast.forecast.series import Observed, observed
from ipcast.scenarios.evaluate import KindMismatch, Paths, meets, metric, needed_times
from ipcast.scenarios.targets import Target

# Without a panel to borrow from, a series must speak for itself.
MIN_OWN_POINTS = 3


def decimal_today(today: date | None = None) -> float:
    d = today or date.today()
    return d.year + (d.timetuple().tm_yday - 1) / 365.25


def series_rng(seed: int, region: str, slug: str) -> np.random.Generator:
    """One stream per (region, indicator), so a region's numbers do not depend on which other
    regions are run alongside it."""
    return np.random.default_rng([seed, zlib.crc32(region.encode()), zlib.crc32(slug.encode())])


def assess(
    targets: list[Target],
    history: pd.DataFrame,
    n_paths: int = 4000,
    seed: int = 0,
    as_of: int | None = None,
    today: date | None = None,
) -> list[dict]:
    now = float(as_of + 1) if as_of is not None else decimal_today(today)
    hist = cut(history, as_of)
    records: dict[str, dict] = {}
    groups: dict[tuple[str, str], list[Target]] = {}
    for t in targets:
        groups.setdefault((t.region, t.indicator), []).append(t)
    for (region, slug), group in groups.items():
        obs = observed(hist, region, slug)
        for t, rec in _assess_indicator(obs, group, n_paths, seed, now):
            rec["as_of"] = as_of
            records[f"{t.region}/{t.id}"] = rec
    return [records[f"{t.region}/{t.id}"] for t in targets]


def _assess_indicator(obs: Observed, group: list[Target], n_paths: int, seed: int, now: float):
    row = indicator_row(obs.indicator)
    prior = priors().get(row["borrow"]) if row["borrow"] else None
    user = bool(len(obs.used)) and bool((obs.used["origin"] != "bundled").any())
    paths, reason, borrowed = None, "", ""
    if obs.n_points == 0:
        reason = "no history for this indicator in this region; import the bureau's figures"
    elif prior is None and obs.n_points < MIN_OWN_POINTS:
        reason = (
            f"{obs.n_points} point(s) and no comparable series to borrow growth from; "
            f"needs {MIN_OWN_POINTS} or more"
        )
    elif np.any(obs.y <= 0):
        reason = "zero or negative values: the log-scale model cannot use them"
    else:
        model = LogRandomWalkDrift(prior or VAGUE).fit(obs.y, obs.t)
        times = sorted(
            {
                x
                for t in group
                for kind, p, _ in t.parts()
                for x in needed_times(kind, p, obs.annual)
            }
        )
        sims = model.simulate(0, n_paths, series_rng(seed, obs.region, obs.indicator), at=times)
        if units.dimension(row["unit"]) == "percent":
            sims = np.minimum(sims, 100.0)
        paths = Paths(np.array(times), sims, obs.annual, obs.additive)
        borrowed = _borrowed_text(prior, obs.n_points)
    for t in group:
        rec = _base_record(t, obs, user)
        if all(th is None for th in t.thresholds):
            rec.update(status="no_threshold", reason="the plan states no number: " + t.reading)
        else:
            rec.update(_outcome(t, obs, now))
            if rec.get("status") != "resolved":
                if paths is None:
                    rec.update(status="no_history", reason=reason)
                else:
                    rec.update(_simulated(t, paths, row["unit"]), borrowed=borrowed)
                    if t.end <= now:
                        rec["reason"] = "period over; outcome not in history, so forecast"
        yield t, rec


def _borrowed_text(prior, n_points: int) -> str:
    if prior is None:
        return "nothing borrowed (own points only, weak prior)"
    weight = "entirely" if n_points == 1 else "partly"
    return f"growth and volatility {weight} from: {prior.source}"


def _base_record(t: Target, obs: Observed, user: bool) -> dict:
    return {
        "region": t.region,
        "plan": t.plan,
        "target_id": t.id,
        "label_zh": t.label_zh,
        "label_en": t.label_en,
        "indicator": t.indicator,
        "family": t.family,
        "kind": t.kind,
        "period": t.period_text,
        "threshold": t.thresholds[0] if len(t.thresholds) == 1 else list(t.thresholds),
        "comparator": t.comparator,
        "unit": t.unit,
        "status": None,
        "p_hit": None,
        "p_hit_se": None,
        "n_points": obs.n_points,
        "median": None,
        "q10": None,
        "q90": None,
        "outcome": None,
        "hit": None,
        "borrowed": "",
        "reason": "",
        "reading": t.reading,
        "uses_user_data": user,
    }


def _to_plan_unit(t: Target, kind: str, base_unit: str) -> float:
    """Factor from the indicator's unit to the target's unit (1 for growth rates in %)."""
    return 1.0 if kind == "growth" else units.factor(base_unit, t.unit)


def _simulated(t: Target, paths: Paths, base_unit: str) -> dict:
    hits, parts = [], []
    try:
        for kind, period, threshold in t.parts():
            f = _to_plan_unit(t, kind, base_unit)
            m = metric(paths, kind, period, t.per) * f
            h = meets(m, t.comparator, threshold)
            hits.append(h)
            q10, q50, q90 = np.quantile(m, [0.1, 0.5, 0.9])
            parts.append(
                {
                    "period": period.text,
                    "threshold": threshold,
                    "p_hit": float(h.mean()),
                    "median": float(q50),
                    "q10": float(q10),
                    "q90": float(q90),
                }
            )
    except KindMismatch as e:
        return {"status": "invalid", "reason": str(e)}
    hit = np.logical_and.reduce(hits)
    p = float(hit.mean())
    out = {"status": "simulated", "p_hit": p, "p_hit_se": float(np.sqrt(p * (1 - p) / len(hit)))}
    if len(parts) == 1:
        out.update({k: parts[0][k] for k in ("median", "q10", "q90")})
    else:
        out["parts"] = parts
    return out


def _outcome(t: Target, obs: Observed, now: float) -> dict:
    """A resolved record when the period is over and history settles the target."""
    if t.end > now:
        return {}
    if not obs.n_points:
        return _lower_bound(t, obs)
    known = Paths(obs.t, obs.y[None, :], obs.annual, obs.additive)
    try:
        values = []
        for kind, period, threshold in t.parts():
            f = _to_plan_unit(t, kind, obs.unit)
            values.append((float(metric(known, kind, period, t.per)[0]) * f, threshold))
    except (KeyError, KindMismatch):
        return _lower_bound(t, obs)
    hit = all(bool(meets(np.array([v]), t.comparator, th)[0]) for v, th in values if th is not None)
    value = values[0][0] if len(values) == 1 else [v for v, _ in values]
    return {
        "status": "resolved",
        "outcome": value,
        "hit": hit,
        "reason": "outcome known from history",
    }


def _lower_bound(t: Target, obs: Observed) -> dict:
    """A flow observed over part of the target's period that already passes a ``>=`` threshold
    settles the target: flows are never negative."""
    if not (obs.additive and t.kind in ("level", "cumulative") and t.comparator in (">=", ">")):
        return {}
    factor = units.factor(obs.unit, t.unit)
    for _, r in obs.unused.iterrows():
        if r["exclude"]:
            continue
        p = parse_period(r["period"])
        if p.start >= t.period.start - 1e-9 and p.end <= t.period.end + 1e-9:
            v = units.convert(float(r["value"]), r["unit"], obs.unit) * factor
            if meets(np.array([v]), t.comparator, t.threshold)[0]:
                return {
                    "status": "resolved",
                    "outcome": v,
                    "hit": True,
                    "reason": f"met already by the {r['period']} figure ({r['value']}"
                    f"{r['unit']}), a lower bound for the period",
                }
    return {}
