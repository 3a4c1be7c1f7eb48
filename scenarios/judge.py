"""Judging a target on its baseline paths under a scenario: the metric of each part in the plan's
unit, whether each path meets the threshold, and the record a run reports."""

from __future__ import annotations

import numpy as np

from ..data.catalog import indicator as indicator_row
from ..data.said import figure
from ..data.target_files import target_fields
from ..forecast.quantiles import quantile, sorted_columns
from ..forecast.year_to_date import share_of_year, year_to_date
from .apply import apply_scenario, idle_levers
from .baseline import TargetRun, h1_share
from .evaluate import KindMismatch, Paths, meets, metric
from .idle import idle_words
from .levers import BASELINE, Scenario, known_by
from .outcomes import observed_part, to_plan_unit


def lever_start(run: TargetRun, scenario: Scenario) -> int:
    """The year a scenario's levers start: the scenario's own ``start``, else the plan's."""
    return scenario.start if scenario.start is not None else run.start


def free_from(run: TargetRun) -> float | None:
    """The first time whose flow (or stock additions) is not in the history: the year after the
    last whole year, or the end of that year's figure so far (2026.833 after 2026年1-10月)."""
    t = run.obs.t
    if not len(t):
        return None
    if not run.obs.annual:
        return float(np.floor(t[-1] - 1e-9) + 1)
    nxt = int(round(t[-1])) + 1
    so_far = year_to_date(run.obs).get(nxt)
    return float(so_far[1]) if so_far and abs(so_far[0] - nxt) < 1e-9 else float(nxt)


def scenario_paths(run: TargetRun, scenario: Scenario) -> Paths:
    scenario = known_by(scenario, run.as_of)
    start = lever_start(run, scenario)
    return apply_scenario(run.base, run.target.indicator, scenario, run.u, start, free_from(run))


def idle_in_period(run: TargetRun, scenario: Scenario) -> list[dict]:
    """The scenario's levers that cannot change this target: they act in no year of its
    period that is still to come."""
    t = run.target
    first = int(np.floor(min(p.start for p in t.periods) + 1e-9))
    last = int(np.ceil(t.end - 1e-9)) - 1
    if t.kind in ("stock", "ratio"):  # a stock is built by every year's additions up to then
        first = int(free_from(run) or first)
    years = list(range(min(first, last), last + 1))
    scenario = known_by(scenario, run.as_of)
    return idle_levers(t.indicator, years, scenario, lever_start(run, scenario), free_from(run))


def part_metrics(run: TargetRun, scenario: Scenario = BASELINE) -> list[np.ndarray]:
    """The metric of each part of the target on every path, in the target's unit."""
    paths = scenario_paths(run, scenario)
    t = run.target
    return [
        metric(paths, kind, period, t.per) * to_plan_unit(t, kind, run.obs.unit)
        for kind, period, _ in t.parts()
    ]


def hits(run: TargetRun, metrics: list[np.ndarray], thresholds=None) -> np.ndarray:
    t = run.target
    ths = thresholds if thresholds is not None else [th for _, _, th in t.parts()]
    return np.logical_and.reduce(
        [meets(m, t.comparator, th) for m, th in zip(metrics, ths, strict=True) if th is not None]
    )


def judge(run: TargetRun, scenario: Scenario = BASELINE) -> dict:
    t = run.target
    rec = _base_record(run)
    if all(th is None for th in t.thresholds):
        return {
            **rec,
            "status": "no_threshold",
            "reason": "the plan states no number: " + t.reading,
        }
    if run.settled:
        return {**rec, **run.settled}
    if run.base is None:
        return {**rec, "status": "no_history", "reason": run.reason}
    try:
        ms = part_metrics(run, scenario)
    except KindMismatch as e:
        return {**rec, "status": "invalid", "reason": str(e)}
    hit = hits(run, ms)
    p = float(hit.mean())
    rec.update(
        status="simulated",
        p_hit=p,
        p_hit_se=float(np.sqrt(p * (1 - p) / len(hit))),
        method=run.fc.method,
        borrowed=run.fc.borrowed,
        n_points=run.fc.n_points,
        scenario=scenario.name,
    )
    parts = [
        _summary(m, t.comparator, th) | {"period": period.text, "threshold": th}
        for m, (_, period, th) in zip(ms, t.parts(), strict=True)
    ]
    if len(parts) == 1:
        rec.update({k: parts[0][k] for k in ("median", "q10", "q90", "shortfall")})
        rec.update(_growth_needed(run))
    else:
        rec["parts"] = parts
    if t.end <= run.now:
        # The period is over: the figure exists somewhere but not in this history. The number
        # is what the forecast said, not a current-trend forecast.
        rec["status"] = "awaiting_outcome"
        rec["reason"] = (
            "period over; the outcome is not in the history yet (import it): p_hit is the "
            "forecast from the data known"
            + (f" as of {run.as_of}" if run.as_of is not None else "")
        )
        part = observed_part(t, run.obs)
        if part:
            rec["reason"] += f"; figures so far ({part}): " + _observed_use(run)
    else:
        part = observed_part(t, run.obs)
        if part:
            rec["reason"] = f"period partly observed ({part}); " + _observed_use(run)
        elif _earlier_part(run):
            rec["reason"] = _earlier_part(run)
    idle = idle_in_period(run, scenario)
    if idle:
        rec["idle_levers"] = idle
        note = "; ".join(_idle_text(x) for x in idle)
        rec["reason"] = "; ".join(
            r for r in (rec["reason"], f"no effect inside the target's period: {note}") if r
        )
    return rec


