"""revise's table: an each-year target promises one figure a year, each on its own line, so
that none is cut to fit the 100 columns; its P (all years met on the same path) once."""

from pathlib import Path

from ipcast.report.run_table import revise_table, width

EACH = {
    "region": "dazhou",
    "target_id": "dz_a01_patent_grants",
    "label_zh": "授权专利（附件1逐年）",
    "label_en": "Patent grants each year",
    "kind": "each_year",
    "period": "2022-07/2023-06,2023-07/2024-06,2024-07/2025-06",
    "threshold": [3500.0, 4000.0, 4500.0],
    "unit": "件",
    "comparator": ">=",
    "status": "simulated",
    "p_hit": 0.31,
    "confidence": 0.8,
    "revised_threshold": [3012.4, 3456.2, 3891.0],
    "median": [3620.0, 4100.0, 4580.0],
}


def test_each_year_promises_a_line_a_year_rounded_down_for_an_at_least_target():
    lines = revise_table([EACH], "zh", {"dazhou": "达州市"}).splitlines()
    assert lines[1] == "— 达州市"
    assert [line.split() for line in lines[2:]] == [
        ["授权专利（附件1逐年）", "2022-07/2023-06", "3,500", "件", "31%", "3,012", "件", "3,620"],
        ["2023-07/2024-06", "4,000", "件", "3,456", "件", "4,100"],
        ["2024-07/2025-06", "4,500", "件", "3,891", "件", "4,580"],
    ]
    # the later lines leave the name and P blank, under their columns
    assert lines[3].startswith(" " * 33 + "2023-07/2024-06")
    assert max(width(line) for line in lines) <= 100


def test_each_year_ceiling_rounds_each_year_up_to_whole_things():
    """At most 14.1 and 15.6 cases (件, a count of single things) are promised as 15 and 16."""
    ceiling = {
        **EACH,
        "label_en": "cases",
        "period": "2026,2027",
        "comparator": "<=",
        "threshold": [12.0, 13.0],
        "revised_threshold": [14.1, 15.6],
        "median": [11.0, 12.5],
        "p_hit": 0.9,
    }
    lines = revise_table([ceiling], "en").splitlines()
    assert [line.split() for line in lines[2:]] == [
        ["cases", "2026", "<=12", "件", "90%", "15", "件", "11"],
        ["2027", "<=13", "件", "16", "件", "12.5"],
    ]


def test_an_each_year_target_with_nothing_to_promise_keeps_one_row_and_its_whole_list():
    """One row, not one a year; its 3,500/4,000/4,500 件 (18 columns) was cut to 3,500/4,000…
    in the 12 of the column: the rest goes on the next line, in the column (from 31 + 2 + 15
    + 2 = 50), the other columns blank."""
    gone = {**EACH, "status": "no_history", "p_hit": None, "revised_threshold": None}
    gone["median"] = None
    lines = revise_table([gone], "zh").splitlines()
    assert len(lines) == 4 and lines[2].split()[-2:] == ["无数据", "—"]
    assert lines[2].split()[2] == "3,500/4,000/" and lines[3] == " " * 50 + "4,500 件"


def test_revise_gives_an_each_year_target_one_median_a_year(tmp_path, home):
    """api.revise's each-year record: a promise and a median per year, in the plan's order."""
    from ipcast import api

    plan = tmp_path / "each.yaml"
    plan.write_text(
        "plan: gh_each\nregion: guanghan\ntitle_zh: 测试\ntitle_en: test\nissued: '2025'\n"
        "horizon: 2026/2028\nsource: test\ntargets:\n- id: gh_tm_each\n  label_zh: 商标逐年\n"
        "  label_en: marks each year\n  indicator: effective_trademarks\n  family: trademark\n"
        "  kind: each_year\n  period: ['2026', '2027', '2028']\n"
        "  threshold: [13500, 14500, 15500]\n  comparator: '>='\n  unit: 件\n  quote: test\n",
        encoding="utf-8",
    )
    (rec,) = api.revise("guanghan", paths=200, targets_file=Path(plan))
    assert rec["status"] == "simulated"
    assert len(rec["median"]) == len(rec["revised_threshold"]) == 3
    assert rec["median"] == sorted(rec["median"])  # a stock of marks grows year by year
    # the promise is met on 80 % of paths, the median on half: below it each year
    assert all(v < m for v, m in zip(rec["revised_threshold"], rec["median"], strict=True))
    # revise --lang en names it in English (its records had no label_en: 商标逐年 showed)
    assert rec["label_en"] == "marks each year"
    assert revise_table([rec], "en").splitlines()[2].startswith("marks each year ")


def test_the_head_says_the_records_confidence_and_a_zero_promise_is_shown():
    """At 90 % confidence the head says so; a promise of 0 件 is a promise (0.4 at least, whole
    things, rounded down; or a threshold of 0 when a tenth of the paths see none), not a status;
    records without a confidence are read at 80 %."""
    one = {
        **EACH,
        "period": "2030",
        "kind": "level",
        "threshold": 2.0,
        "revised_threshold": 0.4,
        "median": 1.0,
        "confidence": 0.9,
        "p_hit": 0.2,
    }
    lines = revise_table([one], "zh").splitlines()
    assert lines[0].split()[4] == "90%把握可承诺"
    assert lines[2].split()[-3:] == ["0", "件", "1"]
    none_seen = revise_table([{**one, "revised_threshold": 0.0}], "zh").splitlines()
    assert none_seen[2].split()[-3:] == ["0", "件", "1"]
    bare = {k: v for k, v in one.items() if k != "confidence"}
    assert revise_table([bare], "en").splitlines()[0].split()[-4:-1] == ["promise", "at", "80%"]
