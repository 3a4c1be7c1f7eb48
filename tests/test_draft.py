"""The next plan's periods and labels, by hand."""

from ipcast.data.target_files import bundled_targets
from ipcast.scenarios.draft import next_periods, relabel

TARGETS = {t.id: t for t in bundled_targets()}


def test_a_july_june_plans_stock_is_drafted_at_the_end_of_june():
    # Dazhou's pilot reads its stocks at 2025-06; the next plan's end is 2030-06, not end-2030
    assert next_periods(TARGETS["dz04_effective_invention_patents"], 2026, 2030) == ["2030-06"]
    assert next_periods(TARGETS["dz01_patent_grants_avg"], 2026, 2030) == ["2025-07/2030-06"]
    assert next_periods(TARGETS["cd03_effective_trademarks"], 2026, 2030) == ["2030"]


def test_a_drafted_label_names_the_drafts_period_not_the_old_one():
    assert relabel("Effective invention patents at 2025-06", "stock", ["2030-06"]) == (
        "Effective invention patents at 2030-06"
    )
    assert relabel(
        "Average yearly patent grants, FY2022/23-FY2024/25", "average", ["2025-07/2030-06"]
    ) == ("Average yearly patent grants, 2025-07/2030-06")
    assert (
        relabel("IP pledge financing in 2025", "level", ["2030"]) == "IP pledge financing in 2030"
    )
    assert relabel("New copyright registrations over the pilot", "cumulative", ["2026/2030"]) == (
        "New copyright registrations, 2026/2030"
    )
    assert relabel("IP publicity events, every year", "each_year", ["2026", "2027", "2028"]) == (
        "IP publicity events, every year, 2026…2028"
    )


def test_a_drafted_each_year_target_without_history_loads_back(tmp_path):
    """Tianchang's 年专题培训场次 (each year, no figures): the draft leaves a number per year to
    set by hand, [null x 5], which `run --targets` reads; one null for five years was refused
    ('5 periods but 1 thresholds')."""
    from ipcast.data.history import combine
    from ipcast.data.target_files import load_path
    from ipcast.scenarios.draft import draft_targets, write_draft

    ts = [t for t in bundled_targets() if t.id == "tc09_ip_trainings"]
    doc = draft_targets(ts, combine(), 2030, 0.8, n_paths=100, first=2026)
    out = tmp_path / "d.yaml"
    write_draft(doc, out)
    (back,) = load_path(out)
    assert back.kind == "each_year"
    assert [p.text for p in back.periods] == ["2026", "2027", "2028", "2029", "2030"]
    assert back.thresholds == (None,) * 5
    from ipcast.report.views import draft_text

    assert draft_text(doc, out) == (
        f"已写入{out}：1条目标，其中0条有建议目标值；修改后运行 `ipcast run --targets {out}` / "
        f"wrote {out}: 1 targets, 0 with a proposed threshold; "
        f"edit it, then `ipcast run --targets {out}`"
    )


def test_a_drafts_base_is_the_last_figure_known_not_the_old_plans():
    """Chengdu's 2021-2025 plan has its bases at 2020 (有效注册商标 615,645 件); a 2026-2030
    draft starts from the bundled figures of 2025: 105 万件 at 2025-11-30, written in the
    target's 件, and for pledge financing the 2025年1-11月 figure, 114 亿元. The YAML carries
    it and the indicator table shows it; a series with no figure after 2020 keeps 2020's."""
    from ipcast.data.history import combine
    from ipcast.report.plan_table_out import draft_rows
    from ipcast.scenarios.draft import draft_targets

    ids = ["cd03_effective_trademarks", "cd07_pledge_financing", "cd04_madrid_stock"]
    ts = [TARGETS[i] for i in ids]
    assert TARGETS["cd03_effective_trademarks"].baseline == "615645 (2020)"
    doc = draft_targets(ts, combine(), 2030, 0.8, n_paths=100, first=2026)
    bases = [e["baseline"] for e in doc["targets"]]
    assert bases == ["1050000 (2025-11-30)", "114 (2025-01/2025-11)", "408 (2020)"]
    assert [r["baseline"] for r in draft_rows(ts, doc)] == bases


def test_a_drafts_base_skips_a_gap_years_figures_so_far_and_converts_units():
    """Whole years 2018-2021 and 2023, and 2022年1-6月 alone (a gap): the base of a plan from
    2025 is 2023's whole figure, not the earlier half-year; in 万件 it is 0.15. A half-year
    after the last whole year (2024年1-6月) is the base, with its months, unless it lies inside
    the new plan; for a plan from 2023 the gap year's half is the last figure before it."""
    from types import SimpleNamespace

    from conftest import make_history

    from ipcast.forecast.series import observed
    from ipcast.scenarios.draft import latest_figure

    rows = [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 + 100 * (y - 2018), "件")
        for y in [2018, 2019, 2020, 2021, 2023]
    ]
    gap = [("dazhou", "patent_grants", "2022-01/2022-06", "half", 600.0, "件")]
    run = SimpleNamespace(obs=observed(make_history(rows + gap), "dazhou", "patent_grants"))
    assert latest_figure(run, "件", 2025) == "1500 (2023)"
    assert latest_figure(run, "万件", 2025) == "0.15 (2023)"
    after = gap + [("dazhou", "patent_grants", "2024-01/2024-06", "half", 700.0, "件")]
    run = SimpleNamespace(obs=observed(make_history(rows + after), "dazhou", "patent_grants"))
    assert latest_figure(run, "件", 2025) == "700 (2024-01/2024-06)"
    # a plan from 2024: its own 2024年1-6月 is not its base, nor is 2023 when it starts in 2023
    assert latest_figure(run, "件", 2024) == "1500 (2023)"
    assert latest_figure(run, "件", 2023) == "600 (2022-01/2022-06)"
    # two halves of 2024 added up end with the year: the base of a plan from 2025
    halves = [
        ("dazhou", "patent_grants", "2024H1", "half", 600.0, "件"),
        ("dazhou", "patent_grants", "2024-07/2024-12", "half", 700.0, "件"),
    ]
    run = SimpleNamespace(obs=observed(make_history(rows + halves), "dazhou", "patent_grants"))
    assert latest_figure(run, "件", 2025) == "1300 (2024-01/2024-12)"
    empty = SimpleNamespace(obs=observed(make_history(rows), "dazhou", "invention_grants"))
    assert latest_figure(empty, "件", 2025) is None
