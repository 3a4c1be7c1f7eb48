"""One forecast per series: the fan ``forecast`` shows and the briefing draws are the quantiles of
the very paths ``run`` judged the targets on, for every bundled series and every target kind
(a synthetic region supplies the kinds and linked series the bundled plans lack figures for)."""

import numpy as np
import pytest
from conftest import make_history, make_target

from ipcast import api
from ipcast.data.history import combine, cut
from ipcast.data.target_files import bundled_targets
from ipcast.forecast.chain import GRID_YEARS
from ipcast.forecast.report import LEVELS, fan_records
from ipcast.report.brief import fan_data
from ipcast.scenarios.baseline import prepare
from ipcast.scenarios.judge import judge

PATHS, SEED = 300, 5


def _same(run, fan_rows) -> int:
    """Assert the fan equals the run's quantiles at every time both have; return how many."""
    base, n = run.base, 0
    for row in fan_rows:
        hit = np.flatnonzero(np.isclose(base.times, row["time"]))
        if hit.size:
            q = np.quantile(base.values[:, hit[0]], list(LEVELS.values()))
            assert [row[k] for k in LEVELS] == pytest.approx(q, rel=1e-12), run.target.id
            n += 1
    return n


def _future_on_grid(run, first: float = -np.inf) -> int:
    """The run's future times on the forecast grid, from ``first`` (a fan starts after the as-of
    year, however stale the last point)."""
    fc = run.fc
    return sum(
        bool(t > fc.anchor_t + 1e-9 and t >= first - 1e-9 and np.isclose(fc.grid, t).any())
        for t in run.base.times
    )


def _first(fan_rows) -> float:
    return fan_rows[0]["time"] if fan_rows else np.inf


@pytest.mark.parametrize("as_of", [None, 2020])
def test_every_bundled_series_forecast_and_briefing_show_what_run_used(home, as_of):
    history = combine()
    targets = list(bundled_targets())
    runs = prepare(targets, history, PATHS, SEED, as_of)
    fans = {}
    for region in dict.fromkeys(t.region for t in targets):
        for slug in dict.fromkeys(t.indicator for t in targets if t.region == region):
            (fans[(region, slug)],) = api.forecast(
                region, indicator=slug, horizon=GRID_YEARS, paths=PATHS, seed=SEED, as_of=as_of
            )
    compared = 0
    for run in runs:
        fan = fans[(run.target.region, run.target.indicator)]
        if run.base is None:
            assert not fan["fan"] and fan["reason"] == run.reason, run.target.id
            continue
        assert fan["method"] == run.fc.method and fan["chain"] == run.fc.chain
        n = _same(run, fan["fan"])
        # every future time the fan shows
        assert n == _future_on_grid(run, _first(fan["fan"])), run.target.id
        compared += n
    assert compared >= 5

    hist = cut(history, as_of)
    for region in dict.fromkeys(t.region for t in targets):
        mine = [r for r in runs if r.target.region == region and r.simulated]
        recs = [judge(r) for r in mine]
        for slug in dict.fromkeys(r.target.indicator for r in mine):
            sub = [rec for rec in recs if rec["indicator"] == slug]
            data = fan_data(region, slug, sub, hist, PATHS, SEED, as_of, "zh")
            run = next(r for r in mine if r.target.indicator == slug)
            if data is not None:
                drawn = [f for f in data["fan"] if "time" in f]  # [0] is the last figure
                assert _same(run, drawn) == min(len(drawn), _future_on_grid(run))


def _synthetic():
    rows = [
        ("dazhou", "invention_grants", str(y), "year", 1000.0 * 1.1 ** (y - 2010), "件")
        for y in range(2010, 2024)
    ]
    rows += [
        ("dazhou", "effective_invention_patents", "2023-12-31", "asof", 9000.0, "件"),
        ("dazhou", "population", "2023-12-31", "asof", 540.0, "万人"),
        ("dazhou", "trademark_registrations", "2022", "year", 8000.0, "件"),
        ("dazhou", "trademark_registrations", "2023", "year", 8800.0, "件"),
    ]
    rows += [
        ("dazhou", "patent_licences", str(y), "year", 50.0 + 5 * (y - 2019), "次")
        for y in range(2019, 2024)
    ]
    targets = [
        make_target("invention_grants", "level", "2026", 2900),
        make_target("invention_grants", "cumulative", "2024/2026", 8000),
        make_target("invention_grants", "average", "2024/2026", 2700),
        make_target("invention_grants", "growth", "2024/2027", 8),
        make_target("invention_grants", "each_year", ["2025", "2026"], [2800, 3000]),
        make_target("effective_invention_patents", "stock", "2026", 15000),
        make_target("invention_per_10k", "ratio", "2027", 30, unit="件/万人"),
        make_target("trademark_registrations", "level", "2026", 10000),
        make_target("patent_licences", "level", "2026", 80, unit="次"),
    ]
    return make_history(rows), targets


def test_every_target_kind_and_linked_series_share_one_forecast():
    history, targets = _synthetic()
    runs = prepare(targets, history, PATHS, SEED, 2023)
    kinds, steps = set(), set()
    for run in runs:
        assert run.base is not None, (run.target.id, run.reason)
        (fan,) = fan_records(
            history, "dazhou", [run.target.indicator], GRID_YEARS, PATHS, SEED, 2023
        )
        assert fan["method"] == run.fc.method
        assert _same(run, fan["fan"]) == _future_on_grid(run, _first(fan["fan"])) > 0
        kinds.add(run.target.kind)
        steps.add(next(s["step"] for s in run.fc.chain if s["used"]))
    assert kinds == {"level", "cumulative", "average", "growth", "each_year", "stock", "ratio"}
    assert steps == {
        "calibrated ensemble",
        "stock from flows",
        "ratio from stock and population",
        "pooled random walk",
        "own points only",
    }
