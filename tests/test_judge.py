"""Judging one target, by hand: growth needed against the history's own trend, a zero threshold,
a period that ends as the as-of year does, and the levers that cannot act inside a period."""

from dataclasses import replace
from datetime import date

import pytest
from conftest import make_history, make_target

from ipcast.scenarios.baseline import prepare
from ipcast.scenarios.judge import _idle_text, idle_in_period, judge, part_metrics
from ipcast.scenarios.levers import Scenario

pytestmark = pytest.mark.usefixtures("every_prior_fixed")


# Patent grants growing exactly 10 % a year: 1000 in 2020 .. 1331 in 2023.
GRANTS = make_history(
    [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 * 1.1 ** (y - 2020), "件")
        for y in range(2020, 2024)
    ]
)
TODAY = date(2024, 1, 1)


def _judge(target, history=GRANTS, scenario=None, n_paths=20, **kw):
    (run,) = prepare([target], history, n_paths=n_paths, seed=0, today=kw.pop("today", TODAY), **kw)
    return judge(run, scenario) if scenario else judge(run)


@pytest.mark.parametrize(
    "kind,period,threshold,unit",
    [
        ("level", "2026", 1000.0 * 1.1**6, "件"),  # 2023 -> 2026: three years
        ("level", "2024", 1000.0 * 1.1**4, "件"),  # one year
        ("level", "2026", 0.1 * 1.1**6, "万件"),  # the same in the plan's unit
        ("average", "2024/2026", 1000.0 * 1.1**5, "件"),  # the middle year, 2025
        ("cumulative", "2024/2026", 3 * 1000.0 * 1.1**5, "件"),  # three times the middle year
    ],
)
def test_a_target_on_the_historys_own_trend_needs_the_historys_growth(
    kind, period, threshold, unit
):
    rec = _judge(make_target("patent_grants", kind, period, threshold, unit=unit))
    assert rec["growth_history"] == pytest.approx(10.0)
    assert rec["growth_needed"] == pytest.approx(10.0)


def test_a_stock_target_read_a_year_after_the_last_figure():
    h = make_history([("dazhou", "effective_invention_patents", "2023", "asof", 400.0, "件")])
    rec = _judge(make_target("effective_invention_patents", "stock", "2024", 440), h)
    assert rec["growth_needed"] == pytest.approx(10.0)  # end-2023 to end-2024


def test_a_growth_target_has_no_growth_needed_beside_it():
    rec = _judge(make_target("patent_grants", "growth", "2024/2026", 5.0, unit="%"))
    assert rec["status"] == "simulated" and "growth_needed" not in rec


def test_a_zero_threshold_is_a_threshold():
    # "no more than 0": every path of a positive flow misses it, by its whole value.
    t = replace(make_target("patent_grants", "level", "2026", 0.0), comparator="<=")
    (run,) = prepare([t], GRANTS, n_paths=20, seed=0, today=TODAY)
    rec = judge(run)
    assert rec["status"] == "simulated"
    assert rec["p_hit"] == 0.0 and rec["p_hit_se"] == 0.0
    assert rec["shortfall"] == pytest.approx(part_metrics(run)[0].mean(), rel=1e-12)
    assert rec["growth_needed"] is None  # no growth reaches zero
    assert rec["growth_history"] == pytest.approx(10.0)


def test_a_period_ending_with_the_as_of_year_awaits_its_outcome():
    # As of 2024 the run stands at the start of 2025: the year 2024 is over and not in the data
    # (once 2024 has ended; in 2024 itself it is still running, test_year_to_date).
    t = make_target("patent_grants", "level", "2024", 1500.0)
    rec = _judge(t, as_of=2024, today=date(2025, 6, 1))
    assert rec["status"] == "awaiting_outcome"
    assert rec["reason"] == (
        "period over; the outcome is not in the history yet (import it): p_hit is the forecast "
        "from the data known as of 2024"
    )
    assert rec["growth_needed"] is None
    today = _judge(make_target("patent_grants", "level", "2024", 1500.0), today=date(2025, 3, 1))
    assert today["status"] == "awaiting_outcome"
    assert today["reason"].endswith("the forecast from the data known")


