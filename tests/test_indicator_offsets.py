"""``bench_phit.indicator_offsets`` and ``_own_pools``: the per-indicator candidates that
``bench_phit.py --choose-indicator`` measures, on hand-worked errors."""

import importlib.util

import numpy as np
import pytest
from conftest import REPO


def _bench():
    spec = importlib.util.spec_from_file_location("bench_phit", REPO / "benchmarks/bench_phit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Five errors at h1 (two outcome years), one at h2; the indicator's are the first and third.
Z = [1.0, 3.0, 0.0, 2.0, 5.0, 7.0]
YEAR = [2010, 2010, 2011, 2011, 2011, 2011]
H = [1, 1, 1, 1, 1, 2]
MINE = [True, False, True, False, False, False]


def test_offset_after_the_year_shocks():
    # h1 year means: 2010 (1 + 3) / 2 = 2, 2011 (0 + 2 + 5) / 3 = 7/3; residuals -1, 1, -7/3,
    # -1/3, 8/3, median -1/3; the indicator's mean (-1 - 7/3) / 2 = -5/3, less the median: -4/3.
    # h2 has none of the indicator's errors: no offset.
    off = _bench().indicator_offsets(Z, YEAR, H, MINE, split=True)
    assert off == pytest.approx({1: -4 / 3})


def test_offset_of_a_whole_pool():
    # Unsplit: the errors themselves, median 2 at h1; the indicator's mean 0.5, less 2: -1.5.
    off = _bench().indicator_offsets(Z, YEAR, H, MINE, split=False)
    assert off == pytest.approx({1: -1.5})


def test_own_pools_replace_only_horizons_with_enough_errors():
    bench = _bench()
    family = {"z": {1: [0.0], 2: [0.5]}, "year_effects": {1: [0.1], 2: [0.2]}, "members": ["x"]}
    n = bench.MIN_POOL
    # h1: MIN_POOL errors over three outcome years, year means 0, 1, 2 (errors of year y are y
    # plus -0.5 or +0.5, alternately); h2: one error, too few, so the family's pool stays.
    year = np.repeat([2010, 2011, 2012], [n // 3, n // 3, n - 2 * (n // 3)])
    z = (year - 2010) + np.where(np.arange(n) % 2 == 0, -0.5, 0.5)
    z = np.append(z, 9.0)
    year = np.append(year, 2012)
    h = np.append(np.ones(n, int), 2)
    out = bench._own_pools(family, z, year, h)
    assert out["z"][2] == [0.5] and out["year_effects"][2] == [0.2]
    assert len(out["z"][1]) == n
    assert np.median(out["z"][1]) == pytest.approx(0.0, abs=1e-9)  # centred
    means = [np.mean(z[:n][year[:n] == y]) for y in (2010, 2011, 2012)]
    assert out["year_effects"][1] == pytest.approx(means, abs=1e-4)
    assert family["z"][1] == [0.0]  # the family's calibration is not changed
    assert bench._own_pools(family, [], [], []) == family
