"""A year partly observed (2026年1-10月): its total on each path, conditioned on the figure so far.

A bureau in December has the year's flow to October. The year's total is then known better from
that figure than from a forecast made from earlier years: at the pace so far it is the figure over
the share of the year's flow that falls in those months, ``T = O / s``. That share is uncertain
(months are not even), so ``s`` is drawn per path: a Beta with the months' share of the year as
its mean (the family's January-June share for a 1-6月 figure) and the spread of the family's
half-year share (``H1_SHARE``), which narrows as the months cover more of the year.

The pace and the forecast are two estimates of one total; on the log scale each path takes
``a * log(forecast) + (1 - a) * log(pace)`` with ``a = var_pace / (mse_forecast + var_pace)``:
the precision-weighted mean, whose draws have the posterior's variance when both are normal
(a 1月 figure leaves the forecast mostly in charge, a 1-10月 figure the pace). The forecast's
error is taken as its spread plus its squared distance from the pace (a judgement): a forecast
the figure contradicts gives way to it, as a posterior with a heavy-tailed prior would. A path
never falls below the figure itself: flows are never negative. The years after move with the
year's new level on each path (``condition_paths``), also when only later years are read
(``read_conditioned``: a 2026-2030 draft starts from 2025's figure to November).
"""

from __future__ import annotations

import numpy as np

from ..data import units
from ..data.catalog import indicator as indicator_row
from ..data.periods import Period, parse_period
from . import streams
from .series import Observed

# January-June share of a year's flow (mean, sd), for July-June years. Pledge financing is
# back-loaded: nationally 1074 of 3098 亿元 in 2021 fell in H1 (0.35; bundled history). For the
# rest no half-year data exist here: half, give or take 0.05 (a judgement).
H1_SHARE = {"pledge": (0.35, 0.10), "default": (0.5, 0.05)}
# The year whose half-year figures a family's share was learned from: a run as of an earlier year
# did not know it and uses half, with the pledge spread (``h1_share``).
H1_SHARE_YEAR = {"pledge": 2021}


def h1_share(family: str, as_of: int | None) -> tuple[float, float]:
    """January-June share (mean, sd) of a family's yearly flow, as known by the end of ``as_of``."""
    mean, sd = H1_SHARE.get(family, H1_SHARE["default"])
    learned = H1_SHARE_YEAR.get(family)
    if learned is not None and as_of is not None and as_of < learned:
        return H1_SHARE["default"][0], sd
    return mean, sd


def year_of_part(p: Period) -> int | None:
    """The calendar year a figure for part of a year falls in; ``None`` for one that crosses a
    year end (a July-June year), which no calendar year's pace can be read from."""
    year = int(np.floor(p.start + 1e-9))
    return year if p.end <= year + 1 + 1e-9 else None


def year_to_date(obs: Observed) -> dict[int, tuple[float, float, float, dict]]:
    """The figure for part of each calendar year that has no whole-year figure: year ->
    (start, end, value in the series' unit, its history row). Of several, the one that covers
    most of the year (1-10月 over 1-6月); figures for months that follow one another from
    January are added first (``_joined``)."""
    if not (obs.annual and obs.additive):
        return {}
    whole = {int(round(t)) for t in obs.t}
    parts: dict[int, list[tuple]] = {}
    for r in obs.unused:
        if r["exclude"] or r["period_type"] == "asof":
            continue
        p = parse_period(r["period"])
        year = year_of_part(p)
        if year is None or year in whole:
            continue
        v = units.convert(float(r["value"]), r["unit"], obs.unit)
        parts.setdefault(year, []).append((p.start, p.end, v, r))
    out: dict[int, tuple] = {}
    for year, found in parts.items():
        for part in found + _joined(year, found):
            if year not in out or (part[1] - part[0], part[1]) > (
                out[year][1] - out[year][0],
                out[year][1],
            ):
                out[year] = part
    return out


def _joined(year: int, parts: list[tuple]) -> list[tuple]:
    """Figures for months that follow one another from January, added up: 上半年 and 下半年
    (or 1-6月 and 7-10月) say the flow of January-December (January-October) exactly. Each sum
    is a part with a row of its own, its period the months it covers."""
    out = []
    firsts = [p for p in parts if abs(p[0] - year) < 1e-9]
    for start, end, value, row in firsts:
        used = [row]
        while True:
            nxt = [p for p in parts if abs(p[0] - end) < 1e-9 and p[3] is not used[-1]]
            if not nxt:
                break
            _, end, v, r = max(nxt, key=lambda p: p[1])
            value, used = value + v, used + [r]
        if len(used) > 1:
            months = f"{year}-01/{year}-{round((end - year) * 12):02d}"
            out.append((start, end, value, {**row, "period": months, "value": value}))
    return out


