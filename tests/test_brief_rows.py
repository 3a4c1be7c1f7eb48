"""The briefing's traffic-light rows: a rate's range carries its %, a count's is read against the
规划值 column; the 80 % promise is written as the plan writes a target, with its unit (每年90家,
3,012/3,456/3,891件), as ``revise`` computes it."""

import pytest

from ipcast.report import words
from ipcast.report.document import _lighttable


def _rec(target_id, label, kind, unit, threshold, q10, q90):
    return {
        "target_id": target_id,
        "label_zh": label,
        "label_en": label,
        "kind": kind,
        "period": "2026/2030" if kind == "growth" else "2030",
        "threshold": threshold,
        "comparator": ">=",
        "unit": unit,
        "status": "simulated",
        "p_hit": 0.46,
        "p_hit_se": 0.0255,  # 1.96 x 2.55 points: ±5
        "q10": q10,
        "q90": q90,
        "light": "red",
    }


def test_a_growth_rows_range_and_promise_say_percent():
    recs = [
        _rec("g", "专利授权量年均增长", "growth", "%", 5.0, -3.7, 13.1),
        _rec("n", "专利授权量", "level", "件", 3000.0, 2003.0, 5477.0),
    ]
    b = {"records": recs, "revised": {"g": -0.924, "n": 2428.6}}
    rows = _lighttable(b, words.WORDS["zh"], "zh")["rows"]
    growth = ["红灯", "专利授权量年均增长", "2026/2030", "5%", "46%±5", "-3.7%–13.1%", "-0.924%"]
    assert rows[0] == growth
    # a count at least 2,428.6 is promised as 2,428 (confidence.promise), with its unit as the
    # 规划值 beside it; the range's unit is in 规划值
    assert rows[1] == ["红灯", "专利授权量", "2030", "3,000件", "46%±5", "2,003–5,477", "2,428件"]


def test_a_rates_outcome_and_pending_promise_say_percent_a_counts_outcome_does_not():
    from ipcast.report.document import _odds

    w = words.WORDS["zh"]
    growth = _rec("g", "专利授权量年均增长", "growth", "%", 5.0, None, None)
    count = _rec("n", "专利授权量", "level", "件", 3000.0, None, None)
    done = {"status": "resolved", "hit": True, "outcome": 6.25}
    assert _odds({**growth, **done}, w, {}) == ["已达成", "6.25%", ""]
    assert _odds({**count, **done, "hit": False, "outcome": 2950.0}, w, {}) == [
        "未达成",
        "2,950",
        "",
    ]
    # no probability yet (an outcome awaited): the promise alone, with its %
    assert _odds({**growth, "p_hit": None}, w, {"g": 4.0}) == ["待公布", "", "4%"]
    assert _odds({**count, "p_hit": None}, w, {"n": 2428.6}) == ["待公布", "", "2,428件"]


def test_a_zero_probability_and_a_range_from_zero_are_figures_not_blanks():
    from ipcast.report.document import _odds

    w = words.WORDS["zh"]
    r = {**_rec("n", "专利授权量", "level", "件", 3000.0, 0.0, 40.0), "p_hit": 0.0}
    assert _odds(r, w, {}) == ["<1%", "0–40", ""]  # a chance of 0, not 待公布


@pytest.mark.parametrize(
    "p, said",
    [(0.995, ">99%"), (0.99, "99%±5"), (0.01, "1%±5"), (0.0105, "1%±5"), (0.005, "<1%")],
)
def test_the_chance_at_its_edges_reads_as_the_run_table_reads_it(p, said):
    from ipcast.report.document import _odds

    r = {**_rec("n", "专利授权量", "level", "件", 3000.0, 2003.0, 5477.0), "p_hit": p}
    assert _odds(r, words.WORDS["zh"], {})[0] == said


def test_each_years_rates_each_carry_their_percent_a_counts_unit_comes_once():
    """A list of rates read 95.5/96.5/97.5% and a promise 1.2/1.5%: the first figures bare, as
    odds would be beside the 达标概率 column. Each rate now has its %, as the run table shows it."""
    from ipcast.report.document import _odds
    from ipcast.report.text import figures

    rate = _rec("r", "专利行政执法案件结案率", "each_year", "%", [95.5, 96.5, 97.5], None, None)
    count = _rec("n", "海外发明专利", "each_year", "件", [10.0, 15.0, 20.0], None, None)
    b = {"records": [rate, count], "revised": {}}
    rows = _lighttable(b, words.WORDS["zh"], "zh")["rows"]
    assert [row[3] for row in rows] == ["95.5%/96.5%/97.5%", "10/15/20件"]
    w = words.WORDS["zh"]
    pending = {**rate, "p_hit": None}
    assert _odds(pending, w, {"r": [1.2, 1.5]}) == ["待公布", "", "1.2%/1.5%"]
    assert _odds({**count, "p_hit": None}, w, {"n": [8.6, 12.4]}) == ["待公布", "", "8/12件"]
    assert _odds({**rate, "p_hit": None}, w, {"r": 4.0})[2] == "4%"  # one figure: as before
    # the sentences write a figure or a list the same way
    assert figures([1.2, 1.5], "%", "") == "1.2%/1.5%" and figures(4500.0, "件", "") == "4,500件"
    assert figures([10.0, 15.0], "件") == "10/15 件"


