"""`observed`: which rows of a history table a series reads, at which times, in which unit, and
what it says of each point; worked on small tables."""

import pandas as pd
import pytest
from conftest import make_history

from ipcast.forecast.series import _rows, is_annual, observed

G = "patent_grants"


def _hist(rows, origin="test"):
    return make_history(rows).assign(origin=origin)


def test_a_flow_reads_whole_calendar_years_in_its_unit():
    """2021: 100 件 and 2022: 0.02 万件 (200 件) are read at t = 2021, 2022; a half year, an
    as-of figure, a July-June year, a year from October and a two-year span are not points."""
    rows = [
        ("dazhou", G, "2021", "year", 100.0, "件"),
        ("dazhou", G, "2022", "year", 0.02, "万件"),
        ("dazhou", G, "2023H1", "half", 60.0, "件"),
        ("dazhou", G, "2023", "asof", 70.0, "件"),
        ("dazhou", G, "2022-07/2023-06", "span", 150.0, "件"),
        ("dazhou", G, "2022-10/2023-09", "span", 160.0, "件"),
        ("dazhou", G, "2019/2020", "span", 180.0, "件"),
    ]
    obs = observed(_hist(rows), "dazhou", G)
    assert obs.t.tolist() == [2021.0, 2022.0]
    assert obs.y.tolist() == pytest.approx([100.0, 200.0])
    assert obs.unit == "件" and obs.annual and obs.additive
    assert obs.periods == ["2021", "2022"]
    unused = [r["period"] for r in obs.unused]
    assert unused == ["2023H1", "2023", "2022-07/2023-06", "2022-10/2023-09", "2019/2020"]
    assert [r["period"] for r in obs.used] == ["2021", "2022"]


def test_a_stock_reads_its_figures_at_the_instant_they_are_dated():
    """A stock's 2022 figure as of the year end is the value at t = 2023.0, one as of mid-2023
    at 2023.5; a figure said for a whole year (not an instant) is not a point."""
    s = "effective_invention_patents"
    rows = [
        ("dazhou", s, "2022", "asof", 500.0, "件"),
        ("dazhou", s, "2023-01/2023-06", "asof", 540.0, "件"),
        ("dazhou", s, "2021", "year", 450.0, "件"),
    ]
    obs = observed(_hist(rows), "dazhou", s)
    assert obs.t.tolist() == [2023.0, 2023.5]
    assert obs.y.tolist() == [500.0, 540.0]
    assert not obs.annual and not obs.additive
    assert [r["period"] for r in obs.unused] == ["2021"]


def test_a_rate_is_yearly_but_does_not_add_up():
    rows = [("dazhou", "protection_satisfaction", "2023", "year", 88.0, "%")]
    obs = observed(_hist(rows), "dazhou", "protection_satisfaction")
    assert obs.t.tolist() == [2023.0] and obs.annual and not obs.additive
    assert (is_annual(G), is_annual("protection_satisfaction")) == (True, True)
    assert (is_annual("effective_trademarks"), is_annual("invention_per_10k")) == (False, False)


def test_an_excluded_row_is_not_read_and_the_later_of_two_rows_for_a_year_wins():
    rows = [
        ("dazhou", G, "2021", "year", 100.0, "件"),
        ("dazhou", G, "2022", "year", 200.0, "件"),
        ("dazhou", G, "2022", "year", 250.0, "件"),
        ("dazhou", G, "2023", "year", 300.0, "件"),
    ]
    hist = _hist(rows)
    hist.loc[3, "exclude"] = "superseded"
    obs = observed(hist, "dazhou", G)
    assert obs.t.tolist() == [2021.0, 2022.0] and obs.y.tolist() == [100.0, 250.0]
    assert [r["value"] for r in obs.unused] == [300.0]


def test_each_point_says_whether_it_is_the_users_a_plans_or_published():
    """A user's figure (origin other than bundled), a bundled figure from a plan (source
    plan:...), and a bundled published one; the series uses user data when any point is the
    user's."""
    bundled = make_history(
        [
            ("dazhou", G, "2021", "year", 100.0, "件", "plan:dazhou_14th"),
            ("dazhou", G, "2022", "year", 200.0, "件", "cnipa"),
        ]
    ).assign(origin="bundled")
    user = _hist([("dazhou", G, "2023", "year", 300.0, "件")], origin="user")
    obs = observed(pd.concat([bundled, user], ignore_index=True), "dazhou", G)
    assert obs.source_types == ["plan", "published", "user"]
    assert obs.uses_user_data
    assert not observed(bundled, "dazhou", G).uses_user_data


def test_the_rows_given_are_read_instead_of_the_history():
    """``rows`` given (even none) are what is read; the history is not searched again."""
    hist = _hist([("dazhou", G, "2021", "year", 100.0, "件")])
    assert observed(hist, "dazhou", G, rows=[]).n_points == 0
    given = _rows(hist, "dazhou", G)
    assert observed(None, "dazhou", G, rows=given).t.tolist() == [2021.0]


def test_rows_are_the_regions_and_the_indicators_only_as_plain_values():
    rows = [
        ("dazhou", G, "2021", "year", 100.0, "件"),
        ("chengdu", G, "2021", "year", 900.0, "件"),
        ("dazhou", "trademark_registrations", "2021", "year", 50.0, "件"),
        ("dazhou", G, "2022", "year", 120.0, "件"),
    ]
    got = _rows(_hist(rows), "dazhou", G)
    assert [(r["period"], r["value"]) for r in got] == [("2021", 100.0), ("2022", 120.0)]
    assert type(got[0]["value"]) is float and got[0]["region"] == "dazhou"
    assert _rows(_hist(rows), "dazhou", "design_grants") == []
