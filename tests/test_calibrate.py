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
