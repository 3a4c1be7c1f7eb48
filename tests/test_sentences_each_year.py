"""Page one's sentences choose the riskiest and the safest target among every simulated one, an
each-year target included (its chance: every year met), and say its years and figures as a plan
does: 2026-2028年分别达到1,100,000/1,150,000/1,200,000件, 每年达到100亿元; its promise is the
figures given (``revise``'s), rounded as ``confidence.promise`` rounds, never recomputed."""

from ipcast.report.text import sentences


def _rec(tid, label, period, threshold, unit, p, comparator=">=", kind="each_year"):
    return {
        "target_id": tid,
        "label_zh": label,
        "label_en": label,
        "kind": kind,
        "period": period,
        "threshold": threshold,
        "comparator": comparator,
        "unit": unit,
        "status": "simulated",
        "p_hit": p,
        "p_hit_se": 0.0051,  # 1.96 x 0.51 points: ±1
        "parts": [] if kind == "each_year" else None,
    }


YEARS = "2026,2027,2028"
MARKS = _rec("m", "有效注册商标（逐年）", YEARS, [1.1e6, 1.15e6, 1.2e6], "件", 0.83)
PLEDGE = _rec("p", "质押融资额（逐年）", YEARS, [100.0] * 3, "亿元", 0.86)
TOTAL = _rec("t", "质押融资额累计", "2026/2028", 300.0, "亿元", 0.94, kind="cumulative")
# revise's 80 % figures: the plan's years scaled by one factor (1.015480...), and 110.27 a year
REVISED = {
    "m": [1_117_028.9, 1_167_802.0, 1_218_576.3],
    "p": [110.27, 110.27, 110.27],
    "t": 408.6,
}


def test_the_riskiest_can_be_an_each_year_target_and_its_promise_is_every_years_figure():
    """It was skipped: the cumulative target at 94 % was named the riskiest, not the marks at
    83 %. 件 are whole things, at least: each year's figure is rounded down."""
    zh = sentences([TOTAL, MARKS, PLEDGE], REVISED, {}, "zh")
    assert zh[1:] == [
        "风险最大的是「有效注册商标（逐年）」：按当前趋势，2026-2028年分别达到"
        "1,100,000/1,150,000/1,200,000件的概率约为83%（±1个百分点）。",
        "把握最大的是「质押融资额累计」：按当前趋势，2026-2028年质押融资额累计达到300亿元"
        "的概率约为94%（±1个百分点）。",
        "若要有80%把握，「有效注册商标（逐年）」2026-2028年分别可承诺约"
        "1,117,028/1,167,802/1,218,576件（规划目标1,100,000/1,150,000/1,200,000件）。",
    ]
    en = sentences([TOTAL, MARKS, PLEDGE], REVISED, {}, "en")
    assert en[1] == (
        "Most at risk: on the current trend, the chance that 有效注册商标（逐年） reaches "
        "1,100,000/1,150,000/1,200,000 件 (2026-2028, year by year) is about 83% (±1 points)."
    )
    assert en[3] == (
        "With 80% confidence, '有效注册商标（逐年）' could be promised at about "
        "1,117,028/1,167,802/1,218,576 件 (2026-2028, year by year; "
        "plan: 1,100,000/1,150,000/1,200,000 件)."
    )


def test_one_figure_for_every_year_is_said_once_each_year():
    """110.27亿元 at least, from 100 up: whole and down, 110."""
    zh = sentences([PLEDGE, TOTAL], REVISED, {}, "zh")
    assert zh[1] == (
        "风险最大的是「质押融资额（逐年）」：按当前趋势，2026-2028年每年达到100亿元"
        "的概率约为86%（±1个百分点）。"
    )
    assert zh[3] == (
        "若要有80%把握，「质押融资额（逐年）」"
        "2026-2028年每年可承诺约110亿元（规划目标每年100亿元）。"
    )
    en = sentences([PLEDGE, TOTAL], REVISED, {}, "en")
    assert en[1] == (
        "Most at risk: on the current trend, the chance that 质押融资额（逐年） reaches "
        "100 亿元 each year (2026-2028) is about 86% (±1 points)."
    )
    assert en[3] == (
        "With 80% confidence, '质押融资额（逐年）' could be promised at about 110 亿元 each "
        "year (2026-2028; plan: 100 亿元 each year)."
    )
    # below 100: three figures, down (53.19 -> 53.1)
    low = sentences([PLEDGE, TOTAL], {"p": [53.19] * 3}, {}, "zh")
    assert low[3] == (
        "若要有80%把握，「质押融资额（逐年）」"
        "2026-2028年每年可承诺约53.1亿元（规划目标每年100亿元）。"
    )


def test_the_safest_can_be_an_each_year_target_and_a_one_figure_target_reads_as_before():
    zh = sentences(
        [TOTAL, _rec("p", "质押融资额（逐年）", YEARS, [80.0] * 3, "亿元", 0.97)], REVISED, {}
    )
    assert zh[2] == (
        "把握最大的是「质押融资额（逐年）」：按当前趋势，2026-2028年每年达到80亿元"
        "的概率约为97%（±1个百分点）。"
    )
    assert zh[3] == ("若要有80%把握，「质押融资额累计」可承诺约408亿元（规划目标300亿元）。")
    en = sentences([TOTAL], REVISED, {}, "en")
    assert (
        en[2] == "With 80% confidence, '质押融资额累计' could be promised at about 408 亿元 "
        "(plan: 300 亿元)."
    )