COPYRIGHT = make_history(
    [
        ("dazhou", "copyright_registrations", str(y), "year", v, "件")
        for y, v in [(2020, 3500.0), (2021, 4000.0), (2022, 4600.0), (2023, 5100.0)]
    ]
)
SUPPORT = "copyright_registration_support"  # no lag, full effect in its first year


def _support(start):
    return Scenario("s", "", "", ((SUPPORT, 1.0),), start=start)


def test_a_lever_acting_in_the_periods_last_year_is_not_idle():
    t = make_target("copyright_registrations", "cumulative", "2024/2026", 17000)
    (run,) = prepare([t], COPYRIGHT, n_paths=20, seed=0, today=TODAY)
    assert idle_in_period(run, _support(2026)) == []
    late = idle_in_period(run, _support(2027))
    assert [(x["lever"], x["why"], x["first_year"]) for x in late] == [(SUPPORT, "late", 2027)]
    rec = judge(run, _support(2027))
    assert rec["reason"] == f"no effect inside the target's period: {SUPPORT} acts only from 2027"
    rec = judge(run)
    assert "idle_levers" not in rec and rec["reason"] == ""


def test_why_a_lever_is_idle_in_words():
    x = {"lever": "a", "first_year": 2020, "last_year": 2022}
    assert _idle_text({**x, "why": "history"}) == "a: the period's figures are already observed"
    assert _idle_text({**x, "why": "late"}) == "a acts only from 2020"
    assert _idle_text({**x, "why": "over"}) == "a acted 2020-2022 only"


def test_the_record_shows_one_threshold_or_the_list():
    assert _judge(make_target("patent_grants", "level", "2026", 1500.0))["threshold"] == 1500.0
    t = make_target("patent_grants", "each_year", ["2025", "2026"], [1400, 1500], each="level")
    assert _judge(t)["threshold"] == [1400, 1500]


def test_levers_leave_the_observed_years_of_a_period_alone():
    # 2022 and 2023 are observed: a lever from 2022 moves only 2024 of a 2022-2024 total, by
    # exactly what it moves the 2024 figure.
    total = make_target("copyright_registrations", "cumulative", "2022/2024", 20000)
    year = replace(make_target("copyright_registrations", "level", "2024", 6000), id="y2024")
    runs = prepare([total, year], COPYRIGHT, n_paths=20, seed=0, today=TODAY)
    lift = [part_metrics(r, _support(2022))[0] - part_metrics(r)[0] for r in runs]
    assert lift[1].min() > 0
    assert lift[0] == pytest.approx(lift[1], rel=1e-12)


def test_a_lever_lifts_a_stock_from_the_year_after_its_last_year_end():
    h = make_history([("dazhou", "copyright_registrations_total", "2023", "asof", 30000.0, "件")])
    t = make_target("copyright_registrations_total", "stock", "2024", 35000)
    (run,) = prepare([t], h, n_paths=20, seed=0, today=TODAY)
    lifted, base = part_metrics(run, _support(2024))[0], part_metrics(run)[0]
    # every path that added to the stock in 2024 gains; a fall is never deepened
    assert ((lifted > base) == (base > 30000.0)).all() and (base > 30000.0).sum() >= 10


def test_a_stock_read_mid_year_keeps_that_years_additions_as_they_are():
    # Read at end-June 2024: the year 2024 counts as in the history, so a lever from 2024 leaves
    # the end-2024 stock alone and says why.
    h = make_history(
        [("dazhou", "copyright_registrations_total", "2024-06", "asof", 30000.0, "件")]
    )
    t = make_target("copyright_registrations_total", "stock", "2024", 35000)
    (run,) = prepare([t], h, n_paths=20, seed=0, today=date(2024, 8, 1))
    assert part_metrics(run, _support(2024))[0] == pytest.approx(part_metrics(run)[0], rel=1e-15)
    rec = judge(run, _support(2024))
    assert rec["reason"] == (
        f"no effect inside the target's period: {SUPPORT}: the period's figures are already "
        "observed"
    )


CAMPAIGN = "non_normal_patent_campaign"  # a shock on patent grants for three years from its start


