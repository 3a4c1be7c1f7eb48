"""Priors learned from panels: a small panel worked by hand, and the bundled priors against a slow
reference that reads the panel files with the csv module."""

import csv
import math
import statistics
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from conftest import REPO, make_history

from ipcast.forecast import priors as pr
from ipcast.forecast.rwdrift import LogRandomWalkDrift, Prior


def _series(logdiffs, start=2001, skip=()):
    x = np.concatenate([[np.log(100.0)], np.log(100.0) + np.cumsum(logdiffs)])
    years = [y for y in range(start, start + len(x) + len(skip)) if y not in skip]
    return pd.Series(np.exp(x), index=years)


# Yearly log growth by hand: A 0.1, 0.2, 0.3 (mean 0.2, sd 0.1); B 0, 0.1, 0.5 (mean 0.2,
# sd sqrt(0.07)); C 0.3, 0.4, 0.5, 0.6 (mean 0.45, sd sqrt(0.05 / 3)).
A, B, C = _series([0.1, 0.2, 0.3]), _series([0.0, 0.1, 0.5]), _series([0.3, 0.4, 0.5, 0.6])


def test_stats_of_a_small_panel_by_hand():
    means, sds = pr._stats([A, B, C])
    assert means == pytest.approx([0.2, 0.2, 0.45])
    assert sds == pytest.approx([0.1, math.sqrt(0.07), math.sqrt(0.05 / 3)])


def test_stats_skip_gaps_non_positive_years_and_short_series():
    gap = _series([0.1, 0.9, 0.2, 0.3], skip=(2003,))  # 2002 -> 2004 is not a yearly change
    assert gap.index.tolist() == [2001, 2002, 2004, 2005, 2006]
    zero = pd.Series([100.0, 0.0, 100.0, 110.0, 121.0, 133.1], index=range(2001, 2007))
    short = _series([0.1, 0.2])  # two changes say nothing
    means, sds = pr._stats([gap, zero, short])
    assert means == pytest.approx([(0.1 + 0.2 + 0.3) / 3, math.log(1.1)])
    assert sds == pytest.approx([0.1, 0.0], abs=1e-12)


def test_prior_of_a_small_panel_by_hand():
    p = pr._prior([A, B, C], "hand", decay=1.0)
    # median of means 0.2; sd of means (0.2, 0.2, 0.45) = sqrt(0.0625 / 3); median sd sqrt(0.05/3)
    assert p.m0 == pytest.approx(0.2)
    assert p.tau0 == pytest.approx(math.sqrt(0.0625 / 3))
    assert p.s0 == pytest.approx(math.sqrt(0.05 / 3))
    assert p.nu0 == 4.0
    assert p.source == "hand (3 series)"
    # the 75th percentile of sds (0.1, 0.1291, 0.2646) when asked for it
    q = pr._prior([A, B, C], "hand", s0_quantile=0.75, decay=1.0).s0
    assert q == pytest.approx((math.sqrt(0.05 / 3) + math.sqrt(0.07)) / 2)


def test_drift_spread_is_floored_and_two_series_are_needed():
    p = pr._prior([A, B], "alike", decay=1.0)  # equal means: spread 0, floored
    assert p.tau0 == 0.05
    assert p.m0 == pytest.approx(0.2) and p.s0 == pytest.approx((0.1 + math.sqrt(0.07)) / 2)
    with pytest.raises(ValueError):
        pr._prior([A, _series([0.1, 0.2])], "one usable")


def test_rolling_stock_uses_full_ten_year_windows_only():
    s = pd.Series(np.arange(1.0, 13.0), index=range(2001, 2013))  # 1..12
    (stock,) = pr._rolling_stock([s])
    assert stock.to_dict() == {2010: 55.0, 2011: 65.0, 2012: 75.0}
    eleven = pd.Series(np.ones(11), index=range(2001, 2012))  # two windows: too few
    gap = pd.Series(np.ones(13), index=[y for y in range(2001, 2015) if y != 2005])
    assert pr._rolling_stock([eleven, gap]) == []
    late_gap = pd.Series(np.ones(13), index=[y for y in range(2001, 2015) if y != 2002])
    (stock,) = pr._rolling_stock([late_gap])
    assert stock.to_dict() == {2012: 10.0, 2013: 10.0, 2014: 10.0}


