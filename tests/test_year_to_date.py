"""A year partly observed (1-10月) enters its targets by its pace, not only as a floor."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from conftest import make_history, make_target
from scipy.special import digamma, polygamma

from ipcast.forecast.series import observed
from ipcast.forecast.year_to_date import (
    condition,
    condition_paths,
    share_draws,
    share_of_year,
    year_to_date,
)
from ipcast.scenarios.engine import assess


def test_the_share_of_the_months_observed():
    # 1-10月 with the default half-year share 0.5 ± 0.05 (Beta concentration k = 99):
    # mean 10/12, sd sqrt(10/12 * 2/12 / 100)
    m, sd = share_of_year(2026.0, 2026 + 10 / 12, (0.5, 0.05))
    assert m == pytest.approx(10 / 12)
    assert sd == pytest.approx(np.sqrt(10 / 12 * 2 / 12 / 100))
    # January-June takes the family's own half-year share (pledge: back-loaded)
    assert share_of_year(2026.0, 2026.5, (0.35, 0.10)) == (0.35, 0.10)


def test_the_pace_and_the_forecast_combine_by_their_precisions():
    """Analytic: log(pace) = log O - log s with s ~ Beta(a, b) has mean log O - (psi(a) -
    psi(a + b)) and variance psi'(a) - psi'(a + b); the forecast is lognormal (mu_f, sd_f); the
    weight of the forecast is var_p / (sd_f^2 + gap^2 + var_p)."""
    n, observed_, mu_f, sd_f = 200_000, 118.0, np.log(150.0), 0.10
    rng = np.random.default_rng(3)
    forecast = np.exp(mu_f + sd_f * rng.standard_normal(n))
    mean, sd = share_of_year(2026.0, 2026 + 10 / 12, (0.5, 0.05))
    share = share_draws(mean, sd, n, rng)
    k = mean * (1 - mean) / sd**2 - 1
    a_, b_ = mean * k, (1 - mean) * k
    mu_p = np.log(observed_) - (digamma(a_) - digamma(a_ + b_))
    var_p = polygamma(1, a_) - polygamma(1, a_ + b_)
    w = var_p / (sd_f**2 + (mu_f - mu_p) ** 2 + var_p)
    got = np.log(condition(forecast, observed_, share))
    assert np.mean(got) == pytest.approx(w * mu_f + (1 - w) * mu_p, abs=2e-3)
    assert np.var(got) == pytest.approx(w**2 * sd_f**2 + (1 - w) ** 2 * var_p, rel=0.03)


def test_nothing_observed_keeps_the_forecast_and_no_path_falls_below_the_figure():
    forecast = np.array([0.0, 50.0, 120.0, 300.0])
    assert condition(forecast, 0.0, np.full(4, 0.8)).tolist() == forecast.tolist()
    got = condition(forecast, 100.0, np.full(4, 0.999))
    assert got.min() >= 100.0


def _grants(extra=()):
    rows = [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 * 1.1 ** (y - 2018), "件")
        for y in range(2018, 2024)
    ]
    return make_history(rows + list(extra))


def test_the_longest_figure_of_a_year_without_its_whole_figure_is_taken():
    part = [
        ("dazhou", "patent_grants", "2024-01/2024-06", "half", 600.0, "件"),
        ("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件"),
        ("dazhou", "patent_grants", "2023-01/2023-06", "half", 700.0, "件"),  # 2023 is whole
    ]
    obs = observed(_grants(part), "dazhou", "patent_grants")
    got = {y: (round(a, 4), round(b, 4), v) for y, (a, b, v, _) in year_to_date(obs).items()}
    assert got == {2024: (2024.0, 2024.75, 900.0)}


def test_same_seed_same_paths_other_seed_other_paths():
    obs = observed(
        _grants([("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")]),
        "dazhou",
        "patent_grants",
    )
    times = np.array([2023.0, 2024.0, 2025.0])
    col = np.linspace(1500, 2100, 500)
    sims = np.column_stack([np.full(500, 1610.51), col, 1.1 * col])
    one = condition_paths(obs, times, sims, 1, None)
    assert np.array_equal(one, condition_paths(obs, times, sims, 1, None))
    assert not np.array_equal(one, condition_paths(obs, times, sims, 2, None))
    assert np.array_equal(one[:, 0], sims[:, 0])  # a whole year is left as it is
    # 2025 moves with 2024's new level, path by path: 1.1 times 2024's conditioned total
    assert one[:, 2] == pytest.approx(1.1 * one[:, 1])
    assert np.median(one[:, 1]) < 1300  # 900 by September: a pace of 1200, not 1800


def test_a_slow_year_so_far_lowers_p_hit():
    """2023 = 1000 * 1.1^5 = 1610.51; by September 2024 only 1000 granted, a pace of
    1000 / 0.75 = 1333 for the year. Reaching 1500 needs the share of January-September to be
    at most 1000 / 1500 = 0.667, about 1.9 sd below its mean 0.75 (sd 0.0433): a few per cent.
    The old floor kept the forecast (about 1770) above 1000 and gave a high p_hit."""
    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 1000.0, "件")]
    t = make_target("patent_grants", "level", "2024", 1500)
    (rec,) = assess([t], _grants(part), n_paths=4000, seed=1, today=date(2024, 10, 15))
    assert rec["status"] == "simulated"
    assert rec["p_hit"] < 0.1
    assert 1300 < rec["median"] < 1400
    assert "2024 is the pace of its figure so far" in rec["reason"]
    assert "about 1,333件" in rec["reason"]
    # from 1610.51 in 2023 to 1500 would be -6.9 % a year, while 2024 runs at 1333 so far
    assert rec["growth_needed"] is None


def test_a_lever_moves_only_the_months_still_to_come():
    """With 2026年1-10月 in, two months of 2026 are left: a lever that adds 30 % to a year's
    flow adds 30 % of the remaining sixth, 5 %, to 2026 (the old rule added all 30 %)."""
    from ipcast.scenarios.apply import idle_levers, year_factors
    from ipcast.scenarios.levers import Scenario

    sc = Scenario("s", "", "", (("copyright_registration_support", 1.0),))
    u = {"copyright_registration_support": np.array([1.0])}
    ff = 2026 + 10 / 12
    f = year_factors("copyright_registrations", [2025, 2026, 2027], sc, u, 2020, free_from=ff)
    assert f[0].tolist() == pytest.approx([1.0, 1 + 0.3 / 6, 1.3])
    assert idle_levers("copyright_registrations", [2026], sc, 2020, free_from=ff) == []


def test_the_briefing_says_a_period_is_partly_observed_and_draws_a_total_as_a_yearly_mean():
    """Page one names the targets whose period has figures so far (not "such as 1-10月" beside
    a 1-9月 figure); the fan chart draws a
    cumulative 2023/2024 target of 3,600 on a chart of yearly grants as 1,800 a year, and marks
    the figure so far (900 by September) that the 2024 fan is conditioned on."""
    from ipcast.report.brief import build_briefing, fan_data
    from ipcast.report.document import rests_on

    hist = _grants([("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")])
    ts = [
        make_target("patent_grants", "level", "2024", 1500),
        make_target("patent_grants", "cumulative", "2023/2024", 3600),
    ]
    b = build_briefing(ts, hist, n_paths=500, seed=1, today=date(2024, 11, 20))
    said = "「测试」、「测试」的期内已有部分数据（当年已过月份的数字），已按其进度计入达标概率。"
    assert said in rests_on(b) and "1-10月" not in rests_on(b)
    sim = [r for r in b["records"] if r["status"] == "simulated"]
    fan = fan_data("dazhou", "patent_grants", sim, hist, 500, 1, None, "zh")
    shown = {t.get("text", ""): t["threshold"] for t in fan["targets"]}
    assert shown == {"": 1500.0, "年均1,800（2年共3,600）": 1800.0}
    assert fan["so_far"] == [{"period": "2024-01/2024-09", "year": 2024, "value": 900.0}]


def test_a_period_over_with_figures_for_part_of_it_awaits_its_outcome_by_their_pace():
    """2024 is over (today March 2025) and only 2024年1-6月 is in: 500, a pace of 1000 against
    a forecast of about 1770. The target awaits its outcome, with p_hit by the pace (half,
    give or take 0.05: reaching 1500 needs the share at most 1/3, 3.3 sd below), said in
    English and Chinese."""
    from ipcast.report.words import reason

    part = [("dazhou", "patent_grants", "2024-01/2024-06", "half", 500.0, "件")]
    t = make_target("patent_grants", "level", "2024", 1500)
    (rec,) = assess([t], _grants(part), n_paths=2000, seed=1, today=date(2025, 3, 1))
    assert rec["status"] == "awaiting_outcome"
    assert rec["p_hit"] < 0.05
    assert "figures so far (2024-01/2024-06: 500件): 2024 is the pace" in rec["reason"]
    assert reason(rec, "zh") == (
        "规划期已结束，结果尚未公布，按已有数据估计（期内已有部分数据：2024年1-6月：500件，已计入）"
    )


def test_a_rates_figure_for_part_of_a_year_is_said_to_be_unused():
    rows = [
        ("dazhou", "protection_satisfaction", str(y), "year", 80.0 + y - 2018, "%")
        for y in range(2018, 2024)
    ]
    rows.append(("dazhou", "protection_satisfaction", "2024-01/2024-06", "half", 90.0, "%"))
    t = make_target("protection_satisfaction", "level", "2024", 88, unit="%")
    (rec,) = assess([t], make_history(rows), n_paths=500, seed=1, today=date(2024, 10, 1))
    assert rec["status"] == "simulated"
    assert "a rate's figure for part of a year is not used" in rec["reason"]


def test_revise_rows_carry_the_reason_that_says_a_period_is_partly_observed():
    """revise printed its table without saying that its 80 % figure rests on 1-10月 figures;
    its rows now carry the reason, and the lines under the table say it as run's footer does."""
    from ipcast.api.questions import REVISE_KEYS
    from ipcast.report.views import partly_observed_lines

    assert "reason" in REVISE_KEYS
    rec = {
        "status": "simulated",
        "label_zh": "年融资金额",
        "reason": "period partly observed (2026-01/2026-10: 2.1亿元); 2026 is the pace of its "
        "figure so far (2.1 over a share of 0.83 ± 0.08 of the year's flow, about 2.52亿元) "
        "combined with the forecast, never below the figure",
    }
    assert partly_observed_lines([rec], "zh") == [
        "规划期内已有部分数据：",
        "  年融资金额：规划期内已有部分数据（2026年1-10月：2.1亿元）：2026年全年按已有数字的"
        "进度推算（这几个月约占全年的0.83±0.08，全年约2.52亿元），与预测合并，不低于已有数字",
    ]
    assert partly_observed_lines([{**rec, "status": "no_history"}], "zh") == []
    # A target after the year so far: its forecast starts from it, said under its own heading
    before = {
        "status": "simulated",
        "label_zh": "专利授权量",
        "label_en": "Patent grants",
        "reason": "the forecast starts from the figures so far of a year before the period "
        "(2026-01/2026-10: 1,051件): that year is their pace combined with the forecast, and the "
        "years after move with it",
    }
    assert partly_observed_lines([before, rec], "zh")[2:] == [
        "规划期前已有部分数据（预测由此起算）：",
        "  专利授权量：预测从规划期之前年份已有的部分数据起算（2026年1-10月：1,051件）：该年全年"
        "按已有进度与预测合并，其后各年随之变动",
    ]
    assert partly_observed_lines([before], "en") == [
        "Forecasts starting from a year's figures so far:",
        f"  Patent grants: {before['reason']}",
    ]