def test_july_june_years_other_years_and_a_comparator_are_said_as_a_plan_says_them():
    jj = "2022-07/2023-06,2023-07/2024-06,2024-07/2025-06"
    grants = _rec("g", "授权专利（附件1逐年）", jj, [3500.0, 4000.0, 4500.0], "件", 0.4)
    rev = {"g": [3012.4, 3456.2, 3891.0]}
    zh = sentences([grants], rev, {}, "zh")
    assert zh[1] == (
        "风险最大的是「授权专利（附件1逐年）」：按当前趋势，2022年7月至2025年6月分别达到"
        "3,500/4,000/4,500件的概率约为40%（±1个百分点）。"
    )
    assert zh[2] == (
        "若要有80%把握，「授权专利（附件1逐年）」2022年7月至2025年6月分别可承诺约"
        "3,012/3,456/3,891件（规划目标3,500/4,000/4,500件）。"
    )
    en = sentences([grants], rev, {}, "en")
    assert "(2022-07/2023-06 to 2024-07/2025-06, year by year)" in en[1]
    # years apart, a comparator other than at least: each year named, 超过 (exceeds)
    apart = _rec("a", "培训人次", "2024,2026", [1000.0, 1000.0], "人次", 0.5, ">")
    zh = sentences([apart], {"a": [1201.6, 1201.6]}, {}, "zh")
    assert zh[1] == (
        "风险最大的是「培训人次」：按当前趋势，2024年、2026年每年超过1,000人次"
        "的概率约为50%（±1个百分点）。"
    )
    # more than, like at least: 1,201.6 people is promised as 1,201 (down keeps the confidence)
    assert zh[2] == (
        "若要有80%把握，「培训人次」2024年、2026年每年可承诺约1,201人次（规划目标每年1,000人次）。"
    )
    assert "exceeds 1,000 人次 each year (2024, 2026)" in sentences([apart], {}, {}, "en")[1]


def test_a_name_that_says_the_years_is_not_followed_by_them_again():
    named = _rec("n", "质押融资额（2026-2028年每年）", YEARS, [100.0] * 3, "亿元", 0.5)
    zh = sentences([named], {"n": [90.0] * 3}, {}, "zh")
    assert zh[1] == (
        "风险最大的是「质押融资额（2026-2028年每年）」：按当前趋势，每年达到100亿元"
        "的概率约为50%（±1个百分点）。"
    )
    assert zh[2] == (
        "若要有80%把握，「质押融资额（2026-2028年每年）」"
        "每年可承诺约90亿元（规划目标每年100亿元）。"
    )
    # the name says the years, a figure a year: still 分别 (each its own)
    named = _rec("n", "商标（2026-2028年）", YEARS, [1.0e6, 1.1e6, 1.2e6], "件", 0.5)
    zh = sentences([named], {"n": [9.0e5, 9.9e5, 1.08e6]}, {}, "zh")
    assert zh[1].endswith(
        "：按当前趋势，分别达到1,000,000/1,100,000/1,200,000件的概率约为50%（±1个百分点）。"
    )
    assert zh[2] == (
        "若要有80%把握，「商标（2026-2028年）」分别可承诺约900,000/990,000/1,080,000件"
        "（规划目标1,000,000/1,100,000/1,200,000件）。"
    )


def test_years_are_said_as_a_span_only_when_they_follow_one_another():
    from ipcast.report.text import _years_en, _years_zh

    def zh(period):
        return _years_zh({"period": period, "label_zh": "质押融资额"})

    assert zh("2026,2027") == "2026-2027年"  # two in a row are a span too
    assert zh("2026") == "2026年"  # one year: itself, not 2026-2026年
    assert zh("2027,2026") == "2027年、2026年"  # backwards: each as written
    assert zh("2024H1,2024H2") == "2024年上半年、2024年下半年"  # half years: not years
    assert _years_en({"period": "2027,2026"}, ["1", "2"]) == "2027, 2026, year by year"
    assert _years_en({"period": "2026,2027"}, ["1", "1"]) == "2026-2027"
    # a plan figure of 0 is a figure (0), a year without one a dash
    none = _rec("z", "质押融资额", "2026,2027,2028", [0.0, None, 10.0], "亿元", 0.5)
    assert "分别达到0/—/10亿元的概率" in sentences([none], {}, {}, "zh")[1]


def test_a_plans_figure_is_said_with_every_digit_it_has():
    """每万人口高价值发明专利拥有量 12.35 in the plan: the sentence said 12.3 (three significant
    figures), which is not the plan's target; the promise is rounded as revise rounds it."""
    ratio = _rec("r", "每万人口高价值发明专利拥有量", "2030", 12.35, "件/万人", 0.4, kind="ratio")
    zh = sentences([ratio], {"r": 11.84}, {}, "zh")
    assert "2030年每万人口高价值发明专利拥有量达到12.35件/万人的概率约为40%" in zh[1]
    assert "（规划目标12.35件/万人）" in zh[2]
    en = sentences([ratio], {"r": 11.84}, {}, "en")
    assert "reaches 12.35 件/万人 (2030)" in en[1]


def test_a_growth_targets_plan_figure_keeps_its_percent():
    """The English said "(plan: 6)" for a 6 % growth target: its unit was left out."""
    growth = _rec("g", "商标注册量年均增长", "2026/2030", 6.0, "%", 0.6, kind="growth")
    en = sentences([growth], {"g": 5.0}, {}, "en")
    assert en[-1].endswith("(plan: 6 %).")
    assert "reaches 6 % (2026-2030) is about 60%" in en[1]  # not (2026/2030)
