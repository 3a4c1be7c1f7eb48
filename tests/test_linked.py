"""Stocks from flows and lapses; ratios from stocks and population."""

import numpy as np
import pytest
from conftest import make_history

from ipcast.forecast import linked
from ipcast.forecast.chain import NO_HISTORY, forecast_series
from ipcast.forecast.learned import Learned, provider
from ipcast.forecast.linked import lapse_estimates, lapse_rate
from ipcast.forecast.rwdrift import Prior

STILL = Prior(m0=0.0, tau0=1e-9, s0=1e-9, nu0=1e9, source="no change, for the test")


_history = make_history


def test_lapse_estimate_by_hand():
    h = _history(
        [
            ("x", "effective_invention_patents", "2020", "asof", 1000.0, "件"),
            ("x", "effective_invention_patents", "2021", "asof", 1100.0, "件"),
            ("x", "invention_grants", "2021", "year", 150.0, "件"),
        ]
    )
    # 1 - (1100 - 150) / 1000 = 0.05
    assert lapse_estimates(h, "effective_invention_patents", "invention_grants") == [
        pytest.approx(0.05)
    ]


def test_bundled_lapse_rate_comes_from_national_data():
    rate, why = lapse_rate("effective_invention_patents")
    assert 0.02 < rate < 0.08 and "estimated" in why


def test_stock_built_from_flat_flows(monkeypatch):
    learned = Learned({"patent_flow": STILL, "patent_stock": STILL}, {})
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a, **k: (0.1, "test"))
    h = _history(
        [("x", "effective_invention_patents", "2020", "asof", 1000.0, "件")]
        + [("x", "invention_grants", str(y), "year", 200.0, "件") for y in (2018, 2019, 2020)]
    )
    fc = forecast_series(h, "x", "effective_invention_patents", 500, 0, learned)
    assert fc.chain[0] == {"step": "stock from flows", "used": True, "reason": ""}
    paths = fc.at([2022.0, 2023.0])
    # End-2021: 1000 * 0.9 + 200 = 1100; end-2022: 1100 * 0.9 + 200 = 1190.
    assert paths[:, 0] == pytest.approx(np.full(500, 1100.0), rel=1e-6)
    assert paths[:, 1] == pytest.approx(np.full(500, 1190.0), rel=1e-6)
    assert "lapse 0.100" in fc.method
    # Two flow points are too few: the stock falls back on its own point and says why.
    short = h[~h["period"].eq("2018")]
    fc = forecast_series(short, "x", "effective_invention_patents", 50, 0, learned)
    assert fc.chain[0]["reason"] == "2 point(s) of invention_grants; needs 3"
    assert [s["step"] for s in fc.chain if s["used"]] == ["pooled random walk"]


def test_ratio_from_stock_and_population(monkeypatch):
    learned = Learned({"patent_stock": STILL}, {})
    monkeypatch.setattr(linked, "POPULATION_PRIOR", STILL)
    h = _history(
        [
            ("x", "effective_invention_patents", "2023", "asof", 3000.0, "件"),
            ("x", "population", "2023", "asof", 60.0, "万人"),
        ]
    )
    fc = forecast_series(h, "x", "invention_per_10k", 200, 0, learned)
    assert fc.at([2025.0])[:, 0] == pytest.approx(np.full(200, 3000 / 600000 * 1e4), rel=1e-6)
    assert [s["step"] for s in fc.chain if s["used"]] == ["ratio from stock and population"]
    other = forecast_series(h, "x", "effective_trademarks", 10, 0, learned)
    assert other.chain[1] == {
        "step": "ratio from stock and population",
        "used": False,
        "reason": "not a per-10k ratio",
    }


# Flows growing exactly 10 % a year: a prior that pins the drift at log(1.1) and the volatility
# at nearly zero, so stocks built on the flows can be worked by hand.
GROW = Prior(m0=np.log(1.1), tau0=1e-9, s0=1e-9, nu0=1e9, source="10 % a year, for the test")


class _AllGrow(dict):
    def get(self, key, default=None):
        return GROW


GROWING = Learned(_AllGrow(), {})


def _grow_history(stock_rows, flow="invention_grants"):
    flows = [("x", flow, str(y), "year", v, "件") for y, v in ((2018, 100.0), (2019, 110.0))]
    return _history(stock_rows + flows + [("x", flow, "2020", "year", 121.0, "件")])