def test_as_of_the_current_year_does_not_close_a_period_still_running():
    """--as-of 2024 in November 2024: a 2024 target is still open (it was 'awaiting its
    outcome', as if December were over); as of 2023 it is judged from 2023's end as before."""
    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 1000.0, "件")]
    t = make_target("patent_grants", "level", "2024", 1500)
    hist = _grants(part)
    (now,) = assess([t], hist, n_paths=500, seed=1, as_of=2024, today=date(2024, 11, 20))
    assert now["status"] == "simulated"
    assert "2024 is the pace" in now["reason"]
    (then,) = assess([t], hist, n_paths=500, seed=1, as_of=2023, today=date(2024, 11, 20))
    assert then["status"] == "simulated" and "partly observed" not in (then["reason"] or "")


def test_the_briefings_first_sentence_counts_targets_awaiting_their_outcome():
    """Chengdu's brief in December 2026 said '共22项量化目标：1项已达成、0项未达成；15项缺少数据'
    and left out the six targets whose 2025 outcome is not in yet."""
    from ipcast.report.document import conclusion

    recs = [
        {"status": "awaiting_outcome", "light": "green", "reason": "period over; ..."},
        {"status": "awaiting_outcome", "light": "red", "reason": "period over; ..."},
        {"status": "resolved", "light": "met", "hit": True, "reason": "outcome known"},
        {"status": "no_history", "light": "grey", "reason": "no history"},
    ]
    text = conclusion({"records": recs, "lang": "zh"})
    assert text == (
        "规划期已结束；共4项量化目标：2项规划期已结束、结果尚待公布；1项已达成、0项未达成；"
        "1项缺少数据、暂无法测算。"
    )


