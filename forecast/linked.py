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
from ..data.catalog import indicator as indicator_row
from ..data.history import cut
from .forecaster import Forecast, forecast
from .priors import priors
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


def stock_from_flows(
    history, region, stock, times, n_paths, rng, as_of: int | None = None
) -> Forecast | None:
    """Stock paths from its last observation and simulated flows; ``None`` when the region lacks
    a flow series to build on."""
    if stock not in STOCK_FLOW:
        return None
    flow = STOCK_FLOW[stock][0]
    s, g = observed(history, region, stock), observed(history, region, flow)
    if s.n_points == 0 or g.n_points < MIN_FLOW_POINTS:
        return None
    anchor_t, anchor = s.t[-1], s.y[-1]
    times = np.asarray(sorted(times), dtype=float)
    if np.any(times < anchor_t - 1e-9):
        return None
    first_year = int(np.floor(anchor_t - 1e-9))
    years = list(range(first_year, int(np.ceil(times.max())) + 1))
    row = indicator_row(flow)
    prior = priors(as_of).get(row["borrow"]) if row["borrow"] else None
    at = [float(y) for y in years]
    flows = forecast(g, at, n_paths, rng, prior, row["borrow"] or None, as_of)
    lapse, why = lapse_rate(stock, as_of)
    stock_at = {anchor_t: np.full(n_paths, anchor)}
    level, t_now = np.full(n_paths, anchor), anchor_t
    for j, y in enumerate(years):
        end = y + 1.0
        if end <= t_now:
            continue
        part = end - max(t_now, y)  # the part of year y still to come
        level = level * (1 - lapse) ** part + part * flows.paths[:, j]
        t_now = end
        stock_at[end] = level
    paths = np.column_stack([_at(stock_at, t) for t in times])
    return Forecast(
        paths,
        times,
        f"stock from flows: S_t = S_(t-1) x (1 - lapse) + {flow}; "
        f"lapse {lapse:.3f} ({why}); flows by {flows.method}",
        s.n_points + g.n_points,
        flows.borrowed,
    )


def _at(stock_at: dict, t: float) -> np.ndarray:
    """The stock at ``t``, log-interpolated between the year ends around it."""
    keys = np.array(sorted(stock_at))
    if np.any(np.isclose(keys, t)):
        return stock_at[keys[np.isclose(keys, t)][0]]
    hi = keys[keys > t].min()
    lo = keys[keys < t].max()
    w = (t - lo) / (hi - lo)
    return np.exp((1 - w) * np.log(stock_at[lo]) + w * np.log(stock_at[hi]))


def ratio_from_stock(
    history, region, ratio, times, n_paths, rng, as_of: int | None = None
) -> Forecast | None:
    """A per-10k ratio with no history of its own, from the stock and the population."""
    if ratio not in RATIO_OF or observed(history, region, ratio).n_points:
        return None
    stock = RATIO_OF[ratio]
    pop = observed(history, region, "population")
    s = observed(history, region, stock)
    if pop.n_points == 0 or s.n_points == 0:
        return None
    fc = stock_from_flows(history, region, stock, times, n_paths, rng, as_of)
    if fc is None:
        row = indicator_row(stock)
        prior = priors(as_of).get(row["borrow"]) if row["borrow"] else None
        fc = forecast(s, times, n_paths, rng, prior, row["borrow"] or None, as_of)
    people = LogRandomWalkDrift(POPULATION_PRIOR).fit(pop.y, pop.t)
    pop_paths = people.simulate(0, n_paths, rng, at=fc.times) * 1e4  # 万人 -> residents
    ratio_paths = fc.paths / pop_paths * 1e4
    return Forecast(
        ratio_paths,
        fc.times,
        f"{stock} per 10,000 residents; stock: {fc.method}",
        fc.n_points,
        fc.borrowed + "; " + POPULATION_PRIOR.source,
    )