def _stock(h, stock, n=4, learned=GROWING):
    return forecast_series(h, "x", stock, n, 0, learned)


def _used(fc) -> list[str]:
    return [s["step"] for s in fc.chain if s["used"]]


def test_stock_from_growing_flows_by_hand(monkeypatch):
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a, **k: (0.1, "test"))
    h = _grow_history([("x", "effective_invention_patents", "2020", "asof", 1000.0, "件")])
    fc = _stock(h, "effective_invention_patents")
    assert _used(fc) == ["stock from flows"]
    # flows 133.1 in 2021 and 146.41 in 2022; each year-end: S = 0.9 S_prev + G
    end21 = 1000 * 0.9 + 133.1
    end22 = end21 * 0.9 + 146.41
    paths = fc.at([2022.0, 2022.5, 2023.0])
    assert paths[0] == pytest.approx([end21, np.sqrt(end21 * end22), end22], rel=1e-9)
    assert fc.n_points == 4  # one stock point and three flow points


def test_a_mid_year_stock_takes_half_a_years_flow_and_lapse(monkeypatch):
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a, **k: (0.1, "test"))
    h = _grow_history([("x", "effective_invention_patents", "2021-06", "asof", 1000.0, "件")])
    fc = _stock(h, "effective_invention_patents")
    assert fc.at([2021.5, 2022.0])[0] == pytest.approx(
        [1000.0, 1000 * 0.9**0.5 + 0.5 * 133.1], rel=1e-9
    )


def test_a_zero_lapse_stock_adds_its_flows():
    h = _grow_history(
        [("x", "copyright_registrations_total", "2020", "asof", 1000.0, "件")],
        flow="copyright_registrations",
    )
    fc = _stock(h, "copyright_registrations_total")
    assert fc.at([2023.0])[:, 0] == pytest.approx([1000 + 133.1 + 146.41] * 4, rel=1e-9)
    assert "lapse 0.000" in fc.method


def test_no_stock_without_enough_to_build_on():
    h = _grow_history([("x", "effective_invention_patents", "2020", "asof", 1000.0, "件")])
    assert _stock(h, "invention_grants").chain[0]["reason"] == "not a stock fed by a flow"
    two = h[h["period"] != "2018"]  # two flow points are too few
    assert _stock(two, "effective_invention_patents").chain[0] == {
        "step": "stock from flows",
        "used": False,
        "reason": "2 point(s) of invention_grants; needs 3",
    }
    no_stock = h[h["indicator"] != "effective_invention_patents"]
    fc = _stock(no_stock, "effective_invention_patents")
    assert fc.chain[0]["reason"] == "no figure of the stock to build on" and not fc.ok


PLEDGED = ((2021, 0.52), (2022, 0.8), (2023, 1.1))


def test_a_total_to_date_without_its_own_figure_says_its_flow_could_count_the_plans_years():
    """A planner with yearly pledge amounts and a 累计 target read as the total to date is told
    what to import, or how to make it the sum of the plan's years; with no flow either, the
    plain reason stays."""
    h = _history([("x", "pledge_financing", str(y), "year", v, "亿元") for y, v in PLEDGED])
    fc = _stock(h, "pledge_financing_total")
    assert not fc.ok
    assert fc.reason == (
        "no figure of pledge_financing_total (a total to date) to build on, though "
        "pledge_financing has 3 yearly point(s): import the total at one year end (2025年末), "
        "or, if the plan counts the sum of its years, make the target cumulative over "
        "pledge_financing (in a plan table: the name with its span, 累计（2026-2030年）)"
    )
    assert _stock(h, "copyright_registrations_total").reason == NO_HISTORY
    assert _stock(h, "pledge_financing").ok  # the flow itself is forecast as before


def test_assumed_lapse_rates_are_used_as_stated():
    assert lapse_rate("effective_trademarks")[0] == 0.05
    for stock in ("madrid_stock", "copyright_registrations_total", "pledge_financing_total"):
        assert lapse_rate(stock)[0] == 0.0
    assert lapse_rate("geographical_indications") == (0.0, "GIs are rarely revoked")


