"""Stocks built from flows, and per-10k ratios built from stocks and population.

An effective stock evolves as ``S_t = S_{t-1} * (1 - lapse) + G_t`` from the previous stock, the
year's new grants or registrations ``G_t`` and the share that lapses. The lapse rate is estimated
wherever a region has the stock at two consecutive year ends and the flow of the second year;
otherwise the stated assumption below is used. A ratio per 10,000 residents is the stock divided by
the population, each simulated along the same path.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from ..data.catalog import bundled_history
from ..data.history import cut
from . import streams
from .chain import Built, Case, calendar_grid, forecast_series, read_to
from .rwdrift import LogRandomWalkDrift, Prior
from .series import observed

# stock -> (flow that feeds it, lapse rate assumed when no region has data to estimate it, why)
STOCK_FLOW = {
    "effective_invention_patents": ("invention_grants", None, "estimated"),
    "effective_trademarks": (
        "trademark_registrations",
        0.05,
        "assumed 5 % a year (a judgement: "
        "no region here has both series; marks not renewed after ten years "
        "lapse)",
    ),
    "madrid_stock": ("madrid_registrations", 0.0, "registrations held are counted to date"),
    "copyright_registrations_total": (
        "copyright_registrations",
        0.0,
        "registrations to date never lapse",
    ),
    "pledge_financing_total": ("pledge_financing", 0.0, "amounts to date never lapse"),
    "geographical_indications": ("new_geographical_indications", 0.0, "GIs are rarely revoked"),
}
RATIO_OF = {
    "invention_per_10k": "effective_invention_patents",
    "high_value_invention_per_10k": "high_value_invention_patents",
}
# Resident population moves by well under 1 % a year in these regions (a judgement; the
# census revisions in the bundled history are larger than any year's change).
POPULATION_PRIOR = Prior(
    m0=0.0,
    tau0=0.01,
    s0=0.01,
    nu0=4.0,
    source="population: own points, drift within about 1 % a year",
)
MIN_FLOW_POINTS = 3


def lapse_estimates(history: pd.DataFrame, stock: str, flow: str) -> list[float]:
    """``1 - (S_t - G_t) / S_{t-1}`` wherever a region has all three figures."""
    out = []
    for region in history["region"].unique():
        s = observed(history, region, stock)
        g = observed(history, region, flow)
        year_end = {
            round(t - 1): v for t, v in zip(s.t, s.y, strict=True) if abs(t - round(t)) < 1e-6
        }
        grants = dict(zip(np.rint(g.t).astype(int), g.y, strict=True))
        for y, v in year_end.items():
            if y - 1 in year_end and y in grants:
                out.append(1 - (v - grants[y]) / year_end[y - 1])
    return out


# Before any year of stock and grants is known, the lapse of effective invention patents is
# assumed (a judgement: annuities rise with age, and few patents are kept the full 20 years).
UNKNOWN_LAPSE = 0.10


@cache
def lapse_rate(stock: str, as_of: int | None = None) -> tuple[float, str]:
    """The stock's lapse rate, estimated from the bundled history known by the end of ``as_of``."""
    flow, assumed, why = STOCK_FLOW[stock]
    if assumed is not None:
        return assumed, why
    est = lapse_estimates(cut(bundled_history(), as_of), stock, flow)
    if not est:
        return UNKNOWN_LAPSE, (
            f"assumed {UNKNOWN_LAPSE:.2f} (a judgement: no year of stock and grants known by "
            f"{as_of})"
        )
    return float(np.mean(est)), (
        f"estimated {np.mean(est):.3f} from {len(est)} year(s) of "
        "China's domestic effective-invention stock and grants"
    )


def stock_problem(case: Case) -> str:
    """Why a stock cannot be built from its flows here ("" when it can)."""
    flow = STOCK_FLOW[case.obs.indicator][0]
    if case.obs.n_points == 0:
        return "no figure of the stock to build on"
    if case.history is None:
        return f"no history of {flow} given"
    g = observed(case.history, case.obs.region, flow)
    if g.n_points < MIN_FLOW_POINTS:
        return f"{g.n_points} point(s) of {flow}; needs {MIN_FLOW_POINTS}"
    return ""


def flow_instead(case: Case) -> str:
    """For a stock with no figure of its own whose flow the region has: what to import, or how
    to write a plan's sum of the flow over its years ("" otherwise)."""
    stock = case.obs.indicator
    if stock not in STOCK_FLOW or case.obs.n_points or case.history is None:
        return ""
    flow = STOCK_FLOW[stock][0]
    g = observed(case.history, case.obs.region, flow)
    if g.n_points == 0:
        return ""
    return (
        f"no figure of {stock} (a total to date) to build on, though {flow} has "
        f"{g.n_points} yearly point(s): import the total at one year end (2025年末), or, "
        f"if the plan counts the sum of its years, make the target cumulative over {flow} "
        "(in a plan table: the name with its span, 累计（2026-2030年）)"
    )


