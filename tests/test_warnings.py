"""Where a planner would be misled, ipcast says so: a scenario that cannot act inside a target's
period, a revise with nothing to revise, a draft whose later target would fall below an earlier
one."""

import numpy as np
from conftest import make_target
from typer.testing import CliRunner

from ipcast import api
from ipcast.cli.app import app
from ipcast.data.target_files import bundled_targets
from ipcast.scenarios.apply import idle_reason
from ipcast.scenarios.levers import load_scenario

runner = CliRunner()


def test_a_scenario_starting_after_the_plan_says_it_changes_nothing():
    sc = load_scenario("dazhou_plan_measures")
    grants = next(t for t in bundled_targets() if t.id == "dz01_patent_grants_avg")
    # The plan ends in June 2025; levers set from 2026 act a year later (lag 1): too late.
    why = idle_reason(sc, grants, 2026)
    assert why and "start in 2027, after the period ends" in why and "dz01_patent_grants_avg" in why
    assert idle_reason(sc, grants, 2022) is None  # from 2022 on they act inside the period
    later = make_target("patent_grants", "level", "2027", 5000)
    assert idle_reason(sc, later, 2026) is None
    assert idle_reason(load_scenario("baseline"), grants, 2026) is None  # nothing to say


def test_a_scenario_without_a_lever_for_the_indicator_says_so():
    sc = load_scenario("patent_campaign")
    marks = make_target("trademark_registrations", "level", "2027", 5000)
    assert "no lever that moves trademark_registrations" in idle_reason(sc, marks, 2026)


def test_revise_for_a_region_without_targets_says_what_to_pass(home):
    res = runner.invoke(app, ["revise", "-r", "shaanxi", "--paths", "100"])
    assert res.exit_code == 2 and "--targets FILE" in res.output
    assert "nothing to show" not in res.output


def _lined_up(doc, targets):
    """(indicator, kind, end, threshold, note) of each drafted part and the current plan's."""
    current = {}
    for t in targets:
        for kind, _p, th in t.parts():
            if th is not None and kind in ("level", "stock", "ratio"):
                key = (t.indicator, kind, t.unit)
                current[key] = max(current.get(key, -np.inf), th)
    return current


def test_a_draft_never_proposes_a_later_target_below_an_earlier_one_unless_it_says_why(home):
    targets = [t for t in bundled_targets() if t.region == "guanghan"]
    doc = api.draft("guanghan", first=2027, until=2030, paths=300, seed=1)
    floors = _lined_up(doc, targets)
    checked = 0
    for e, t in zip(doc["targets"], targets, strict=True):
        if e["threshold"] is None or t.comparator not in (">=", ">"):
            continue
        kind = e.get("each", e["kind"])
        key = (e["indicator"], kind, e["unit"])
        ths = e["threshold"] if isinstance(e["threshold"], list) else [e["threshold"]]
        for th in ths:
            if key in floors and th < floors[key]:
                assert "forecast's median" in e["quote"] and "is below it too" in e["quote"], e
            checked += key in floors
    assert checked >= 1
    assert all(isinstance(n, str) for n in doc["notes"])
