"""Levers, scenarios, revision, goal seeking and sensitivity."""

from datetime import date

import numpy as np
import pytest
from conftest import make_history, make_target
from hypothesis import given, settings
from hypothesis import strategies as st

from ipcast.data.errors import InputError
from ipcast.scenarios.analysis import (
    goal_seek,
    p_hit,
    revised_threshold,
    sobol_indices,
    sobol_table,
    tornado,
)
from ipcast.scenarios.apply import apply_scenario, lever_uniforms
from ipcast.scenarios.baseline import prepare
from ipcast.scenarios.evaluate import Paths
from ipcast.scenarios.judge import hits, judge, part_metrics
from ipcast.scenarios.levers import (
    BASELINE,
    Effect,
    Scenario,
    lever_catalog,
    load_scenario,
    parse_scenario,
    scenario_files,
)

_history = make_history


_target = make_target


HIST = _history(
    [
        ("dazhou", "copyright_registrations", str(y), "year", v, "件")
        for y, v in [(2021, 4000.0), (2022, 4600.0), (2023, 5100.0)]
    ]
    + [("dazhou", "effective_trademarks", "2023", "asof", 30000.0, "件")]
)
TODAY = date(2024, 1, 15)


@pytest.fixture(scope="module")
def runs():
    ts = [
        _target("copyright_registrations", "cumulative", "2024/2026", 16000),
        _target("effective_trademarks", "stock", "2026", 36000),
        _target(
            "copyright_registrations", "each_year", ["2024", "2025", "2026"], [5000, 5500, 6000]
        ),
    ]
    return prepare(ts, HIST, n_paths=4000, seed=3, today=TODAY)


def test_catalog_has_ten_levers_and_two_shocks_with_evidence():
    cat = lever_catalog()
    assert sum(lv.kind == "lever" for lv in cat.values()) >= 10
    assert sum(lv.kind == "shock" for lv in cat.values()) >= 2
    assert all(lv.evidence and lv.zh and lv.en for lv in cat.values())


def test_triangular_effect_quantiles():
    e = Effect(("x",), 0, 10, 30)
    u = np.random.default_rng(0).random(200000)
    d = e.draw(u)
    assert d.min() >= 0 and d.max() <= 0.30
    assert d.mean() == pytest.approx((0 + 0.10 + 0.30) / 3, abs=0.001)
    assert e.draw(np.array([0.25]))[0] == pytest.approx(0.3 * np.sqrt(0.25 / 3), rel=1e-9)


def test_lever_ramp_and_shock_duration():
    cat = lever_catalog()
    lv = cat["high_value_patent_cultivation"]  # lag 1, ramp 2
    assert [lv.ramp_factor(y, 2026) for y in range(2025, 2030)] == [0, 0, 0.5, 1, 1]
    shock = cat["non_normal_patent_campaign"]  # lag 0, ramp 1, duration 3
    assert [shock.ramp_factor(y, 2026) for y in range(2026, 2030)] == [1, 1, 1, 0]


def test_flow_factors_by_hand():
    sc = Scenario("s", "", "", (("copyright_registration_support", 0.5),), start=2024)
    paths = Paths(np.array([2024.0, 2025.0]), np.full((3, 2), 100.0), True, True)
    u = {"copyright_registration_support": np.array([0.0, 0.5, 1.0])}
    got = apply_scenario(paths, "copyright_registrations", sc, u, 2024)
    e = Effect(("x",), 0, 10, 30).draw(u["copyright_registration_support"])
    assert got.values[:, 0] == pytest.approx(100 * (1 + 0.5 * e))


def test_stock_additions_are_scaled_and_falls_not_deepened():
    sc = Scenario("s", "", "", (("trademark_brand_guidance", 1.0),), start=2024)
    paths = Paths(
        np.array([2024.0, 2025.0, 2026.0]),
        np.array([[100.0, 110.0, 130.0], [100.0, 90.0, 95.0]]),
        False,
        False,
    )
    u = {"trademark_brand_guidance": np.array([1.0, 1.0])}  # the top of the range: +12 %
    got = apply_scenario(paths, "effective_trademarks", sc, u, 2024)
    # Read at the ends of 2023, 2024, 2025. The lever (lag 0, ramp 2) is at half strength in 2024
    # and full in 2025: +10 -> +10.6, then +20 -> +22.4.
    assert got.values[0] == pytest.approx([100.0, 110.6, 133.0])
    assert got.values[1, 1] == pytest.approx(90.0)  # a fall stays as it was


def test_bundled_scenarios_load():
    for name in scenario_files():
        sc = load_scenario(name)
        assert sc.name == name


@pytest.mark.parametrize(
    "doc,expect",
    [
        ({"levers": {"magic": 1}}, "unknown lever"),
        ({"levers": {"pledge_risk_pool": 5}}, "intensity 5"),
        ({"shocks": {"pledge_risk_pool": 1}}, "unknown shock"),
        ({"levers": {}, "strat": 2026}, "unknown key"),
    ],
)
def test_bad_scenarios_are_refused_with_the_key(doc, expect):
    with pytest.raises(InputError) as e:
        parse_scenario(doc, "my.yaml")
    assert expect in str(e.value) and "my.yaml" in str(e.value) and "Fix:" in str(e.value)


def test_common_random_numbers_and_seeds():
    a = lever_uniforms(1, "dazhou", 100)
    b = lever_uniforms(1, "dazhou", 100)
    c = lever_uniforms(2, "dazhou", 100)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["pledge_risk_pool"], c["pledge_risk_pool"])


