"""Forecast every target of a plan: fit each indicator once, simulate paths, judge each target.

Public entry point: ``assess(targets, history, n_paths, seed, as_of, today)`` -> list of records
(plain dicts, one per target), which the CLI renders.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from ipcast.data import units
from ipcast.data.catalog import indicator as indicator_row
from ipcast.data.history import cut
from ipcast.data.periods import parse_period
from ipcast.forecast.forecaster import forecast, series_rng
from ipcast.forecast.linked import STOCK_FLOW, ratio_from_stock, stock_from_flows
from ipcast.forecast.priors import priors
from ipcast.forecast.series import Observed, observed
from ipcast.scenarios.evaluate import (
    KindMismatch,
    Paths,
    half_year_shares,
    half_year_years,
    meets,
    metric,
    needed_times,
)
from ipcast.scenarios.targets import Target

# January-June share of a year's flow (mean, sd), for July-June years. Pledge financing is
# back-loaded: nationally 1074 of 3098 亿元 in 2021 fell in H1 (0.35; bundled history). For the
# rest no half-year data exist here: half, give or take 0.05 (a judgement).
H1_SHARE = {"pledge": (0.35, 0.10), "default": (0.5, 0.05)}
# Without a panel to borrow from, a series must speak for itself.
MIN_OWN_POINTS = 3


def decimal_today(today: date | None = None) -> float:
    d = today or date.today()
    return d.year + (d.timetuple().tm_yday - 1) / 365.25


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
        for t, rec in _assess_indicator(obs, group, n_paths, seed, now, hist):
            rec["as_of"] = as_of
            records[f"{t.region}/{t.id}"] = rec
    return [records[f"{t.region}/{t.id}"] for t in targets]


def _assess_indicator(
    obs: Observed, group: list[Target], n_paths: int, seed: int, now: float, hist: pd.DataFrame
):
    row = indicator_row(obs.indicator)
    user = bool(len(obs.used)) and bool((obs.used["origin"] != "bundled").any())
    paths, reason, fc = None, "", None
    times = sorted(
        {x for t in group for kind, p, _ in t.parts() for x in needed_times(kind, p, obs.annual)}
    )
    rng = series_rng(seed, obs.region, obs.indicator)
    fc = _linked(obs, hist, times, n_paths, rng)
    if fc is None:
        fc, reason = _direct(obs, row, times, n_paths, rng)
    if fc is not None:
        sims = np.minimum(fc.paths, 100.0) if row["unit"] == "%" else fc.paths
        paths = Paths(fc.times, sims, obs.annual, obs.additive)
        halves = {y for t in group for _, p, _ in t.parts() for y in half_year_years(p)}
        if obs.additive and halves:
            mean, sd = H1_SHARE.get(row["family"], H1_SHARE["default"])
            paths.h1_share = half_year_shares(halves, mean, sd, n_paths, rng)
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
                    rec.update(
                        _simulated(t, paths, row["unit"]),
                        borrowed=fc.borrowed,
                        method=fc.method,
                        n_points=fc.n_points,
                    )
                    if t.end <= now:
                        rec["reason"] = "period over; outcome not in history, so forecast"
        yield t, rec


def _linked(obs: Observed, hist: pd.DataFrame, times, n_paths, rng):
    """A stock built from its flows, or a ratio from its stock and population, where the region
    has the series for it (``forecast.linked``)."""
    if obs.indicator in STOCK_FLOW:
        return stock_from_flows(hist, obs.region, obs.indicator, times, n_paths, rng)
    if obs.n_points == 0:
        return ratio_from_stock(hist, obs.region, obs.indicator, times, n_paths, rng)
    return None


def _direct(obs: Observed, row, times, n_paths, rng):
    prior = priors().get(row["borrow"]) if row["borrow"] else None
    if obs.n_points == 0:
        return None, "no history for this indicator in this region; import the bureau's figures"
    if prior is None and obs.n_points < MIN_OWN_POINTS:
        return None, (
            f"{obs.n_points} point(s) and no comparable series to borrow growth from; "
            f"needs {MIN_OWN_POINTS} or more"
        )
    if np.any(obs.y <= 0):
        return None, "zero or negative values: the log-scale model cannot use them"
    return forecast(obs, times, n_paths, rng, prior, row["borrow"] or None), ""


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
        "method": "",
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