def test_the_briefings_table_reads_a_probability_as_the_run_table_does():
    """Chengdu's 地理标志拥有量 (p_hit 0.99775, awaiting its outcome): run said >99 %, the
    brief's table 100%±1."""
    from ipcast.report.document import _odds

    w = {"met": "已达成", "missed": "未达成", "pending": "待公布"}
    r = {"status": "awaiting_outcome", "p_hit": 0.99775, "p_hit_se": 0.00075, "q10": 110.2}
    r.update(q90=123.4, target_id="cd05", comparator=">=", unit="件")
    assert _odds(r, w, {})[0] == ">99%"
    assert _odds({**r, "p_hit": 0.00525}, w, {})[0] == "<1%"
    assert _odds({**r, "p_hit": 0.5, "p_hit_se": 0.01}, w, {})[0] == "50%±2"


def test_a_briefing_of_a_plan_that_is_over_says_no_measure_can_change_it():
    """Chengdu's brief (every target over or without data) said no lever moves the odds by a
    percentage point 'in this scenario', as if one might."""
    from ipcast.report import words
    from ipcast.report.document import _levers

    w = words.WORDS["zh"]
    recs = [{"status": "awaiting_outcome", "reason": "period over; ..."}]
    (said,) = _levers({"top_levers": [], "records": recs}, w, "zh")
    assert said["text"] == "没有仍在期内且可测算的目标：已结束的规划期，措施已无法改变其结果。"
    open_ = [{"status": "simulated", "reason": ""}]
    (said,) = _levers({"top_levers": [], "records": open_}, w, "zh")
    assert said["text"] == "当前情景下各项措施对达标概率的影响均不足1个百分点。"


