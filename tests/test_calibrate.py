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
    """One series refitted the way ``python -m ipcast.forecast.calibrate`` does (the members that
    borrow nothing from other series) gives the stored rows."""
    s = panel_series("china_provinces")[0]
    models = ("naive", "drift", "theta")
    bt = run_backtest([s], 0, models, calibrate.HORIZONS, 500, 0, first_origin=2011)
    mine = bt.scores[bt.scores["model"].isin(models)].set_index(["model", "origin", "h"])
    stored = table[table["series"] == s.key].set_index(["model", "origin", "h"])
    both = mine.join(stored, rsuffix="_stored", how="inner")
    assert len(both) == len(mine) > 20
    for c in ("center", "spread", "log_y"):
        assert np.allclose(both[c], both[f"{c}_stored"], atol=1e-4)


def test_every_row_is_dated_after_its_origin(table):
    assert (table["target_year"] == table["origin"] + table["h"]).all()
    assert set(table["h"]) == set(range(1, calibrate.HORIZONS + 1))


def test_calibration_as_of_counts_only_known_outcomes(table):
    cal = calibrate.calibration(2015)["patent"]
    rows = table[(table["panel"] == "china_provinces") & (table["target_year"] <= 2015)]
    per_key = rows.groupby(["series", "origin", "h"]).ngroups
    assert cal["n_forecasts"] == per_key
    assert isinstance(pd.Series(cal["z"]).index[0], int)
