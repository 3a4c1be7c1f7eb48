"""How firm a lever ranking is.

A tornado ranks levers by the change in p_hit at full intensity, each path drawing its own effect.
But the effect a lever turns out to have is one number for the region, not known in advance.
``rank_stability`` draws that number for every lever from its range, many times, and counts how
often each lever stays in the top three; rerun with judgement-only ranges widened, it says
whether the order rests on those judgements. ``gain_curve`` gives p_hit gained as a function of
the effect (the same value on every path), so the draws cost an interpolation, not a simulation.
"""

from __future__ import annotations

import numpy as np

from ..forecast import streams
from .analysis import p_hit, relevant_levers, tornado
from .baseline import TargetRun
from .levers import Effect, Scenario, lever_catalog

TOP = 3
N_DRAWS = 2000
GRID = 9
# Judgement-only ranges are made this many times as wide around their mode (never crossing zero).
WIDEN = 2.0
JUDGEMENT_LABEL = {
    "zh": "排序依据判断（非实测）的效果范围，仅供参考",
    "en": "ranking rests on judged, not measured, effect ranges",
}
EVIDENCE_LABEL = {
    "zh": "前三位措施的效果范围有实测依据",
    "en": "top levers' ranges rest on evidence",
}


def widen(low: float, mode: float, high: float, factor: float = WIDEN) -> tuple[float, ...]:
    """The range ``factor`` times as wide on each side of the mode, keeping its sign."""
    a = mode - factor * (mode - low)
    b = mode + factor * (high - mode)
    if low >= 0:
        a = max(a, 0.0)
    if high <= 0:
        b = min(b, 0.0)
    return (a, mode, b)


def rank_stability(
    curves: dict[str, tuple[np.ndarray, np.ndarray]],
    ranges: dict[str, tuple[float, float, float]],
    n_draws: int = N_DRAWS,
    seed: int | np.random.Generator | None = 0,
    top: int = TOP,
) -> dict[str, dict]:
    """For each lever, the share of draws in which it ranks in the top ``top`` by the size of
    its p_hit gain, the share in which it takes each rank (``rank_shares[0]``: first), and its
    mean gain. ``curves[k] = (effects %, gains)`` on an increasing grid;
    ``ranges[k]`` is the triangular range its effect is drawn from (ties keep the given order)."""
    rng = np.random.default_rng(seed)
    names = list(curves)
    gains = np.empty((n_draws, len(names)))
    for j, k in enumerate(names):
        grid, g = curves[k]
        v = Effect((), *ranges[k]).draw(rng.random(n_draws)) * 100
        gains[:, j] = np.interp(v, grid, g)
    order = np.argsort(-np.abs(gains), axis=1, kind="stable")
    ranks = np.empty_like(order)
    rows = np.arange(n_draws)[:, None]
    ranks[rows, order] = np.arange(1, len(names) + 1)[None, :]
    return {
        k: {
            "top_share": float((ranks[:, j] <= top).mean()),
            "rank_shares": [float((ranks[:, j] == i).mean()) for i in range(1, len(names) + 1)],
            "mean_gain": float(gains[:, j].mean()),
        }
        for j, k in enumerate(names)
    }


def top_order(stab: dict[str, dict], top: int = TOP) -> list[str]:
    """The levers with the largest mean gains, largest first."""
    return sorted(stab, key=lambda k: -abs(stab[k]["mean_gain"]))[:top]


def gain_curve(run: TargetRun, scenario: Scenario, lever: str, grid: np.ndarray) -> np.ndarray:
    """p_hit gained with ``lever`` at full intensity and its effect fixed at each value of
    ``grid`` (in %) on every path, against the lever off; the rest as in ``scenario``."""
    p0 = p_hit(run, scenario.with_setting(lever, 0.0))
    on = scenario.with_setting(lever, 1.0)
    return np.array([p_hit(run, on.with_range(lever, v, v, v)) - p0 for v in grid])


