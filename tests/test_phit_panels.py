"""``benchmarks/bench_phit.py --panel NAME``: the provincial hindcast on another real panel. Each
series is forecast as ``ipcast run`` would forecast it (the borrow family its indicator has in
the catalog, the scored country left out of what is learned), targets are set from the panel's
second year, and the choice tools stay on the provincial panel."""

import importlib.util
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from ipcast.forecast import phit
from ipcast.forecast.chain import forecast_series
from ipcast.forecast.learned import provider
from ipcast.forecast.panels import panel_series

ORIGIN = 2016


def _bench():
    spec = importlib.util.spec_from_file_location("bench_phit", REPO / "benchmarks/bench_phit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _one(panel, region):
    return next(s for s in panel_series(panel) if s.region == region)


@pytest.mark.parametrize(
    ("panel", "borrow"),
    [
        ("china_provinces", "patent_flow"),
        ("wipo_patents", "patent_flow"),
        ("pct_applications", "patent_flow"),
        ("uspto_patents", "patent_flow"),
        ("patent_families", "patent_flow"),
        ("uspto_trademarks", "trademark_flow"),
        ("euipo_trademarks", "trademark_flow"),
    ],
)
def test_each_panel_borrows_its_indicators_family(panel, borrow):
    bench = _bench()
    assert {bench._borrow(s) for s in panel_series(panel)} == {borrow}
    assert {bench._family(s) for s in panel_series(panel)} == {borrow.split("_")[0]}


@pytest.mark.parametrize(
    ("panel", "first", "last"),
    [
        ("china_provinces", 2008, 2022),
        ("euipo_trademarks", 1999, 2017),
        ("wipo_patents", 1996, 2023),
    ],
)
def test_targets_are_set_from_the_panels_second_year(panel, first, last):
    assert _bench().target_origins(panel_series(panel)) == list(range(first, last + 1))


def test_the_hindcast_forecast_is_the_one_ipcast_run_makes():
    """A country's EUIPO trademarks as of 2016: the benchmark's paths are the chain's with the
    catalog's borrow (``trademark_flow``, no override) and the country left out; the patent
    family's inputs would give others."""
    bench = _bench()
    s = _one("euipo_trademarks", "country_deu")
    keep = s.years <= ORIGIN
    paths = bench._ipcast(s, s.years[keep], s.values[keep], ORIGIN, 200, 3)
    obs = bench._observed(s, s.years[keep], s.values[keep])
    learned = provider(ORIGIN, s.region)
    fc = forecast_series(None, s.region, s.indicator, 200, 3, learned, obs=obs)
    times = [float(ORIGIN + h) for h in range(1, phit.HORIZONS + 1)]
    np.testing.assert_array_equal(paths, fc.at(times))
    assert "trademark" in fc.borrowed
    patent = forecast_series(
        None, s.region, s.indicator, 200, 3, learned, obs=obs, borrow="patent_flow"
    )
    assert not np.array_equal(paths, patent.at(times))


def test_one_trademark_series_gets_every_method_on_every_known_target():
    """EUIPO ends in 2018: as of 2016 two horizons are known, 5 kinds x 7 ambitions x 2 = 70
    targets for each method; an origin before ``FIRST_ORIGIN`` only sets targets (at 2010 all
    five horizons are known: 5 x 7 x 5 = 175)."""
    bench = _bench()
    s = _one("euipo_trademarks", "country_fra")
    series = list(panel_series("euipo_trademarks"))
    frames = bench.one_series(s, series, [2010, ORIGIN], 100, 0, with_prophet=False)
    counts = {(f["method"].iloc[0], int(f["origin"].iloc[0])): len(f) for f in frames}
    methods = ["ipcast", "ipcast_before", "ipcast_1pt", "ipcast_2pt", "ipcast_3pt", "naive_pooled"]
    assert counts == {("targets", 2010): 175, ("targets", ORIGIN): 70} | {
        (m, ORIGIN): 70 for m in methods
    }
    for f in frames[2:]:
        assert f["p"].between(0, 1).all()
        assert (f["hit"] == frames[1]["hit"].to_numpy()).all()


def test_run_hands_the_panels_series_and_origins_to_the_hindcast(monkeypatch):
    """``run(..., panel=)`` scores every ``every``-th country of that panel (all its series) at
    every target origin, against the whole panel; what each series gets is tested above."""
    bench, calls = _bench(), []

    def record(s, others, origins, n_paths, seed, with_prophet):
        calls.append((s.key, len(others), origins[0], origins[-1], with_prophet))
        return [pd.DataFrame({"series": [s.key]})]

    monkeypatch.setattr(bench, "one_series", record)
    df = bench.run(2, 50, 0, 3, 1, panel="wipo_patents")
    regions = sorted({s.region for s in panel_series("wipo_patents")})
    kept = {s.key for s in panel_series("wipo_patents") if s.region in regions[::2]}
    assert {c[0] for c in calls} == kept == set(df["series"])
    assert {c[1:4] for c in calls} == {(218, 1996, 2023)}
    # Prophet on every third country of the panel, counted over all of them: here every sixth
    prophet = {s.key for s in panel_series("wipo_patents") if s.region in regions[::6]}
    assert {c[0] for c in calls if c[4]} == prophet and prophet


def test_prophet_runs_on_whole_provinces():
    """On the provincial panel Prophet gets every other province with all four of its series
    (a stride over the series kept the two application series alone)."""
    bench, calls = _bench(), []
    series = panel_series("china_provinces")
    bench.one_series = lambda s, *a: (
        calls.append((s.region, s.indicator, a[-1])) or [pd.DataFrame({"series": [s.key]})]
    )
    bench.run(1, 50, 0, 2, 1)
    regions = sorted({s.region for s in series})
    with_prophet = [(r, i) for r, i, p in calls if p]
    assert len(calls) == 124 and len(with_prophet) == 16 * 4  # provinces 0, 2, .., 30
    assert {r for r, _ in with_prophet} == set(regions[::2])
    assert {i for _, i in with_prophet} == {s.indicator for s in series}


def test_the_rule_before_gets_its_own_calibration():
    """``ipcast_before``: the forecast with the calibration rule before #14 (it crashed while
    the per-indicator argument ``cal`` wrapped it a second time)."""
    bench = _bench()
    s = next(x for x in panel_series("china_provinces") if x.key.endswith("anhui:patent_grants"))
    keep = s.years <= ORIGIN
    paths = bench._ipcast(s, s.years[keep], s.values[keep], ORIGIN, 100, 0, before=True)
    learned = provider(ORIGIN, s.region)
    cal = bench._before_calibration(ORIGIN, s.region)
    old = bench.Learned(learned.priors, cal, ORIGIN, s.region)
    obs = bench._observed(s, s.years[keep], s.values[keep])
    fc = forecast_series(None, s.region, s.indicator, 100, 0, old, obs=obs)
    assert "before #14" in fc.borrowed
    times = [float(ORIGIN + h) for h in range(1, phit.HORIZONS + 1)]
    np.testing.assert_array_equal(paths, fc.at(times))


def test_same_targets_keeps_what_both_methods_forecast():
    """Prophet on series a only: ipcast's rows of series b leave the comparison, and a target
    one method lacks on a shared series leaves it too."""
    bench = _bench()
    key = {"origin": 2016, "kind": "level", "ambition": 0.1}
    rows = pd.DataFrame(
        [
            {**key, "series": "a", "h": 1, "method": "ipcast"},
            {**key, "series": "a", "h": 1, "method": "prophet"},
            {**key, "series": "a", "h": 2, "method": "ipcast"},
            {**key, "series": "b", "h": 1, "method": "ipcast"},
            {**key, "series": "a", "h": 1, "method": "naive_pooled"},
        ]
    )
    both = bench.same_targets(rows, ["ipcast", "prophet"])
    assert both.index.tolist() == [0, 1]


def test_prophet_is_fitted_on_the_past_only_and_seeded():
    """The same Anhui series with every value after the origin multiplied by ten: Prophet's p
    is unchanged (its outcomes are not), and equal to what ``_prophet`` gives on the points up
    to the origin; another seed gives other p."""
    bench = _bench()
    s = _one("china_provinces", "anhui")
    later = s.years > ORIGIN
    moved = type(s)(s.panel, s.region, s.indicator, s.years, np.where(later, 10, 1) * s.values)
    series = list(panel_series("china_provinces"))

    def prophet_rows(x, seed):
        frames = bench.one_series(x, series, [ORIGIN], 100, seed, True, with_before=False)
        return next(f for f in frames if f["method"].iloc[0] == "prophet")

    a, b = prophet_rows(s, 0), prophet_rows(moved, 0)
    np.testing.assert_array_equal(a["p"], b["p"])
    assert len(a) == 5 * 7 * 5 and (a["hit"] != b["hit"]).any()
    paths = bench._prophet(s, s.values[~later], ORIGIN, 100, 0)
    p = phit.hit_probabilities(paths, s.values[~later])["level"]
    level = a[a["kind"] == "level"].sort_values(["ambition", "h"])
    np.testing.assert_array_equal(level["p"], p.ravel())
    assert not np.array_equal(prophet_rows(s, 1)["p"], a["p"])


@pytest.mark.parametrize("tool", [["--band-chance"], ["--se-seeds", "2"]])
def test_the_choice_tools_refuse_another_panel(monkeypatch, tool, capsys):
    bench = _bench()
    monkeypatch.setattr(sys, "argv", ["bench_phit.py", "--panel", "uspto_trademarks", *tool])
    with pytest.raises(SystemExit) as e:
        bench.main()
    assert e.value.code == 2
    assert "china_provinces only" in capsys.readouterr().err


def test_item3_says_not_met_where_no_outcome_is_known_that_far_ahead():
    """EUIPO's one held-out origin (2017, data to 2018) resolves horizon 1 only: the h4-5
    condition is not met (nothing measured), and the others are scored on what there is."""
    bench = _bench()
    rows = pd.DataFrame(
        {
            "method": "ipcast",
            "series": ["a", "b", "c", "d"],
            "origin": 2017,
            "h": 1,
            "p": [0.9, 0.8, 0.3, 0.2],
            "hit": [1.0, 1.0, 0.0, 1.0],
            "p_base": 0.5,
            "p_class": 0.5,
            "below_median": [0.0, 0.0, 1.0, 0.0],
            "in_80": 1.0,
        }
    )
    brier, _, below, late = bench.item3(rows, "ipcast")
    # (0.01 + 0.04 + 0.09 + 0.64) / 4 = 0.195 against 0.25 for both baselines: 22 % better
    assert brier[1] == "0.1950: +22.0% vs base, +22.0% vs class" and brier[2]
    assert below[1] == "0.25" and not below[2]
    assert late[1] == "below nan nan; coverage nan nan" and late[2] is False