def _ns(region, series):
    return SimpleNamespace(region=region, years=series.index.to_numpy(), values=series.to_numpy())


def test_faded_stats_and_prior_of_a_small_panel_by_hand():
    # A's growth 0.1, 0.2, 0.3 is of 2002-2004; brought forward to 2004 at 0.5 a year:
    # (0.1 / 4 + 0.2 / 2 + 0.3) / 3; its sd is of the growth itself
    means, sds = pr._stats([A], 0.5, 2004)
    assert means == pytest.approx([0.425 / 3])
    assert sds == pytest.approx([0.1])
    # The pool's last year is C's 2005. Faded 0.5 a year back from 2005:
    # A (0.1 / 8 + 0.2 / 4 + 0.3 / 2) / 3 = 0.2125 / 3
    # B (0 / 8 + 0.1 / 4 + 0.5 / 2) / 3 = 0.275 / 3
    # C (0.3 / 8 + 0.4 / 4 + 0.5 / 2 + 0.6) / 4 = 0.9875 / 4
    p = pr._prior([A, B, C], "hand", decay=0.5)
    faded = [0.2125 / 3, 0.275 / 3, 0.9875 / 4]
    assert p.m0 == pytest.approx(0.275 / 3)  # the median, B's
    mean = sum(faded) / 3
    assert p.tau0 == pytest.approx(math.sqrt(sum((m - mean) ** 2 for m in faded) / 2))
    assert p.tau0 == pytest.approx(0.0961893, abs=1e-7)
    assert p.s0 == pytest.approx(math.sqrt(0.05 / 3))  # volatility not faded
    assert p.source == "hand (3 series); earlier growth faded x0.5 a year to 2005"
    # unfaded unless asked; panel_prior fades the provincial panel's flows only, as run does
    assert pr._prior([A, B, C], "d") == pr._prior([A, B, C], "d", decay=1.0)
    plain = [_ns(r, s) for r, s in zip("abc", (A, B, C), strict=True)]
    china = [SimpleNamespace(**vars(x), panel="china_provinces") for x in plain]
    faded = pr._prior([A, B, C], "d", decay=pr.GROWTH_DECAY)
    assert pr.panel_prior(china, "d") == replace(pr._prior([A, B, C], "d"), walk=faded)
    assert pr.panel_prior(china, "d").for_walk() == faded
    assert pr.panel_prior(plain, "d") == pr._prior([A, B, C], "d")


