"""The run table's lines, character for character. The layout rule: 100 columns, the fixed
columns 15 | 12 | 4 | 23 | 10 (a hindcast's last one 16) two apart, and the label takes what is
left: 100 - 64 - 10 = 26 columns (a hindcast's 100 - 70 - 10 = 20). A wide (CJK) character takes
two columns; a cell too long is cut to one column less and ends in "…", except a target's
figures, which go on below in their column (``whole``); trailing blanks go."""

from ipcast.report.run_table import (
    _forecast,
    _threshold,
    compare_table,
    exact,
    exact_short,
    num,
    revise_table,
    run_table,
    short,
    whole,
    width,
)

SIM = {
    "region": "guanghan",
    "label_zh": "有效注册商标量累计",  # 9 wide characters: 18 columns
    "label_en": "Effective trademarks",
    "period": "2026",
    "threshold": 13500.0,
    "comparator": ">=",
    "unit": "件",
    "status": "simulated",
    "p_hit": 0.625,
    "median": 13890.4,
    "q10": 12000.0,
    "q90": 15500.0,
}
# Settled: each year of 2024-2026 at most 4,500, missed with 4,620.
SETTLED = {
    **SIM,
    "region": "rongchang",
    "label_zh": "专利授权量",  # 10 columns
    "label_en": "Patent grants",
    "period": "2024,2025,2026",
    "threshold": 4500.0,
    "comparator": "<=",
    "status": "resolved",
    "hit": False,
    "outcome": 4620.0,
    "p_hit": None,
}
GAP = "  "


def test_the_header_and_a_simulated_line_take_their_columns_exactly():
    head, region, line = run_table([SIM], "zh", {"guanghan": "广汉市"}).splitlines()
    # 目标 4 + 22 | 期间 4 + 11 | 目标值 6 + 6 | 概率 4 | 预测中位数(10%-90%) 19 + 4 | 状态 4
    assert head == (
        "目标" + " " * 22 + GAP + "期间" + " " * 11 + GAP + "目标值" + " " * 6 + GAP + "概率"
        + GAP + "预测中位数(10%-90%)" + " " * 4 + GAP + "状态"
    )  # fmt: skip
    assert region == "— 广汉市"
    # label 18 + 8 | 2026 4 + 11 | "13,500 件" 9 + 3 | "62% " | forecast 22 + 1 | no status
    assert line == (
        "有效注册商标量累计" + " " * 8 + GAP + "2026" + " " * 11 + GAP + "13,500 件" + " " * 3
        + GAP + "62% " + GAP + "13,890 (12,000-15,500)"
    )  # fmt: skip


def test_a_settled_line_shows_the_outcome_the_comparator_and_the_span_of_years():
    lines = run_table([SETTLED], "zh").splitlines()
    assert lines[1] == "— rongchang"  # no name given: the code
    # label 10 + 16 | "2024…2026" 9 + 6 | "<=4,500 件" 10 + 2 | no p 4 | "= 4,620" 7 + 16 | 未达成
    assert lines[2] == (
        "专利授权量" + " " * 16 + GAP + "2024…2026" + " " * 6 + GAP + "<=4,500 件" + " " * 2
        + GAP + " " * 4 + GAP + "= 4,620" + " " * 16 + GAP + "未达成"
    )  # fmt: skip
    en = run_table([{**SETTLED, "hit": True}], "en").splitlines()[2]
    assert en == (
        "Patent grants" + " " * 13 + GAP + "2024…2026" + " " * 6 + GAP + "<=4,500 件" + " " * 2
        + GAP + " " * 4 + GAP + "= 4,620" + " " * 16 + GAP + "met"
    )  # fmt: skip
    assert run_table([SETTLED], "en").splitlines()[2].endswith(GAP + "missed")
    assert run_table([{**SETTLED, "hit": True}], "zh").splitlines()[2].endswith(GAP + "达成")