def basis(scenario: Scenario, lever: str) -> str:
    """Where a lever's range comes from: the planner's own (local), evidence, or judgement."""
    if any(k == lever for k, *_ in scenario.ranges):
        return "local"
    return "judgement" if lever_catalog()[lever].judgement else "evidence"


def lever_ranking(
    run: TargetRun,
    scenario: Scenario,
    n_draws: int = N_DRAWS,
    seed: int = 0,
    top: int = TOP,
    factor: float = WIDEN,
) -> dict:
    """The tornado for one target with, for each lever, its rank, its range's basis, the share
    of effect draws that keep it in the top ``top`` (as given, and with judgement-only ranges
    widened ``factor`` times), and whether the top order changes when they are widened."""
    cat = lever_catalog()
    ind = run.target.indicator
    rows = tornado(run, scenario)
    curves, ranges, wide = {}, {}, {}
    for lever in relevant_levers(run):
        e = scenario.effect(cat[lever], ind)
        ranges[lever] = (e.low, e.mode, e.high)
        b = basis(scenario, lever)
        wide[lever] = widen(*ranges[lever], factor) if b == "judgement" else ranges[lever]
        grid = np.linspace(wide[lever][0], wide[lever][2], GRID)
        if grid[0] == grid[-1]:
            grid = grid[0] + np.array([-1e-6, 1e-6])
        curves[lever] = (grid, gain_curve(run, scenario, lever, grid))
    region, tid = run.target.region, run.target.id
    stab = rank_stability(curves, ranges, n_draws, streams.ranking(seed, region, tid), top)
    stab_wide = rank_stability(curves, wide, n_draws, streams.ranking(seed, region, tid), top)
    for i, r in enumerate(rows):
        k = r["lever"]
        r.update(
            rank=i + 1,
            basis=basis(scenario, k),
            range=list(ranges[k]),
            top_share=stab[k]["top_share"],
            rank_share=stab[k]["rank_shares"][i],
            top_share_widened=stab_wide[k]["top_share"],
        )
    on_judgement = any(r["basis"] == "judgement" for r in rows[:top])
    label = JUDGEMENT_LABEL if on_judgement else EVIDENCE_LABEL
    return {
        "ranking": rows,
        "top": top,
        "order_changes_when_widened": top_order(stab, top) != top_order(stab_wide, top),
        "rests_on_judgement": on_judgement,
        "ranking_label_zh": label["zh"],
        "ranking_label_en": label["en"],
        "widen_factor": factor,
        "n_draws": n_draws,
    }


def lever_records(
    runs: list[TargetRun],
    scenario: Scenario,
    costs: dict[str, float] | None = None,
    sobol_n: int = 1024,
    seed: int = 0,
    n_draws: int = N_DRAWS,
) -> list[dict]:
    """One record per simulated target: the ranking with each lever's stability, the ranking by
    p_hit gained per 万元 when ``costs`` (万元 a year per lever) are given, and Sobol indices."""
    from .analysis import INDEPENDENCE, INDEPENDENCE_ZH, sobol_indices
    from .judge import judge
    from .local import cost_ranking

    out = []
    for run in runs:
        rec = judge(run, scenario)
        if rec["status"] != "simulated":
            continue
        ranked = lever_ranking(run, scenario, n_draws, seed)
        out.append(
            {
                "region": rec["region"],
                "target_id": rec["target_id"],
                "label_zh": rec["label_zh"],
                "label_en": rec["label_en"],
                "p_hit": rec["p_hit"],
                **ranked,
                "by_cost": cost_ranking(ranked["ranking"], costs) if costs else [],
                "sobol": sobol_indices(run, sobol_n, seed, scenario) if sobol_n else [],
                "assumption": INDEPENDENCE,
                "assumption_zh": INDEPENDENCE_ZH,
                "idle_levers": rec.get("idle_levers", []),
            }
        )
    return out