def test_a_more_than_target_is_said_as_more_than():
    """Tianchang's PCT target is '>30件' (超过30件): the brief said '达到30件' and '30件' beside a
    probability of exceeding 30, while the run table says '>30 件'."""
    from ipcast.report.document import _threshold
    from ipcast.report.text import _odds

    r = {"label_zh": "PCT国际申请数量", "label_en": "PCT applications", "period": "2024/2026"}
    r.update(threshold=30, unit="件", comparator=">", p_hit=0.7, p_hit_se=0.007)
    r.update(status="simulated", reason="")
    assert "PCT国际申请数量超过30件的概率约为70%" in _odds(r, "zh", first=True)
    assert "PCT applications exceeds 30" in _odds(r, "en", first=True)
    assert _threshold(r) == ">30件"
    assert _threshold({**r, "comparator": ">="}) == "30件"


def test_a_gap_year_partly_observed_leaves_the_observed_years_after_it():
    """2024 has only 1-6月 (a gap), 2025 is whole: 2024 is read by its pace, 2025 stays the
    observed figure on every path and 2026 is not moved by 2024's level."""
    rows = [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 + 100 * (y - 2018), "件")
        for y in [*range(2018, 2024), 2025]
    ]
    rows.append(("dazhou", "patent_grants", "2024-01/2024-06", "half", 300.0, "件"))
    obs = observed(make_history(rows), "dazhou", "patent_grants")
    times = np.array([2024.0, 2025.0, 2026.0])
    sims = np.column_stack(
        [np.linspace(1400, 1800, 400), np.full(400, 1700.0), np.full(400, 1800.0)]
    )
    got = condition_paths(obs, times, sims, 1, None)
    assert np.median(got[:, 0]) < 1000  # 300 by June: a pace of 600
    assert np.array_equal(got[:, 1:], sims[:, 1:])


def test_the_data_date_of_a_stock_read_at_a_spans_end_is_that_months_end():
    """A bureau's 2026年1-10月 column holds 有效发明专利 at the end of October: 数据截至 said
    '2026年1-10月' as if it were a flow over those months."""
    import pandas as pd

    from ipcast.report.brief import _vintage

    used = pd.DataFrame(
        {
            "period": ["2025", "2026-01/2026-10"],
            "indicator": ["effective_invention_patents"] * 2,
            "period_type": ["asof", "asof"],
        }
    )
    assert _vintage(used, "zh") == "2026年10月末（有效发明专利）"
    assert _vintage(used, "en") == "end of 2026-10 (effective_invention_patents)"
    flows = used.assign(indicator="patent_grants", period_type=["year", "span"])
    assert _vintage(flows, "zh") == "2026年1-10月（授权专利）"