def test_judge_reports_shortfall_and_growth(runs):
    rec = judge(runs[0])
    m = part_metrics(runs[0])[0]
    assert rec["shortfall"] == pytest.approx(np.mean(np.maximum(16000 - m, 0)))
    assert rec["growth_history"] == pytest.approx(((5100 / 4000) ** 0.5 - 1) * 100)
    # 16000 over 2024-2026 is 5333 a year in the middle year, 2025: two years after 2023's figure.
    assert rec["growth_needed"] == pytest.approx(((16000 / 3 / 5100) ** (1 / 2) - 1) * 100)


def test_revised_threshold_is_the_quantile(runs):
    m = part_metrics(runs[0])[0]
    assert revised_threshold(runs[0], 0.8) == pytest.approx(np.quantile(m, 0.2))
    each = revised_threshold(runs[2], 0.8)
    k = each[0] / 5000
    assert each == pytest.approx([5000 * k, 5500 * k, 6000 * k])
    assert hits(runs[2], part_metrics(runs[2]), each).mean() == pytest.approx(0.8, abs=0.01)


@settings(max_examples=25, deadline=None)
@given(c1=st.floats(0.05, 0.95), c2=st.floats(0.05, 0.95))
def test_revised_threshold_falls_as_confidence_rises(runs, c1, c2):
    lo, hi = sorted((c1, c2))
    for run in runs:
        a, b = revised_threshold(run, lo), revised_threshold(run, hi)
        assert np.all(np.asarray(b) <= np.asarray(a) + 1e-9)


@settings(max_examples=25, deadline=None)
@given(t1=st.floats(1000, 60000), t2=st.floats(1000, 60000))
def test_raising_a_threshold_never_raises_p_hit(runs, t1, t2):
    lo, hi = sorted((t1, t2))
    for run in runs[:2]:
        m = part_metrics(run)
        assert hits(run, m, [hi]).mean() <= hits(run, m, [lo]).mean()


@settings(max_examples=20, deadline=None)
@given(
    i1=st.floats(0, 2),
    i2=st.floats(0, 2),
    lever=st.sampled_from(
        ["copyright_registration_support", "trademark_brand_guidance", "special_fund_growth"]
    ),
)
def test_a_lever_that_only_adds_never_lowers_p_hit(runs, i1, i2, lever):
    lo, hi = sorted((i1, i2))
    for run in runs:
        p_lo = p_hit(run, Scenario("a", "", "", ((lever, lo),), start=2024))
        p_hi = p_hit(run, Scenario("b", "", "", ((lever, hi),), start=2024))
        assert p_hi >= p_lo


def test_same_seed_same_output_other_seed_differs():
    ts = [_target("copyright_registrations", "cumulative", "2024/2026", 16000)]
    a = judge(prepare(ts, HIST, 2000, 5, today=TODAY)[0])
    b = judge(prepare(ts, HIST, 2000, 5, today=TODAY)[0])
    c = judge(prepare(ts, HIST, 2000, 6, today=TODAY)[0])
    assert a == b and a["p_hit"] != c["p_hit"]


def test_goal_seek_finds_the_intensity(runs):
    sc = Scenario("g", "", "", (), start=2024)
    base = p_hit(runs[0], sc)
    full = p_hit(runs[0], sc.with_setting("copyright_registration_support", 1.0))
    want = (base + full) / 2
    res = goal_seek(runs[0], want, "copyright_registration_support", sc)
    assert res["reachable"]
    got = p_hit(runs[0], sc.with_setting("copyright_registration_support", res["intensity"]))
    assert got >= want
    assert goal_seek(runs[0], 0.999, "madrid_support", sc)["reachable"] is False


def test_tornado_ranks_levers_that_move_the_indicator(runs):
    rows = tornado(runs[0], Scenario("t", "", "", (), start=2024))
    names = [r["lever"] for r in rows]
    assert set(names) == {"copyright_registration_support", "special_fund_growth"}
    assert abs(rows[0]["delta"]) >= abs(rows[1]["delta"])


def test_sobol_matches_an_additive_model():
    # Y = 1*X1 + 2*X2 + 0*X3 with X uniform: S1 = ST = (1/5, 4/5, 0).
    table = sobol_table(lambda x: x[:, 0] + 2 * x[:, 1], ["a", "b", "c"], 2048, seed=1)
    s1 = [r["S1"] for r in table]
    st_ = [r["ST"] for r in table]
    assert s1 == pytest.approx([0.2, 0.8, 0.0], abs=0.03)
    assert st_ == pytest.approx([0.2, 0.8, 0.0], abs=0.03)


@pytest.mark.parametrize("seed", [0, 1])
def test_sobol_intervals_same_seed_same_and_different_seed_different(seed):
    """The bootstrap intervals too: seed 0 (every command's default) once drew them unseeded."""

    def table(s):
        return sobol_table(lambda x: x[:, 0] + 2 * x[:, 1] ** 2, ["a", "b"], 256, seed=s)

    first = table(seed)
    assert first == table(seed)
    assert [r["S1_conf"] for r in first] != [r["S1_conf"] for r in table(seed + 2)]


def test_sobol_of_a_target_sums_to_about_one(runs):
    table = sobol_indices(runs[0], n_base=1024, seed=2)
    assert table[0]["factor"] == "baseline_forecast"
    assert sum(r["S1"] for r in table) == pytest.approx(1.0, abs=0.25)
    assert all(r["ST"] >= -0.05 for r in table)


def test_baseline_is_the_default_scenario(runs):
    assert judge(runs[0]) == judge(runs[0], BASELINE)
