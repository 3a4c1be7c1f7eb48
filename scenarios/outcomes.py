"""Outcomes known from history: a target whose period is over and whose figures are in."""

from __future__ import annotations

import numpy as np

from ..data import units
from ..data.periods import parse_period
from ..data.target_files import Target
from ..forecast.series import Observed
from .evaluate import KindMismatch, Paths, meets, metric


def to_plan_unit(t: Target, kind: str, base_unit: str) -> float:
    """Factor from the indicator's unit to the target's unit (1 for growth rates in %)."""
    return 1.0 if kind == "growth" else units.factor(base_unit, t.unit)


def outcome(t: Target, obs: Observed, now: float) -> dict:
    """A resolved record when history settles the target: the period is over and its figures
    are in, or a figure for part of the period already passes a ``>=`` threshold."""
    if t.end > now:
        return _lower_bound(t, obs)
    if not obs.n_points:
        return _lower_bound(t, obs)
    known = Paths(obs.t, obs.y[None, :], obs.annual, obs.additive)
    try:
        values = []
        for kind, period, threshold in t.parts():
            f = to_plan_unit(t, kind, obs.unit)
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
    for r in obs.unused + obs.used:
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


def observed_part(t: Target, obs: Observed) -> str:
    """The figures for part of the target's period already in the history (empty when none)."""
    seen = []
    for r in obs.unused:
        if r["exclude"]:
            continue
        p = parse_period(r["period"])
        inside = p.start >= t.period.start - 1e-9 and p.end <= t.period.end + 1e-9
        if inside and (p.end - p.start) < t.period.years - 1e-6:
            seen.append(f"{r['period']}: {r['value']}{r['unit']}")
    return "; ".join(seen)


def floor_at_observed(obs: Observed, times: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """A yearly flow is at least what part of that year has already shown (a lower bound: flows
    are never negative), so a partly observed year uses what is observed."""
    if not (obs.annual and obs.additive):
        return sims
    out = sims
    for r in obs.unused:
        if r["exclude"]:
            continue
        p = parse_period(r["period"])
        year = int(np.floor(p.start + 1e-9))
        j = np.flatnonzero(np.isclose(times, year))
        if p.end > year + 1 + 1e-9 or not j.size:
            continue
        v = units.convert(float(r["value"]), r["unit"], obs.unit)
        out = out.copy() if out is sims else out
        out[:, j[0]] = np.maximum(out[:, j[0]], v)
    return out