def test_each_region_gets_one_heading_where_it_starts():
    lines = run_table([SIM, SIM, SETTLED], "zh", {"guanghan": "广汉市"}).splitlines()
    assert [x for x in lines if x.startswith("— ")] == ["— 广汉市", "— rongchang"]
    assert lines[1] == "— 广汉市" and lines[4] == "— rongchang" and len(lines) == 6


def test_a_status_without_a_probability_fills_the_status_column():
    none = {**SIM, "status": "no_threshold", "threshold": None, "p_hit": None, "median": None}
    line = run_table([none], "zh").splitlines()[-1]
    # threshold "—" 1 + 11 | no p | no forecast 23 | 无数字
    assert line == (
        "有效注册商标量累计" + " " * 8 + GAP + "2026" + " " * 11 + GAP + "—" + " " * 11 + GAP
        + " " * 4 + GAP + " " * 23 + GAP + "无数字"
    )  # fmt: skip
    assert run_table([none], "en").splitlines()[-1].endswith(" " * 23 + GAP + "no number")


def test_a_label_is_cut_to_one_column_less_than_its_26_and_ends_in_an_ellipsis():
    exact = "国家知识产权示范优势企业数"  # 13 wide characters: exactly 26 columns, kept whole
    assert (
        run_table([{**SIM, "label_zh": exact}], "zh")
        .splitlines()[-1]
        .startswith(exact + GAP + "2026")
    )
    ascii32 = "ISO 56005 graded evaluation firm"  # 32 columns: 25 kept, then …
    line = run_table([{**SIM, "label_zh": ascii32}], "zh").splitlines()[-1]
    assert line.startswith("ISO 56005 graded evaluati…" + GAP + "2026")
    wide = "每万人口高价值发明专利拥有量累计"  # 16 wide characters: 12 kept (24), … (1), 1 blank
    line = run_table([{**SIM, "label_zh": wide}], "zh").splitlines()[-1]
    assert line.startswith("每万人口高价值发明专利拥…" + " " + GAP + "2026")


def test_numbers_are_whole_with_commas_from_1000_else_three_figures():
    assert num(None) == "—" and num(0.0) == "0" and num(12.345) == "12.3"
    assert num(999.4) == "999" and num(1000.0) == "1,000" and num(-1500.0) == "-1,500"
    assert num([2.0, 4.0, 6.5]) == "2/4/6.5"


def test_the_forecast_cell_shows_a_zero_as_a_number():
    assert _forecast({**SIM, "median": 1.2, "q10": 0.0, "q90": 2.5}) == "1.2 (0-2.5)"
    # a negative end: joined by ~, since 8.91 (-0.729-18.3) reads as a subtraction
    assert _forecast({**SIM, "median": 8.91, "q10": -0.729, "q90": 18.3}) == "8.91 (-0.729~18.3)"
    assert _forecast({**SIM, "median": -2.0, "q10": -9.5, "q90": -0.5}) == "-2 (-9.5~-0.5)"
    assert _forecast({**SIM, "median": 0.0, "q10": None}) == "0"
    assert _forecast({**SIM, "median": None}) == ""
    assert _forecast({**SETTLED, "outcome": None}) == "= —"


