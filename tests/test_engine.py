"""The Monte Carlo engine against closed forms, and its seeding and status rules."""

from datetime import date

import numpy as np
import pytest
from conftest import make_history, make_target
from scipy import stats

from ipcast.data.history import combine
from ipcast.data.target_files import bundled_targets
from ipcast.forecast import damping
from ipcast.forecast import priors as priors_mod
from ipcast.forecast.learned import Learned, calibration
from ipcast.forecast.rwdrift import Prior
from ipcast.scenarios.engine import CHUNK_REGIONS, assess, region_chunks

_target = make_target


_history = make_history


FIXED = Prior(m0=0.1, tau0=1e-6, s0=0.2, nu0=1e7, source="fixed for the test")
# The forecast damps its trend (issue #14): ``s`` years ahead the drift has added
# 0.1 (phi + ... + phi^s), i.e. 0.1 s factor(s).
PHI = damping.PHI


def damped(s: float) -> float:
    """The drift's total over ``s`` years under the damped trend."""
    return 0.1 * s * float(damping.factor(s))


@pytest.fixture
def fixed_prior(monkeypatch):
    """Known drift 0.1 and volatility 0.2: the predictive is log-normal in closed form."""
    table = {k: FIXED for k in priors_mod.priors()}
    learned = Learned(table, calibration())
    monkeypatch.setattr("ipcast.scenarios.baseline.provider", lambda as_of=None: learned)


def test_level_p_hit_matches_the_lognormal_closed_form(fixed_prior):
    h = _history([("dazhou", "patent_grants", "2023", "year", 1000.0, "件")])
    t = _target("patent_grants", "level", "2026", 1400)
    (rec,) = assess([t], h, n_paths=40000, seed=1, today=date(2024, 1, 1))
    # log Y_2026 ~ N(log 1000 + 0.1 (phi + phi^2 + phi^3), 3 * 0.04)
    exact = 1 - stats.norm.cdf(np.log(1400), np.log(1000) + damped(3), 0.2 * np.sqrt(3))
    assert rec["status"] == "simulated"
    assert abs(rec["p_hit"] - exact) < 3 * rec["p_hit_se"] + 1e-3


def test_stock_p_hit_matches_closed_form_at_an_irregular_instant(fixed_prior):
    # Stock observed mid-2020 (2020-07-01 is day 183 of 366); target at end-2025.
    h = _history([("dazhou", "effective_invention_patents", "2020-07-01", "asof", 219.0, "件")])
    t = _target("effective_invention_patents", "stock", "2025", 400)
    (rec,) = assess([t], h, n_paths=40000, seed=2, today=date(2021, 1, 1))
    dt = 2026.0 - (2020 + 183 / 366)
    exact = 1 - stats.norm.cdf(np.log(400), np.log(219) + damped(dt), 0.2 * np.sqrt(dt))
    assert abs(rec["p_hit"] - exact) < 3 * rec["p_hit_se"] + 1e-3


def test_cumulative_p_hit_matches_a_slow_reference(fixed_prior):
    h = _history([("dazhou", "patent_grants", "2022", "year", 1000.0, "件")])
    t = _target("patent_grants", "cumulative", "2022-07/2025-06", 4000)
    (rec,) = assess([t], h, n_paths=20000, seed=3, today=date(2022, 12, 31))
    # Slow reference: walk each path year by year in plain Python.
    rng = np.random.default_rng(99)
    hits = 0
    n = 20000
    k = 0.5 * 0.5 / 0.05**2 - 1  # Beta(k/2, k/2): mean 0.5, sd 0.05, the H1 share of a year
    for _ in range(n):
        y = 1000.0
        total = (1 - rng.beta(k / 2, k / 2)) * y  # July-December 2022
        for j, last in enumerate((False, False, True), start=1):
            y *= np.exp(0.1 * PHI**j + 0.2 * rng.standard_normal())  # the damped trend
            total += (rng.beta(k / 2, k / 2) if last else 1.0) * y  # 2023, 2024, H1 2025
        hits += total >= 4000
    ref = hits / n
    se = np.sqrt(ref * (1 - ref) / n)
    assert abs(rec["p_hit"] - ref) < 3 * np.hypot(se, rec["p_hit_se"])


