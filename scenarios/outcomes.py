"""Outcomes known from history: a target whose period is over and whose figures are in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data import units
from ..data.periods import Period, parse_period, year_weights
from ..data.said import figure
from ..data.target_files import Target
from ..forecast.quantiles import quantile, sorted_columns
from ..forecast.series import Observed
from .evaluate import KindMismatch, Paths, meets, metric, tile


def to_plan_unit(t: Target, kind: str, base_unit: str) -> float:
    """Factor from the indicator's unit to the target's unit (1 for growth rates in %)."""
    return 1.0 if kind == "growth" else units.factor(base_unit, t.unit)


def flow_spans(obs: Observed) -> tuple[tuple[float, float, float], ...]:
    """A flow's figures over spans that are not one calendar year and not inside one (a July-June
    year such as 2022-07/2023-06, a five-year total), as (start, end, value) in the series'
    unit: ``evaluate.flow`` takes them as they are where a target's period holds them."""
    return tuple(x[:3] for x in _span_rows(obs))


def _span_rows(obs: Observed) -> list[tuple]:
    """``flow_spans`` with each span's history row as a fourth item."""
    if not (obs.annual and obs.additive):
        return []
    out = []
    for r in obs.unused:
        if r["exclude"] or r["period_type"] == "asof":
            continue
        p = parse_period(r["period"])
        if np.floor(p.start + 1e-9) == np.ceil(p.end - 1e-9) - 1:
            continue  # within one calendar year: that year's figure so far (``year_to_date``)
        out.append((p.start, p.end, units.convert(float(r["value"]), r["unit"], obs.unit), r))
    return out


def outcome(t: Target, obs: Observed, now: float, split: Split | None = None) -> dict:
    """A resolved record when history settles the target: the period is over and its figures
    are in, or the figures in so far settle it early (``_settled_early``).

    A July-June period read from calendar-year figures is not known exactly: ``split`` holds
    each path's January-June share of the years it cuts. When every share gives the same
    verdict the target is resolved (the outcome shown at an even split, and the split said);
    otherwise it awaits its July-June figures, with p_hit over the shares."""
    if t.end > now:
        return _settled_early(t, obs, now)
    spans = flow_spans(obs)
    if not obs.n_points and not spans:
        return _settled_early(t, obs, now)
    try:
        exact = _values(t, obs, spans, None)
        drawn = _values(t, obs, spans, split) if split else exact
    except (KeyError, KindMismatch):
        return _settled_early(t, obs, now)
    parts = zip(drawn, [th for _, _, th in t.parts()], strict=True)
    met = [meets(v, t.comparator, th) for v, th in parts if th is not None]
    hits = np.logical_and.reduce(met) if met else np.ones(len(drawn[0]), dtype=bool)
    value = float(exact[0][0]) if len(exact) == 1 else [float(v[0]) for v in exact]
    sources = outcome_sources(t, obs)
    uncertain = any(np.ptp(v) > 1e-9 * max(1.0, abs(float(np.median(v)))) for v in drawn)
    if not uncertain:
        return {
            "status": "resolved",
            "outcome": value,
            "hit": bool(hits[0]),
            "reason": "outcome known from history",
            "outcome_source": sources,
        }
    how = (
        f"from calendar-year figures, each year's January-June share taken as "
        f"{split.mean:.2f} ± {split.sd:.2f} (no July-June figures in the history)"
    )
    if hits.all() or not hits.any():
        return {
            "status": "resolved",
            "outcome": value,
            "hit": bool(hits[0]),
            "reason": f"outcome {how}: every share drawn gives the same verdict; the figure "
            "shown splits each year in half",
            "outcome_source": sources,
        }
    p = float(hits.mean())
    rec = {
        "status": "awaiting_outcome",
        "p_hit": p,
        "p_hit_se": float(np.sqrt(p * (1 - p) / len(hits))),
        "method": "observed figures, July-June split uncertain",
        "reason": f"period over; its July-June figures are not in the history (import them): "
        f"p_hit is the outcome {how}",
        "outcome_source": sources,
    }
    summaries = []
    for v, (_, period, th) in zip(drawn, t.parts(), strict=True):
        q10, q50, q90 = quantile(sorted_columns(v)[0], (0.1, 0.5, 0.9))
        part = {"median": float(q50), "q10": float(q10), "q90": float(q90), "period": period.text}
        if th is not None:
            part.update(threshold=th, p_hit=float(meets(v, t.comparator, th).mean()))
        summaries.append(part)
    if len(summaries) == 1:
        rec.update({k: summaries[0][k] for k in ("median", "q10", "q90")})
    else:
        rec["parts"] = summaries
    return rec


@dataclass(frozen=True)
class Split:
    """The January-June share of each calendar year a July-June period cuts, per path, and the
    mean and sd it was drawn with (``baseline.year_split``)."""

    shares: dict[int, np.ndarray]
    mean: float
    sd: float


def _values(t: Target, obs: Observed, spans, split: Split | None) -> list[np.ndarray]:
    """The metric of each part of ``t`` on the observed figures, in the target's unit: one value,
    or one per share drawn in ``split``."""
    n = len(next(iter(split.shares.values()))) if split and split.shares else 1
    known = Paths(
        obs.t,
        np.broadcast_to(obs.y, (n, len(obs.y))),
        obs.annual,
        obs.additive,
        split.shares if split else None,
        spans,
    )
    return [
        metric(known, kind, period, t.per) * to_plan_unit(t, kind, obs.unit)
        for kind, period, _ in t.parts()
    ]