def test_a_hindcast_line_takes_20_columns_for_the_label_and_16_for_now():
    now = {"now_status": "resolved", "now_hit": True, "now_outcome": 14210.0, "now_p_hit": None}
    lines = run_table([{**SIM, **now}], "zh", hindcast=True).splitlines()
    assert lines[0].startswith("概率和预测按 --as-of 年底已知的数据测算（当时）")
    assert lines[1].split() == ["目标", "期间", "目标值", "概率", "当时预测(10%-90%)", "现在"]
    # label 18 + 2 | ... | forecast then 22 + 1 | 达成 14,210
    assert lines[3] == (
        "有效注册商标量累计" + " " * 2 + GAP + "2026" + " " * 11 + GAP + "13,500 件" + " " * 3
        + GAP + "62% " + GAP + "13,890 (12,000-15,500)" + " " + GAP + "达成 14,210"
    )  # fmt: skip
    # Not simulated then: its status follows the forecast, cut to the column's 23.
    over = {**SIM, **now, "status": "awaiting_outcome", "now_hit": False, "now_outcome": 98.0}
    line = run_table([over], "zh", hindcast=True).splitlines()[-1]
    assert line.endswith("62% " + GAP + "13,890 (12,000-15,500)…" + GAP + "未达成 98")
    gone = {**SIM, **now, "status": "resolved", "hit": True, "outcome": 14000.0}
    line = run_table([gone], "en", hindcast=True).splitlines()[-1]
    assert line.endswith(GAP + "= 14,000 met" + " " * 11 + GAP + "met 14,210")
    # Today's forecast of a target not yet settled, at a probability of zero.
    zero = {**SIM, "now_status": "simulated", "now_p_hit": 0.0}
    assert run_table([zero], "zh", hindcast=True).splitlines()[-1].endswith("现估 <1%")


def test_a_range_that_fits_its_23_columns_exactly_stays_in_full_else_goes_to_wan():
    fits = {**SIM, "q90": 155000.0}  # "13,890 (12,000-155,000)": 23 columns
    assert _forecast(fits) == "13,890 (12,000-155,000)"
    wide = {**SIM, "median": 1064333.0, "q10": 1025475.0, "q90": 1101234.0}
    assert _forecast(wide) == "106万 (103万-110万)"
    assert _forecast(wide, "en") == "1.06M (1.03M-1.1M)"


def test_short_numbers_are_three_figures_in_wan_and_yi_from_ten_thousand():
    assert [short(v, "zh") for v in (9999.0, 10000.0, 10500.0, -25000.0, 2.5e8)] == [
        "9,999",
        "1万",
        "1.05万",
        "-2.5万",
        "2.5亿",
    ]
    assert [short(v, "en") for v in (2500.0, 25000.0, -1064333.0, 3.2e9)] == [
        "2,500",
        "25k",
        "-1.06M",
        "3.2B",
    ]


def test_a_threshold_of_zero_is_shown():
    zero = {**SIM, "threshold": 0.0, "comparator": "<=", "unit": "%"}
    line = run_table([zero], "zh").splitlines()[-1]
    assert line.startswith(
        "有效注册商标量累计" + " " * 8 + GAP + "2026" + " " * 11 + GAP + "<=0 %  "
    )


REVISED = {**SIM, "revised_threshold": 12873.6, "confidence": 0.9}


def test_the_revise_table_shows_the_promise_rounded_to_keep_its_confidence():
    """Label 100 - 59 - 10 = 31 columns; 12,873.6 at least is promised as 12,873 (not 12,874)."""
    head, region, line = revise_table([REVISED], "zh", {"guanghan": "广汉市"}).splitlines()
    assert head == (
        "目标" + " " * 27 + GAP + "期间" + " " * 11 + GAP + "目标值" + " " * 6 + GAP + "概率"
        + GAP + "90%把握可承诺" + " " * 3 + GAP + "预测中位数"
    )  # fmt: skip
    assert region == "— 广汉市"
    assert line == (
        "有效注册商标量累计" + " " * 13 + GAP + "2026" + " " * 11 + GAP + "13,500 件" + " " * 3
        + GAP + "62% " + GAP + "12,873 件" + " " * 7 + GAP + "13,890"
    )  # fmt: skip
    # No confidence in the records: 80 %; none to promise: the status, and no median.
    none = {**SETTLED, "status": "no_history", "revised_threshold": None, "median": None}
    lines = revise_table([none], "en").splitlines()
    assert "  promise at 80%  " in lines[0] and lines[1] == "— rongchang"
    assert lines[2] == (
        "Patent grants" + " " * 18 + GAP + "2024…2026" + " " * 6 + GAP + "<=4,500 件" + " " * 2
        + GAP + " " * 4 + GAP + "no_history" + " " * 6 + GAP + "—"
    )  # fmt: skip
    # A promise of zero growth is a promise; an English label falls back to the Chinese one.
    flat = {**REVISED, "label_en": None, "revised_threshold": 0.0, "unit": "%"}
    assert revise_table([flat], "en").splitlines()[-1].startswith("有效注册商标量累计")
    assert "  0 %  " in revise_table([flat], "en").splitlines()[-1]
    assert revise_table([REVISED], "en").splitlines()[-1].startswith("Effective trademarks  ")


