"""Apply a scenario's levers and shocks to baseline paths, path by path."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from ..data import catalog
from ..data.said import both
from ..forecast import streams
from .evaluate import Paths
from .levers import Scenario, lever_catalog


def lever_uniforms(seed: int, region: str, n_paths: int) -> LeverUniforms:
    """One uniform number per lever and path: how strong each lever turns out on that path.
    Keyed by seed, region and lever only, so every scenario and target sees the same draws."""
    return LeverUniforms(seed, region, n_paths)


class LeverUniforms(Mapping):
    """``lever_uniforms`` as a mapping from lever to draws, each lever's drawn when first read:
    a run whose scenario moves no lever draws none (each lever has a stream of its own, so when
    it is drawn changes nothing)."""

    def __init__(self, seed: int, region: str, n_paths: int):
        self.seed, self.region, self.n_paths = seed, region, n_paths
        self._drawn: dict[str, np.ndarray] = {}

    def __getitem__(self, lever_id: str) -> np.ndarray:
        if lever_id not in self._drawn:
            if lever_id not in lever_catalog():
                raise KeyError(lever_id)
            rng = streams.lever(self.seed, self.region, lever_id)
            self._drawn[lever_id] = rng.random(self.n_paths)
        return self._drawn[lever_id]

    def __iter__(self):
        return iter(lever_catalog())

    def __len__(self) -> int:
        return len(lever_catalog())


def year_factors(
    indicator: str,
    years,
    scenario: Scenario,
    u: dict[str, np.ndarray],
    start: int,
    free_from: float | None = None,
) -> np.ndarray:
    """``(n_paths, len(years))`` multipliers of the yearly flow: the product over levers of
    ``1 + intensity * effect * ramp``. Years before ``free_from`` (the first time not in the
    history) keep factor 1: whatever the measures did then is in the observed figures; a year
    partly observed (``free_from`` 2026.833 after a 1-10月 figure) is moved only in the part
    still to come (a sixth of the effect), as its total is its figure plus the rest."""
    cat = lever_catalog()
    n = len(next(iter(u.values())))
    out = np.ones((n, len(years)))
    for lever_id, intensity in scenario.settings:
        lever = cat[lever_id]
        effect = scenario.effect(lever, indicator)
        if effect is None or intensity == 0:
            continue
        e = effect.draw(u[lever_id])
        ramp = np.array([lever.ramp_factor(y, start) for y in years])
        if free_from is not None:
            ahead = np.asarray(years, dtype=float) + 1 - free_from
            ramp = ramp * np.clip(ahead, 0.0, 1.0)
        out *= 1 + intensity * e[:, None] * ramp[None, :]
    return np.maximum(out, 0.0)


def idle_levers(
    indicator: str, years, scenario: Scenario, start: int, free_from: float | None = None
) -> list[dict]:
    """The scenario's levers that move ``indicator`` but act in none of ``years``, with why:
    ``late`` (they start after), ``over`` (a shock ended before) or ``history`` (every year is
    already observed, so the measures' effect is in the figures)."""
    cat = lever_catalog()
    live = [y for y in years if free_from is None or y + 1 > free_from + 1e-9]
    out = []
    for lever_id, intensity in scenario.settings:
        lever = cat[lever_id]
        if intensity == 0 or scenario.effect(lever, indicator) is None:
            continue
        if any(lever.ramp_factor(y, start) > 0 for y in live):
            continue
        first = start + lever.lag
        last = None if lever.duration is None else first + lever.duration - 1
        why = "history" if not live else "late" if first > max(live) else "over"
        out.append(
            {"lever": lever_id, "zh": lever.zh, "first_year": first, "last_year": last, "why": why}
        )
    return out


def apply_scenario(
    paths: Paths,
    indicator: str,
    scenario: Scenario,
    u: dict[str, np.ndarray],
    start: int,
    free_from: float | None = None,
) -> Paths:
    """Flows are scaled year by year; a stock's additions between the times it is read at are
    scaled by the factor of the year they fall in (the later time's year), and a fall is never
    deepened by a lever that adds (only positive additions are scaled)."""
    if not scenario.settings or (paths.annual and not paths.additive):
        return paths
    if paths.annual:
        f = year_factors(indicator, paths.times, scenario, u, start, free_from)
        return replace(paths, values=paths.values * f)
    years = np.floor(paths.times - 1e-9)
    f = year_factors(indicator, years, scenario, u, start, free_from)
    values = paths.values.copy()
    for j in range(1, values.shape[1]):
        delta = paths.values[:, j] - paths.values[:, j - 1]
        values[:, j] = values[:, j - 1] + delta + (f[:, j] - 1) * np.maximum(delta, 0)
    return replace(paths, values=np.maximum(values, 0))


def idle_reason(scenario: Scenario, target, start: int) -> str | None:
    """Why ``scenario`` cannot change ``target`` at all (no lever moves its indicator, or every
    such lever acts only outside the target's period, as ``idle_levers`` finds), or None when it
    can."""
    if not scenario.settings:
        return None
    cat = lever_catalog()
    movers = [
        i for i, x in scenario.settings if x != 0 and scenario.effect(cat[i], target.indicator)
    ]
    named = f"{catalog.indicator(target.indicator)['zh']}（{target.indicator}）"
    if not movers:
        return both(
            f"情景{scenario.name}中没有作用于{named}的措施",
            f"scenario {scenario.name} has no lever that moves {target.indicator}",
        )
    first = math.floor(min(p.start for p in target.periods))
    last = math.ceil(max(p.end for p in target.periods)) - 1
    idle = idle_levers(target.indicator, range(first, last + 1), scenario, start)
    if len(idle) < len(movers):
        return None
    begins = min(x["first_year"] for x in idle)
    late = begins > last
    when_zh = f"{begins}年才开始起作用，已在期末之后" if late else "都在期外起作用"
    when = f"start in {begins}, after the period ends" if late else "act outside it"
    return both(
        f"情景{scenario.name}对{target.id}（{target.period_text}）不起作用：其作用于{named}的措施"
        f"{when_zh}；可在情景文件中设置“start:”，或用 --as-of 调整起始年份",
        f"scenario {scenario.name} changes nothing for {target.id} ({target.period_text}): "
        f"its levers on {target.indicator} {when}; set 'start:' in the scenario file or "
        "use --as-of to move them",
    )