def test_which_figures_a_year_is_read_by():
    """Only a flow's figures inside one calendar year without its whole figure, not excluded;
    of several the longest, and of two as long the later (January-June, then July-December)."""
    from ipcast.forecast.year_to_date import h1_share

    def got(rows, slug="patent_grants"):
        obs = observed(
            _grants(rows) if slug == "patent_grants" else make_history(rows), "dazhou", slug
        )
        return {y: (round(a, 4), round(b, 4), v) for y, (a, b, v, _) in year_to_date(obs).items()}

    g = "patent_grants"
    nine, six = (
        ("dazhou", g, "2024-01/2024-09", "span", 900.0, "件"),
        ("dazhou", g, "2024H1", "half", 600.0, "件"),
    )
    assert got([nine, six]) == got([six, nine]) == {2024: (2024.0, 2024.75, 900.0)}
    h2 = ("dazhou", g, "2024-07/2024-12", "half", 700.0, "件")
    # The two halves say the whole year: 600 + 700 (read by the later half alone, it was 700).
    assert got([six, h2]) == got([h2, six]) == {2024: (2024.0, 2025.0, 1300.0)}
    assert got([h2]) == {2024: (2024.5, 2025.0, 700.0)}  # alone, the later half is a pace
    jul_oct = ("dazhou", g, "2024-07/2024-10", "span", 420.0, "件")
    assert got([six, jul_oct]) == {2024: (2024.0, 2024.8333, 1020.0)}
    # 1-9月 and 7-10月 overlap: not added; 1-9月 is the longest.
    assert got([nine, jul_oct]) == {2024: (2024.0, 2024.75, 900.0)}
    # Of 1-6月 + 7-10月 and 1-9月 + 10-12月, the whole year.
    q4 = ("dazhou", g, "2024-10/2024-12", "quarter", 310.0, "件")
    assert got([six, jul_oct, nine, q4]) == {2024: (2024.0, 2025.0, 1210.0)}
    assert got([("dazhou", g, "2024-07/2025-06", "span", 1700.0, "件")]) == {}  # a July-June year
    excluded = make_history([nine]).assign(exclude="superseded")
    hist = pd.concat([_grants([]), excluded])
    assert year_to_date(observed(hist, "dazhou", g)) == {}
    rate = [("dazhou", "protection_satisfaction", "2024-01/2024-06", "half", 90.0, "%")]
    rate += [("dazhou", "protection_satisfaction", "2023", "year", 88.0, "%")]
    assert got(rate, "protection_satisfaction") == {}  # a rate's half year: no pace
    stock = [("dazhou", "effective_invention_patents", "2024-01/2024-06", "asof", 900.0, "件")]
    assert got(stock, "effective_invention_patents") == {}
    assert h1_share("patent", None) == (0.5, 0.05)
    assert h1_share("pledge", None) == (0.35, 0.10)
    # January-March is a quarter of the year, not a half
    assert share_of_year(2024.0, 2024.25, (0.5, 0.05)) == pytest.approx(
        (0.25, np.sqrt(0.25 * 0.75 / 100))
    )


def test_share_draws_have_the_asked_mean_and_sd_and_a_whole_year_is_all_of_it():
    rng = np.random.default_rng(5)
    s = share_draws(10 / 12, 0.0373, 200_000, rng)
    assert s.mean() == pytest.approx(10 / 12, abs=5e-4)
    assert s.std() == pytest.approx(0.0373, rel=0.01)
    s = share_draws(0.35, 0.10, 200_000, rng)  # pledge's January-June: concentration 21.75
    assert s.mean() == pytest.approx(0.35, abs=1e-3)
    assert s.std() == pytest.approx(0.10, rel=0.008)
    assert share_draws(1.0, 0.0, 3, rng).tolist() == [1.0, 1.0, 1.0]


def test_a_small_figure_in_a_large_unit_still_sets_the_pace_and_no_forecast_leaves_the_pace():
    """0.5 亿元 by June is a pace of about 1 亿元 (half, give or take 0.05) against a forecast of
    3 give or take 1 %: the forecast, far off, gives way. A forecast of zero on every path leaves
    the pace alone: 100 over a share of 0.8 is 125."""
    rng = np.random.default_rng(2)
    forecast = 3.0 * np.exp(0.01 * rng.standard_normal(5000))
    got = condition(forecast, 0.5, share_draws(0.5, 0.05, 5000, rng))
    assert np.median(got) == pytest.approx(1.0, rel=0.05)
    assert condition(np.zeros(4), 100.0, np.full(4, 0.8)) == pytest.approx([125.0] * 4)
    one = condition(np.array([0.0, 0.0, 90.0]), 100.0, np.full(3, 0.8))
    assert one == pytest.approx([125.0] * 3)  # one positive path has no spread to weigh
    # two positive paths are weighed: pace log(100 / s) = 4.828, 4.962, 4.711 (var 0.0105);
    # forecast log 90, log 110 (4.500, 4.700: var 0.0101 + gap^2 0.0545), weight 0.1404
    share = np.array([0.8, 0.7, 0.9])
    pace = np.log(100 / share)
    own = np.log([90.0, 110.0])
    a = np.var(pace) / (np.var(own) + (own.mean() - pace.mean()) ** 2 + np.var(pace))
    assert a == pytest.approx(0.1404, abs=1e-4)
    want = np.exp(a * own + (1 - a) * pace[1:])
    assert condition(np.array([0.0, 90.0, 110.0]), 100.0, share) == pytest.approx([125.0, *want])