def test_the_run_table_writes_each_years_rates_with_their_percent_as_the_briefing_does():
    from ipcast.report.run_table import _threshold

    def cell(v, comparator=">="):
        return _threshold({"threshold": v, "comparator": comparator, "unit": "%"})

    assert cell([80.0, 82.0, 83.0]) == "80%/82%/83%"  # was 80/82/83 %
    assert cell([80.0, 82.0], "<=") == "<=80%/82%"
    assert cell(10.0) == "10 %" and cell([10.0] * 3) == "每年10 %"  # one figure: as before


def test_an_each_year_promise_is_every_years_figure_in_the_plans_form():
    """An each-year target's promise, one figure a year rounded toward the side that keeps the
    confidence (confidence.promise: down for at least, three figures under 100 unless whole
    things), written as the plan writes its target: 每年 when every year is the same."""
    from ipcast.report.document import _odds

    w = words.WORDS["zh"]
    same = _rec("s", "知识产权托管企业每年", "each_year", "家", [100.0] * 3, None, None)
    money = _rec("m", "质押融资额（附件1逐年）", "each_year", "亿元", [0.5, 0.7, 0.8], None, None)
    rate = _rec("r", "满意度（附件1逐年）", "each_year", "%", [80.0, 82.0, 83.0], None, None)
    grants = _rec("g", "授权专利（附件1逐年）", "each_year", "件", [3500.0, 4000.0, 4500.0], 0, 0)
    grants["q10"] = None
    revised = {
        "s": [90.4, 90.4, 90.4],  # 家 are whole things: 90 each year
        "m": [0.41234, 0.57728, 0.65976],  # 0.412/0.577/0.659, each rounded down
        "r": [70.123, 71.9, 72.8],
        "g": [3012.4, 3456.2, 3891.0],
    }
    b = {"records": [same, money, rate, grants], "revised": revised}
    rows = _lighttable(b, w, "zh")["rows"]
    assert [(row[3], row[-1]) for row in rows] == [
        ("每年100家", "每年90家"),
        ("0.5/0.7/0.8亿元", "0.412/0.577/0.659亿元"),
        ("80%/82%/83%", "70.1%/71.9%/72.8%"),
        ("3,500/4,000/4,500件", "3,012/3,456/3,891件"),
    ]
    assert [row[4] for row in rows] == ["46%±5"] * 4  # all years met together: one chance
    en = _odds(same, words.WORDS["en"], revised, "en")
    assert en[-1] == "90家 each year"  # the run table's English: the figure once, each year
    # a threshold the plan gave to two decimals is shown with them
    fine = _rec("f", "结案率", "level", "%", 97.25, None, None)
    assert _lighttable({"records": [fine], "revised": {}}, w, "zh")["rows"][0][3] == "97.25%"


def test_each_year_stays_on_one_line_in_the_english_briefings_cells():
    """The promise column is about 19 mm: 90家 each year wrapped as "90家 each" then "year".
    The rows join it with a no-break space, which fpdf2, Word and browsers keep whole."""
    from ipcast.report.fonts import REGULAR
    from ipcast.report.html import _table
    from ipcast.report.pdf import FONT, TABLE_SIZE, _Briefing

    same = _rec("s", "Firms in trusteeship", "each_year", "家", [100.0] * 3, None, None)
    table = _lighttable({"records": [same], "revised": {"s": [90.4] * 3}}, words.WORDS["en"], "en")
    (row,) = table["rows"]
    assert row[3] == "100家 each\u00a0year" and row[-1] == "90家 each\u00a0year"
    pdf = _Briefing("en")
    pdf.add_font(FONT, "", str(REGULAR))
    pdf.set_font(FONT, size=TABLE_SIZE[True])
    pdf.add_page()
    room = pdf.epw * table["widths"][-1] / sum(table["widths"]) - 2 * 0.8
    lines = pdf.multi_cell(room, 4, row[-1], dry_run=True, output="LINES")
    assert lines == ["90家", "each year"]  # plain, it was ["90家 each", "year"]
    plain = pdf.multi_cell(room, 4, "90家 each year", dry_run=True, output="LINES")
    assert plain == ["90家 each", "year"]
    assert "<td>90家 each\u00a0year</td>" in _table({**table, "head": table["head"]})


def test_an_english_row_whose_name_says_each_year_does_not_say_it_again():
    """Dazhou's bundled name "Firms taken into IP trusteeship, every year" beside "100家 each
    year" and a promise "90家 each year" read it three times in one row; its figures are bare
    now, as page one's sentences and the run table say them. A name without it keeps them."""
    name = "Firms taken into IP trusteeship, every year"
    same = _rec("s", "知识产权托管企业每年", "each_year", "家", [100.0] * 3, None, None)
    same["label_en"] = name
    b = {"records": [same], "revised": {"s": [90.4] * 3}}
    (row,) = _lighttable(b, words.WORDS["en"], "en")["rows"]
    assert row[1:4] == [name, "2030", "100家"] and row[-1] == "90家"
    (zh,) = _lighttable(b, words.WORDS["zh"], "zh")["rows"]
    assert zh[3] == "每年100家" and zh[-1] == "每年90家"  # the Chinese is as it was
    plain = {**same, "label_en": "Firms taken into IP trusteeship"}
    (row,) = _lighttable({**b, "records": [plain]}, words.WORDS["en"], "en")["rows"]
    assert row[3] == "100家 each\u00a0year" and row[-1] == "90家 each\u00a0year"
