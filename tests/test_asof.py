"""Nothing learned "as of" a year looks past it: a shock planted after the year moves nothing."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from conftest import clear_learned, make_history, make_target

from ipcast.data.catalog import bundled_history
from ipcast.data.periods import parse_period
from ipcast.forecast import calibrate, linked
from ipcast.forecast import priors as priors_mod
from ipcast.scenarios import engine
from ipcast.scenarios.engine import assess

Y = 2016
SHOCK = 5.0


def _shock_panel(read):
    def shocked(name):
        df = read(name)
        df.loc[df["year"] > Y, "value"] *= SHOCK
        return df

    return shocked


def _shock_history(h: pd.DataFrame) -> pd.DataFrame:
    h = h.copy()
    later = h["period"].map(lambda p: parse_period(p).end > Y + 1 + 1e-9)
    h.loc[later, "value"] = h.loc[later, "value"] * SHOCK
    return h


def _shock_errors(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df.loc[df["target_year"] > Y, "log_y"] += np.log(SHOCK)
    return df


def _clear():
    clear_learned()


@pytest.fixture
def planted(monkeypatch):
    """Returns a function that plants the shock in every panel, table and history learned from."""
    monkeypatch.setenv("IPCAST_NO_CACHE", "1")
    _clear()
    panel, errors, hist = priors_mod._panel, calibrate.errors(), bundled_history()

    def plant():
        monkeypatch.setattr(priors_mod, "_panel", _shock_panel(panel))
        monkeypatch.setattr(calibrate, "errors", lambda: _shock_errors(errors))
        monkeypatch.setattr(priors_mod, "bundled_history", lambda: _shock_history(hist))
        monkeypatch.setattr(linked, "bundled_history", lambda: _shock_history(hist))
        _clear()

    yield plant
    _clear()


def test_priors_as_of_a_year_ignore_later_panel_data(planted):
    before, full = priors_mod.priors(Y), priors_mod.priors()
    planted()
    assert priors_mod.priors(Y) == before
    # The shock is real: learned from everything, the priors move.
    assert priors_mod.priors()["patent_flow"] != full["patent_flow"]
    assert priors_mod.priors()["pledge_flow"].m0 != full["pledge_flow"].m0


def test_calibration_as_of_a_year_ignores_later_outcomes(planted):
    if calibrate.errors().empty:
        pytest.skip("no backtest error table bundled")
    before, full = calibrate.calibration(Y), calibrate.calibration()
    planted()
    assert calibrate.calibration(Y) == before
    assert calibrate.calibration()["patent"]["z"] != full["patent"]["z"]


def test_calibration_leaves_the_scored_region_out():
    if calibrate.errors().empty:
        pytest.skip("no backtest error table bundled")
    region = calibrate.errors()["region"].iloc[0]
    with_it = calibrate.calibration(Y)["patent"]["n_forecasts"]
    without = calibrate.calibration(Y, region)["patent"]["n_forecasts"]
    assert 0 < without < with_it


def test_lapse_rate_as_of_a_year_ignores_later_stocks(planted):
    before = linked.lapse_rate("effective_invention_patents", Y)
    planted()
    assert linked.lapse_rate("effective_invention_patents", Y) == before


def test_pledge_half_year_share_unknown_before_it_was_measured():
    assert engine.h1_share("pledge", None)[0] == pytest.approx(0.35)
    assert engine.h1_share("pledge", 2020)[0] == pytest.approx(0.5)
    assert engine.h1_share("pledge", 2021)[0] == pytest.approx(0.35)


def _history(factor: float):
    values = 1000 * 1.1 ** np.arange(10)
    rows = [
        (
            "dazhou",
            "patent_grants",
            str(2010 + i),
            "year",
            v * (factor if 2010 + i > Y else 1),
            "件",
        )
        for i, v in enumerate(values)
    ]
    rows += [("dazhou", "invention_grants", str(Y), "year", 300.0, "件")]
    return make_history(rows)


def test_a_run_as_of_a_year_does_not_move_when_later_data_change(planted):
    targets = [
        make_target("patent_grants", "level", "2019", 2300),
        make_target("invention_grants", "level", "2019", 400),
    ]
    kw = dict(n_paths=2000, seed=3, as_of=Y, today=date(2026, 6, 1))
    before = assess(targets, _history(1.0), **kw)
    planted()
    after = assess(targets, _history(SHOCK), **kw)
    for b, a in zip(before, after, strict=True):
        assert a["p_hit"] == b["p_hit"]
        assert a["method"] == b["method"]
    assert 0 < before[0]["p_hit"] < 1  # a real forecast, not a settled target
