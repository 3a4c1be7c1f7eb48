"""A region with figures but no plan drafts its first plan: one target for each indicator with
figures, its threshold proposed at the confidence, run back at that confidence."""

import pytest
from conftest import make_history

from ipcast import api
from ipcast.scenarios.draft import starter_targets

KAIJIANG = "511723"  # 开江县, no bundled plan


def _history():
    rows = [
        (KAIJIANG, "patent_grants", str(y), "year", v, "件")
        for y, v in ((2019, 112.0), (2020, 158.0), (2021, 231.0), (2022, 198.0), (2023, 176.0))
    ]
    rows += [
        (KAIJIANG, "effective_trademarks", "2023", "asof", 4300.0, "件"),
        (KAIJIANG, "invention_per_10k", "2023", "asof", 0.9, "件/万人"),
        (KAIJIANG, "population", "2023", "asof", 37.0, "万人"),
        (KAIJIANG, "trademark_registrations", "2023", "year", 585.0, "件"),
        ("510681", "copyright_registrations", "2023", "year", 90.0, "件"),  # another region
    ]
    h = make_history(rows)
    h.loc[h["indicator"] == "trademark_registrations", "exclude"] = "replaced"
    return h


def test_starter_targets_are_one_per_indicator_with_figures_read_by_its_measure():
    got = [
        (t.indicator, t.kind, t.each, t.period.text, t.thresholds, t.unit, t.comparator)
        for t in starter_targets(KAIJIANG, _history(), 2030)
    ]
    assert got == [
        ("effective_trademarks", "stock", "stock", "2030", (None,), "件", ">="),
        ("invention_per_10k", "ratio", "stock", "2030", (None,), "件/万人", ">="),
        ("patent_grants", "level", "level", "2030", (None,), "件", ">="),
    ]


def test_a_region_without_a_plan_drafts_2026_2030_and_the_draft_runs_back_at_its_confidence(
    tmp_path, home
):
    path = tmp_path / "开江.csv"
    _history().to_csv(path, index=False)
    doc = api.draft(KAIJIANG, tmp_path / "d.yaml", until=2030, paths=400, history_file=path)
    assert doc["horizon"] == "2026/2030"
    assert doc["notes"][0] == (
        "开江县（511723）无现行规划：为每个有数据的指标各起草一条目标（4条），请按规划需要增删 / "
        "no plan for 开江县 (511723): one target drafted for each indicator with figures (4); "
        "add or remove rows as the plan needs"
    )
    grants = next(e for e in doc["targets"] if e["indicator"] == "patent_grants")
    assert isinstance(grants["threshold"], int) and "no current target" in grants["quote"]
    back = api.run(KAIJIANG, paths=400, history_file=path, targets_file=tmp_path / "d.yaml")
    mine = next(r for r in back if r["indicator"] == "patent_grants")
    assert mine["p_hit"] == pytest.approx(0.8, abs=0.04)
    assert mine["threshold"] == grants["threshold"]


def test_a_region_without_a_plan_is_found_by_any_of_its_names():
    """The planner's 开江县 (or 开江, Kaijiang) is the history's 511723: its starters, not the
    'no targets' error the raw name once gave through the API."""
    from ipcast.api.inputs import drafted_from

    by_code, starters = drafted_from(KAIJIANG, None, None, _history(), 2030)
    assert starters and [t.indicator for t in by_code] == [
        "effective_trademarks",
        "invention_per_10k",
        "patent_grants",
    ]
    for name in ("开江县", "开江", "Kaijiang"):
        assert drafted_from(name, None, None, _history(), 2030) == (by_code, True)


def test_a_plan_with_no_year_after_the_current_one_is_refused_naming_the_option(tmp_path, home):
    """--from after --until, or --until within the current plan (guanghan's runs to 2026), would
    draft periods of the current plan or none (a '2027/2026' draft): refused, naming --until;
    a region with no plan found by its name first."""
    from ipcast.data.errors import InputError

    path = tmp_path / "开江.csv"
    _history().to_csv(path, index=False)
    with pytest.raises(InputError) as e:
        api.draft("开江县", until=2030, first=2031, paths=100, history_file=path)
    assert e.value.where == "--until" and "before the new plan's first year 2031" in str(e.value)
    with pytest.raises(InputError) as e:
        api.draft("guanghan", until=2026, paths=100)
    assert e.value.where == "--until" and "first year 2027" in str(e.value)


def test_run_of_a_region_without_a_plan_says_how_to_draft_one(tmp_path, home):
    """run -r 开江 --history FILE: no table of nothing, but the draft command to run, with -r."""
    from ipcast.data.errors import InputError

    path = tmp_path / "开江.csv"
    _history().to_csv(path, index=False)
    with pytest.raises(InputError) as e:
        api.run("开江", paths=100, history_file=path)
    assert e.value.where == "--region 511723"
    assert "`ipcast draft -r 511723 --out 目标.yaml`" in e.value.fix
    assert "--history FILE" in e.value.fix


def test_a_draft_continues_the_plan_given_or_bundled_not_starters(tmp_path):
    """--targets FILE for a region with no bundled plan is that plan; a region with a bundled plan
    continues it. Neither is a set of starters."""
    from ipcast.api.inputs import drafted_from

    plan = tmp_path / "开江目标.yaml"
    plan.write_text(
        "plan: kj\nregion: '511723'\ntitle_zh: 开江\ntitle_en: Kaijiang\nissued: '2025'\n"
        "horizon: 2026/2030\nsource: test\ntargets:\n- id: kj01\n  label_zh: 专利授权量\n"
        "  label_en: grants\n  indicator: patent_grants\n  family: patent\n  kind: level\n"
        "  period: '2030'\n  threshold: 300\n  comparator: '>='\n  unit: 件\n  quote: test\n",
        encoding="utf-8",
    )
    given, starters = drafted_from("开江", plan, None, _history(), 2030)
    assert not starters and [(t.id, t.thresholds) for t in given] == [("kj01", (300.0,))]
    bundled, starters = drafted_from("广汉", None, None, _history(), 2030)
    assert not starters and bundled and {t.plan for t in bundled} == {"guanghan_2024-2026"}