def test_trademark_panels_fade_by_their_own_decay_by_hand():
    # A, B, C as the USPTO and EUIPO panels' series, faded 0.95 a year back from 2005:
    # A (0.1 x 0.95^3 + 0.2 x 0.95^2 + 0.3 x 0.95) / 3 = 0.5512375 / 3
    # B (0 + 0.1 x 0.95^2 + 0.5 x 0.95) / 3 = 0.56525 / 3
    # C (0.3 x 0.95^3 + 0.4 x 0.95^2 + 0.5 x 0.95 + 0.6) / 4 = 1.6932125 / 4
    assert pr.TRADEMARK_DECAY == 0.95
    panels = ("uspto_trademarks", "euipo_trademarks", "uspto_trademarks")
    tm = [
        SimpleNamespace(**vars(_ns(r, s)), panel=p)
        for r, s, p in zip("abc", (A, B, C), panels, strict=True)
    ]
    got = pr.panel_prior(tm, "d")
    assert got.m0 == pytest.approx(0.2)  # the ensemble's pooled member: unfaded
    assert got.walk.m0 == pytest.approx(0.56525 / 3)  # the median, B's
    faded = [0.5512375 / 3, 0.56525 / 3, 1.6932125 / 4]
    # and narrowed: both spreads x0.5 (``SPREAD``); volatility not faded, only narrowed
    assert pr.SPREAD["trademark_flow"] == 0.5
    assert got.walk.tau0 == pytest.approx(0.5 * np.std(faded, ddof=1))
    assert got.walk.s0 == pytest.approx(0.5 * got.s0)
    assert got.walk.source == (
        "d (3 series); earlier growth faded x0.95 a year to 2005; spread x0.5 (measured too wide)"
    )
    # a pool mixing families matches no chosen decay or spread: plain
    mixed = [*tm[:2], SimpleNamespace(**vars(tm[2]) | {"panel": "china_provinces"})]
    assert pr.panel_prior(mixed, "d") == pr._prior([A, B, C], "d")
    long = [
        SimpleNamespace(**vars(_ns(r, _series([g] * 12))), panel="uspto_trademarks")
        for r, g in (("a", 0.1), ("b", 0.2))
    ]
    # the stock proxy: unfaded, its spread x0.8 (``trademark_stock``)
    stock = pr.panel_prior(long, "d", stock_proxy=True)
    assert stock.walk == replace(
        stock,
        tau0=0.8 * stock.tau0,
        s0=0.8 * stock.s0,
        source="d (2 series); spread x0.8 (measured too wide)",
        walk=None,
    )
    assert pr.panel_prior(long, "d").walk is not None


def test_a_narrowed_prior_scales_a_one_point_walk_by_hand():
    """``narrowed`` keeps ``kappa0 = s0^2 / tau0^2``, so with one point the random walk's log
    growth is its centre ``m0 h`` plus ``scale`` times the plain prior's deviation, draw for draw
    (the same generator: the same chi-square and normal draws)."""
    plain = Prior(m0=0.1, tau0=0.1, s0=0.2, nu0=4.0, source="hand")
    half = pr.narrowed(plain, 0.5)
    assert (half.m0, half.tau0, half.s0, half.nu0) == (0.1, 0.05, 0.1, 4.0)
    assert half.source == "hand; spread x0.5 (measured too wide)"
    assert pr.narrowed(plain, 1.0) is plain
    # one point: the posterior is the prior, kappa 0.2^2 / 0.1^2 = 0.1^2 / 0.05^2 = 4, the
    # variance scale s0^2: 0.04 -> 0.01
    m, n = LogRandomWalkDrift(plain).fit([100.0]), LogRandomWalkDrift(half).fit([100.0])
    assert m.kappa_ == pytest.approx(4.0) and n.kappa_ == pytest.approx(4.0)
    assert m.m_ == pytest.approx(0.1) and n.m_ == pytest.approx(0.1)
    assert m.s2_ == pytest.approx(0.04) and n.s2_ == pytest.approx(0.01)
    centre = 0.1 * np.arange(1, 6)
    wide = np.log(m.simulate(5, 1000, np.random.default_rng(3)) / 100.0) - centre
    narrow = np.log(n.simulate(5, 1000, np.random.default_rng(3)) / 100.0) - centre
    assert narrow == pytest.approx(0.5 * wide, abs=1e-12)
    assert np.quantile(narrow[:, 4], 0.9) - np.quantile(narrow[:, 4], 0.1) == pytest.approx(
        0.5 * (np.quantile(wide[:, 4], 0.9) - np.quantile(wide[:, 4], 0.1))
    )