def test_a_shock_over_before_a_flow_period_is_idle_and_one_inside_is_not():
    t = make_target("patent_grants", "cumulative", "2026/2027", 3000)
    (run,) = prepare([t], GRANTS, n_paths=20, seed=0, today=TODAY)
    shock = Scenario("s", "", "", ((CAMPAIGN, 1.0),), start=2023)  # 2023-2025
    assert [(x["why"], x["last_year"]) for x in idle_in_period(run, shock)] == [("over", 2025)]
    each = make_target("patent_grants", "each_year", ["2026", "2027"], [1, 1], each="level")
    (run,) = prepare([each], GRANTS, n_paths=20, seed=0, today=TODAY)
    inside = Scenario("s", "", "", ((CAMPAIGN, 1.0),), start=2024)  # 2024-2026
    assert idle_in_period(run, inside) == []


def test_a_ratio_with_no_figures_of_its_own_is_judged():
    h = make_history(
        [
            ("dazhou", "effective_invention_patents", "2023", "asof", 3000.0, "件"),
            ("dazhou", "population", "2023", "asof", 60.0, "万人"),
        ]
    )
    t = make_target("invention_per_10k", "ratio", "2025", 40.0, unit="件/万人")
    (run,) = prepare([t], h, n_paths=20, seed=0, today=TODAY)
    assert idle_in_period(run, _support(2024)) == []
    assert judge(run)["status"] == "simulated"


def test_a_shock_measured_after_the_as_of_year_is_left_out_of_scenarios_and_rankings():
    """The campaign's range was measured on 2021-2023 outcomes: a run as of 2020 neither draws
    on it (the scenario gives the baseline's p) nor ranks it; the same data without --as-of does
    both."""
    from ipcast.scenarios.analysis import tornado
    from ipcast.scenarios.levers import known_by, lever_catalog, unknown_by

    assert lever_catalog()[CAMPAIGN].known_from == 2023
    shock = Scenario("campaign", "", "", ((CAMPAIGN, 1.0),), start=2021)
    assert known_by(shock, 2020).settings == () and known_by(shock, 2023) is shock
    assert known_by(shock, None) is shock
    assert unknown_by(shock, 2020) == [
        (
            f"措施“打击非正常专利申请专项整治”（{CAMPAIGN}）：其效果范围依据截至2023年的实际结果"
            "测得，2020年时尚无从知道，未计入",
            f"{CAMPAIGN}: its range was measured on outcomes to 2023, not known as of 2020: "
            "left out",
        )
    ]
    assert unknown_by(shock, 2023) == []
    t = make_target("patent_grants", "cumulative", "2021/2023", 3600)
    to_2020 = GRANTS[GRANTS["period"] == "2020"]
    kw = {"n_paths": 400, "seed": 0, "today": date(2021, 1, 15)}
    (then,) = prepare([t], GRANTS, as_of=2020, **kw)
    (now,) = prepare([t], to_2020, **kw)
    assert judge(then, shock)["p_hit"] == judge(then)["p_hit"]
    assert judge(now, shock)["p_hit"] < judge(now)["p_hit"]
    assert CAMPAIGN not in [r["lever"] for r in tornado(then)]
    assert CAMPAIGN in [r["lever"] for r in tornado(now)]


def test_a_shock_unknown_as_of_the_run_is_not_reported_idle_either():
    """A campaign that ended (2018-2020) before a 2021-2023 target is idle ('over') in a run
    with today's knowledge; as of 2020 its range is unknown, so it is left out (unknown_by says
    so) and is not listed as idle as well."""
    t = make_target("patent_grants", "cumulative", "2021/2023", 3600)
    shock = Scenario("campaign", "", "", ((CAMPAIGN, 1.0),), start=2018)
    kw = {"n_paths": 20, "seed": 0, "today": date(2021, 1, 15)}
    (then,) = prepare([t], GRANTS, as_of=2020, **kw)
    (now,) = prepare([t], GRANTS[GRANTS["period"] == "2020"], **kw)
    assert [(x["why"], x["last_year"]) for x in idle_in_period(now, shock)] == [("over", 2020)]
    assert idle_in_period(then, shock) == []
