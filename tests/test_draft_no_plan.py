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
    assert doc["notes"][0].startswith("no plan for 开江县 (511723): one target drafted for each")
    grants = next(e for e in doc["targets"] if e["indicator"] == "patent_grants")
    assert isinstance(grants["threshold"], int) and "no current target" in grants["quote"]
    back = api.run(KAIJIANG, paths=400, history_file=path, targets_file=tmp_path / "d.yaml")
    mine = next(r for r in back if r["indicator"] == "patent_grants")
    assert mine["p_hit"] == pytest.approx(0.8, abs=0.04)
    assert mine["threshold"] == grants["threshold"]