def _observed_use(run: TargetRun) -> str:
    """How the simulation uses the figures for part of the target's period."""
    t = run.target
    if not run.obs.additive:
        return (
            "a rate's figure for part of a year is not used: the year's rate is forecast "
            "from whole years"
        )
    h1 = h1_share(indicator_row(t.indicator)["family"], run.as_of)
    years = []
    for year, (start, end, value, _) in sorted(year_to_date(run.obs).items()):
        if t.span.overlap(start, end) > 1e-9:  # inside, or its year runs into the period
            mean, sd = share_of_year(start, end, h1)
            if mean >= 1.0:
                years.append(f"{year} is its parts added up ({figure(value)}{run.obs.unit})")
                continue
            years.append(
                f"{year} is the pace of its figure so far ({figure(value)} over a share of "
                f"{mean:.2f} ± {sd:.2f} of the year's flow, about "
                f"{figure(value / mean)}{run.obs.unit}) "
                "combined with the forecast, never below the figure"
            )
    spans = "a figure for a whole span (a July-June year) is taken as it is"
    return "; ".join(years) if years else spans


def _earlier_part(run: TargetRun) -> str:
    """The figures so far of a year before the target's period that the forecast starts from
    (``read_conditioned``), said; empty when there is none."""
    t, obs = run.target, run.obs
    last = obs.t.max(initial=-np.inf)  # a gap year's figures so far move nothing after it
    said = [
        f"{r['period']}: {figure(value)}{obs.unit}"
        for year, (_, end, value, r) in sorted(year_to_date(obs).items())
        if last < year and end <= t.span.start + 1e-9
    ]
    if not said:
        return ""
    return (
        "the forecast starts from the figures so far of a year before the period ("
        + "; ".join(said)
        + "): that year is their pace combined with the forecast, and the years after move with it"
    )


def _idle_text(x: dict) -> str:
    en = idle_words(x)[1]
    return f"{x['lever']}: {en}" if x["why"] == "history" else f"{x['lever']} {en}"


def _summary(m: np.ndarray, comparator: str, threshold: float | None) -> dict:
    q10, q50, q90 = quantile(sorted_columns(m)[0], (0.1, 0.5, 0.9))  # np.quantile's numbers
    out = {"median": float(q50), "q10": float(q10), "q90": float(q90), "shortfall": None}
    if threshold is not None:
        gap = threshold - m if comparator in (">=", ">") else m - threshold
        out["shortfall"] = float(np.mean(np.maximum(gap, 0)))
        out["p_hit"] = float(meets(m, comparator, threshold).mean())
    return out


def _growth_needed(run: TargetRun) -> dict:
    """The yearly growth from the last observation that the target needs, beside the growth the
    region's own history shows (None with fewer than two points)."""
    t, obs = run.target, run.obs
    if t.kind == "growth" or obs.n_points == 0 or t.threshold is None:
        return {}
    if t.end <= run.now or t.period.start < obs.t[-1] - 1e-9 or observed_part(t, obs):
        # Over, or already under way past the last point (or with figures so far, 1-10月): a
        # yearly rate from the last whole year means nothing.
        return {"growth_needed": None, "growth_history": None}
    last_t, last = obs.t[-1], obs.y[-1] * to_plan_unit(t, t.kind, obs.unit)
    level = t.threshold / t.period.years if t.kind in ("cumulative",) else t.threshold
    # A yearly series stands at t = year for the whole year, so the span's middle year on that
    # scale is start + years / 2 - 0.5 (2026 for the year 2026, 2025 for 2024-2026).
    end = t.period.start + t.period.years / 2 - 0.5 if obs.annual else t.period.end
    years = end - last_t
    out = {"growth_needed": None, "growth_history": None}
    if years > 0 and level > 0 and last > 0:
        out["growth_needed"] = float((level / last) ** (1 / years) - 1) * 100
    if obs.n_points >= 2:
        span = obs.t[-1] - obs.t[0]
        out["growth_history"] = float(np.exp(np.log(obs.y[-1] / obs.y[0]) / span) - 1) * 100
    return out


def _base_record(run: TargetRun) -> dict:
    obs = run.obs
    return {
        **target_fields(run.target),
        "status": None,
        "p_hit": None,
        "p_hit_se": None,
        "n_points": obs.n_points,
        "median": None,
        "q10": None,
        "q90": None,
        "shortfall": None,
        "outcome": None,
        "hit": None,
        "outcome_source": None,
        "method": "",
        "borrowed": "",
        "reason": "",
        "reading": run.target.reading,
        "uses_user_data": obs.uses_user_data,
        "as_of": run.as_of,
    }
