"""Rankings that say how firm they are; local ranges and costs; levers that act with the plan."""

from datetime import date

import numpy as np
import pytest
from conftest import make_history, make_target

from ipcast.data.errors import InputError
from ipcast.scenarios.apply import year_factors
from ipcast.scenarios.engine import judge, prepare
from ipcast.scenarios.levers import Scenario, plan_start
from ipcast.scenarios.local import (
    cost_ranking,
    read_local_levers,
    template_yaml,
    with_local,
    write_template_xlsx,
)
from ipcast.scenarios.stability import lever_ranking, rank_stability, top_order, widen

LINE = (np.array([-100.0, 100.0]), np.array([-1.0, 1.0]))  # gain = effect / 100


def test_a_dominating_lever_is_always_first():
    curves = {"a": LINE, "b": LINE}
    s = rank_stability(curves, {"a": (10, 15, 20), "b": (0, 2, 5)}, 4000, seed=1, top=1)
    assert s["a"]["top_share"] == 1.0 and s["b"]["top_share"] == 0.0
    assert s["a"]["rank_shares"] == [1.0, 0.0] and s["b"]["rank_shares"] == [0.0, 1.0]
    # The mean gain is the triangular mean (low + mode + high) / 3, in fractions.
    assert s["a"]["mean_gain"] == pytest.approx(0.15, abs=0.002)
    assert s["b"]["mean_gain"] == pytest.approx(7 / 300, abs=0.001)
    both = rank_stability(curves, {"a": (10, 15, 20), "b": (0, 2, 5)}, 100, seed=1, top=3)
    assert both["a"]["top_share"] == both["b"]["top_share"] == 1.0


def test_two_equal_levers_share_first_place():
    s = rank_stability({"a": LINE, "b": LINE}, {"a": (0, 10, 20), "b": (0, 10, 20)}, 20000, 2, 1)
    # P(a > b) = 1/2 for two independent draws from one continuous distribution.
    assert s["a"]["top_share"] == pytest.approx(0.5, abs=0.015)
    assert s["a"]["top_share"] + s["b"]["top_share"] == pytest.approx(1.0)


def test_same_seed_same_shares_other_seed_differs():
    args = ({"a": LINE, "b": LINE}, {"a": (0, 10, 20), "b": (0, 9, 20)}, 500)
    assert rank_stability(*args, seed=5, top=1) == rank_stability(*args, seed=5, top=1)
    assert rank_stability(*args, seed=5, top=1) != rank_stability(*args, seed=6, top=1)


def test_widening_keeps_the_sign_and_can_change_the_order():
    assert widen(0, 5, 15) == (0.0, 5, 25)
    assert widen(-24, -7, 7) == (-41, -7, 21)
    assert widen(-29, -6, 0) == (-52, -6, 0.0)
    curves = {"a": LINE, "b": LINE}
    ranges = {"a": (8, 10, 12), "b": (0, 3, 9)}  # means 10 and 4
    wide = {"a": ranges["a"], "b": widen(*ranges["b"], 5.0)}  # (0, 3, 33): mean 12 > 10
    s, w = rank_stability(curves, ranges, 4000, 0), rank_stability(curves, wide, 4000, 0)
    assert top_order(s, 1) == ["a"] and top_order(w, 1) == ["b"]


def test_cost_ranking_by_hand():
    rows = [
        {"lever": "a", "kind": "lever", "delta": 0.10},
        {"lever": "b", "kind": "lever", "delta": 0.04},
        {"lever": "c", "kind": "lever", "delta": 0.20},
        {"lever": "s", "kind": "shock", "delta": -0.30},
    ]
    got = cost_ranking(rows, {"a": 200.0, "b": 40.0, "s": 10.0})
    # a: 0.10 / 200 = 0.0005 per 万元; b: 0.04 / 40 = 0.001; c has no cost; shocks cost nothing
    assert [r["lever"] for r in got] == ["b", "a"]
    assert [r["gain_per_wan"] for r in got] == pytest.approx([0.001, 0.0005])