def test_the_compare_table_shows_both_probabilities_and_the_difference_in_points():
    """Label 100 - 50 - 10 = 40 columns; B - A as +15.0 points ±1.2 (100 x the difference)."""
    r = {**SIM, "p_base": 0.42, "p_push": 0.57, "difference": 0.15, "difference_se": 0.0124}
    flat = {**r, "region": "rongchang", "difference": 0.0, "difference_se": None}
    none = {**r, "region": "rongchang", "status": "no_history", "difference": None}
    lines = compare_table([r, flat, none], ("base", "push"), "zh", {"guanghan": "广汉市"},
                          ("基准", "加力")).splitlines()  # fmt: skip
    assert lines[0] == "情景 A：基准　情景 B：加力"
    assert lines[1].split() == ["目标", "期间", "目标值", "A", "B", "B-A(百分点)"]
    assert lines[2] == "— 广汉市" and lines[4] == "— rongchang"
    assert lines[3] == (
        "有效注册商标量累计" + " " * 22 + GAP + "2026" + " " * 11 + GAP + "13,500 件" + " " * 3
        + GAP + "42%  " + GAP + "57%  " + GAP + "+15.0 ±1.2"
    )  # fmt: skip
    assert lines[5].endswith("42%  " + GAP + "57%  " + GAP + "+0.0 ±0.0")
    assert lines[6].endswith("57%  " + GAP + "无数据") and len(lines) == 7
    en = compare_table([r], ("base", "push"), "en").splitlines()
    assert en[0] == "scenario A: base; scenario B: push"
    assert en[2] == "— guanghan" and en[3].startswith("Effective trademarks" + " " * 20 + GAP)


def test_a_threshold_too_wide_for_its_12_columns_goes_to_wan_or_yi_only_when_exact():
    def cell(v, comparator=">="):
        return _threshold({"threshold": v, "comparator": comparator, "unit": "件"})

    assert cell(12_345_678) == "12,345,678 件"  # 13 columns, no exact short form: 2 lines
    assert cell(150_000_000) == "1.5亿 件"
    assert cell(65_000_000) == "6500万 件"
    assert cell(1_234_567) == "1,234,567 件"  # 12 columns: fits
    assert cell(1_064_333_0) == "10,643,330 件"  # 1064.333万: seven figures, not short
    assert exact_short(1_064_333.0) == "1,064,333"  # 106.4333万: seven figures too
    assert cell(150_000_000, "<=") == "<=1.5亿 件"


def test_a_threshold_in_yi_is_said_as_the_plan_says_it_though_the_float_product_is_not_exact():
    """1.1 x 10^8 is not exactly 110,000,000 in floating point: 1.1亿 was shown as 11000万."""

    def cell(v):
        return _threshold({"threshold": v, "comparator": ">=", "unit": "件"})

    assert [cell(v) for v in (110_000_000, 230_000_000, 460_000_000)] == [
        "1.1亿 件",
        "2.3亿 件",
        "4.6亿 件",
    ]
    assert cell(-110_000_000.0) == "-1.1亿 件"
    assert cell(10**14) == "1000000亿 件"  # never 1e+06亿
    assert cell(123_456_000) == "1.23456亿 件"  # six figures: still exact and short
    assert cell(100_000_000) == "1亿 件"  # 1亿 exactly is in 亿, not 10000万
    assert cell(1_000_000) == "1,000,000 件"  # exactly 12 columns: fits, as written