def test_each_year_needs_every_part_on_the_same_path(fixed_prior):
    h = _history([("dazhou", "patent_grants", "2022", "year", 1000.0, "件")])
    t = _target("patent_grants", "each_year", ["2023", "2024"], [1000, 1000])
    (rec,) = assess([t], h, n_paths=20000, seed=4, today=date(2023, 1, 1))
    p1, p2 = (part["p_hit"] for part in rec["parts"])
    assert rec["p_hit"] <= min(p1, p2)
    assert rec["p_hit"] > p1 * p2  # the years move together along a path


def test_same_seed_same_records_other_seed_differs():
    ts = [t for t in bundled_targets() if t.region == "guanghan"]
    h = combine()
    a = assess(ts, h, 2000, seed=7)
    b = assess(ts, h, 2000, seed=7)
    c = assess(ts, h, 2000, seed=8)
    assert a == b
    assert [r["p_hit"] for r in a] != [r["p_hit"] for r in c]


def test_a_region_gives_the_same_numbers_alone_or_with_others():
    h = combine()
    all_ts = list(bundled_targets())
    both = assess(all_ts, h, 1000, seed=5)
    alone = assess([t for t in all_ts if t.region == "guanghan"], h, 1000, seed=5)
    assert [r for r in both if r["region"] == "guanghan"] == alone


def test_resolved_when_history_covers_a_finished_period():
    h = _history(
        [
            ("dazhou", "patent_grants", "2022", "year", 3000.0, "件", "bulletin 2022"),
            ("dazhou", "patent_grants", "2023", "year", 4200.0, "件", "bulletin 2023"),
        ]
    )
    t = _target("patent_grants", "level", "2023", 3500)
    (rec,) = assess([t], h, today=date(2024, 3, 1))
    assert (rec["status"], rec["outcome"], rec["hit"], rec["p_hit"]) == (
        "resolved",
        4200.0,
        True,
        None,
    )
    assert rec["outcome_source"] == "2023: 4,200件 (bulletin 2023)"


def test_a_july_june_year_from_calendar_years_carries_the_split():
    """FY 2022-07..2023-06 from calendar years 3000 and 4200 is (1 - s22) 3000 + s23 4200 with
    each January-June share s ~ 0.5 +- 0.05: mean 3600, sd sqrt(150^2 + 210^2) = 258. Against
    3500 that is P(z >= -100 / 258) = 0.651, not a certain hit; against 2000 every share
    meets it."""
    h = _history(
        [
            ("dazhou", "patent_grants", "2022", "year", 3000.0, "件", "bulletin 2022"),
            ("dazhou", "patent_grants", "2023", "year", 4200.0, "件", "bulletin 2023"),
        ]
    )
    close = _target("patent_grants", "level", "2022-07/2023-06", 3500)
    (rec,) = assess([close], h, 4000, today=date(2024, 3, 1))
    assert rec["status"] == "awaiting_outcome"
    assert rec["p_hit"] == pytest.approx(0.651, abs=0.03)
    assert rec["median"] == pytest.approx(3600, abs=15)
    assert "January-June share taken as 0.50 ± 0.05" in rec["reason"]
    assert rec["outcome_source"] == "2022: 3,000件 (bulletin 2022); 2023: 4,200件 (bulletin 2023)"
    far = _target("patent_grants", "level", "2022-07/2023-06", 2000)
    (rec,) = assess([far], h, 4000, today=date(2024, 3, 1))
    assert (rec["status"], rec["outcome"], rec["hit"]) == ("resolved", 3600.0, True)
    assert "every share drawn gives the same verdict" in rec["reason"]


