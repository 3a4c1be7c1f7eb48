"""What can be promised, what it takes, and which levers matter: revision, goal seeking, a tornado
of levers and Sobol indices, all on the same baseline paths (common random numbers)."""

from __future__ import annotations

import numpy as np

from .apply import apply_scenario
from .baseline import TargetRun
from .confidence import threshold_at
from .evaluate import Paths, metric
from .judge import free_from, hits, lever_start, part_metrics
from .levers import BASELINE, MAX_INTENSITY, Scenario, lever_catalog
from .outcomes import to_plan_unit

INDEPENDENCE = (
    "the levers' effects and the baseline forecast are independent of each other (levers that "
    "reinforce or crowd out each other are not modelled)"
)
INDEPENDENCE_ZH = "措施效果与基线预测相互独立（措施之间相互加强或挤占的情形未建模）"


def revised_threshold(run: TargetRun, confidence: float, scenario: Scenario = BASELINE):
    """The threshold met with probability ``confidence`` (``confidence.threshold_at``): a
    number for a one-part target, the plan's yearly thresholds scaled by one factor for an
    each-year one."""
    t = run.target
    ths = threshold_at(
        part_metrics(run, scenario), t.comparator, confidence, [th for _, _, th in t.parts()]
    )
    return ths[0] if len(ths) == 1 else ths


def p_hit(run: TargetRun, scenario: Scenario) -> float:
    return float(hits(run, part_metrics(run, scenario)).mean())


def difference(run: TargetRun, a: Scenario, b: Scenario) -> tuple[float, float]:
    """``p_hit`` under ``b`` minus under ``a`` and its standard error: both on the same paths
    (common random numbers), so the error is that of the paired difference."""
    ha = hits(run, part_metrics(run, a)).astype(float)
    hb = hits(run, part_metrics(run, b)).astype(float)
    d = hb - ha
    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(len(d)))


def goal_seek(
    run: TargetRun, target_p: float, lever: str, scenario: Scenario = BASELINE, tol: float = 1e-3
) -> dict:
    """The smallest intensity of ``lever`` that lifts ``p_hit`` to ``target_p``, by bisection
    (``p_hit`` never falls as a lever that only adds is turned up)."""
    if lever not in lever_catalog():
        raise KeyError(lever)
    p0 = p_hit(run, scenario.with_setting(lever, 0.0))
    p_full = p_hit(run, scenario.with_setting(lever, 1.0))
    p_max = p_hit(run, scenario.with_setting(lever, MAX_INTENSITY))
    out = {"p_off": p0, "p_full": p_full, "p_max": p_max, "max_intensity": MAX_INTENSITY}
    if p0 >= target_p:
        return {**out, "intensity": 0.0, "reachable": True}
    if p_max < target_p:
        return {**out, "intensity": None, "reachable": False}
    lo, hi = 0.0, MAX_INTENSITY
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if p_hit(run, scenario.with_setting(lever, mid)) >= target_p:
            hi = mid
        else:
            lo = mid
    return {**out, "intensity": hi, "reachable": True}


def relevant_levers(run: TargetRun) -> list[str]:
    """The levers that move the target's indicator and whose range the run's as-of year knows."""
    return [
        k
        for k, lv in lever_catalog().items()
        if lv.effect_for(run.target.indicator) and lv.known_by(run.as_of)
    ]


def tornado(run: TargetRun, scenario: Scenario = BASELINE) -> list[dict]:
    """For each lever that moves the target's indicator: ``p_hit`` with it off and at full
    intensity, everything else as in ``scenario``; sorted by the size of the change."""
    cat = lever_catalog()
    rows = []
    for lever in relevant_levers(run):
        p_off = p_hit(run, scenario.with_setting(lever, 0.0))
        p_on = p_hit(run, scenario.with_setting(lever, 1.0))
        rows.append(
            {
                "lever": lever,
                "zh": cat[lever].zh,
                "kind": cat[lever].kind,
                "p_off": p_off,
                "p_full": p_on,
                "delta": p_on - p_off,
            }
        )
    return sorted(rows, key=lambda r: -abs(r["delta"]))


def sobol_indices(
    run: TargetRun, n_base: int = 512, seed: int = 0, scenario: Scenario = BASELINE
) -> list[dict]:
    """First-order and total Sobol indices of the target's metric (SALib, Saltelli sampling),
    with 95 % confidence intervals. Factors: the baseline forecast (which path) and the uncertain
    effect of every relevant lever at full intensity (the scenario's own ranges where it has
    them, e.g. a planner's local evidence)."""
    levers = relevant_levers(run)
    return sobol_table(
        lambda x: _metric_at(run, x, levers, scenario.ranges),
        ["baseline_forecast"] + levers,
        n_base,
        seed,
    )


def sobol_table(func, names: list[str], n_base: int, seed: int) -> list[dict]:
    """Sobol indices of ``func`` (rows of inputs uniform on [0, 1] -> outputs) via SALib."""
    # SALib pulls in scipy.stats (about a second): only the commands that ask for Sobol pay it.
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    problem = {"num_vars": len(names), "names": names, "bounds": [[0, 1]] * len(names)}
    x = sobol_sample.sample(problem, n_base, calc_second_order=False, seed=seed)
    y = np.asarray(func(x), dtype=float)
    # SALib reads a seed of 0 as none (``if seed:``) and then bootstraps the intervals from
    # numpy's global state: seed 0, the default, gave different intervals on every run.
    s = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed + 1)
    return [
        {
            "factor": n,
            "S1": float(s["S1"][i]),
            "S1_conf": float(s["S1_conf"][i]),
            "ST": float(s["ST"][i]),
            "ST_conf": float(s["ST_conf"][i]),
        }
        for i, n in enumerate(names)
    ]


def _metric_at(run: TargetRun, x: np.ndarray, levers: list[str], ranges=()) -> np.ndarray:
    """The target's metric for each row of ``x``: column 0 picks a baseline path by the rank of
    its metric, the other columns are the levers' effect quantiles."""
    base = run.base
    t = run.target
    first = [metric(base, kind, period, t.per) for kind, period, _ in t.parts()]
    order = np.argsort(first[0], kind="stable")
    idx = order[np.minimum((x[:, 0] * len(order)).astype(int), len(order) - 1)]
    h1 = {y: s[idx] for y, s in base.h1_share.items()} if base.h1_share else None
    paths = Paths(base.times, base.values[idx], base.annual, base.additive, h1, base.spans)
    full = Scenario("sobol", "", "", tuple((lv, 1.0) for lv in levers), ranges=ranges)
    u = {lv: x[:, i + 1] for i, lv in enumerate(levers)}
    moved = apply_scenario(paths, t.indicator, full, u, lever_start(run, full), free_from(run))
    ms = [
        metric(moved, kind, period, t.per) * to_plan_unit(t, kind, run.obs.unit)
        for kind, period, _ in t.parts()
    ]
    if len(ms) == 1:
        return ms[0]
    ths = [th for _, _, th in t.parts()]
    return np.column_stack([m / th for m, th in zip(ms, ths, strict=True)]).min(axis=1)