def test_an_each_year_list_with_one_figure_says_it_once_and_in_wan_when_that_fits():
    """每年 (each year) targets were cut: 1,000/1,000/1,000 件 showed as 1,000/1,000… ."""

    def cell(v, lang="zh", comparator=">=", unit="件"):
        return _threshold({"threshold": v, "comparator": comparator, "unit": unit}, lang)

    assert cell([1000.0] * 3) == "每年1,000 件"  # 4 + 5 + 1 + 2 = 12 columns: fits
    # English says the plan's 每年 as "each year" (it wrote 1,000 x3 件, a product, before)
    assert cell([1000.0] * 3, "en") == "1,000 件 each year"
    assert cell([100.0] * 3, "en", ">", "%") == ">100 % each year"
    assert cell([120_000.0] * 3) == "每年12万 件"  # 每年120,000 件 is 15 columns
    assert cell([100.0, 100.0], comparator="<=") == "每年<=100 件"
    assert cell([1000.0] * 3, comparator=">", unit="人次") == "每年>1,000 人次"  # 2 lines


def test_different_yearly_figures_go_to_wan_only_when_each_is_exact_and_that_fits():
    def cell(v):
        return _threshold({"threshold": v, "comparator": ">=", "unit": "件"})

    assert cell([10.0, 15.0, 20.0]) == "10/15/20 件"
    assert cell([20_000.0, 25_000.0]) == "2万/2.5万 件"  # 20,000/25,000 件 is 16 columns
    assert cell([3500.0, 4000.0, 4500.0]) == "3,500/4,000/4,500 件"  # no exact 万: 2 lines
    # neither fits: the narrower one, which takes fewer lines
    assert cell([20_000.0, 30_000.0, 40_000.0]) == "2万/3万/4万 件"


def test_an_each_year_line_keeps_its_100_columns_with_the_figure_said_once():
    each = {**SETTLED, "threshold": [1000.0] * 3, "comparator": ">=", "unit": "人次"}
    lines = run_table([each], "zh").splitlines()[2:]
    # label 10 + 16 | 2024…2026 9 + 6 | "每年1,000 人次" is 14: 每年 (4 + 8) on the line,
    # 1,000 人次 below it, the figure with its unit (from column 26 + 2 + 15 + 2 = 45) | no p |
    # "= 4,620" 7 + 16 | 未达成
    assert lines == [
        "专利授权量" + " " * 16 + GAP + "2024…2026" + " " * 6 + GAP + "每年" + " " * 8 + GAP
        + " " * 4 + GAP + "= 4,620" + " " * 16 + GAP + "未达成",
        " " * 45 + "1,000 人次",
    ]  # fmt: skip
    # "1,000 件 each year" is 18 columns: 1,000 件 on the line, "each year" whole below it
    # (from column 26 + 2 + 15 + 2 = 45), never "1,000 件 each" then "year"
    en = run_table([{**each, "unit": "件"}], "en").splitlines()[2:]
    assert en == [
        "Patent grants" + " " * 13 + GAP + "2024…2026" + " " * 6 + GAP + "1,000 件" + " " * 4
        + GAP + " " * 4 + GAP + "= 4,620" + " " * 16 + GAP + "missed",
        " " * 45 + "each year",
    ]  # fmt: skip
    small = run_table([{**each, "unit": "家", "threshold": [100.0] * 3}], "en").splitlines()
    assert small[2][45:50] == "100 家" and small[3] == " " * 45 + "each year"
    years = {**each, "threshold": [20_000.0, 25_000.0], "period": "2025,2026", "unit": "件"}
    assert GAP + "2万/2.5万 件" + GAP in run_table([years], "zh").splitlines()[2]