def test_bundled_lapse_rate_is_the_mean_of_six_national_years():
    # 1 - (S_t - G_t) / S_(t-1) from the bundled yearbook figures (stocks in force at year end,
    # invention grants of the year), China total and domestic, 2019, 2021 and 2022.
    by_hand = [
        1 - (2670784 - 453000) / 2366314,
        1 - (3596901 - 695946) / 3057844,
        1 - (4212188 - 798347) / 3596901,
        1 - (1926122 - 361000) / 1662269,
        1 - (2773287 - 585910) / 2279123,
        1 - (3351453 - 695591) / 2773287,
    ]
    rate, why = lapse_rate("effective_invention_patents")
    assert rate == pytest.approx(sum(by_hand) / 6, rel=1e-12)
    assert why.startswith("estimated 0.051 from 6 year(s)")


def test_lapse_estimates_need_year_ends_of_one_region():
    h = _history(
        [
            ("a", "effective_invention_patents", "2020", "asof", 1000.0, "件"),
            ("a", "effective_invention_patents", "2021-06", "asof", 1050.0, "件"),  # not a year end
            ("a", "effective_invention_patents", "2022", "asof", 1200.0, "件"),
            ("a", "invention_grants", "2021", "year", 100.0, "件"),
            ("a", "invention_grants", "2022", "year", 300.0, "件"),
            ("b", "effective_invention_patents", "2021", "asof", 2000.0, "件"),
            ("b", "invention_grants", "2022", "year", 1.0, "件"),  # no b stock at end-2022
        ]
    )
    assert lapse_estimates(h, "effective_invention_patents", "invention_grants") == []
    h.loc[len(h)] = h.iloc[0].copy()
    h.loc[len(h) - 1, ["period", "value"]] = ["2021", 1100.0]
    got = lapse_estimates(h, "effective_invention_patents", "invention_grants")
    # 2021: 1 - (1100 - 100) / 1000; 2022: 1 - (1200 - 300) / 1100
    assert got == [pytest.approx(0.0), pytest.approx(1 - 900 / 1100)]


def test_ratio_on_a_stock_built_from_flows(monkeypatch):
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a, **k: (0.1, "test"))
    monkeypatch.setattr(linked, "POPULATION_PRIOR", STILL)
    h = _grow_history(
        [
            ("x", "effective_invention_patents", "2020", "asof", 1000.0, "件"),
            ("x", "population", "2020", "asof", 60.0, "万人"),
        ]
    )
    fc = _stock(h, "invention_per_10k", n=3)
    assert _used(fc) == ["ratio from stock and population"]
    assert fc.at([2022.0])[:, 0] == pytest.approx([(900 + 133.1) / 600000 * 1e4] * 3, rel=1e-6)
    no_pop = h[h["indicator"] != "population"]
    assert _stock(no_pop, "invention_per_10k", n=3).chain[1]["reason"] == "no population figures"
    own = _history([("x", "invention_per_10k", "2020", "asof", 5.0, "件/万人")])
    reason = _stock(own, "invention_per_10k", n=3).chain[1]["reason"]
    assert reason == "the ratio has figures of its own"


def test_long_flows_feed_the_stock_through_the_calibrated_ensemble(monkeypatch):
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a, **k: (0.1, "test"))
    flows = [
        ("x", "invention_grants", str(y), "year", 100.0 * 1.1 ** (y - 2013), "件")
        for y in range(2013, 2021)
    ]
    h = _history([("x", "effective_invention_patents", "2020", "asof", 1000.0, "件"), *flows])
    fc = _stock(h, "effective_invention_patents", learned=provider())
    assert "flows by calibrated ensemble" in fc.method


def test_the_population_prior_is_the_stated_judgement():
    p = linked.POPULATION_PRIOR  # drift within about 1 % a year
    assert (p.m0, p.tau0, p.s0, p.nu0) == (0.0, 0.01, 0.01, 4.0)


def test_before_any_year_of_stock_and_grants_the_lapse_is_the_stated_judgement():
    assert lapse_rate("effective_invention_patents", 2000) == (
        0.10,
        "assumed 0.10 (a judgement: no year of stock and grants known by 2000)",
    )