def outcome_sources(t: Target, obs: Observed) -> str:
    """The figures an outcome rests on, each with its source: for a flow the spans that tile the
    target's periods (as ``evaluate.flow`` takes them) and the calendar years for the rest; for a
    stock or a rate its figures at the instants the target reads."""
    rows: list[dict] = []
    if obs.additive:
        spans = _span_rows(obs)
        years = {int(round(parse_period(r["period"]).start)): r for r in obs.used}
        for _, period, _ in t.parts():
            chosen, rest = tile(period, spans)
            rows += [c[3] for c in chosen]
            rows += [years[y] for part in rest for y in year_weights(part) if y in years]
    else:
        read = [x for kind, q, _ in t.parts() for x in _instants(kind, q, obs)]
        # matched as ``Paths.col`` reads an instant
        rows = [
            r for r in obs.used if np.isclose(parse_period(r["period"]).end, read, atol=1e-9).any()
        ]
    unique = list({id(r): r for r in rows}.values())
    unique.sort(key=lambda r: parse_period(r["period"]).start)
    return "; ".join(f"{_figure(r)} ({r.get('source') or 'no source given'})" for r in unique)


def _instants(kind: str, period, obs: Observed) -> list[float]:
    """The times a stock or rate part is read at, as ``Observed`` dates them."""
    if obs.annual:  # a yearly rate: the year itself
        return [float(y) + 1 for y in year_weights(period)]
    return [period.start, period.end] if kind == "growth" else [period.end]


def _settled_early(t: Target, obs: Observed, now: float) -> dict:
    """History can settle a target before all its figures are in. Flows are never negative, so
    figures inside its period that already add up past a ``>=`` threshold meet it (in every
    part); and an each-year target with a finished year fully observed short of its threshold
    has missed. The figures are tiled as ``evaluate.flow`` tiles them: whole years, July-June
    years and parts of years, never two for the same months."""
    if not (obs.additive and t.comparator in (">=", ">")):
        return {}
    if any(kind not in ("level", "cumulative", "average") for kind, _, _ in t.parts()):
        return {}
    pieces = _pieces(obs)
    factor = units.factor(obs.unit, t.unit)
    parts = []
    for kind, period, th in t.parts():
        chosen, rest = tile(period, pieces)
        v = sum(c[2] for c in chosen) * factor / (period.years if kind == "average" else 1)
        parts.append((period, th, v, chosen, not rest))
    for period, th, v, chosen, whole in parts:
        done = th is not None and whole and period.end <= now
        if done and not meets(np.array([v]), t.comparator, th)[0]:
            return {
                "status": "resolved",
                "outcome": [x if w else None for _, _, x, _, w in parts] if len(parts) > 1 else v,
                "hit": False,
                "reason": f"missed already: {period.text} came to {figure(v)}{t.unit} against "
                f"{th:g}{t.unit}",
                "outcome_source": _cite(chosen),
            }
    seen = [c for *_, chosen, _ in parts for c in chosen]
    ok = all(th is None or meets(np.array([v]), t.comparator, th)[0] for _, th, v, _, _ in parts)
    if not (seen and ok):
        return {}
    return {
        "status": "resolved",
        "outcome": parts[0][2] if len(parts) == 1 else [x for _, _, x, _, _ in parts],
        "hit": True,
        "reason": (
            "outcome known from history: "
            if all(whole for *_, whole in parts)
            else "met already by the figures for "
        )
        + ", ".join(c[3]["period"] for c in seen)
        + (
            ""
            if all(whole for *_, whole in parts)
            else " (a lower bound: flows are never negative)"
        ),
        "outcome_source": _cite(seen),
    }


def _pieces(obs: Observed) -> list[tuple]:
    """A flow's figures as (start, end, value in the series' unit, row): its calendar years and
    every other span it has, excluded rows left out."""
    out = []
    for r in obs.used + obs.unused:
        if r["exclude"] or r["period_type"] == "asof":
            continue
        p = parse_period(r["period"])
        out.append((p.start, p.end, units.convert(float(r["value"]), r["unit"], obs.unit), r))
    return out


def _cite(pieces: list[tuple]) -> str:
    return "; ".join(f"{_figure(r)} ({r.get('source') or 'no source given'})" for *_, r in pieces)


def observed_part(t: Target, obs: Observed) -> str:
    """The figures for part of the target's period already in the history (empty when none)."""
    seen = []
    span = t.span  # an each-year target's whole span: its first year's figures are inside it
    for r in obs.unused:
        if r["exclude"]:
            continue
        p = parse_period(r["period"])
        inside = p.start >= span.start - 1e-9 and p.end <= span.end + 1e-9
        if (inside or _straddles(p, span)) and (p.end - p.start) < span.years - 1e-6:
            seen.append(_figure(r))
    return "; ".join(seen)


def _straddles(p: Period, span: Period) -> bool:
    """Months of one calendar year that run into a period starting or ending inside it
    (2026年1-10月 and a plan from 2026-07): its year is read by their pace, inside the period
    in part, so they are the period's figures so far, not a year's before it."""
    one_year = int(p.start // 1) == int((p.end - 1e-9) // 1)
    return one_year and span.overlap(p.start, p.end) > 1e-9


def _figure(r: dict) -> str:
    """``2025-01/2025-11: 114亿元``: a history row's figure as a planner writes it (4,200件, not
    the stored 4200.0件), every digit kept."""
    return f"{r['period']}: {float(r['value']):,.15g}{r['unit']}"