def test_each_year_is_not_said_again_beside_an_english_name_that_says_it():
    """ "100 亿元 each year" is 18 columns; the threshold's 12 keep no figure and unit with
    "each year" (the least, "1 件 each year", is 13): below "pledge financing each year" it
    took a line of its own. The name says it: the figure is said alone, on one line. A name
    cut before it says it ("Firms taken into IP trust…") keeps it below."""
    each = {**SETTLED, "threshold": [100.0] * 3, "comparator": ">=", "unit": "亿元"}
    named = {**each, "label_en": "pledge financing each year"}  # 26 columns: shown whole
    (line,) = run_table([named], "en").splitlines()[2:]
    assert line.startswith("pledge financing each year" + GAP + "2024…2026" + " " * 6 + GAP)
    assert _cells([line], 45) == ["100 亿元"]  # no "each year", no line below
    cut = {**each, "label_en": "Firms taken into IP trusteeship, every year"}
    lines = run_table([cut], "en").splitlines()[2:]
    assert lines[0].startswith("Firms taken into IP trust…" + GAP)
    assert _cells(lines, 45) == ["100 亿元", "each year"]
    # the compare table's name, and Dazhou's bundled "Yearly attendance at the provincial IP
    # training base" (200 人次 each year), cut to "Yearly attendance at the …", say it too
    pair = compare_table([{**named, "p_a": 0.5, "p_b": 0.6}], ("a", "b"), "en").splitlines()
    assert len(pair) == 4 and "100 亿元" in pair[3] and pair[3].count("each year") == 1
    from ipcast.data.target_files import bundled_targets, target_fields

    (t,) = [t for t in bundled_targets() if t.label_en.startswith("Yearly attendance at the pr")]
    rec = {**target_fields(t), "status": "no_history", "p_hit": None, "median": None}
    (line,) = run_table([rec], "en").splitlines()[2:]
    assert line.startswith("Yearly attendance at the …") and _cells([line], 45) == ["200 人次"]


# Dazhou's annex-1 rows as `ipcast run -r dazhou` showed them: 3,500/4,000…, 0.5/0.7/0.8…,
# 15/20/25 亿…, 每年2,000 …: the later years or the unit were cut off.
DAZHOU = {
    **SETTLED,
    "region": "dazhou",
    "label_zh": "授权专利（附件1逐年）",
    "period": "2022-07/2023-06,2023-07/2024-06,2024-07/2025-06",
    "comparator": ">=",
    "status": "no_history",
    "outcome": None,
    "hit": None,
}


def _cells(lines: list[str], start: int, w: int = 12) -> list[str]:
    """What each line holds in the ``w`` columns from column ``start`` (a wide character
    takes two columns)."""
    out = []
    for line in lines:
        at, cell = 0, ""
        for ch in line:
            if start <= at < start + w:
                cell += ch
            at += width(ch)
        out.append(cell.rstrip())
    return out


def _before(line: str, column: int) -> str:
    return _cells([line], 0, column)[0]


def test_an_each_year_list_too_wide_for_its_column_goes_on_below_every_figure_whole():
    rows = [
        ([3500.0, 4000.0, 4500.0], "件", ["3,500/4,000/", "4,500 件"]),
        ([0.5, 0.7, 0.8], "亿元", ["0.5/0.7/", "0.8 亿元"]),
        ([15.0, 20.0, 25.0], "亿元", ["15/20/", "25 亿元"]),
        ([2000.0] * 3, "人次", ["每年", "2,000 人次"]),
        ([80.0, 82.0, 83.0, 85.0, 88.0], "%", ["80%/82%/83%/", "85%/88%"]),
    ]
    for threshold, unit, said in rows:
        rec = {**DAZHOU, "threshold": threshold, "unit": unit}
        head, region, *lines = run_table([rec], "zh").splitlines()
        # the label's 26 columns (授权专利（附件1逐年） is 21 wide) hold no wide … here
        assert lines[0].startswith("授权专利（附件1逐年）" + " " * 5 + GAP + "2022-07…2025-06")
        assert lines[0].endswith("无数据") and "…" not in "".join(lines).replace("07…20", "")
        # the threshold column, from column 45, line by line
        assert _cells(lines, 45) == said
        assert all(_before(line, 45) == "" for line in lines[1:])  # the rest of the line blank
        assert max(width(x) for x in lines) <= 100