def test_the_weighing_at_its_edges():
    """The same weighing in 亿元 below 1 (forecasts of 0.9 and 1.1 are forecasts, not zeros);
    a forecast and a pace that agree exactly (no spread in either) give the figure's pace; a
    forecast tighter than the pace leads."""
    share = np.array([0.8, 0.7, 0.9])
    pace = np.log(1.0 / share)
    own = np.log([0.9, 1.1])
    a = np.var(pace) / (np.var(own) + (own.mean() - pace.mean()) ** 2 + np.var(pace))
    want = np.exp(a * own + (1 - a) * pace[1:])
    got = condition(np.array([0.0, 0.9, 1.1]), 1.0, share)
    assert got == pytest.approx([1.25, *want])
    assert condition(np.full(3, 100.0), 80.0, np.full(3, 0.8)) == pytest.approx([100.0] * 3)
    tight = condition(np.array([124.0, 126.0, 125.0]), 100.0, share)
    assert np.abs(tight - 125.0).max() < 2.0  # the pace alone spreads 111-143


def test_the_years_after_move_by_each_paths_own_factor_in_any_unit():
    """2025 moves by 2024's factor path by path, also in 亿元 below 1; a path forecast at zero in
    2024 (no level to scale) leaves 2025 as it was."""
    rows = [
        ("dazhou", "pledge_financing", str(y), "year", 0.1 * (y - 2017), "亿元")
        for y in range(2018, 2024)
    ]
    rows.append(("dazhou", "pledge_financing", "2024-01/2024-06", "half", 0.2, "亿元"))
    obs = observed(make_history(rows), "dazhou", "pledge_financing")
    times = np.array([2024.0, 2025.0])
    sims = np.column_stack([np.array([0.0, 0.6, 0.8, 0.9]), np.array([0.5, 0.7, 0.9, 1.0])])
    got = condition_paths(obs, times, sims, 3, None)
    assert got[0, 1] == 0.5  # no 2024 level to move from
    assert got[1:, 1] == pytest.approx(sims[1:, 1] * got[1:, 0] / sims[1:, 0])
    assert np.all(got[1:, 0] != sims[1:, 0])


def test_two_halves_settle_the_years_paths_exactly():
    """上半年 600 and 下半年 700 with no whole-year figure: 2024 is 1,300 on every path (it was
    read as a pace of 700 over half the year, 1,400 give or take), and a three-year sum from it
    carries 1,300 exactly."""
    halves = [
        ("dazhou", "patent_grants", "2024H1", "half", 600.0, "件"),
        ("dazhou", "patent_grants", "2024-07/2024-12", "half", 700.0, "件"),
    ]
    obs = observed(_grants(halves), "dazhou", "patent_grants")
    times = np.array([2024.0, 2025.0])
    sims = np.array([[1500.0, 1600.0], [1200.0, 1300.0], [1800.0, 2000.0]])
    got = condition_paths(obs, times, sims, seed=3, as_of=None)
    assert got[:, 0].tolist() == [1300.0, 1300.0, 1300.0]
    # The year after moves by each path's own factor, as for any year conditioned.
    assert got[:, 1] == pytest.approx(sims[:, 1] * 1300.0 / sims[:, 0])
    assert condition(np.array([5.0, 9.0]), 4.0, np.ones(2)).tolist() == [4.0, 4.0]


def test_a_target_on_a_year_of_two_halves_says_they_were_added_in_both_languages():
    from ipcast.report.words import reason

    halves = [
        ("dazhou", "patent_grants", "2024H1", "half", 600.0, "件"),
        ("dazhou", "patent_grants", "2024-07/2024-12", "half", 700.0, "件"),
    ]
    t = make_target("patent_grants", "cumulative", "2024/2025", 2700)
    (rec,) = assess([t], _grants(halves), n_paths=400, seed=1, today=date(2025, 3, 1))
    assert "2024 is its parts added up (1,300件)" in rec["reason"]
    assert "2024年全年由各时段数字（如上、下半年）相加得出（1,300件）" in reason(rec, "zh")


def test_the_briefing_names_a_target_whose_year_is_its_parts_added_up():
    from ipcast.report.document import _partly_observed

    rec = {"label_zh": "专利授权量", "label_en": "Patent grants"}
    added = {**rec, "reason": "period partly observed (2024); 2024 is its parts added up (1,300件)"}
    assert "「专利授权量」的期内已有部分数据" in _partly_observed([added], "zh")
    assert _partly_observed([{**rec, "reason": "period over"}], "zh") == ""


class _Fixed:
    """A forecast whose columns are given: year -> each path's value."""

    def __init__(self, cols):
        self.cols = cols

    def at(self, times):
        return np.column_stack([self.cols[float(t)] for t in times])


