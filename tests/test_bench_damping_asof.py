"""``benchmarks/bench_damping_asof.py``: the damping chosen as of each origin, on hand-made rows
(one forecast per series, origin and horizon; ``below_median`` 1 when its outcome fell below)."""

import importlib.util
import sys

import pandas as pd
import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def b():
    sys.path.insert(0, str(REPO / "benchmarks"))  # it imports ``bench_phit`` beside it
    try:
        path = REPO / "benchmarks/bench_damping_asof.py"
        spec = importlib.util.spec_from_file_location("bench_damping_asof", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


def rows(phi, origin, h, below, region="r0"):
    """One row per entry of ``below``, each its own series."""
    return pd.DataFrame(
        {
            "method": f"phi {phi}",
            "series": [f"{region}:s{i}" for i in range(len(below))],
            "region": region,
            "origin": origin,
            "h": h,
            "below_median": below,
        }
    )


def grid_rows(b, shares: dict, origin=2012, h=1, n=100, region="r0"):
    """``n`` outcomes per ``GRID`` phi, ``shares[phi] * n`` of them below (0.5 if not given)."""
    parts = []
    for phi in b.GRID:
        k = round(shares.get(phi, 0.5) * n)
        parts.append(rows(phi, origin, h, [1] * k + [0] * (n - k), region))
    return pd.concat(parts, ignore_index=True)


def test_the_phi_nearest_half_below_wins_and_a_tie_goes_to_less_damping(b):
    # 100 h1 outcomes of origin 2012 (dated 2013): 1.0 has 70 below (0.20 from 0.5), 0.95 has
    # 56 (0.06), 0.9 44 (0.06, a tie: the larger phi, 0.95), 0.85 30 (0.20).
    r = grid_rows(b, {1.0: 0.70, 0.95: 0.56, 0.9: 0.44, 0.85: 0.30})
    assert b.choose(r, 2013) == 0.95
    # 0.9 nearer: 48 below (0.02).
    r = grid_rows(b, {1.0: 0.70, 0.95: 0.56, 0.9: 0.48, 0.85: 0.30})
    assert b.choose(r, 2013) == 0.9


def test_only_outcomes_dated_by_the_origin_count(b):
    r = grid_rows(b, {1.0: 0.70, 0.95: 0.56, 0.9: 0.48, 0.85: 0.30})
    # As of 2012 the outcomes (2013) are not known: no evidence, no damping.
    assert b.choose(r, 2012) == 1.0
    # A planted shock dated 2015 (origin 2013, h2: every outcome of 0.85 at 0.5, the rest below)
    # does not move the choice as of 2014 ...
    shock = grid_rows(b, {1.0: 1.0, 0.95: 1.0, 0.9: 1.0, 0.85: 0.5}, origin=2013, h=2)
    both = pd.concat([r, shock], ignore_index=True)
    assert b.choose(both, 2014) == 0.9
    # ... and does as of 2015: h1 keeps 0.9 at 0.02, but at h2 only 0.85 is near 0.5; largest
    # gaps 1.0: 0.5, 0.95: 0.5, 0.9: 0.5, 0.85: 0.20 (its h1).
    assert b.choose(both, 2015) == 0.85


def test_the_scored_region_is_left_out_and_a_horizon_needs_enough_outcomes(b):
    assert b.MIN_KNOWN == 100
    mine = grid_rows(b, {0.95: 0.5, 0.9: 1.0}, region="a")
    others = grid_rows(b, {0.95: 1.0, 0.9: 0.5}, region="b")
    both = pd.concat([mine, others], ignore_index=True)
    # Scoring "a": only "b"'s rows count, where 0.9 is at 0.5 (0.95 at 1.0; 1.0 and 0.85 at 0.5,
    # tied with 0.9: the largest, 1.0).
    assert b.choose(both, 2013, skip="a") == 1.0
    assert b.choose(both[both["method"] != "phi 1.0"], 2013, skip="a") == 0.9
    assert b.choose(both[both["method"] != "phi 1.0"], 2013, skip="b") == 0.95
    # 99 outcomes at a horizon are not enough: no evidence, no damping.
    few = grid_rows(b, {1.0: 0.9, 0.95: 0.5}, n=99)
    assert b.choose(few, 2013) == 1.0


def test_as_of_rows_take_each_origins_choice(b):
    # Origin 2012's h1 outcomes choose 0.9 as of 2013; origin 2013's own rows are then scored
    # with 0.9, and the fixed rows are PHI's.
    known = grid_rows(b, {1.0: 0.70, 0.95: 0.56, 0.9: 0.48, 0.85: 0.30}, region="b")
    scored = grid_rows(b, {}, origin=2013, n=4, region="a")
    scored["p"] = scored["method"].str.slice(4).astype(float)  # each row's p names its phi
    known["p"] = 0.0
    out, picks = b.as_of_rows(pd.concat([known, scored], ignore_index=True))
    a13 = out[(out["origin"] == 2013) & (out["region"] == "a")]
    assert set(a13.loc[a13["method"] == b.ASOF, "p"]) == {0.9}
    assert set(a13.loc[a13["method"] == b.FIXED, "p"]) == {b.damping.PHI}
    pick = picks[(picks["origin"] == 2013) & (picks["region"] == "a")]["phi"]
    assert pick.tolist() == [0.9]