def test_the_revise_and_compare_tables_keep_the_whole_list_by_the_same_rule():
    rec = {**DAZHOU, "threshold": [0.5, 0.7, 0.8], "unit": "亿元", "revised_threshold": None}
    rec["median"] = None
    lines = revise_table([rec], "zh").splitlines()[2:]
    # revise's label takes 31 columns: the threshold column from 31 + 2 + 15 + 2 = 50
    assert _cells(lines, 50) == ["0.5/0.7/", "0.8 亿元"]
    assert lines[0].split()[-2:] == ["无数据", "—"] and lines[1] == " " * 50 + "0.8 亿元"
    pair = {**DAZHOU, "threshold": [3500.0, 4000.0, 4500.0], "unit": "件", "difference": None}
    lines = compare_table([{**pair, "p_a": None, "p_b": None}], ("a", "b")).splitlines()[3:]
    # compare's label: 100 - 50 - 10 = 40 columns, the threshold from 40 + 2 + 15 + 2 = 59
    assert _cells(lines, 59) == ["3,500/4,000/", "4,500 件"]


def test_whole_breaks_after_a_slash_or_at_a_space_and_never_drops_a_character():
    assert whole("13,500 件", 12) == ["13,500 件"]
    assert whole("3,500/4,000/4,500 件", 12) == ["3,500/4,000/", "4,500 件"]
    assert whole("100/200/300 件", 12) == ["100/200/", "300 件"]  # the unit with its figure
    assert whole("12,345,678 件", 12) == ["12,345,678", "件"]
    # six years: three lines, the unit with the last figure
    six = "3,500/4,000/4,500/5,000/5,500/6,000 件"
    assert whole(six, 12) == ["3,500/4,000/", "4,500/5,000/", "5,500/", "6,000 件"]
    # a word wider than the column (no plan figure is): split, not cut
    assert whole("1234567890123456 件", 12) == ["123456789012", "3456 件"]
    assert whole("123456789012345", 12) == ["123456789012", "345"]
    assert whole("123456789012", 12) == ["123456789012"]  # exactly 12: one line, no empty one
    assert whole("件件", 1) == ["件", "件"]  # a character wider than the column: one a line
    assert whole("12345", 2) == ["12", "34", "5"]  # each line as full as the column allows
    assert whole("每年>1,000 人次", 12) == ["每年", ">1,000 人次"]
    assert whole("每年10 件", 12) == ["每年10 件"]
    assert whole("1,347 (671-2,769)", 12) == ["1,347", "(671-2,769)"]  # no unit: any space
    # a unit with a / (件/万人) is not broken; a slash before a negative figure is
    assert whole("48/50/52 件/万人", 12) == ["48/50/", "52 件/万人"]
    assert whole("-2/-1/0.5 %", 6) == ["-2/-1/", "0.5 %"]
    assert whole("共 10/20", 12) == ["共 10/20"]  # no blank slipped in after the /


def test_the_plans_form_says_one_figure_for_every_year_once_and_a_single_figure_plainly():
    from ipcast.report.run_table import planner_form

    assert planner_form(["3,000"], "件") == "3,000 件" and planner_form(["10"], "%") == "10 %"
    assert planner_form(["90"] * 3, "家") == "每年90 家"
    assert planner_form(["90"] * 3, "家", "en", "") == "90家 each year"
    assert planner_form(["90"] * 3, "家", "en") == "90 家 each year"
    assert planner_form(["90"] * 3, "家", "zh", "", "约") == "每年约90家"  # a sentence's 约
    assert planner_form(["90", "91"], "家", "en", "", "约") == "约90/91家"
    assert planner_form(["80", "82"], "%", shown="<=") == "<=80%/82%"
    # a year without a figure in the plan is a dash, never an error
    cell = _threshold({"threshold": [None, 10.0, 12.0], "comparator": ">=", "unit": "件"})
    assert cell == "—/10/12 件"


