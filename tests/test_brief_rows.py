"""The briefing's traffic-light rows: a rate's range and promise carry their %, a count's are read
against the 规划值 column."""

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
    # a count at least 2,428.6 is promised as 2,428 (confidence.promise), its unit in 规划值
    assert rows[1] == ["红灯", "专利授权量", "2030", "3,000件", "46%±5", "2,003–5,477", "2,428"]


def test_a_rates_outcome_and_pending_promise_say_percent_a_counts_do_not():
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
    assert _odds({**count, "p_hit": None}, w, {"n": 2428.6}) == ["待公布", "", "2,428"]


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
