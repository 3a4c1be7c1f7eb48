"""Growth and volatility learned from real panels, for series too short to speak for themselves.

Each borrow key (an indicator catalog's ``borrow`` column) names a pool of real yearly series. For
every series the mean and standard deviation of its yearly log growth are taken; the prior's drift
centre is their median, its spread the standard deviation of the means across series (floored), and
its volatility the median volatility. Growth fades (a forecast's trend is damped, ``damping.py``):
for the random walk of the patent and trademark flows (``Prior.walk``, the keys of ``FADED``) a
growth rate seen ``a`` years before the pool's last year counts as ``decay ** a`` times itself in
the mean (``GROWTH_DECAY`` for the Chinese provincial patents, ``TRADEMARK_DECAY`` for the
trademark panels), so its drift centre is the panel's growth brought forward to the as-of year,
not its average since the panel began. The trademark keys' random walk is also narrower than its
pool's spread (``SPREAD``): measured too wide for the trademark panels' own series. Stocks have no
panel of
their own: an effective stock is proxied by the sum of the last ten years of grants or
registrations (patents and trademarks both run about ten years before lapse or renewal), which is
stated wherever the prior is used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import pandas as pd

from ..data.catalog import bundled_history, data_path
from ..data.history import cut
from . import cache as disk_cache
from .rwdrift import Prior

PANEL_NU0 = 4.0
# Provinces grow alike; a city or county differs from them more than they differ from each other.
# The drift spread is floored here (a judgement, to be replaced by calibration on backtests).
MIN_TAU0 = 0.05
# A series needs this many yearly changes to say anything about its growth and volatility.
MIN_DIFFS = 3
STOCK_WINDOW = 10
FLOW_INDICATORS = [
    "patent_grants",
    "invention_grants",
    "patent_applications",
    "invention_applications",
]
# Each year back from the pool's last year, a growth rate counts this much less in the drift centre
# (its volatility is not faded). Before, 1.0: the median growth since 2007, too high for the years
# after it (67-79 % of held-out 1-3-point outcomes below the forecast median). Chosen on the
# development origins 2010-2016 only (``python benchmarks/bench_county_prior.py``: the county
# forecast's share of outcomes below its median, h1-5, 1-3 points), from 1.0, 0.95, 0.9, 0.85 by
# the largest distance from 50 %: 0.23, 0.16, 0.09, 0.03 (CRPS 0.213, 0.199, 0.192, 0.190);
# never tuned on the held-out origins 2017+ (on later code the same command gives 0.85 a distance
# of 0.02 and CRPS 0.1839: README, "--rolling"). Measured there too and not taken: a recent window,
# the trend of the panel's growth, a plain shrink, a drift spread widened by the year effect.
GROWTH_DECAY = 0.85
# The same for the trademark registrations' random walk (borrow key ``trademark_flow``, learned from
# the USPTO and EUIPO panels by holder country). Unfaded, its county forecast was optimistic too:
# 63-86 % of outcomes below the median in the P(hit) hindcast (README). Chosen on the development
# origins 2010-2016 only (``python benchmarks/bench_county_prior.py --panel trademarks``: each
# country's series from its last 1-3 points, the prior learned from the other countries of both
# panels), from 1.0, 0.95, 0.9, 0.85, 0.8 by the largest distance from 50 % of the share below the
# median, h1-5, 1-3 points: 0.21, 0.08, 0.11, 0.21, 0.26 (CRPS 0.180, 0.174, 0.176, 0.180, 0.183);
# never tuned on the held-out origins 2017+. Counting only outcomes dated by 2016 would have taken
# 0.9 (0.27, 0.14, 0.03, 0.13, 0.18).
TRADEMARK_DECAY = 0.95


# The random walk's spread for the trademark keys: its drift spread ``tau0`` and volatility ``s0``
# both times this (with one own point, the forecast's log growth is its centre plus this times its
# deviation, before damping). As borrowed, the trademark county forecast was too wide: on the
# development origins 2010-2016 (``python benchmarks/bench_county_prior.py --panel trademarks
# --spread 0.9 0.8 0.7 0.6`` and ``--spread 0.5 0.4 0.3``, 1,000 paths; 1-3 points, h1-5) its
# 10-90 % range held 0.92-0.96 of outcomes (0.80 is right). The rule, set before the first run: a
# scale wins if its CRPS is lower (1-3 points, and one point, and counting only outcomes by 2016),
# its 10-90 % share nearer 0.80 at every horizon and its share below the median at most 0.02
# further from 0.50; of the winners, the one nearest 0.80 at its worst horizon. Flows: both
# spreads x0.5, 10-90 % 0.78-0.85, CRPS 0.1737 -> 0.1564 (one point 0.1796 -> 0.1590; x0.6
# 0.84-0.90, 0.1581; x0.4 0.71-0.79, 0.1561; x0.3 fails at h1, 0.63; scaling the step s0 alone
# x0.4: 0.73-0.86, 0.1654; the drift tau0 alone hardly moves it, 0.92-0.95 at x0.3). The stock
# proxy (``--panel trademark_stocks --spread 0.8 0.6``, 10-year sums, unfaded): 0.84-0.92 ->
# 0.78-0.88 at x0.8, CRPS 0.0668 -> 0.0660 (x0.6 fails: 0.65 at h5; it stays optimistic, 0.70-0.72
# below the median, which no spread moves). Never tuned on the held-out origins 2017+.
SPREAD = {"trademark_flow": 0.5, "trademark_stock": 0.8}


@dataclass(frozen=True)
class Fade:
    """How a borrow key's random walk fades growth (``Prior.walk``): by ``decay`` a year, as
    chosen on ``panels`` (a ``panel_prior`` pool of those panels' flows is faded the same way)."""

    decay: float
    panels: frozenset[str]


# The keys whose random walk borrows a faded prior, each measured where it was chosen. Every other
# pool, and the ensemble's pooled member, keep the unfaded mean: copyright and pledges have no
# panel to measure on; the trademark stock proxy (``--panel trademark_stocks``) is optimistic
# unfaded too, but no decay won it clearly (0.85 for one point and CRPS, 0.8 for 1-3 points, at the
# edge of the grid); the patents' ensemble measured worse on held-out origins with it.
FADED = {
    "patent_flow": Fade(GROWTH_DECAY, frozenset({"china_provinces"})),
    "trademark_flow": Fade(TRADEMARK_DECAY, frozenset({"uspto_trademarks", "euipo_trademarks"})),
}


def _panel(name: str) -> pd.DataFrame:
    with data_path(f"panels/{name}").open("r", encoding="utf-8") as f:
        return pd.read_csv(f)


def _known(df: pd.DataFrame, as_of: int | None, skip_region: str | None) -> pd.DataFrame:
    """The panel rows known by the end of ``as_of``, without ``skip_region``'s own."""
    if as_of is not None:
        df = df[df["year"] <= as_of]
    if skip_region is not None:
        df = df[df["region"].str.split(":").str[-1] != skip_region]
    return df


def _china_provinces(as_of=None, skip_region=None) -> pd.DataFrame:
    sti = _panel("china_sti_yearbook_provincial_domestic_patents_2010_2023.csv")
    nbs = _panel("china_nbs_provincial_domestic_patent_grants_2007_2016.csv")
    df = pd.concat([nbs, sti]).drop_duplicates(["region", "indicator", "year"], keep="last")
    return _known(df[df["region"] != "cn_total"], as_of, skip_region)


def _trademark_countries(as_of=None, skip_region=None) -> pd.DataFrame:
    us = _panel("ncses_uspto_trademark_registrations_by_holder_1998_2022.csv")
    eu = _panel("ncses_euipo_trademark_registrations_by_holder_1998_2018.csv")
    us["region"] = "uspto:" + us["region"]
    eu["region"] = "euipo:" + eu["region"]
    df = pd.concat([us, eu])
    return _known(df[df["region"].str.contains(":country_")], as_of, skip_region)


def _series(df: pd.DataFrame, indicators: list[str]) -> list[pd.Series]:
    """Each (region, indicator)'s yearly series, named by the region as ``_known`` matches it
    (the last part of a prefixed name), so a pool can leave a region out later."""
    out = []
    for (region, ind), g in df.groupby(["region", "indicator"]):
        if ind in indicators:
            s = g.set_index("year")["value"].astype(float).sort_index()
            out.append(s.rename(str(region).split(":")[-1]))
    return out


def _rolling_stock(series: list[pd.Series]) -> list[pd.Series]:
    out = []
    for s in series:
        full = s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))
        stock = full.rolling(STOCK_WINDOW, min_periods=STOCK_WINDOW).sum().dropna()
        if len(stock) >= 3:
            out.append(stock)
    return out