def test_faded_prior_does_not_look_ahead():
    """A shock planted after the as-of year, or years appended after it, leave the prior as of
    that year unchanged: the fading counts back from the as-of year, not the panel's end."""
    pool = [_ns("a", A), _ns("b", B), _ns("c", C)]
    as_of = pr.panel_prior(pool, "x", until=2004, decay=0.5)
    named = {"a": A, "b": B, "c": C}
    shocked = [_ns(r, s.where(s.index <= 2004, s * 5.0)) for r, s in named.items()]
    longer = [_ns(r, _series(list(np.diff(np.log(s))) + [1.0] * 3)) for r, s in named.items()]
    assert as_of.source == "x (3 series); earlier growth faded x0.5 a year to 2004"
    assert pr.panel_prior(shocked, "x", until=2004, decay=0.5) == as_of
    assert pr.panel_prior(longer, "x", until=2004, decay=0.5) == as_of
    # and the shock is real when it is known
    assert pr.panel_prior(longer, "x", decay=0.5).m0 != as_of.m0
    assert pr.panel_prior(shocked, "x", decay=0.5).tau0 != pr.panel_prior(pool, "x", decay=0.5).tau0


def test_panel_prior_truncates_and_leaves_a_region_out():
    pool = [_ns("a", A), _ns("b", B), _ns("c", C)]
    assert pr.panel_prior(pool, "all", decay=1.0).m0 == pytest.approx(0.2)
    left_out = pr.panel_prior(pool, "x", skip_region="a", decay=1.0)  # median of 0.2, 0.45
    assert left_out.m0 == pytest.approx(0.325)
    # until 2004: A, B keep 3 changes; C keeps 3 (0.3, 0.4, 0.5), mean 0.4
    early = pr.panel_prior(pool, "x", until=2004, decay=1.0)
    assert early.m0 == pytest.approx(0.2)
    assert early.tau0 == pytest.approx(np.std([0.2, 0.2, 0.4], ddof=1))
    with pytest.raises(ValueError):
        pr.panel_prior(pool, "x", until=2003)  # two changes each


def test_a_decay_of_zero_is_a_decay_not_the_default():
    # decay=0.0 keeps only the growth of the pool's last year (0 ** 0 = 1): A and B end in 2004,
    # so 0; C's 0.6 of 2005 over its four changes, 0.15. The median is 0. Without a decay the
    # plain prior (median of the means, 0.2) is taken instead.
    pool = [_ns("a", A), _ns("b", B), _ns("c", C)]
    zero = pr.panel_prior(pool, "x", decay=0.0)
    assert zero.m0 == 0.0
    assert zero.tau0 == pytest.approx(np.std([0.0, 0.0, 0.15], ddof=1))
    assert zero.source == "x (3 series); earlier growth faded x0.0 a year to 2005"
    assert pr.panel_prior(pool, "x").m0 == pytest.approx(0.2)


def test_a_panels_years_run_from_its_earliest_first_year_to_its_latest_last():
    # Regions starting and ending in different years, one prefixed as the trademark panel's are:
    # the span is the earliest first year to the latest last year of the regions kept, the same
    # as ``_years`` of their rows.
    rows = pd.DataFrame(
        {
            "region": ["a", "a", "b", "b", "uspto:c", "uspto:c"],
            "year": [2005, 2010, 2007, 2012, 2009, 2011],
        }
    )
    known = pr._Known({}, {}, {"china": pr._spans(rows)}, (0.0, 0))
    assert known.years("china", None) == "2005-2012" == pr._years(rows)
    assert known.years("china", "a") == "2007-2012"
    assert known.years("china", "b") == "2005-2011"
    assert known.years("china", "c") == "2005-2012"
    one = pr._Known({}, {}, {"china": pr._spans(rows[rows["region"] == "a"])}, (0.0, 0))
    assert one.years("china", "a") == "none"


def test_pledge_drift_by_hand(monkeypatch):
    h = make_history(
        [
            ("r", "pledge_financing", "2019", "year", 100.0, "亿元"),
            ("r", "pledge_financing", "2020", "year", 120.0, "亿元"),
            ("r", "pledge_financing", "2022", "year", 150.0, "亿元"),
            ("s", "patent_pledge_financing", "2020", "year", 50.0, "亿元"),
            ("s", "patent_pledge_financing", "2021", "year", 40.0, "亿元"),
            ("s", "pledge_financing", "2021", "asof", 999.0, "亿元"),  # a stock: not a rate
            ("s", "patent_grants", "2021", "year", 5.0, "件"),
        ]
    )
    h.loc[len(h)] = (
        ["s", "patent_pledge_financing", "2022", "year", 1e6, "亿元"]
        + [""] * 4
        + [
            "duplicate",
            "test",
        ]
    )
    monkeypatch.setattr(pr, "bundled_history", lambda: h)
    drift, n = pr._pledge_drift()
    # rates: log(1.2), log(1.25) / 2, log(0.8); the excluded 2022 figure is not used
    assert n == 3
    assert drift == pytest.approx(math.log(1.25) / 2)


