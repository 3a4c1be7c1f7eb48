"""The engine's numbers on small cases: p_hit, its error, quantiles and shortfall against a slow
reference on hand-made paths; growth needed; half-year shares; seeds reproduced draw by draw."""

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from conftest import make_history, make_target

from ipcast.data.periods import parse_period
from ipcast.forecast import streams
from ipcast.forecast.chain import calendar_grid
from ipcast.forecast.learned import Learned
from ipcast.forecast.rwdrift import LogRandomWalkDrift, Prior
from ipcast.scenarios.baseline import decimal_today, prepare
from ipcast.scenarios.engine import assess
from ipcast.scenarios.evaluate import Paths
from ipcast.scenarios.judge import judge

FIXED = Prior(m0=0.1, tau0=1e-6, s0=0.2, nu0=1e7, source="fixed for the test")


class _AllFixed(dict):
    def get(self, key, default=None):
        return FIXED


@pytest.fixture
def fixed_prior(monkeypatch):
    learned = Learned(_AllFixed(patent_flow=FIXED), {})
    monkeypatch.setattr("ipcast.scenarios.baseline.provider", lambda *a, **k: learned)


def _quantile(xs, q):
    """The q-quantile by linear interpolation between order statistics, by hand."""
    xs = sorted(xs)
    pos = q * (len(xs) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (pos - lo) * (xs[hi] - xs[lo])


def _reference(values, comparator, threshold):
    hit = [
        {">=": v >= threshold, ">": v > threshold, "<=": v <= threshold, "<": v < threshold}[
            comparator
        ]
        for v in values
    ]
    p = sum(hit) / len(values)
    gaps = [(threshold - v) if comparator in (">=", ">") else (v - threshold) for v in values]
    return {
        "p_hit": p,
        "p_hit_se": (p * (1 - p) / len(values)) ** 0.5,
        "median": _quantile(values, 0.5),
        "q10": _quantile(values, 0.1),
        "q90": _quantile(values, 0.9),
        "shortfall": sum(max(g, 0.0) for g in gaps) / len(values),
    }


def _run(target, history, today=date(2024, 1, 1)):
    (run,) = prepare([target], history, n_paths=8, seed=0, today=today)
    return run


H = make_history([("dazhou", "patent_grants", "2023", "year", 1000.0, "件")])


@pytest.mark.parametrize("comparator", [">=", ">", "<=", "<"])
@pytest.mark.parametrize("threshold", [1400.0, 1390.0, 2500.0])
def test_judge_matches_a_slow_reference_on_hand_made_paths(fixed_prior, comparator, threshold):
    values = [1000.0, 1200.0, 1400.0, 1600.0, 2000.0, 900.0, 1400.0]
    t = replace(make_target("patent_grants", "level", "2026", threshold), comparator=comparator)
    run = _run(t, H)
    run.base = Paths(np.array([2026.0]), np.array(values)[:, None], True, True)
    rec = judge(run)
    ref = _reference(values, comparator, threshold)
    assert {k: rec[k] for k in ref} == {k: pytest.approx(v, abs=1e-12) for k, v in ref.items()}
    assert rec["status"] == "simulated"


def test_records_are_in_the_targets_unit(fixed_prior):
    values = [10000.0, 12000.0, 15000.0, 20000.0]
    t = make_target("patent_grants", "level", "2026", 1.4, unit="万件")
    run = _run(t, H)
    run.base = Paths(np.array([2026.0]), np.array(values)[:, None], True, True)
    rec = judge(run)
    ref = _reference([v / 1e4 for v in values], ">=", 1.4)
    assert {k: rec[k] for k in ref} == {k: pytest.approx(v, abs=1e-12) for k, v in ref.items()}


def test_each_year_counts_paths_that_meet_every_year(fixed_prior):
    t = make_target("patent_grants", "each_year", ["2025", "2026"], [1100, 1200], each="level")
    run = _run(t, H)
    v = np.array([[1200.0, 1300.0], [1000.0, 1300.0], [1200.0, 1100.0], [1150.0, 1250.0]])
    run.base = Paths(np.array([2025.0, 2026.0]), v, True, True)
    rec = judge(run)
    assert rec["p_hit"] == 0.5  # paths 1 and 4
    p1, p2 = rec["parts"]
    assert (p1["p_hit"], p2["p_hit"]) == (0.75, 0.75)
    assert p1["shortfall"] == pytest.approx(100 / 4) and p2["shortfall"] == pytest.approx(25.0)
    assert (p1["period"], p1["threshold"], p2["threshold"]) == ("2025", 1100, 1200)
    assert p1["median"] == pytest.approx(1175.0)


def test_seeded_p_hit_is_the_same_draws_by_hand(fixed_prior):
    # The series' own stream (seed, region, indicator) drives the random walk from its one point,
    # drawn on the calendar grid after it; 2026 is the grid's third year.
    t = make_target("patent_grants", "level", "2026", 1300)
    (rec,) = assess([t], H, n_paths=500, seed=11, today=date(2024, 1, 1))
    rw = LogRandomWalkDrift(FIXED).fit([1000.0], [2023.0])
    grid = calendar_grid(2023.0)
    assert grid[2] == 2026.0
    paths = rw.simulate(0, 500, streams.series(11, "dazhou", "patent_grants"), at=grid)[:, 2:3]
    assert rec["p_hit"] == np.mean(paths[:, 0] >= 1300)
    assert rec["median"] == np.median(paths[:, 0])
    (again,) = assess([t], H, n_paths=500, seed=11, today=date(2024, 1, 1))
    assert again == rec
    (other,) = assess([t], H, n_paths=500, seed=12, today=date(2024, 1, 1))
    other_paths = rw.simulate(0, 500, streams.series(12, "dazhou", "patent_grants"), at=grid)
    assert other["median"] == np.median(other_paths[:, 2]) != rec["median"]


def test_growth_needed_and_growth_shown_by_history(fixed_prior):
    h = make_history(
        [
            ("dazhou", "patent_grants", "2021", "year", 1000.0, "件"),
            ("dazhou", "patent_grants", "2023", "year", 1210.0, "件"),
        ]
    )
    (rec,) = assess([make_target("patent_grants", "level", "2026", 1500)], h, n_paths=50)
    # the 2023 flow to the 2026 flow: three years
    assert rec["growth_needed"] == pytest.approx(((1500 / 1210) ** (1 / 3) - 1) * 100)
    assert rec["growth_history"] == pytest.approx(10.0)  # 1000 -> 1210 over two years
    t = make_target("patent_grants", "cumulative", "2024/2026", 4500)
    (rec,) = assess([t], h, n_paths=50)  # 1500 a year on average: the middle year, 2025
    assert rec["growth_needed"] == pytest.approx(((1500 / 1210) ** (1 / 2) - 1) * 100)


def test_growth_needed_of_a_stock_runs_to_the_period_end(fixed_prior):
    h = make_history([("dazhou", "effective_invention_patents", "2023", "asof", 400.0, "件")])
    t = make_target("effective_invention_patents", "stock", "2025", 484)
    (rec,) = assess([t], h, n_paths=50, today=date(2024, 1, 1))
    assert rec["growth_needed"] == pytest.approx(10.0)  # end-2023 to end-2025
    assert rec["growth_history"] is None


def test_july_june_pledge_years_use_the_pledge_half_year_share(fixed_prior):
    h = make_history([("dazhou", "pledge_financing", "2022", "year", 10.0, "亿元")])
    t = make_target("pledge_financing", "level", "2023-07/2024-06", 12, unit="亿元")
    (run,) = prepare([t], h, n_paths=20000, seed=0, today=date(2023, 1, 1))
    shares = run.base.h1_share
    assert sorted(shares) == [2023, 2024]
    assert shares[2023].mean() == pytest.approx(0.35, abs=0.004)
    assert shares[2023].std() == pytest.approx(0.10, abs=0.004)
    patents = replace(t, indicator="patent_grants", unit="件")
    (run,) = prepare([patents], H, n_paths=20000, seed=0, today=date(2023, 1, 1))
    assert run.base.h1_share[2023].mean() == pytest.approx(0.5, abs=0.002)
    assert run.base.h1_share[2023].std() == pytest.approx(0.05, abs=0.002)
    whole = replace(patents, periods=(parse_period("2024"),))
    (run,) = prepare([whole], H, n_paths=100, seed=0, today=date(2023, 1, 1))
    assert not run.base.h1_share  # whole years need no share


def test_statuses_of_targets_that_cannot_be_simulated(fixed_prior):
    t = make_target("patent_grants", "level", "2026", None)
    (rec,) = assess([t], H, n_paths=50)
    assert rec["status"] == "no_threshold" and rec["p_hit"] is None
    (rec,) = assess([make_target("patent_grants", "stock", "2026", 5)], H, n_paths=50)
    assert rec["status"] == "invalid" and "stock" in rec["reason"]
    (rec,) = assess([make_target("patent_grants", "level", "2023", 5)], H, n_paths=50)
    assert rec["status"] == "resolved" and rec["hit"] is True


def test_own_points_needed_without_a_panel():
    rows = [
        ("dazhou", "patent_licences", str(y), "year", 100.0 + y - 2020, "次") for y in (2021, 2022)
    ]
    t = make_target("patent_licences", "level", "2026", 150, unit="次")
    (rec,) = assess([t], make_history(rows), n_paths=50, today=date(2024, 1, 1))
    assert rec["status"] == "no_history" and "needs 3" in rec["reason"]
    rows.append(("dazhou", "patent_licences", "2023", "year", 103.0, "次"))
    (rec,) = assess([t], make_history(rows), n_paths=50, today=date(2024, 1, 1))
    assert rec["status"] == "simulated" and rec["n_points"] == 3
    rows.append(("dazhou", "patent_licences", "2020", "year", 0.0, "次"))
    (rec,) = assess([t], make_history(rows), n_paths=50, today=date(2024, 1, 1))
    assert rec["status"] == "no_history" and "zero" in rec["reason"]


def test_percentages_never_pass_100():
    rows = [
        ("dazhou", "protection_satisfaction", str(y), "year", v, "%")
        for y, v in ((2021, 90.0), (2022, 95.0), (2023, 99.0))
    ]
    t = make_target("protection_satisfaction", "level", "2030", 100.0, unit="%")
    (run,) = prepare([t], make_history(rows), n_paths=2000, seed=0, today=date(2024, 1, 1))
    v = run.base.values
    assert v.max() == 100.0 and (v == 100.0).mean() > 0.3


def test_decimal_today():
    assert decimal_today(date(2024, 1, 1)) == 2024.0
    assert decimal_today(date(2024, 7, 2)) == pytest.approx(2024 + 183 / 365.25)


def test_threshold_at_a_confidence_is_the_matching_quantile(fixed_prior):
    from ipcast.scenarios.analysis import revised_threshold

    values = [1000.0, 1200.0, 1400.0, 1600.0, 2000.0, 900.0]
    run = _run(make_target("patent_grants", "level", "2026", 1400), H)
    run.base = Paths(np.array([2026.0]), np.array(values)[:, None], True, True)
    # met with probability 0.8: the 20 % quantile of the outcome
    assert revised_threshold(run, 0.8) == pytest.approx(_quantile(values, 0.2))
    assert revised_threshold(run, 0.5) == pytest.approx(1300.0)
    below = replace(run.target, comparator="<=")  # a ceiling: the 80 % quantile
    run.target = below
    assert revised_threshold(run, 0.8) == pytest.approx(_quantile(values, 0.8))


def test_each_year_thresholds_scale_by_one_factor(fixed_prior):
    from ipcast.scenarios.analysis import revised_threshold

    t = make_target("patent_grants", "each_year", ["2025", "2026"], [1000, 2000], each="level")
    run = _run(t, H)
    v = np.array([[1000.0, 1800.0], [1200.0, 2600.0], [800.0, 2400.0], [1500.0, 3000.0]])
    run.base = Paths(np.array([2025.0, 2026.0]), v, True, True)
    # the worst year's ratio per path: 0.9, 1.2, 0.8, 1.5; its 25 % quantile 0.875
    got = revised_threshold(run, 0.75)
    assert got == pytest.approx([875.0, 1750.0])
    run.target = replace(t, comparator="<=")  # the largest ratio: 1.0, 1.3, 1.2, 1.5
    assert revised_threshold(run, 0.75) == pytest.approx([1.35 * 1000, 1.35 * 2000])