def ratio_instead(case: Case) -> str:
    """For a per-10k ratio with no figure of its own whose stock the region has: the population
    it lacks to be derived ("" otherwise), so the planner imports 常住人口, not the ratio."""
    ratio = case.obs.indicator
    if ratio not in RATIO_OF or case.obs.n_points or case.history is None:
        return ""
    stock = RATIO_OF[ratio]
    s = observed(case.history, case.obs.region, stock)
    if s.n_points == 0 or observed(case.history, case.obs.region, "population").n_points:
        return ""
    return (
        f"no figure of {ratio} and no population to derive it from {stock} ({s.n_points} "
        "point(s)): import the resident population (常住人口, 万人) at one year end or more, "
        "or the ratio's own figures"
    )


def stock_from_flows(case: Case) -> Built | None:
    """Stock paths from its last observation and the flow's own forecast (the same paths the flow
    series is forecast with), year end by year end; ``None`` when the flow has no forecast."""
    s, stock = case.obs, case.obs.indicator
    flow = STOCK_FLOW[stock][0]
    anchor_t, anchor = s.t[-1], s.y[-1]
    grid = calendar_grid(anchor_t, case.until)
    # Forecast the flows only to the last year the stock needs (the year ending at grid[-1]): a
    # longer grid would draw other paths than the flow's own forecast. Read, only to the year
    # ending at the last year end the caller reads.
    last = read_to(grid, case.need)[-1]
    flows = forecast_series(
        case.history,
        s.region,
        flow,
        case.n_paths,
        case.seed,
        case.learned,
        until=grid[-1] - 1,
        need=None if case.need is None else last - 1,
    )
    grid = read_to(grid, case.need)
    if not flows.ok:
        return None
    first_year = int(np.floor(anchor_t - 1e-9))
    years = list(range(first_year, int(grid[-1])))
    g = flows.at([float(y) for y in years])
    lapse, why = lapse_rate(stock, case.learned.as_of)
    stock_at = {}
    level, t_now = np.full(case.n_paths, anchor), anchor_t
    for j, y in enumerate(years):
        end = y + 1.0
        if end <= t_now:
            continue
        part = end - max(t_now, y)  # the part of year y still to come
        level = level * (1 - lapse) ** part + part * g[:, j]
        t_now = end
        stock_at[end] = level
    paths = np.column_stack([stock_at[t] for t in grid])
    method = (
        f"stock from flows: S_t = S_(t-1) x (1 - lapse) + {flow}; "
        f"lapse {lapse:.3f} ({why}); flows by {flows.method}"
    )
    n = s.n_points + flows.obs.n_points
    return Built(grid, paths, method, flows.borrowed, n, anchor_t, anchor)


def ratio_problem(case: Case) -> str:
    stock = RATIO_OF[case.obs.indicator]
    if case.history is None:
        return "no history of the stock and population given"
    if observed(case.history, case.obs.region, "population").n_points == 0:
        return "no population figures"
    if observed(case.history, case.obs.region, stock).n_points == 0:
        return f"no figures of {stock}"
    return ""


def ratio_from_stock(case: Case) -> Built | None:
    """A per-10k ratio with no history of its own, from the stock's forecast and the population
    (a random walk on its own points, drawn along the same paths)."""
    region, ratio = case.obs.region, case.obs.indicator
    stock = RATIO_OF[ratio]
    fc = forecast_series(
        case.history,
        region,
        stock,
        case.n_paths,
        case.seed,
        case.learned,
        until=case.until,
        need=case.need,
    )
    if not fc.ok:
        return None
    pop = observed(case.history, region, "population")
    people = LogRandomWalkDrift(POPULATION_PRIOR).fit(pop.y, pop.t)
    rng = streams.stream(case.seed, region, ratio, "population")
    residents = people.simulate(0, case.n_paths, rng, at=fc.grid) * 1e4  # 万人 -> residents
    anchor = None
    if fc.anchor is not None:
        at_anchor = np.exp(np.interp(fc.anchor_t, pop.t, np.log(pop.y))) * 1e4
        anchor = fc.anchor / at_anchor * 1e4
    return Built(
        fc.grid,
        fc.paths / residents * 1e4,
        f"{stock} per 10,000 residents; stock: {fc.method}",
        fc.borrowed + "; " + POPULATION_PRIOR.source,
        fc.n_points,
        fc.anchor_t,
        anchor,
    )