def _panel_rows():
    """(region, indicator) -> {year: value}: NBS first, the S&T yearbook overriding it."""
    out = {}
    for name in (
        "china_nbs_provincial_domestic_patent_grants_2007_2016.csv",
        "china_sti_yearbook_provincial_domestic_patents_2010_2023.csv",
    ):
        with open(REPO / "data" / "panels" / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["region"] != "cn_total":
                    key = (r["region"], r["indicator"])
                    out.setdefault(key, {})[int(r["year"])] = float(r["value"])
    return out


def _slow_stats(series: dict[int, float], last: int = 0, decay: float = 1.0):
    """Mean of the yearly log growth of year y + 1 times decay ** (last - y - 1), sd unfaded."""
    years = [y for y in sorted(series) if y + 1 in series and series[y] > 0 and series[y + 1] > 0]
    diffs = [math.log(series[y + 1] / series[y]) for y in years]
    if len(diffs) < 3:
        return None
    faded = [d * decay ** (last - y - 1) for d, y in zip(diffs, years, strict=True)]
    return statistics.mean(faded), statistics.stdev(diffs)


def _slow_prior(pool, decay=1.0):
    last = max(max(s) for s in pool)
    stats = [s for s in (_slow_stats(x, last, decay) for x in pool) if s is not None]
    means, sds = [m for m, _ in stats], [s for _, s in stats]
    return statistics.median(means), max(statistics.stdev(means), 0.05), statistics.median(sds)


def _slow_ten_year_sums(series: dict[int, float]):
    ends = [y for y in sorted(series) if all(y - k in series for k in range(10))]
    sums = {y: sum(series[y - k] for k in range(10)) for y in ends}
    return sums if len(sums) >= 3 else None


def test_bundled_patent_priors_match_a_slow_reference():
    rows = _panel_rows()
    flows = [
        v
        for (_, ind), v in sorted(rows.items())
        if ind
        in ("patent_grants", "invention_grants", "patent_applications", "invention_applications")
    ]
    inv = [v for (_, ind), v in sorted(rows.items()) if ind == "invention_grants"]
    stocks = [s for s in map(_slow_ten_year_sums, inv) if s is not None]
    got = pr.priors()
    # both plain; the patent flows' random walk borrows their faded prior (GROWTH_DECAY)
    assert got["patent_stock"].walk is None
    for p, pool, decay in (
        (got["patent_flow"], flows, 1.0),
        (got["patent_flow"].walk, flows, pr.GROWTH_DECAY),
        (got["patent_stock"], stocks, 1.0),
    ):
        m0, tau0, s0 = _slow_prior(pool, decay)
        assert (p.m0, p.tau0, p.s0, p.nu0) == (
            pytest.approx(m0, rel=1e-9),
            pytest.approx(tau0, rel=1e-9),
            pytest.approx(s0, rel=1e-9),
            4.0,
        )
    # pledges: twice the patent drift spread, the 75th percentile of the flow volatilities
    sds = sorted(s for _, s in filter(None, map(_slow_stats, flows)))
    pledge = got["pledge_flow"]
    assert pledge.tau0 == pytest.approx(2 * got["patent_flow"].tau0, rel=1e-12)
    assert pledge.s0 == pytest.approx(np.quantile(sds, 0.75), rel=1e-9)
    assert got["pledge_stock"] == pledge


def test_known_rows_stop_at_as_of_and_leave_a_region_out():
    df = pd.DataFrame(
        {
            "region": ["guangdong", "guangdong", "sichuan", "uspto:country_de"],
            "year": [2020, 2021, 2020, 2020],
        }
    )
    assert pr._known(df, 2020, None)["year"].tolist() == [2020, 2020, 2020]
    assert pr._known(df, None, "guangdong")["region"].tolist() == ["sichuan", "uspto:country_de"]
    # a panel's prefixed name is matched on its last part
    assert pr._known(df, None, "country_de")["region"].tolist() == ["guangdong"] * 2 + ["sichuan"]
    assert len(pr._known(df, None, None)) == 4


def test_stats_of_amounts_below_one():
    # pledge amounts in 亿元 can be below 1: 0.5 growing 10 % a year is still a series
    s = pd.Series([0.5, 0.55, 0.605, 0.6655], index=range(2001, 2005))
    means, sds = pr._stats([s])
    assert means == pytest.approx([math.log(1.1)]) and sds == pytest.approx([0.0], abs=1e-12)


def test_years_of_a_panel():
    assert pr._years(pd.DataFrame({"year": [2012, 2007, 2023]})) == "2007-2023"
    assert pr._years(pd.DataFrame({"year": []})) == "none"


BASE = pr.Prior(m0=0.07, tau0=0.05, s0=0.1, nu0=4.0, source="patent panel")


def test_pledge_prior_without_any_pledge_figure_takes_the_patent_drift(monkeypatch):
    h = make_history([("r", "patent_grants", "2021", "year", 5.0, "件")])
    monkeypatch.setattr(pr, "bundled_history", lambda: h)
    assert pr._pledge_drift() == (0.0, 0)
    p = pr._pledge_prior(pr._pledge_drift(), BASE, pr._stats([A, B, C])[1])
    # drift the patent panel's; spread twice its; volatility the 75th percentile of A, B, C's
    assert (p.m0, p.tau0, p.nu0) == (0.07, 0.1, 4.0)
    assert p.s0 == pytest.approx((math.sqrt(0.05 / 3) + math.sqrt(0.07)) / 2)
    assert "from 0 yearly growth rates" in p.source
    assert "(none known yet: the patent panel's drift)" in p.source


def test_pledge_prior_with_figures_takes_their_drift(monkeypatch):
    h = make_history(
        [
            ("r", "pledge_financing", "2019", "year", 100.0, "亿元"),
            ("r", "pledge_financing", "2020", "year", 110.0, "亿元"),
        ]
    )
    monkeypatch.setattr(pr, "bundled_history", lambda: h)
    p = pr._pledge_prior(pr._pledge_drift(), BASE, pr._stats([A, B, C])[1])
    assert p.m0 == pytest.approx(math.log(1.1)) and p.tau0 == 0.1
    assert "from 1 yearly growth rates" in p.source and "none known yet" not in p.source


def test_priors_are_cached_under_the_history_and_every_panel_csv(monkeypatch, tmp_path):
    (tmp_path / "panels").mkdir()
    (tmp_path / "history.csv").write_bytes(b"h")
    (tmp_path / "panels" / "b.csv").write_bytes(b"b")
    (tmp_path / "panels" / "a.csv").write_bytes(b"a")
    (tmp_path / "panels" / "README.md").write_bytes(b"not data")
    monkeypatch.setattr(pr, "data_path", lambda name: tmp_path / name)
    keys = []
    fake = SimpleNamespace(
        key=lambda *a: keys.append(a) or "k", load=lambda k: {"cached": k}, save=None
    )
    monkeypatch.setattr(pr, "disk_cache", fake)
    assert pr.priors.__wrapped__(2020, "dazhou") == {"cached": "k"}
    assert keys == [("priors", 2020, "dazhou", b"h", b"a", b"b")]


def _slow_learn_priors(as_of, skip_region):
    """The priors as learned before leaving a region out became dropping its rows from
    per-year tables: re-read the panels without the region and pool their series afresh."""
    china = pr._china_provinces(as_of, skip_region)
    tm_rows = pr._trademark_countries(as_of, skip_region)
    flows = pr._series(china, pr.FLOW_INDICATORS)
    inv = pr._series(china, ["invention_grants"])
    tm = pr._series(tm_rows, ["trademark_registrations"])
    cn_src = f"Chinese provincial domestic patents {pr._years(china)} (NBS / S&T yearbook)"
    tm_src = (
        f"USPTO and EUIPO trademark registrations by holder country {pr._years(tm_rows)} (NCSES)"
    )
    builders = {
        "patent_flow": (flows, cn_src),
        "patent_stock": (
            pr._rolling_stock(inv),
            "10-year sums of " + cn_src + " invention grants, a proxy for effective stocks",
        ),
        "trademark_flow": (tm, tm_src),
        "trademark_stock": (
            pr._rolling_stock(tm),
            "10-year sums of " + tm_src + ", a proxy for effective stocks",
        ),
        "copyright_flow": (
            flows + tm,
            "no copyright panel exists; patent and trademark flow panels pooled",
        ),
        "copyright_stock": (
            pr._rolling_stock(inv) + pr._rolling_stock(tm),
            "no copyright panel exists; patent and trademark stock proxies pooled",
        ),
    }
    out = {}
    for key, (pool, source) in builders.items():
        try:
            out[key] = pr._with_walk(pool, source, key)
        except ValueError:
            continue
    if "patent_flow" in out:
        pledge = pr._pledge_prior(pr._pledge_drift(as_of), out["patent_flow"], pr._stats(flows)[1])
        out["pledge_flow"] = out["pledge_stock"] = pledge
    return out


@pytest.mark.parametrize(
    ("as_of", "skip_region"),
    [
        (None, None),
        (None, "sichuan"),
        (2001, "beijing"),  # no provincial panel yet: no patent priors
        (2008, "beijing"),  # the NBS years only: few changes known
        (2011, "guangdong"),
        (2015, "xizang"),
        (2016, "country_deu"),  # a trademark panel's country
        (2020, "zhejiang"),
        (2022, "anhui"),
    ],
)
def test_leaving_a_region_out_equals_learning_without_it(as_of, skip_region):
    """Leave-one-out priors from the per-year tables are exactly the priors learned from the
    panels re-read without the region (bit for bit: same series, same order)."""
    fast = pr._learn_priors(as_of, skip_region)
    slow = _slow_learn_priors(as_of, skip_region)
    assert fast == slow
    if skip_region is not None and as_of is not None and as_of > 2008:
        assert fast != pr._learn_priors(as_of, None)  # the region's series did count


def test_left_out_priors_equal_the_panel_prior_of_the_other_regions():
    """Every (region, origin) prior of a backtest's pooled candidate, taken from per-origin
    statistics, is exactly ``panel_prior`` of the other regions' series up to the origin."""
    from ipcast.forecast.panels import panel_series

    series = list(panel_series("china_provinces"))
    origins = [2009, 2010, 2016, 2022]
    fast = pr.left_out_priors(series, "panel", origins)
    regions = sorted({s.region for s in series})
    assert len(fast) == len(regions) * 3  # 2009: two yearly changes at most
    for o in origins:
        for r in regions:
            try:
                slow = pr.panel_prior(series, "panel", until=o, skip_region=r, decay=1.0)
            except ValueError:
                assert (r, o) not in fast
                continue
            assert fast[(r, o)] == slow


def _county_forecast(seed: int, n_paths: int = 40_000):
    from ipcast.forecast.chain import forecast_series
    from ipcast.forecast.learned import Learned
    from ipcast.forecast.series import Observed

    # the plain prior (centre 0.2) carrying the faded one (0.275 / 3, worked above): the random
    # walk of a one-point series borrows the faded one
    faded = pr._prior([A, B, C], "hand", decay=0.5)
    prior = replace(pr._prior([A, B, C], "hand"), walk=faded)
    learned = Learned({"patent_flow": prior}, {}, 2005)  # no calibration: no damping
    obs = Observed(
        "r", "patent_grants", "件", True, True, np.array([2005.0]), np.array([100.0]), [], []
    )
    fc = forecast_series(None, "r", "patent_grants", n_paths, seed, learned, obs=obs)
    return fc.at([2006.0, 2008.0])


def test_a_one_point_county_forecast_centres_on_the_faded_drift():
    # One own point: the drift is the prior's alone, symmetric about m0, and so is each year's
    # step, so the median log growth after h years is h m0 (no calibration, hence no damping).
    paths = _county_forecast(seed=3)
    med = np.median(np.log(paths / 100.0), axis=0)
    assert med == pytest.approx([0.275 / 3, 3 * 0.275 / 3], abs=0.006)
    assert np.array_equal(paths, _county_forecast(seed=3))
    assert not np.array_equal(paths, _county_forecast(seed=4))


def test_the_shipped_county_prior_is_faded_by_the_chosen_rate():
    """The random walk's prior fades growth by the rate chosen on development origins (0.85 a
    year, README), and says so; the ensemble's pooled member keeps the unfaded prior."""
    got = pr._learn_priors(None, None)["patent_flow"]
    assert got.walk.source.endswith("earlier growth faded x0.85 a year to 2023")
    assert got.walk.m0 < got.m0 and got.walk.walk is None
    assert "faded" not in got.source


def test_the_shipped_trademark_prior_is_faded_by_its_chosen_rate():
    """The trademark registrations' random walk fades growth by the rate chosen on development
    origins (0.95 a year, README), to the USPTO panel's last year, and is narrowed by the spread
    chosen there (x0.5; the stock proxy's x0.8, unfaded); copyright and the ensemble's pooled
    member stay plain."""
    got = pr._learn_priors(None, None)
    flow = got["trademark_flow"]
    assert flow.walk.source.endswith(
        "earlier growth faded x0.95 a year to 2022; spread x0.5 (measured too wide)"
    )
    assert flow.walk.m0 < flow.m0 and flow.walk.walk is None
    assert "faded" not in flow.source
    assert flow.walk.tau0 == pytest.approx(0.5 * pr.MIN_TAU0)  # floored, then narrowed x0.5
    stock = got["trademark_stock"]
    assert stock.walk.m0 == stock.m0 and stock.walk.tau0 == pytest.approx(0.8 * stock.tau0)
    assert got["copyright_flow"].walk is None and got["patent_stock"].walk is None
    assert set(pr.FADED) == {"patent_flow", "trademark_flow"}
    assert pr.SPREAD == {"trademark_flow": 0.5, "trademark_stock": 0.8}


def _trademark_rows():
    """Country -> {year: value} of trademark registrations, one dict per panel file."""
    out = []
    for name in (
        "ncses_uspto_trademark_registrations_by_holder_1998_2022.csv",
        "ncses_euipo_trademark_registrations_by_holder_1998_2018.csv",
    ):
        rows = {}
        with open(REPO / "data" / "panels" / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["region"].startswith("country_"):
                    rows.setdefault(r["region"], {})[int(r["year"])] = float(r["value"])
        out += [rows[k] for k in sorted(rows)]
    return out


def test_bundled_trademark_flow_prior_matches_a_slow_reference():
    pool = _trademark_rows()
    got = pr.priors()["trademark_flow"]
    # the random walk's: faded 0.95 a year, then both spreads x0.5
    for p, decay, scale in ((got, 1.0, 1.0), (got.walk, pr.TRADEMARK_DECAY, 0.5)):
        m0, tau0, s0 = _slow_prior(pool, decay)
        assert (p.m0, p.tau0, p.s0) == (
            pytest.approx(m0, rel=1e-9),
            pytest.approx(tau0 * scale, rel=1e-9),
            pytest.approx(s0 * scale, rel=1e-9),
        )