def test_july_june_figures_settle_a_july_june_target_exactly():
    """The bureau's own July-June figures are the outcome: 3700, 4100 and 4600 average 4133.3;
    the calendar year 2023 in the history is neither used nor cited."""
    h = _history(
        [
            ("dazhou", "patent_grants", "2021", "year", 3800.0, "件", "b"),
            ("dazhou", "patent_grants", "2023", "year", 3900.0, "件", "y23"),  # not needed
            ("dazhou", "patent_grants", "2022-07/2023-06", "span", 3700.0, "件", "fy1"),
            ("dazhou", "patent_grants", "2023-07/2024-06", "span", 4100.0, "件", "fy2"),
            ("dazhou", "patent_grants", "2024-07/2025-06", "span", 4600.0, "件", "fy3"),
        ]
    )
    avg = _target("patent_grants", "average", "2022-07/2025-06", 4000)
    each = _target(
        "patent_grants",
        "each_year",
        ["2022-07/2023-06", "2023-07/2024-06", "2024-07/2025-06"],
        [3500, 4000, 4700],
    )
    a, e = assess([avg, each], h, 500, today=date(2026, 3, 1))
    assert (a["status"], a["outcome"], a["hit"]) == ("resolved", pytest.approx(12400 / 3), True)
    assert (e["status"], e["outcome"], e["hit"]) == ("resolved", [3700.0, 4100.0, 4600.0], False)
    assert a["outcome_source"] == (
        "2022-07/2023-06: 3,700件 (fy1); 2023-07/2024-06: 4,100件 (fy2); "
        "2024-07/2025-06: 4,600件 (fy3)"
    )


def test_a_partial_year_figure_already_past_the_threshold_resolves_it():
    h = _history([("dazhou", "pledge_financing", "2025-01/2025-11", "span", 114.0, "亿元")])
    t = _target("pledge_financing", "level", "2025", 50, unit="亿元")
    (rec,) = assess([t], h, today=date(2026, 2, 1))
    assert rec["status"] == "resolved" and rec["hit"] is True


def test_no_history_and_unit_conversion(fixed_prior):
    h = _history([("dazhou", "copyright_registrations_total", "2020", "asof", 49.59, "万件")])
    t = _target("copyright_registrations_total", "stock", "2021", 55, unit="万件")
    (rec,) = assess([t], h, n_paths=20000, seed=1, today=date(2021, 1, 1))
    exact_median = 49.59 * np.exp(damped(1))
    assert rec["median"] == pytest.approx(exact_median, rel=0.01)
    (none,) = assess([_target("patent_grants", "level", "2026", 1)], h)
    assert none["status"] == "no_history" and none["p_hit"] is None


def test_as_of_hides_later_history():
    ts = [t for t in bundled_targets() if t.id == "cd03_effective_trademarks"]
    now = assess(ts, combine(), 1000, seed=1)[0]
    then = assess(ts, combine(), 1000, seed=1, as_of=2020)[0]
    assert now["n_points"] == 4 and then["n_points"] == 3


def test_region_chunks_cover_every_region_once_in_tasks_of_a_sensible_size():
    r = [f"r{i}" for i in range(10)]
    # two workers: 4 tasks each wanted, 8 in all, so 10 regions go 2 by 2
    assert region_chunks(r, 2) == [r[0:2], r[2:4], r[4:6], r[6:8], r[8:10]]
    assert region_chunks(r, 1) == region_chunks(r, 2)  # a Dask cluster: two workers' worth
    assert region_chunks(r, 4) == [[x] for x in r]  # 16 tasks wanted: one region each
    assert region_chunks(r[:3], 2) == [["r0"], ["r1"], ["r2"]]
    big = [f"r{i}" for i in range(1000)]
    chunks = region_chunks(big, 2)  # 8 tasks would hold 125 each: capped
    assert [len(c) for c in chunks] == [CHUNK_REGIONS] * (1000 // CHUNK_REGIONS)
    assert sum(chunks, []) == big
    assert region_chunks([], 2) == []


def test_regions_spread_over_two_processes_give_the_same_records():
    targets = [t for t in bundled_targets() if t.region in ("chengdu", "guanghan", "tianchang")]
    args = (targets, combine(), 300, 3)
    day = date(2024, 3, 1)  # Chengdu's 2021-2025 plan under way: its statuses depend on the day
    one = assess(*args, today=day)
    two = assess(*args, today=day, jobs=2)
    assert two == one
    assert {r["status"] for r in one} >= {"simulated", "no_history"}
    assert assess([], combine(), 300, 3, today=day, jobs=2) == []