def share_of_year(start: float, end: float, h1: tuple[float, float]) -> tuple[float, float]:
    """Mean and sd of the share of a year's flow that falls in ``[start, end)``, given the
    family's January-June share ``h1`` (mean, sd): that share itself for January-June, else the
    months' share with the same Beta concentration ``k = m (1 - m) / sd^2 - 1``."""
    year = np.floor(start + 1e-9)
    m, sd = h1
    if abs(start - year) < 1e-9 and abs(end - year - 0.5) < 1e-9:
        return m, sd
    f = end - start
    k = m * (1 - m) / sd**2 - 1
    return f, float(np.sqrt(f * (1 - f) / (k + 1)))


def share_draws(mean: float, sd: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` Beta draws with the given mean and sd (a whole year: all ones)."""
    if mean >= 1 - 1e-9:
        return np.ones(n)
    k = mean * (1 - mean) / sd**2 - 1
    return rng.beta(mean * k, (1 - mean) * k, size=n)


def condition(
    forecast: np.ndarray,
    observed: float,
    share: np.ndarray,
    whole: bool = False,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """The year's total on each path: the forecast ``forecast`` and the pace ``observed / share``
    combined on the log scale by their precisions, never below ``observed``.

    ``whole``: a count of single things (件, 家), where a small figure says little about the
    months to come: the rest of the year is then a count too, ``Poisson(L)`` with the months'
    mean ``L ~ Gamma(observed, (1 - share) / share)`` (the pace's own uncertainty; draws from
    ``rng``), which tends to ``observed / share`` as the figure grows."""
    if observed <= 0:  # no pace to go by: the forecast, at or above nothing
        return np.maximum(forecast, observed)
    if np.all(share >= 1.0):  # the whole year is known (its halves added up): the figure itself
        return np.full(forecast.shape, float(observed))
    if whole:
        rest = rng.poisson(rng.gamma(observed, (1 - share) / share))
        pace = np.log(observed + rest)
    else:
        pace = np.log(observed) - np.log(share)
    ok = forecast > 0
    if ok.sum() < 2:
        return np.maximum(np.exp(pace), observed)
    own = np.log(np.where(ok, forecast, 1.0))
    # The forecast's error is its spread plus how far it sits from the pace: a forecast the
    # figure contradicts (250 for a year at 118 by October) gives way to the figure.
    gap = float(np.mean(own[ok]) - np.mean(pace))
    var_f, var_p = float(np.var(own[ok])) + gap**2, float(np.var(pace))
    a = var_p / (var_f + var_p) if var_f + var_p > 0 else 0.0
    mixed = np.where(ok, a * own + (1 - a) * pace, pace)  # a path forecast at zero: the pace
    return np.maximum(np.exp(mixed), observed)


def condition_paths(
    obs: Observed, times: np.ndarray, sims: np.ndarray, seed: int, as_of: int | None
) -> np.ndarray:
    """``sims`` with each partly observed year's column conditioned on its figure, the shares
    from the series' own stream (a run's targets and the fan of ``ipcast forecast`` read the
    same draws) and the family's spread as known by ``as_of``."""
    out = sims
    h1 = h1_share(indicator_row(obs.indicator)["family"], as_of)
    for year, (start, end, value, _) in sorted(year_to_date(obs).items()):
        j = np.flatnonzero(np.isclose(times, year))
        if not j.size:
            continue
        mean, sd = share_of_year(start, end, h1)
        rng = streams.year_to_date(seed, obs.region, obs.indicator, year)
        share = share_draws(mean, sd, sims.shape[0], rng)
        out = out.copy() if out is sims else out
        before = out[:, j[0]].copy()
        out[:, j[0]] = condition(before, value, share, units.whole(obs.unit), rng)
        # The years after carry the path's new level: a year found slower (or faster) than its
        # forecast moves what follows by the same factor, as a random walk's level does.
        # Not after a gap year (2024年1-6月 beside a whole 2025): the level is 2025's figure.
        later = times > year + 1e-9
        if obs.n_points and obs.t[-1] > year:
            later[:] = False
        ratio = np.divide(out[:, j[0]], before, out=np.ones_like(before), where=before > 0)
        out[:, later] = out[:, later] * ratio[:, None]
    return out


def read_conditioned(fc, obs: Observed, times: np.ndarray, seed: int, as_of: int | None):
    """``fc.at(times)`` with the partly observed years conditioned (``condition_paths``), those
    years read too when ``times`` skips them: a figure for 2025年1-11月 moves every later year
    of a 2026-2030 forecast, not only a 2025 target. The extra columns are dropped after."""
    times = np.asarray(times, dtype=float)
    # A year after the last time read moves nothing read; one before the last whole figure (a
    # gap year) moves nothing either (``condition_paths``), but costs only a column.
    extra = [
        float(y) for y in year_to_date(obs) if y < times.max() and not np.isclose(times, y).any()
    ]
    if not extra:
        return condition_paths(obs, times, fc.at(times), seed, as_of)
    both = np.sort(np.concatenate([times, extra]))
    sims = condition_paths(obs, both, fc.at(both), seed, as_of)
    keep = [int(np.flatnonzero(np.isclose(both, t))[0]) for t in times]
    return sims[:, keep]
