"""Which history figures are a target's period so far (``observed_part``): those inside its
span, or months of one calendar year that run into it, shorter than the span; figures marked
excluded are not. Hand-placed periods against a 2024-07/2026-06 total and an each-year 2024-2025
target."""

from types import SimpleNamespace

from conftest import make_target

from ipcast.scenarios.outcomes import observed_part


def _obs(*rows):
    return SimpleNamespace(
        unused=[{"period": p, "value": v, "unit": "件", "exclude": ex} for p, v, ex in rows]
    )


TOTAL = make_target("patent_grants", "cumulative", "2024-07/2026-06", 3000)


def test_months_inside_the_span_or_running_into_it_are_its_figures_so_far():
    obs = _obs(
        ("2024-07/2024-09", 300.0, False),  # inside, from the span's first month
        ("2024-01/2024-09", 900.0, False),  # one year's months running into the span
        ("2026-01/2026-06", 700.0, False),  # inside, to the span's last month
        ("2024-01/2024-06", 500.0, False),  # the half year before: no overlap
        ("2023-07/2024-06", 1000.0, False),  # a July-June year before the span
        ("2026-01/2026-09", 999.0, False),  # runs out of the span's end: still one year's months
        ("2024-01/2024-12", 1200.0, False),  # a calendar year the span starts inside
        ("2024-07/2025-06", 1300.0, False),  # the span's first July-June year
        ("2025-07/2026-06", 1400.0, False),  # and its last, ending where the span ends
    )
    assert observed_part(TOTAL, obs) == (
        "2024-07/2024-09: 300件; 2024-01/2024-09: 900件; 2026-01/2026-06: 700件; "
        "2026-01/2026-09: 999件; 2024-01/2024-12: 1,200件; 2024-07/2025-06: 1,300件; "
        "2025-07/2026-06: 1,400件"
    )


def test_an_excluded_figure_a_whole_span_or_a_span_across_years_is_not_one():
    obs = _obs(
        ("2024-07/2024-09", 300.0, True),  # excluded by the planner
        ("2024-07/2026-06", 3100.0, False),  # the whole span: an outcome, not a part
        ("2023-10/2024-09", 1100.0, False),  # across a year end and into the span: not one year
    )
    assert observed_part(TOTAL, obs) == ""


def test_an_each_year_targets_first_year_is_inside_its_span():
    t = make_target("patent_grants", "each_year", ["2024", "2025"], [1500, 1500], each="level")
    obs = _obs(("2024-01/2024-09", 900.0, False), ("2023", 1200.0, False))
    assert observed_part(t, obs) == "2024-01/2024-09: 900件"
