"""A backtest never learns from the series it scores: with a region left out, a change planted in
that region's own series (its panel values and its rows of the backtest error table) moves none
of the learned inputs; learned with every region, the same change moves them. The region is named
the same way by the priors, the error table and ``--leave-out``: a province, and a country of the
trademark panels (``bench_phit.py --panel uspto_trademarks`` leaves it out of both)."""

import importlib.util

import numpy as np
import pytest
from conftest import REPO, clear_learned
from typer.testing import CliRunner

from ipcast.api.inputs import check_leave_out
from ipcast.cli.app import app
from ipcast.data.errors import InputError
from ipcast.forecast import calibrate, learned
from ipcast.forecast import priors as priors_mod

Y = 2016
REGION = "anhui"
COUNTRY = "country_usa"  # in both trademark panels (USPTO and EUIPO, by holder country)


def _clear():
    clear_learned()


def _bench():
    spec = importlib.util.spec_from_file_location("bench_phit", REPO / "benchmarks/bench_phit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def planted(monkeypatch):
    """Returns a function that changes a region's own series (REGION unless told) in every
    panel: its values grow 30 % a year faster, its backtest outcomes come out 0.2 log points a
    year of horizon higher."""
    if calibrate.errors().empty:
        pytest.skip("no backtest error table bundled")
    monkeypatch.setenv("IPCAST_NO_CACHE", "1")
    _clear()
    panel, errors = priors_mod._panel, calibrate.errors()

    def plant(region=REGION):
        def changed_panel(name):
            df = panel(name)
            mine = df["region"].str.split(":").str[-1] == region
            df["value"] = df["value"].astype(float)
            df.loc[mine, "value"] *= 1.3 ** (df.loc[mine, "year"] - 2006)
            return df

        def changed_errors():
            df = errors.copy()
            mine = df["region"] == region
            df.loc[mine, "log_y"] += 0.2 * df.loc[mine, "h"]
            return df

        monkeypatch.setattr(priors_mod, "_panel", changed_panel)
        monkeypatch.setattr(calibrate, "errors", changed_errors)
        _clear()

    yield plant
    _clear()


def test_the_region_key_is_the_same_in_priors_errors_and_leave_out():
    regions = learned.panel_regions()
    assert REGION in regions and "country_chn" in regions
    assert set(calibrate.errors()["region"]) <= regions
    china = priors_mod._china_provinces()
    assert set(china["region"].str.split(":").str[-1]) <= regions
    assert len(priors_mod._china_provinces(Y, REGION)) < len(priors_mod._china_provinces(Y))
    assert REGION not in set(priors_mod._china_provinces(Y, REGION)["region"])


def test_a_change_in_the_left_out_region_moves_nothing_learned(planted):
    left_out, full = learned.provider(Y, REGION), learned.provider(Y)
    planted()
    after = learned.provider(Y, REGION)
    assert after.priors == left_out.priors
    assert after.calibration["patent"]["z"] == left_out.calibration["patent"]["z"]
    assert after.fingerprint == left_out.fingerprint
    assert "anhui's own series left out" in left_out.calibration["patent"]["source"]
    assert "left out" not in full.calibration["patent"]["source"]
    # The change is real: learned with every region, priors and error pools move.
    moved = learned.provider(Y)
    # (four series of 124 grow 0.26 log points a year faster: the median drift rises, the
    # spread of the drifts widens)
    assert moved.priors["patent_flow"].m0 > full.priors["patent_flow"].m0
    assert moved.priors["patent_flow"].tau0 > full.priors["patent_flow"].tau0 + 0.01
    assert moved.calibration["patent"]["z"] != full.calibration["patent"]["z"]


def test_a_country_is_left_out_of_both_trademark_panels(planted):
    """The trademark family learns from USPTO and EUIPO registrations by holder country; left
    out, a country's series of both panels (and their error rows) teach it nothing."""
    rows, without = priors_mod._trademark_countries(Y), priors_mod._trademark_countries(Y, COUNTRY)
    mine = rows["region"].str.split(":").str[-1] == COUNTRY
    assert set(rows.loc[mine, "region"]) == {"uspto:country_usa", "euipo:country_usa"}
    assert len(without) == len(rows) - mine.sum()
    left_out, full = learned.provider(Y, COUNTRY), learned.provider(Y)
    assert left_out.priors["trademark_flow"].source.endswith("(66 series)")
    assert full.priors["trademark_flow"].source.endswith("(68 series)")
    assert "country_usa's own series left out" in left_out.calibration["trademark"]["source"]
    planted(COUNTRY)
    after = learned.provider(Y, COUNTRY)
    assert after.priors == left_out.priors
    assert after.calibration["trademark"]["z"] == left_out.calibration["trademark"]["z"]
    assert after.fingerprint == left_out.fingerprint
    # The change is real: with every region the trademark prior and errors move (two of 68
    # series grow 0.26 log points a year faster: the drifts spread 0.051 -> 0.061), and the
    # patent family, learned from the Chinese provinces alone, does not.
    moved = learned.provider(Y)
    assert moved.priors["trademark_flow"].tau0 > full.priors["trademark_flow"].tau0 + 0.009
    assert moved.calibration["trademark"]["z"] != full.calibration["trademark"]["z"]
    assert moved.priors["patent_flow"] == full.priors["patent_flow"]
    assert moved.calibration["patent"]["z"] == full.calibration["patent"]["z"]


def test_the_benchmarks_before_and_damped_calibrations_leave_it_out_too(planted):
    bench = _bench()
    before = bench._before_calibration(Y, REGION)["patent"]
    damped = bench._damped_calibration(Y, REGION, 0.9)["patent"]
    other = bench._before_calibration(Y, "beijing")["patent"]
    rows = bench._known_errors(Y, REGION)
    assert REGION not in set(rows["region"]) and "beijing" in set(rows["region"])
    assert (rows["target_year"] <= Y).all()
    planted()
    bench._BEFORE.clear()
    bench._DAMPED.clear()
    assert bench._before_calibration(Y, REGION)["patent"]["z"] == before["z"]
    assert bench._damped_calibration(Y, REGION, 0.9)["patent"]["z"] == damped["z"]
    assert bench._before_calibration(Y, "beijing")["patent"]["z"] != other["z"]


def test_the_benchmarks_before_calibration_of_trademarks_leaves_the_country_out(planted):
    bench = _bench()
    before = bench._before_calibration(Y, COUNTRY, "trademark")
    other = bench._before_calibration(Y, "country_deu", "trademark")["trademark"]
    rows = bench._known_errors(Y, COUNTRY, "trademark")
    assert set(rows["panel"]) == {"uspto_trademarks", "euipo_trademarks"}
    assert COUNTRY not in set(rows["region"]) and "country_deu" in set(rows["region"])
    assert list(before) == ["trademark"]
    planted(COUNTRY)
    bench._BEFORE.clear()
    assert (
        bench._before_calibration(Y, COUNTRY, "trademark")["trademark"]["z"]
        == (before["trademark"]["z"])
    )
    assert bench._before_calibration(Y, "country_deu", "trademark")["trademark"]["z"] != other["z"]


@pytest.mark.parametrize(
    ("panel", "key"),
    [("china_provinces", "anhui:patent_grants"), ("uspto_trademarks", "country_usa:trademark")],
)
def test_the_benchmark_forecast_is_the_left_out_one(planted, panel, key):
    """``bench_phit._ipcast`` gives the same paths whatever the scored region's own past taught
    the panels: the forecast of anhui's patent grants, and of the USA's USPTO trademark
    registrations, as of Y is unchanged by the planted change."""
    from ipcast.forecast.panels import panel_series

    bench = _bench()
    s = next(x for x in panel_series(panel) if f"{x.region}:{x.indicator}".startswith(key))
    keep = s.years <= Y
    a = bench._ipcast(s, s.years[keep], s.values[keep], Y, 300, 1)
    planted(s.region)
    b = bench._ipcast(s, s.years[keep], s.values[keep], Y, 300, 1)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("given", "key"),
    [("anhui", "anhui"), ("Anhui", "anhui"), ("安徽", "anhui"), ("安徽省", "anhui")]
    + [("country_chn", "country_chn"), (None, None)],
)
def test_leave_out_takes_a_panel_region_by_any_name(given, key):
    assert check_leave_out(given) == key


@pytest.mark.parametrize("bad", ["guanghan", "anhiu", "atlantis"])
def test_a_name_that_is_no_panel_region_is_refused(bad):
    with pytest.raises(InputError) as e:
        check_leave_out(bad)
    assert e.value.where == "--leave-out"
    assert bad in e.value.problem
    assert "drop --leave-out" in e.value.fix
    if bad == "anhiu":
        assert "nearest: anhui" in e.value.fix


def test_the_cli_refuses_a_bad_leave_out_before_any_work(home):
    res = CliRunner().invoke(app, ["run", "--leave-out", "guanghan", "--paths", "200"])
    assert res.exit_code == 2
    assert "--leave-out" in res.output and "'guanghan'" in res.output