def test_a_stock_adds_the_very_paths_of_its_flows_own_forecast():
    # A zero-lapse stock grows by each year's flow; the flows are the ones `ipcast forecast`
    # shows for the flow (eight points: the calibrated ensemble, whose draws depend on its grid).
    rows = [
        ("x", "copyright_registrations", str(y), "year", 100.0 * 1.1 ** (y - 2013), "件")
        for y in range(2013, 2021)
    ]
    h = _history([*rows, ("x", "copyright_registrations_total", "2020", "asof", 1000.0, "件")])
    learned = provider()
    flow = forecast_series(h, "x", "copyright_registrations", 20, 7, learned)
    stock = forecast_series(h, "x", "copyright_registrations_total", 20, 7, learned)
    s = stock.at([2021.0, 2022.0, 2023.0, 2024.0])
    assert s[:, 0] == pytest.approx([1000.0] * 20)
    assert np.diff(s, axis=1) == pytest.approx(flow.at([2021.0, 2022.0, 2023.0]), rel=1e-12)


def test_a_stock_whose_flows_stop_two_years_earlier_reaches_the_grids_end(monkeypatch):
    # Flows 100, 110, 121 in 2016-2018, growing 10 % a year; the stock at end-2020 is 1000. Year
    # ends 2021 .. 2035 (the grid's fifteen years) need flows to 2035, 17 years after the last.
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a, **k: (0.1, "test"))
    flows = [
        ("x", "invention_grants", str(y), "year", 100.0 * 1.1 ** (y - 2016), "件")
        for y in (2016, 2017, 2018)
    ]
    h = _history([("x", "effective_invention_patents", "2020", "asof", 1000.0, "件"), *flows])
    fc = _stock(h, "effective_invention_patents")
    assert fc.grid[-1] == 2036.0
    level = 1000.0
    for y in range(2021, 2036):
        level = level * 0.9 + 100.0 * 1.1 ** (y - 2016)
    assert fc.at([2022.0])[0, 0] == pytest.approx(1000 * 0.9 + 100 * 1.1**5, rel=1e-9)
    assert fc.at([2036.0])[:, 0] == pytest.approx([level] * 4, rel=1e-7)


def test_a_ratio_starts_from_the_stock_over_the_population_at_the_stocks_date(monkeypatch):
    # Stock 3000 at end-2020; population 50 万人 at end-2019 and 72 at end-2021, so at end-2020
    # (log-linear) sqrt(50 x 72) = 60 万人 = 600,000 residents: 3000 / 600000 x 1e4 = 50 per 10k.
    learned = Learned({"patent_stock": STILL}, {})
    monkeypatch.setattr(linked, "POPULATION_PRIOR", STILL)
    h = _history(
        [
            ("x", "effective_invention_patents", "2020", "asof", 3000.0, "件"),
            ("x", "population", "2019", "asof", 50.0, "万人"),
            ("x", "population", "2021", "asof", 72.0, "万人"),
        ]
    )
    fc = forecast_series(h, "x", "invention_per_10k", 3, 0, learned)
    assert (fc.anchor_t, fc.anchor) == (2021.0, pytest.approx(50.0, rel=1e-12))
    # A stock of none yet (a county's first invention patents still to come) starts the ratio at 0.
    zero = _grow_history(
        [
            ("x", "effective_invention_patents", "2020", "asof", 0.0, "件"),
            ("x", "population", "2020", "asof", 60.0, "万人"),
        ]
    )
    fc = _stock(zero, "invention_per_10k", n=3)
    assert _used(fc) == ["ratio from stock and population"]
    assert (fc.anchor_t, fc.anchor) == (2021.0, 0.0)


# Flows with real spread: a prior whose drift and volatility are uncertain, so every path differs.
NOISY = Prior(m0=np.log(1.1), tau0=0.05, s0=0.1, nu0=5.0, source="10 % a year, noisy, for the test")


class _AllNoisy(dict):
    def get(self, key, default=None):
        return NOISY


def _need_case(route):
    """A stock at end-2020 (1000) fed by invention grants: three points (the random walk) or
    eight (the calibrated ensemble), with the learned inputs that route uses."""
    if route.startswith("random walk"):
        years, learned = range(2018, 2021), Learned(_AllNoisy(), {})
    else:
        years, learned = range(2013, 2021), provider()
    flows = [
        ("x", "invention_grants", str(y), "year", 100.0 * 1.1 ** (y - 2013), "件") for y in years
    ]
    h = _history([("x", "effective_invention_patents", "2020", "asof", 1000.0, "件"), *flows])
    return h, learned