def test_local_file_yaml_and_xlsx(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(template_yaml(), encoding="utf-8")
    local = read_local_levers(f)
    assert local["pledge_risk_pool"].cost_wan == 500 and local["pledge_risk_pool"].mode == 15
    assert not local["trademark_brand_guidance"].has_range
    sc = with_local(Scenario("s", "", "", ()), local)
    assert sc.ranges == (("pledge_risk_pool", 5.0, 15.0, 30.0),)
    x = tmp_path / "mine.xlsx"
    write_template_xlsx(x)
    assert read_local_levers(x)["pledge_risk_pool"].high == 30
    with pytest.raises(FileExistsError):
        write_template_xlsx(x)  # never overwrites


@pytest.mark.parametrize(
    "text,expect",
    [
        ("levers:\n- lever: magic\n", "column 'lever'"),
        ("levers:\n- lever: pledge_risk_pool\n  low: 1\n", "only part of the range"),
        ("levers:\n- lever: pledge_risk_pool\n  cost_wan: abc\n", "column 'cost_wan'"),
        ("levers:\n- lever: pledge_risk_pool\n  price: 3\n", "column 'price'"),
    ],
)
def test_bad_local_rows_name_row_and_column(tmp_path, text, expect):
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_local_levers(f)
    assert expect in str(e.value) and "row 1" in str(e.value)


def test_plan_start_from_the_plan_name_or_the_periods():
    a = make_target("patent_grants", "level", "2030", 1)
    assert plan_start([a]) == {"test": 2030}
    b = make_target("patent_grants", "cumulative", "2026/2030", 1)
    assert plan_start([a, b]) == {"test": 2026}
    from dataclasses import replace

    assert plan_start([replace(a, plan="chengdu_2026-2030_draft")]) == {
        "chengdu_2026-2030_draft": 2026
    }


def test_observed_years_are_never_scaled():
    sc = Scenario("s", "", "", (("copyright_registration_support", 1.0),))
    u = {"copyright_registration_support": np.array([1.0])}
    f = year_factors("copyright_registrations", [2022, 2023, 2024], sc, u, 2020, free_from=2024)
    assert f[0].tolist() == pytest.approx([1.0, 1.0, 1.3])


HIST = make_history(
    [
        ("dazhou", "copyright_registrations", str(y), "year", v, "件")
        for y, v in [(2020, 3500.0), (2021, 4000.0), (2022, 4600.0), (2023, 5100.0)]
    ]
)


@pytest.fixture(scope="module")
def run():
    t = make_target("copyright_registrations", "cumulative", "2024/2026", 17000)
    (r,) = prepare([t], HIST, n_paths=1000, seed=3, today=date(2024, 1, 15))
    return r


def test_a_lever_starting_after_the_period_is_reported(run):
    late = Scenario("late", "", "", (("copyright_registration_support", 1.0),), start=2030)
    rec = judge(run, late)
    assert rec["idle_levers"][0]["lever"] == "copyright_registration_support"
    assert rec["idle_levers"][0]["why"] == "late" and "from 2030" in rec["reason"]
    assert "no effect inside the target's period" in rec["reason"]
    assert rec["p_hit"] == judge(run)["p_hit"]
    on_time = Scenario("now", "", "", (("copyright_registration_support", 1.0),))
    assert "idle_levers" not in judge(run, on_time)


def test_lever_ranking_reports_stability(run):
    sc = Scenario("s", "", "", ())
    out = lever_ranking(run, sc, n_draws=300, seed=0)
    rows = out["ranking"]
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert all(0 <= r["top_share"] <= 1 and r["basis"] == "judgement" for r in rows)
    assert all(0 <= r["rank_share"] <= 1 for r in rows)
    assert out["rests_on_judgement"] and "判断" in out["ranking_label_zh"]
    local = with_local(sc, {}).with_range("copyright_registration_support", 0, 1, 2)
    again = lever_ranking(run, local, n_draws=300, seed=0)
    row = next(r for r in again["ranking"] if r["lever"] == "copyright_registration_support")
    assert row["basis"] == "local" and row["range"] == [0, 1, 2]
