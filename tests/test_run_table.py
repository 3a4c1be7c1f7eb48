"""The run table's lines, character for character. The layout rule: 100 columns, the fixed
columns 15 | 12 | 4 | 23 | 10 (a hindcast's last one 16) two apart, and the label takes what is
left: 100 - 64 - 10 = 26 columns (a hindcast's 100 - 70 - 10 = 20). A wide (CJK) character takes
two columns; a cell too long is cut to one column less and ends in "…"; trailing blanks go."""

from ipcast.report.run_table import _forecast, num, run_table

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