def test_a_year_so_far_before_the_times_read_moves_them():
    """2024年1-9月 900 件 with 2025 alone read: 2025 moves by 2024's conditioned factor on each
    path, the same numbers as reading 2024 too; 2024's column is not returned. Before, a year
    not among the times read was skipped, and a 2026-2030 forecast ignored 2025's figure so
    far."""
    from ipcast.forecast.year_to_date import read_conditioned

    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")]
    obs = observed(_grants(part), "dazhou", "patent_grants")
    fc = _Fixed({2024.0: np.linspace(1500, 2100, 300), 2025.0: np.linspace(1700, 2300, 300)})
    got = read_conditioned(fc, obs, np.array([2025.0]), 4, None)
    both = condition_paths(obs, np.array([2024.0, 2025.0]), fc.at([2024, 2025]), 4, None)
    assert got.shape == (300, 1)
    assert np.array_equal(got[:, 0], both[:, 1])
    assert got[:, 0] == pytest.approx(fc.cols[2025.0] * both[:, 0] / fc.cols[2024.0])
    assert np.median(got) < 1500  # a pace of 1,200 for 2024, not the forecast's 1,800
    assert np.array_equal(got, read_conditioned(fc, obs, np.array([2025.0]), 4, None))
    assert not np.array_equal(got, read_conditioned(fc, obs, np.array([2025.0]), 5, None))
    # a year so far after the last time read is not read (the grid ends there)
    past = _Fixed({2023.0: fc.cols[2024.0]})
    assert np.array_equal(read_conditioned(past, obs, np.array([2023.0]), 4, None), past.at([2023]))
    # nothing so far: the columns as the forecast drew them
    plain = observed(_grants(), "dazhou", "patent_grants")
    assert np.array_equal(read_conditioned(fc, plain, np.array([2025.0]), 4, None), fc.at([2025]))


def test_a_target_after_a_year_so_far_starts_from_it_and_says_so():
    """2023 = 1,610.51 growing 10 % a year; by September 2024 only 900 granted (a pace of
    1,200). A 2025 target of 1,500: from the whole years alone about 1,950 was expected (a
    sure hit); from 2024's pace about 1,200 x 1.1 = 1,320, so the target is unlikely."""
    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")]
    t = make_target("patent_grants", "level", "2025", 1500)
    (rec,) = assess([t], _grants(part), n_paths=4000, seed=1, today=date(2024, 10, 15))
    (free,) = assess([t], _grants(), n_paths=4000, seed=1, today=date(2024, 10, 15))
    assert free["p_hit"] > 0.8
    assert rec["p_hit"] < 0.3
    assert 1250 < rec["median"] < 1450
    assert "starts from the figures so far of a year before the period" in rec["reason"]
    assert "2024-01/2024-09: 900件" in rec["reason"]


def test_chengdus_pledge_fan_for_2026_starts_from_its_2025_figures_so_far():
    """成都 知识产权质押融资额: one whole year (2020, 29.63 亿元) and 2025年1-11月 114 亿元. As of
    2025 the fan of 2026 started from the 2020 figure alone, five years stale (q10 36, q90 432);
    now 2025 is the pace of 114 by November and 2026 moves with it, and nothing is stale."""
    from ipcast.data.history import combine
    from ipcast.forecast.report import fan_records

    hist = combine()
    (rec,) = fan_records(hist, "chengdu", ["pledge_financing"], 5, 2000, 0, 2025)
    assert [x["value"] for x in rec["so_far"]] == [114.0]
    assert rec["stale_years"] == 0
    first = rec["fan"][0]
    assert first["period"] == "2026"
    assert first["median"] > 114 and first["q10"] > 90  # a pace of about 124 for 2025
    mask = (hist["region"] == "chengdu") & hist["period"].str.startswith("2025")
    (old,) = fan_records(hist[~mask], "chengdu", ["pledge_financing"], 5, 2000, 0, 2025)
    assert old["stale_years"] == 5 and old["so_far"] == []
    assert old["fan"][0]["q10"] < 60


def test_a_year_so_far_between_two_times_read_moves_the_later_one_only():
    """A growth target reads 2023 (observed) and 2025; 2024年1-9月 lies between them: 2025
    moves by 2024's factor, 2023 stays as drawn."""
    from ipcast.forecast.year_to_date import read_conditioned

    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")]
    obs = observed(_grants(part), "dazhou", "patent_grants")
    cols = {2023.0: np.full(200, 1610.51), 2024.0: np.linspace(1500, 2100, 200)}
    fc = _Fixed({**cols, 2025.0: np.linspace(1700, 2300, 200)})
    got = read_conditioned(fc, obs, np.array([2023.0, 2025.0]), 4, None)
    every = condition_paths(
        obs, np.array([2023.0, 2024.0, 2025.0]), fc.at([2023, 2024, 2025]), 4, None
    )
    assert np.array_equal(got[:, 0], fc.cols[2023.0])
    assert np.array_equal(got[:, 1], every[:, 2])
    assert np.median(got[:, 1]) < 1500