def _stats(
    series: list[pd.Series], decay: float = 1.0, last: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per-series mean and sd of yearly log growth, over consecutive positive years (see
    ``_one_stats`` for ``decay`` and ``last``)."""
    stats = [st for s in series if (st := _one_stats(s, decay, last)) is not None]
    return np.array([m for m, _ in stats]), np.array([sd for _, sd in stats])


def _one_stats(s: pd.Series, decay: float = 1.0, last: int | None = None):
    """One series' mean and sd of yearly log growth (``None`` below ``MIN_DIFFS`` changes). With
    ``decay`` below 1 the mean is of the growth of year ``t`` times ``decay ** (last - t)`` (its
    growth brought forward to year ``last``); the sd is of the growth itself."""
    # numpy, not pandas indexing: learning calls this for every series of every pool as known
    # by every year (tens of thousands of calls in a backtest); the same arrays either way
    values, years = s.to_numpy(), s.index.to_numpy()
    positive = values > 0
    values, years = values[positive], years[positive]
    d = np.diff(np.log(values))
    step = np.diff(years) == 1
    d, at = d[step], years[1:][step]
    if len(d) < MIN_DIFFS:
        return None
    if decay == 1.0:
        return d.mean(), d.std(ddof=1)
    return (d * decay ** (last - at)).mean(), d.std(ddof=1)


def _last_year(series: list[pd.Series]) -> int | None:
    return max((int(s.index.max()) for s in series if len(s)), default=None)


def _prior(
    series: list[pd.Series], source: str, s0_quantile: float = 0.5, decay: float = 1.0
) -> Prior:
    last = _last_year(series)
    faded = f"; earlier growth faded x{decay} a year to {last}" if decay != 1.0 else ""
    return _prior_of_stats(*_stats(series, decay, last), source, s0_quantile, faded)


def _prior_of_stats(
    means: np.ndarray, sds: np.ndarray, source: str, s0_quantile: float = 0.5, note: str = ""
) -> Prior:
    """The prior of a pool from its series' growth means and volatilities (``_stats``)."""
    if len(means) < 2:
        raise ValueError(f"too few series with {MIN_DIFFS}+ yearly changes to learn a prior")
    return Prior(
        m0=float(np.median(means)),
        tau0=float(max(means.std(ddof=1), MIN_TAU0)),
        s0=float(np.quantile(sds, s0_quantile)),
        nu0=PANEL_NU0,
        source=f"{source} ({len(means)} series){note}",
    )


def panel_prior(
    series,
    source: str,
    until: int | None = None,
    skip_region: str | None = None,
    stock_proxy: bool = False,
    decay: float | None = None,
) -> Prior:
    """The prior learned from panel ``Series`` truncated at ``until`` (what was known then),
    leaving out ``skip_region`` (so a backtest never borrows from the series it forecasts).
    Given ``decay``, growth is faded by it; else the flows (or, with ``stock_proxy``, the stock
    proxy) of the panels a key of ``FADED`` was chosen on carry their random walk's prior
    (``Prior.walk``: faded by ``FADED``, narrowed by ``SPREAD``), as ``priors`` gives ``run``."""
    pool = []
    for s in series:
        if s.region == skip_region:
            continue
        keep = s.years <= until if until is not None else slice(None)
        pool.append(pd.Series(s.values[keep], index=s.years[keep]))
    if stock_proxy:
        pool = _rolling_stock(pool)
    if decay is not None:
        return _prior(pool, source, decay=decay)
    panels = {getattr(s, "panel", None) for s in series}
    flow = next((k for k, f in FADED.items() if panels and panels <= f.panels), None)
    key = flow.replace("_flow", "_stock") if flow and stock_proxy else flow
    return _with_walk(pool, source, key)


def _with_walk(pool: list[pd.Series], source: str, key: str | None) -> Prior:
    """The plain prior of ``pool``, carrying the one its random walk uses as borrow key ``key``
    (``Prior.walk``: faded by ``FADED[key]``, its spread times ``SPREAD[key]``), if any."""
    plain = _prior(pool, source)
    if key not in FADED and key not in SPREAD:
        return plain
    walk = _prior(pool, source, decay=FADED[key].decay) if key in FADED else plain
    return replace(plain, walk=narrowed(walk, SPREAD.get(key, 1.0)))


def narrowed(prior: Prior, scale: float) -> Prior:
    """``prior`` with its drift spread ``tau0`` and volatility ``s0`` both times ``scale`` (so
    ``kappa0 = s0^2 / tau0^2`` is kept: with one point the random walk's deviations from its
    centre scale by ``scale``, draw for draw)."""
    if scale == 1.0:
        return prior
    return replace(
        prior,
        tau0=prior.tau0 * scale,
        s0=prior.s0 * scale,
        source=f"{prior.source}; spread x{scale} (measured too wide)",
    )


def left_out_priors(series, source: str, origins) -> dict[tuple[str, int], Prior]:
    """``panel_prior(series, source, until=o, skip_region=r, decay=1.0)`` (the plain prior: the
    pooled member's, without a random walk's faded one) for every origin ``o`` and every
    region ``r`` of ``series``, keyed ``(r, o)`` (absent where too little was known): each
    series' statistics are taken once per origin and a region is left out by dropping its
    entries, which gives exactly what pooling the other regions' series afresh gives."""
    regions = list(dict.fromkeys(s.region for s in series))
    out = {}
    for o in origins:
        named = []
        for s in series:
            keep = s.years <= o
            st = _one_stats(pd.Series(s.values[keep], index=s.years[keep]))
            if st is not None:
                named.append((s.region, st))
        owner = np.array([r for r, _ in named], dtype=object)
        means, sds = np.array([m for _, (m, _) in named]), np.array([sd for _, (_, sd) in named])
        for r in regions:
            keep = owner != r
            try:
                out[(r, o)] = _prior_of_stats(means[keep], sds[keep], source)
            except ValueError:
                continue  # too little history anywhere yet
    return out


def _pledge_drift(as_of: int | None = None) -> tuple[float, int]:
    """Median yearly log growth of pledge financing between same-scope points in the history
    known by the end of ``as_of``."""
    h = cut(bundled_history(), as_of)
    h = h[
        h["indicator"].isin(["pledge_financing", "patent_pledge_financing"])
        & (h["period_type"] == "year")
        & (h["exclude"] == "")
    ]
    rates = []
    for _, g in h.groupby(["region", "indicator"]):
        g = g.assign(year=g["period"].astype(int)).sort_values("year")
        y, v = g["year"].to_numpy(), g["value"].to_numpy()
        rates += list(np.diff(np.log(v)) / np.diff(y))
    if not rates:
        return 0.0, 0
    return float(np.median(rates)), len(rates)


@cache
def priors(as_of: int | None = None, skip_region: str | None = None) -> dict[str, Prior]:
    """Priors per borrow key, learned from the bundled panels and history as known by the end of
    ``as_of`` (everything when ``None``), leaving out ``skip_region`` (cached on disk). A key whose
    panel had too little history by then is absent: its series get no borrowed prior."""
    files = [data_path("history.csv")] + sorted(data_path("panels").iterdir(), key=lambda p: p.name)
    k = disk_cache.key(
        "priors", as_of, skip_region, *[f.read_bytes() for f in files if f.name.endswith(".csv")]
    )
    hit = disk_cache.load(k)
    if hit is None:
        hit = _learn_priors(as_of, skip_region)
        disk_cache.save(k, hit)
    return hit


def _years(df: pd.DataFrame) -> str:
    return f"{int(df['year'].min())}-{int(df['year'].max())}" if len(df) else "none"


def _learn_priors(as_of: int | None = None, skip_region: str | None = None) -> dict[str, Prior]:
    known = _known_pools(as_of)  # shared by every region left out at this year
    cn_src = (
        f"Chinese provincial domestic patents {known.years('china', skip_region)} "
        "(NBS / S&T yearbook)"
    )
    tm_src = (
        "USPTO and EUIPO trademark registrations by holder country "
        f"{known.years('trademarks', skip_region)} (NCSES)"
    )
    builders = {
        "patent_flow": (("flows",), cn_src),
        "patent_stock": (
            ("invention_stocks",),
            "10-year sums of " + cn_src + " invention grants, a proxy for effective stocks",
        ),
        "trademark_flow": (("trademarks",), tm_src),
        "trademark_stock": (
            ("trademark_stocks",),
            "10-year sums of " + tm_src + ", a proxy for effective stocks",
        ),
        "copyright_flow": (
            ("flows", "trademarks"),
            "no copyright panel exists; patent and trademark flow panels pooled",
        ),
        "copyright_stock": (
            ("invention_stocks", "trademark_stocks"),
            "no copyright panel exists; patent and trademark stock proxies pooled",
        ),
    }
    out = {}
    for key, (pools, source) in builders.items():
        try:
            out[key] = _prior_of_stats(*known.stats(pools, skip_region), source)
            if key in FADED:  # its random walk's faded prior (``Prior.walk``)
                pool = known.series(pools, skip_region)
                out[key] = replace(out[key], walk=_prior(pool, source, decay=FADED[key].decay))
            if key in SPREAD:  # and its width
                walk = narrowed(out[key].for_walk(), SPREAD[key])
                out[key] = replace(out[key], walk=walk)
        except ValueError:
            continue  # too little known by then: no prior rather than one from later data
    if "patent_flow" in out:
        flow_sds = known.stats(("flows",), skip_region)[1]
        pledge = _pledge_prior(known.pledge_drift, out["patent_flow"], flow_sds)
        out["pledge_flow"] = out["pledge_stock"] = pledge
    return out


@dataclass(frozen=True)
class _Known:
    """The panels as known by the end of one year, ready to leave any region out: per pool, each
    series' region (as ``_known`` matches it), growth mean and volatility, in ``_series`` order;
    per panel, each region's first and last year; and the pledge drift of the history known then
    (``_pledge_drift``, which no panel region is part of). Leaving a region out of a pool drops its
    entries, which gives exactly what re-reading the panels without it gives (same series, same
    order), at a fraction of the cost: a backtest learns as of each origin without each of 31
    provinces."""

    pools: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
    raw: dict[str, list[pd.Series]]  # the pools' series, named by region (``_series``)
    spans: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
    pledge_drift: tuple[float, int]

    def stats(self, names: tuple[str, ...], skip_region: str | None):
        regions, means, sds = (
            np.concatenate(a) for a in zip(*(self.pools[n] for n in names), strict=True)
        )
        if skip_region is None:
            return means, sds
        keep = regions != skip_region
        return means[keep], sds[keep]

    def series(self, names: tuple[str, ...], skip_region: str | None) -> list[pd.Series]:
        return [s for n in names for s in self.raw[n] if s.name != skip_region]

    def years(self, panel: str, skip_region: str | None) -> str:
        """``_years`` of the panel's rows without ``skip_region``'s."""
        regions, first, last = self.spans[panel]
        keep = regions != skip_region
        if not keep.any():
            return "none"
        return f"{int(first[keep].min())}-{int(last[keep].max())}"


@cache
def _known_pools(as_of: int | None) -> _Known:
    china = _china_provinces(as_of)
    tm_rows = _trademark_countries(as_of)
    inv = _series(china, ["invention_grants"])
    tm = _series(tm_rows, ["trademark_registrations"])
    pools = {
        "flows": _series(china, FLOW_INDICATORS),
        "invention_stocks": _rolling_stock(inv),
        "trademarks": tm,
        "trademark_stocks": _rolling_stock(tm),
    }
    return _Known(
        {name: _pool_stats(series) for name, series in pools.items()},
        pools,
        {"china": _spans(china), "trademarks": _spans(tm_rows)},
        _pledge_drift(as_of),
    )


def _pool_stats(series: list[pd.Series]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each usable series' region (its name), and ``_stats``' mean and sd."""
    named = [(s.name, st) for s in series if (st := _one_stats(s)) is not None]
    regions = np.array([r for r, _ in named], dtype=object)
    return regions, np.array([m for _, (m, _) in named]), np.array([sd for _, (_, sd) in named])


def _spans(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each region's first and last year in ``df`` (regions as ``_known`` matches them)."""
    years = df.groupby(df["region"].str.split(":").str[-1])["year"].agg(["min", "max"])
    return years.index.to_numpy(object), years["min"].to_numpy(), years["max"].to_numpy()


def _pledge_prior(pledge_drift: tuple[float, int], base: Prior, flow_sds: np.ndarray) -> Prior:
    """The pledge prior: the drift of the known pledge figures (``_pledge_drift``), else
    ``base``'s (the patent flows'); ``base``'s drift spread doubled; the volatility the 75th
    percentile of the patent flows' (``flow_sds``, from ``_stats``)."""
    drift, n = pledge_drift
    if n == 0:
        drift = base.m0  # no pledge figure known yet: the patent panel's drift, stated below
    return Prior(
        m0=drift,
        tau0=base.tau0 * 2,
        s0=float(np.quantile(flow_sds, 0.75)),
        nu0=PANEL_NU0,
        source=(
            f"no pledge panel exists: drift from {n} yearly growth rates of Chinese national "
            "and Guangdong pledge financing"
            + (" (none known yet: the patent panel's drift)" if n == 0 else "")
            + "; volatility the 75th percentile of the provincial "
            "patent panel and drift spread twice its spread (a judgement: pledge amounts swing "
            "more than patent counts)"
        ),
    )
