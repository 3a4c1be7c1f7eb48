"""``bench_phit.band_chance``: how often a forecast whose error model is right lands the share of
outcomes below its median inside 45-55 %, checked against the binomial (no common shock) and the
limit of an overwhelming common shock."""

import importlib.util

import numpy as np
import pytest
from conftest import REPO
from scipy.stats import binom


def _bench():
    spec = importlib.util.spec_from_file_location("bench_phit", REPO / "benchmarks/bench_phit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _with_calibration(monkeypatch, bench, year_effects):
    pool = list(np.linspace(-2, 2, 400))  # symmetric about 0: half the residuals below 0
    cal = {"patent": {"z": {1: pool, 2: pool}, "year_effects": year_effects}}
    monkeypatch.setattr(bench.calibrate, "calibration", lambda as_of=None, skip=None: cal)


def test_without_a_common_shock_the_share_is_binomial(monkeypatch):
    bench = _bench()
    _with_calibration(monkeypatch, bench, {})
    res = bench.band_chance({1: 4}, n_series=100, as_of=2016, n_sims=20000, seed=1)
    # 400 outcomes, each below the median with p = 0.5: the share is Binomial(400, 0.5) / 400,
    # sd 0.5 / 20 = 0.025; inside 45-55 % means 180-220 of 400 below.
    exact = binom.cdf(220, 400, 0.5) - binom.cdf(179, 400, 0.5)
    assert res.loc[0, "sd_share"] == pytest.approx(0.025, rel=0.03)
    assert res.loc[0, "p_band"] == pytest.approx(exact, abs=0.005)  # MC se 0.0014
    assert res.attrs["p_all"] == res.loc[0, "p_band"]


@pytest.mark.parametrize("normal", [False, True])
def test_an_overwhelming_common_shock_puts_each_year_all_above_or_all_below(monkeypatch, normal):
    bench = _bench()
    _with_calibration(monkeypatch, bench, {1: [-40.0, 0.0, 40.0]})  # sd 40, three years
    res = bench.band_chance({1: 1, 2: 2}, 100, 2016, n_sims=4000, seed=2, normal=normal)
    # One outcome year: the share is 0 or 1 unless |a| < 2 (the pool's range): t_2 (or a normal)
    # scaled by 40 * sqrt(4 / 3) lands there with probability about 0.04 (in band: less still).
    assert res.loc[0, "p_band"] < 0.03
    # Two years: the mean is 0.5 when their shocks have opposite signs (half the time).
    assert res.loc[1, "p_band"] == pytest.approx(0.5, abs=0.04)
    assert res.loc[1, "shock_scale"] == pytest.approx(40 * np.sqrt(4 / 3))
    assert res.attrs["p_all"] < res.loc[0, "p_band"] + 1e-12


def test_same_seed_same_chance_other_seed_differs(monkeypatch):
    bench = _bench()
    _with_calibration(monkeypatch, bench, {1: [-0.3, 0.1, 0.4]})
    a = bench.band_chance({1: 3}, 124, 2016, n_sims=2000, seed=0)
    b = bench.band_chance({1: 3}, 124, 2016, n_sims=2000, seed=0)
    c = bench.band_chance({1: 3}, 124, 2016, n_sims=2000, seed=1)
    assert a.equals(b)
    assert a.loc[0, "p_band"] != c.loc[0, "p_band"]
