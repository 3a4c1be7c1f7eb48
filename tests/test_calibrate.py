"""The bundled backtest error table is what its documented command builds, and calibration as of
a year uses only the rows known by then."""

import numpy as np
import pandas as pd
import pytest

from ipcast.forecast import calibrate
from ipcast.forecast.backtest import run_backtest
from ipcast.forecast.panels import panel_series


@pytest.fixture(scope="module")
def table():
    df = calibrate.errors()
    if df.empty:
        pytest.skip("no backtest error table bundled")
    return df


def test_bundled_rows_are_reproduced_by_the_documented_build(table):
    """One series refitted the way ``python -m ipcast.forecast.calibrate`` does gives the stored
    rows of the members that borrow nothing from other series (``pooled`` does; it is fitted
    here only so that the random stream is drawn in the same order)."""
    s = panel_series("china_provinces")[0]
    models = ("naive", "drift")
    bt = run_backtest([s], 0, calibrate.MEMBERS, calibrate.HORIZONS, 500, 0, first_origin=2011)
    mine = bt.scores[bt.scores["model"].isin(models)].set_index(["model", "origin", "h"])
    stored = table[table["series"] == s.key].set_index(["model", "origin", "h"])
    both = mine.join(stored.add_suffix("_stored"), how="inner")
    assert len(both) == len(mine) > 20
    assert np.allclose(both["log_y"], both["log_y_stored"], atol=1e-4)
    # Theta's centre and spread are quantiles of its paths, whose stream also depends on the
    # draws ``pooled`` (with its panel prior) took before it; naive and drift must match exactly.
    exact = both.loc[["naive", "drift"]]
    for c in ("center", "spread"):
        assert np.allclose(exact[c], exact[f"{c}_stored"], atol=1e-4)


def test_every_row_is_dated_after_its_origin(table):
    assert (table["target_year"] == table["origin"] + table["h"]).all()
    assert set(table["h"]) == set(range(1, calibrate.HORIZONS + 1))


def test_calibration_as_of_counts_only_known_outcomes(table):
    cal = calibrate.calibration(2015)["patent"]
    rows = table[(table["panel"] == "china_provinces") & (table["target_year"] <= 2015)]
    per_key = rows.groupby(["series", "origin", "h"]).ngroups
    assert cal["n_forecasts"] == per_key
    assert isinstance(pd.Series(cal["z"]).index[0], int)


def _slow_calibration(as_of, skip_region):
    """The calibration as learned before the forecasts were combined once for every year and
    region left out: filter the error table, then combine and calibrate what is left."""
    from ipcast.forecast import damping
    from ipcast.forecast.ensemble_backtest import final_calibration

    df = calibrate.errors()
    if as_of is not None:
        df = df[df["target_year"] <= as_of]
    if skip_region is not None:
        df = df[df["region"] != skip_region]
    out = {}
    for family in list(calibrate.FAMILY_PANELS) + list(calibrate.POOLED_FAMILIES):
        rows = calibrate._family_rows(df, family)
        if rows.empty:
            continue
        cal = final_calibration(
            rows, members=calibrate.MEMBERS, choose=False, common_shock=True, damping=damping.PHI
        )
        panels = sorted(rows["panel"].unique())
        known = f" up to {as_of}" if as_of is not None else ""
        left_out = f", {skip_region}'s own series left out" if skip_region is not None else ""
        cal["source"] = (
            f"members chosen and errors calibrated on rolling backtests of {', '.join(panels)}"
            f" (outcomes{known}: {cal['n_forecasts']} forecasts{left_out})"
        )
        out[family] = cal
    return out


@pytest.mark.parametrize(
    ("as_of", "skip_region"),
    [
        (None, None),
        (None, "sichuan"),
        (2004, "country_deu"),  # trademark outcomes only: no patent family yet
        (2012, "beijing"),  # the first provincial outcomes
        (2015, "xizang"),
        (2019, "guangdong"),
        (2022, "country_usa"),
    ],
)
def test_leaving_a_region_out_equals_calibrating_without_it(table, as_of, skip_region):
    """The calibration from the forecasts combined once is, bit for bit, the calibration of the
    error table filtered first (a forecast's combination depends on its own rows only)."""
    import pickle

    fast = calibrate._learn_calibration(as_of, skip_region)
    slow = _slow_calibration(as_of, skip_region)
    assert fast == slow
    assert pickle.dumps(fast) == pickle.dumps(slow)
    if as_of is not None and skip_region is not None:
        assert fast != calibrate._learn_calibration(as_of, None)  # the region did count