def test_each_year_stays_whole_when_a_column_breaks_a_figure():
    assert whole("100 家 each year", 12) == ["100 家", "each year"]  # not "100 家 each"
    assert whole("1,000 件 each year", 20) == ["1,000 件 each year"]
    assert whole(">1,000 人次 each year", 12) == [">1,000 人次", "each year"]
    assert whole("3,500/4,000 件 each year", 8) == ["3,500/", "4,000 件", "each", "year"]
    # exactly the column's width: still one piece, not "1 each" then "year"
    assert whole("1 each year", 9) == ["1", "each year"]


def test_a_promise_too_wide_for_its_16_columns_goes_on_below_it_too():
    one = {**SIM, "revised_threshold": 1234567.0, "unit": "件/万人", "confidence": 0.8}
    lines = revise_table([one], "zh").splitlines()[2:]
    # label 31 | period 15 | threshold 12 | P 4 | the promise from 31 + 2 + 15 + 2 + 12 + 2 +
    # 4 + 2 = 70: 1,234,567 件/万人 is 17 columns
    assert _cells(lines, 70, 16) == ["1,234,567", "件/万人"]


def test_a_threshold_is_written_with_every_digit_the_plan_gave():
    """``num`` gives a forecast three figures (12.35 is 12.3); a plan's 12.35 is 12.35."""
    assert [exact(v) for v in (3500.0, 0.5, 83.0, 12.35, 1234.5, 0.0, -0.0, -2.0)] == [
        "3,500", "0.5", "83", "12.35", "1,234.5", "0", "0", "-2"
    ]  # fmt: skip
    assert exact(None) == "—"
    assert _threshold({"threshold": [12.35, 12.5], "comparator": ">=", "unit": "%"}) == (
        "12.35%/12.5%"
    )
    assert _threshold({"threshold": 1234.5, "comparator": ">=", "unit": "件"}) == "1,234.5 件"


def test_every_figure_of_dazhous_each_year_targets_is_in_the_run_table():
    """The bundled plan's each-year rows, rendered as run renders them: the threshold column's
    lines, put back together, are the plan's whole list (a line breaks at a space or after a
    /), each figure written from the plan file's number here, not by the code under test."""
    from ipcast.data.target_files import bundled_targets, target_fields

    each = [t for t in bundled_targets() if t.region == "dazhou" and t.kind == "each_year"]
    assert len(each) >= 20
    for t in each:
        rec = {**target_fields(t), "status": "no_history", "p_hit": None, "median": None}
        lines = run_table([rec], "zh").splitlines()[2:]
        figures = [f"{v:,.0f}" if v == int(v) else str(v) for v in t.thresholds]
        if len(figures) == 1:
            said = figures[0] + t.unit
        elif len(set(figures)) == 1:
            said = f"每年{figures[0]}{t.unit}"
        elif t.unit == "%":
            said = "/".join(f + "%" for f in figures)
        else:
            said = "/".join(figures) + t.unit
        assert "".join(_cells(lines, 45)).replace(" ", "") == said, t.id


def test_a_period_cell_runs_from_the_first_years_start_to_the_last_years_end():
    from ipcast.report.run_table import period_cell

    assert period_cell({"period": "2030"}) == "2030"
    assert period_cell({"period": "2026-07/2030-06"}) == "2026-07/2030-06"
    assert period_cell({"period": "2026,2027,2028"}) == "2026…2028"
    each = "2026-07/2027-06,2027-07/2028-06,2028-07/2029-06"
    assert period_cell({"period": each}) == "2026-07…2029-06"


def test_one_figure_each_year_is_said_once_beside_a_name_that_says_each_year():
    from ipcast.report.run_table import named_once

    same = ["100", "100", "100"]
    assert named_once(same, "Pledge financing each year") == ["100"]
    assert named_once(same, "Firms taken into IP trusteeship, every year") == ["100"]
    assert named_once(same, "Patent grants, yearly average") == ["100"]
    assert named_once(same, "Patent grants") == same  # the name does not say it: each year's
    assert named_once(same, None) == same
    assert named_once(["100", "120", "140"], "Pledge financing each year") == ["100", "120", "140"]