def test_a_gap_years_figures_so_far_are_not_where_a_later_target_starts():
    """2022年1-6月 beside whole 2021 and 2023: a 2025 target starts from 2023, so its reason
    names no figures so far; with 2024年1-9月 as well it names 2024's alone."""
    from ipcast.scenarios.baseline import prepare
    from ipcast.scenarios.judge import _earlier_part

    rows = [
        ("dazhou", "patent_grants", str(y), "year", 1000.0 + 100 * (y - 2018), "件")
        for y in [2018, 2019, 2020, 2021, 2023]
    ]
    gap = [("dazhou", "patent_grants", "2022-01/2022-06", "half", 600.0, "件")]
    t = make_target("patent_grants", "level", "2025", 1500)
    (run,) = prepare([t], make_history(rows + gap), 200, 1, None, date(2024, 10, 15))
    assert _earlier_part(run) == ""
    later = gap + [("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")]
    (run,) = prepare([t], make_history(rows + later), 200, 1, None, date(2024, 10, 15))
    assert "(2024-01/2024-09: 900件)" in _earlier_part(run)
    assert "2022" not in _earlier_part(run)


def test_an_each_year_targets_first_year_so_far_is_inside_its_period():
    """Each year 2024-2025 at least 1,500, and by September 2024 900 granted: the figure lies in
    the target's first year, so it is said to be inside the period, read by its pace (900 over
    the share 0.75 of January-September, about 1,200), not as a year before the period (the last
    year, 2025, was taken for the whole target)."""
    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")]
    t = make_target("patent_grants", "each_year", ["2024", "2025"], [1500, 1500], each="level")
    one = make_target("patent_grants", "level", "2024", 1500)
    (rec, first) = assess([t, one], _grants(part), n_paths=4000, seed=1, today=date(2024, 10, 15))
    assert rec["reason"].startswith("period partly observed (2024-01/2024-09: 900件)")
    assert "2024 is the pace of its figure so far" in rec["reason"]
    assert "about 1,200件" in rec["reason"]
    assert "a year before the period" not in rec["reason"]
    # Both years must be met, so no more likely than 2024 alone, itself unlikely at that pace.
    assert first["p_hit"] < 0.1
    assert rec["p_hit"] <= first["p_hit"]


def test_months_of_the_year_a_july_june_period_starts_in_are_inside_it():
    """2024年1-9月 (900) and a total over 2024-07/2026-06: July-September lie inside the period,
    so the figures are the period's so far, 2024 read by their pace (900 over 0.75, about
    1,200); they were said to be 'a year before the period'. A target from 2025-07 on still
    starts from them as a year before its period."""
    part = [("dazhou", "patent_grants", "2024-01/2024-09", "span", 900.0, "件")]
    total = make_target("patent_grants", "cumulative", "2024-07/2026-06", 3000)
    later = make_target("patent_grants", "level", "2025-07/2026-06", 1500)
    recs = assess([total, later], _grants(part), n_paths=2000, seed=1, today=date(2024, 10, 15))
    assert recs[0]["reason"].startswith("period partly observed (2024-01/2024-09: 900件)")
    assert "2024 is the pace of its figure so far" in recs[0]["reason"]
    assert "about 1,200件" in recs[0]["reason"]
    assert recs[1]["reason"].startswith("the forecast starts from the figures so far of a year")


def test_a_figure_so_far_of_ten_thousand_or_more_is_written_in_full():
    """昆山's 2025年1-10月 grants (17,020, test data) before a 2026-2030 growth target: the note
    read 1.702e+04件, and the pace 1.7e+04 over a share; now the figures a planner writes."""
    from ipcast.report.words import reason

    rows = [
        ("dazhou", "patent_grants", str(y), "year", 20000.0 + 100 * (y - 2019), "件")
        for y in range(2019, 2025)
    ]
    hist = make_history(
        rows + [("dazhou", "patent_grants", "2025-01/2025-10", "span", 17020.0, "件")]
    )
    before = make_target("patent_grants", "growth", "2026/2030", 3, unit="%")
    during = make_target("patent_grants", "level", "2025", 21000)
    recs = assess([before, during], hist, n_paths=200, seed=1, today=date(2025, 11, 20))
    assert "(2025-01/2025-10: 17,020件)" in recs[0]["reason"]
    assert "（2025年1-10月：17,020件）" in reason(recs[0], "zh")
    assert "2025 is the pace of its figure so far (17,020 over a share of" in recs[1]["reason"]
    assert "e+0" not in recs[0]["reason"] + recs[1]["reason"]
