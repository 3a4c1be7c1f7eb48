"""``benchmarks/bench_county_prior.py --rolling``: the decay chosen as of each origin, checked on
hand-made rows (points, origin, h, outcome year, below median, inside, CRPS, region)."""

import importlib.util
import sys

import numpy as np
from conftest import REPO


def _bench():
    path = REPO / "benchmarks/bench_county_prior.py"
    spec = importlib.util.spec_from_file_location("bench_county_prior", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclass looks its module up
    spec.loader.exec_module(mod)
    return mod


def _rows(origin, h, below, region=0):
    """One row per entry of ``below`` (1: the outcome fell below the median)."""
    return np.array([(1, origin, h, origin + h, b, 1, 0.1, region) for b in below], float)


def test_choose_by_the_share_below_the_median_known_by_the_origin():
    b = _bench()
    # Origin 2010, h1 (outcomes in 2011), 60 rows: decay 1.0 has 45 below (0.25 from 0.5), 0.9 has
    # 33 (0.05), 0.8 has 27 (0.05: a tie, to the larger decay, 0.9).
    by_decay = {
        d: _rows(2010, 1, [1] * n + [0] * (60 - n)) for d, n in ((1.0, 45), (0.9, 33), (0.8, 27))
    }
    assert b.choose(by_decay, 2011) == 0.9
    # Known by 2010: nothing (the outcomes are dated 2011): no fading.
    assert b.choose(by_decay, 2010) == 1.0
    # A planted shock dated after 2011 (origin 2011, h1: 2012; all of 0.9's below) does not move it.
    shocked = {
        d: np.vstack([a, _rows(2011, 1, [1 if d == 0.9 else 0] * 60)]) for d, a in by_decay.items()
    }
    assert b.choose(shocked, 2011) == 0.9
    # Known by 2012 it does: h1 pools 120 rows; 1.0: 45/120 (0.125), 0.9: 93/120 (0.275),
    # 0.8: 27/120 (0.275): 1.0.
    assert b.choose(shocked, 2012) == 1.0


def test_choose_leaves_the_scored_region_out_and_needs_enough_outcomes():
    b = _bench()
    # 60 rows of region 0 and 30 of region 1; decay 0.9 is right only on region 0's.
    by_decay = {
        1.0: np.vstack([_rows(2010, 1, [1] * 60, 0), _rows(2010, 1, [1] * 15 + [0] * 15, 1)]),
        0.9: np.vstack([_rows(2010, 1, [1] * 30 + [0] * 30, 0), _rows(2010, 1, [1] * 30, 1)]),
    }
    # All 90: 1.0 has 75/90 below (0.333 from 0.5), 0.9 60/90 (0.167): 0.9.
    assert b.choose(by_decay, 2011) == 0.9
    # Region 1 scored, its rows left out: 1.0 has 60/60 (0.5), 0.9 30/60 (0): 0.9.
    assert b.choose(by_decay, 2011, skip=1) == 0.9
    # Region 0 scored: 30 rows left, below MIN_KNOWN (60): no evidence, no fading.
    assert b.MIN_KNOWN == 60
    assert b.choose(by_decay, 2011, skip=0) == 1.0


def test_first_origin_is_when_three_series_have_three_changes():
    b = _bench()
    years = np.arange(2000, 2008)
    values = [np.exp(0.1 * (years - 2000))] * 3
    pool = [(f"r{i}", years[i:], v[i:]) for i, v in enumerate(values)]
    # Series start 2000, 2001, 2002: the third has three changes (2003-2005) by 2005.
    assert b.first_origin(b.pooled([], pool)) == 2005
