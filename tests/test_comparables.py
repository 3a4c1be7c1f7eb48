"""Borrowing from a region's own province: the machinery (off by default, measured worse than the
all-province prior: benchmarks/bench_province_prior.py), and the default that stays."""

import numpy as np
import pandas as pd
import pytest

from ipcast.data.catalog import data_path
from ipcast.forecast.comparables import comparable_prior, own_province
from ipcast.forecast.learned import provider


@pytest.fixture
def own_province_on(monkeypatch):
    monkeypatch.setattr("ipcast.forecast.comparables.PREFER_OWN_PROVINCE", True)


FLOWS = ["patent_grants", "invention_grants", "patent_applications", "invention_applications"]


def _reference(province: str, as_of: int | None) -> tuple[float, float, int]:
    """Slow reference: the province's rows of both panel files (the S&T yearbook wins where they
    overlap), each indicator's yearly log changes over consecutive positive years (3 or more),
    and the medians of their means and standard deviations."""
    frames = []
    for name in (
        "china_nbs_provincial_domestic_patent_grants_2007_2016.csv",
        "china_sti_yearbook_provincial_domestic_patents_2010_2023.csv",
    ):
        with data_path(f"panels/{name}").open("r", encoding="utf-8") as f:
            frames.append(pd.read_csv(f))
    df = pd.concat(frames).drop_duplicates(["region", "indicator", "year"], keep="last")
    df = df[(df["region"] == province) & df["indicator"].isin(FLOWS)]
    if as_of is not None:
        df = df[df["year"] <= as_of]
    means, sds = [], []
    for _, g in df.groupby("indicator"):
        g = g[g["value"] > 0].sort_values("year")
        d = np.diff(np.log(g["value"].to_numpy(float)))[np.diff(g["year"].to_numpy()) == 1]
        if len(d) >= 3:
            means.append(d.mean())
            sds.append(d.std(ddof=1))
    return float(np.median(means)), float(np.median(sds)), len(means)


@pytest.mark.parametrize(
    "region, province",
    [("guanghan", "sichuan"), ("510722", "sichuan"), ("rongchang", "chongqing"), ("sichuan", None)],
)
def test_own_province(region, province):
    assert own_province(region) == province


def test_a_sichuan_county_borrows_from_sichuan(own_province_on):
    learned = provider()
    base = learned.priors["patent_flow"]
    prior = comparable_prior(learned.priors, "patent_flow", "510722")  # 三台县
    m0, s0, n = _reference("sichuan", None)
    assert n == 4
    assert prior.m0 == pytest.approx(m0, abs=1e-12)
    assert prior.s0 == pytest.approx(s0, abs=1e-12)
    assert (round(prior.m0, 4), round(prior.s0, 4)) == (0.1474, 0.1732)
    assert round(base.m0, 4) == 0.1644  # the 31 provinces' median: Sichuan grew more slowly
    assert prior.tau0 == base.tau0 and prior.nu0 == base.nu0
    assert prior.source.startswith("its province 四川省 (Sichuan), domestic patents 2007-2023")
    assert "增长与波动借自四川省 2007-2023" in prior.source


def test_only_what_was_known_by_the_as_of_year(own_province_on):
    prior = comparable_prior(provider(2012, "guanghan").priors, "patent_flow", "guanghan")
    m0, s0, n = _reference("sichuan", 2012)
    assert n == 2  # 2007-2012 grants (NBS); applications start in 2010: only two changes
    assert prior.m0 == pytest.approx(m0, abs=1e-12)
    assert prior.s0 == pytest.approx(s0, abs=1e-12)
    assert "2007-2012" in prior.source
    assert comparable_prior(provider(2008).priors, "patent_flow", "guanghan") is None  # nothing yet


def test_the_family_prior_where_no_province_panel_fits(own_province_on):
    learned = provider()
    base = learned.priors["patent_flow"]
    assert comparable_prior(learned.priors, "patent_flow", "sichuan") is base  # a province itself
    assert (
        comparable_prior(learned.priors, "patent_flow", "810000") is base
    )  # 香港: not in the panel
    assert (
        comparable_prior(learned.priors, "trademark_flow", "guanghan")
        is learned.priors["trademark_flow"]
    )
    assert comparable_prior(learned.priors, "", "guanghan") is None
    # a Learned made by hand (a test's fixed prior) has no province keys: its prior is used
    assert comparable_prior({"patent_flow": base}, "patent_flow", "guanghan") is base


def test_the_forecast_says_what_it_borrowed(own_province_on):
    from ipcast import api

    (rec,) = api.forecast("chengdu", indicator="invention_grants", paths=300)
    assert rec["method"] == "random walk, borrowed prior"
    assert "its province 四川省 (Sichuan)" in rec["borrowed"]


def test_by_default_every_series_borrows_its_family_prior():
    from ipcast import api

    learned = provider()
    assert not any("@" in k for k in learned.priors)
    assert (
        comparable_prior(learned.priors, "patent_flow", "guanghan") is learned.priors["patent_flow"]
    )
    (rec,) = api.forecast("chengdu", indicator="invention_grants", paths=300)
    assert "Chinese provincial domestic patents 2007-2023" in rec["borrowed"]
    assert "(124 series)" in rec["borrowed"]


def test_the_briefing_says_it_in_chinese(own_province_on):
    from ipcast.report.words import borrowed

    learned = provider()
    prior = comparable_prior(learned.priors, "patent_flow", "guanghan")
    text = f"growth and volatility entirely from: {prior.source}"
    assert borrowed(text, "zh") == (
        "增长与波动全部借自四川省 2007-2023的国内专利序列（国家统计局、科技统计年鉴）"
    )
    # the calibrated ensemble appends its calibration's source: not part of what was borrowed
    ensemble = f"growth and volatility partly from: {prior.source}; members chosen and errors"
    assert borrowed(ensemble, "zh") == (
        "增长与波动部分借自四川省 2007-2023的国内专利序列（国家统计局、科技统计年鉴）"
    )


def test_the_chinese_words_for_the_copyright_prior_say_flows_or_stocks_as_it_was_built():
    """Copyright registrations borrow from the patent and trademark flows, a copyright total
    from their stock proxies: the briefing once said 存量 for both."""
    from ipcast.forecast.learned import provider
    from ipcast.report.words import borrowed

    priors = provider().priors
    flow = borrowed("growth and volatility partly from: " + priors["copyright_flow"].source, "zh")
    stock = borrowed("growth and volatility partly from: " + priors["copyright_stock"].source, "zh")
    assert flow == "增长与波动部分借用：无版权序列：以专利与商标年度新增量序列合并代替"
    assert stock == "增长与波动部分借用：无版权序列：以专利与商标存量序列合并代替"