@pytest.mark.parametrize("route", ["random walk, borrowed prior", "calibrated ensemble"])
@pytest.mark.parametrize("need", [2025.0, 2024.5])
def test_a_stock_read_to_a_year_draws_its_flows_that_far_and_no_other_numbers(
    monkeypatch, route, need
):
    # A caller reading the stock no later than `need` (as baseline.prepare does) gets the year
    # ends up to the first at or after it (end-2024, t = 2025), built from the flows' own paths
    # drawn on their whole grid: S_t = 0.9 S_(t-1) + G_(t-1), worked here path by path.
    monkeypatch.setattr(linked, "lapse_rate", lambda s, *a, **k: (0.1, "test"))
    h, learned = _need_case(route)
    n, seed = 50, 3  # 50: not a multiple of the ensemble's four members
    stock = forecast_series(h, "x", "effective_invention_patents", n, seed, learned, need=need)
    assert _used(stock) == ["stock from flows"]
    assert f"flows by {route}" in stock.method
    assert stock.grid.tolist() == [2022.0, 2023.0, 2024.0, 2025.0]
    flow = forecast_series(h, "x", "invention_grants", n, seed, learned)  # the whole grid
    g = flow.at([2021.0, 2022.0, 2023.0, 2024.0])
    assert g.std(axis=0).min() > 0  # the paths do differ
    level, by_hand = np.full(n, 1000.0), []
    for j in range(4):
        level = level * 0.9 + g[:, j]
        by_hand.append(level)
    assert stock.at([2022.0, 2023.0, 2024.0, 2025.0]) == pytest.approx(
        np.column_stack(by_hand), rel=1e-12
    )
    # and the same numbers as the stock drawn on its whole grid, at a time between year ends too
    whole = forecast_series(h, "x", "effective_invention_patents", n, seed, learned)
    times = [2022.0, 2023.0, 2024.5, 2025.0]
    assert np.array_equal(stock.at(times), whole.at(times))


def test_a_ratio_without_population_says_to_import_the_population_not_the_ratio():
    """每万人口发明专利拥有量 with seven effective-invention figures and no population said 'no
    history for this indicator' (import the ratio); the stock is there, the population is what
    is missing. With one population figure the ratio is the stock over it."""
    from ipcast.report.words import reason

    rows = [
        ("x", "effective_invention_patents", str(y), "asof", 230.0 + 55 * i, "件")
        for i, y in enumerate(range(2019, 2026))
    ]
    fc = _stock(_history(rows), "invention_per_10k")
    assert not fc.ok
    assert fc.reason == (
        "no figure of invention_per_10k and no population to derive it from "
        "effective_invention_patents (7 point(s)): import the resident population (常住人口, "
        "万人) at one year end or more, or the ratio's own figures"
    )
    assert reason({"reason": fc.reason, "status": "no_history"}, "zh") == (
        "没有该比率的数字，也没有常住人口数据，无法由存量（7个数据点）换算：请导入常住人口"
        "（万人，至少一个年末数），或该比率本身的数字"
    )
    # no stock either: nothing to derive from, the plain reason stays
    grants = _history([("x", "invention_grants", "2025", "year", 50.0, "件")])
    assert _stock(grants, "invention_per_10k").reason == NO_HISTORY
    pop = rows + [("x", "population", "2025", "asof", 95.3, "万人")]
    assert _stock(_history(pop), "invention_per_10k").ok


def test_a_series_with_a_zero_is_not_forecast_on_the_log_scale():
    """A flow of 0 in one year cannot be read on the log scale: the forecast says so rather than
    drawing from log(0); a small positive figure in its place is read."""
    from ipcast.forecast.chain import NOT_POSITIVE

    rows = [
        ("x", "trademark_registrations", str(y), "year", v, "件")
        for y, v in zip(range(2019, 2025), [10.0, 0.0, 12.0, 13.0, 15.0, 16.0], strict=True)
    ]
    fc = _stock(make_history(rows), "trademark_registrations")
    assert (fc.ok, fc.reason) == (False, NOT_POSITIVE)
    rows[1] = ("x", "trademark_registrations", "2020", "year", 0.5, "件")
    assert _stock(make_history(rows), "trademark_registrations").ok
