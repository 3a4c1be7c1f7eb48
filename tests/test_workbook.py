"""Results written for Excel: XLSX and CSV read back, and the 100-column terminal table."""

import pandas as pd
from openpyxl import load_workbook

from ipcast.report.run_table import run_table, width
from ipcast.report.workbook import write_csv, write_xlsx

RECORDS = [
    {
        "region": "guanghan",
        "target_id": "gh02",
        "label_zh": "有效注册商标量累计",
        "label_en": "Effective registered trademarks at end-2026",
        "kind": "stock",
        "period": "2026",
        "threshold": 13500.0,
        "comparator": ">=",
        "unit": "件",
        "status": "simulated",
        "p_hit": 0.625,
        "p_hit_se": 0.0077,
        "median": 13890.4,
        "q10": 12000.0,
        "q90": 15500.0,
        "outcome": None,
    },
    {
        "region": "guanghan",
        "target_id": "gh14",
        "label_zh": "《创新管理—知识产权管理指南(ISO 56005)》分级评价启动企业累计",
        "label_en": "Firms started ISO 56005 graded evaluation at end-2026",
        "kind": "each_year",
        "period": "2022-07/2023-06,2023-07/2024-06,2024-07/2025-06",
        "threshold": [2.0, 4.0, 6.0],
        "comparator": ">=",
        "unit": "户",
        "status": "no_history",
        "p_hit": None,
        "p_hit_se": None,
        "median": None,
        "q10": None,
        "q90": None,
        "outcome": None,
    },
]


def test_xlsx_has_chinese_headers_frozen_rows_and_percentages(tmp_path):
    path = tmp_path / "结果.xlsx"
    write_xlsx(path, [("达标概率", RECORDS)], [("命令", "ipcast run"), ("来源", "广汉市统计")])
    wb = load_workbook(path)
    assert wb.sheetnames == ["达标概率", "方法与来源"]
    ws = wb["达标概率"]
    head = [c.value for c in ws[1]]
    assert head[:4] == ["地区", "编号", "目标", "目标（英文）"]
    assert ws.freeze_panes == "A2"
    p = head.index("达标概率") + 1
    assert ws.cell(2, p).value == 0.625 and ws.cell(2, p).number_format == "0%"
    assert ws.cell(3, p).value is None
    assert ws.cell(2, head.index("状态") + 1).value == "已测算 (simulated)"
    assert ws.cell(3, head.index("目标值") + 1).value == "2/4/6"
    assert wb["方法与来源"]["B3"].value == "广汉市统计"
    back = pd.read_excel(path, sheet_name="达标概率")
    assert back["目标"].tolist() == [r["label_zh"] for r in RECORDS]


def test_csv_starts_with_a_bom_and_reads_back(tmp_path):
    path = tmp_path / "结果.csv"
    write_csv(path, RECORDS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["目标(label_zh)"].tolist() == [r["label_zh"] for r in RECORDS]
    assert back["达标概率(p_hit)"].iloc[0] == 0.625


def test_run_table_fits_100_columns_in_both_languages():
    for lang in ("zh", "en"):
        text = run_table(RECORDS, lang, {"guanghan": "广汉市"})
        assert max(width(line) for line in text.splitlines()) <= 100
    zh = run_table(RECORDS, "zh")
    assert "有效注册商标量累计" in zh and "62%" in zh and "13,890 (12,000-15,500)" in zh
    assert "《创新管理—知识产权管理指…" in zh  # cut to its 26 columns
    assert "无数据" in zh and "2022-07…2025-06" in zh
    en = run_table(RECORDS, "en")
    assert "Effective registered trad…" in en and "no_history" in en


def test_wide_characters_take_two_columns():
    assert width("成都abc") == 7


def test_the_method_sheet_lists_every_source_used():
    from conftest import make_history

    from ipcast.report.workbook import method_lines

    h = make_history(
        [
            ("guanghan", "effective_trademarks", "2022", "asof", 11000.0, "件"),
            ("guanghan", "effective_trademarks", "2023", "asof", 12346.0, "件"),
            ("guanghan", "patent_grants", "2023", "year", 900.0, "件"),
        ]
    )
    h["source"] = ["统计公报2022", "方案", "公报"]
    h["source_title"] = ["广汉市2022年统计公报", "", ""]
    recs = [dict(RECORDS[0], indicator="effective_trademarks", method="theta")]
    lines = dict(method_lines(recs, "ipcast run -r guanghan", h, ["row 4: ..."]))
    assert lines["命令"] == "ipcast run -r guanghan" and lines["预测方法"] == "Theta模型 / theta"
    got = [v for k, v in method_lines(recs, "x", h) if k == "数据来源"]
    assert got == ["广汉市2022年统计公报 (统计公报2022)", "方案"]  # not the patent row
    assert lines["目标表解读"] == "row 4: ..."


def test_a_forecast_for_a_period_that_is_over_is_marked_awaiting_in_the_run_table():
    over = {**RECORDS[0], "status": "awaiting_outcome", "period": "2025"}
    zh_line = run_table([over], "zh").splitlines()[-1]
    en_line = run_table([over], "en").splitlines()[-1]
    assert "62%" in zh_line and zh_line.endswith("待公布")
    assert en_line.endswith("awaiting")
    assert not run_table([RECORDS[0]], "zh").splitlines()[-1].endswith("待公布")


def test_a_hindcast_table_shows_what_was_forecast_then_and_what_is_known_now():
    then = {**RECORDS[0], "period": "2025"}
    now = {"now_hit": None, "now_outcome": None, "now_p_hit": None}
    rows = [
        {**then, **now, "now_status": "resolved", "now_hit": True, "now_outcome": 14210.0},
        {**then, **now, "now_status": "resolved", "now_hit": False, "now_outcome": 980.0},
        {**then, **now, "now_status": "awaiting_outcome", "now_p_hit": 0.27},
        {**then, **now, "period": "2027", "now_status": "simulated", "now_p_hit": 0.5},
        {**RECORDS[1], **now, "now_status": "no_history"},
    ]
    zh = run_table(rows, "zh", {"guanghan": "广汉市"}, hindcast=True).splitlines()[1:]
    assert zh[0].split() == ["目标", "期间", "目标值", "概率", "当时预测(10%-90%)", "现在"]
    assert zh[1] == "— 广汉市"
    assert zh[2].startswith("有效注册商标量累计") and "62%" in zh[2]
    assert zh[2].endswith("13,890 (12,000-15,500)   达成 14,210")
    assert zh[3].endswith("未达成 980")
    assert zh[4].endswith("待公布 27%")
    assert zh[5].endswith("现估 50%")
    assert zh[6].endswith("无数据                   无数据")
    en = run_table(rows, "en", None, hindcast=True).splitlines()[1:]
    assert en[2].endswith("met 14,210") and en[3].endswith("missed 980")
    assert en[4].endswith("awaiting 27%") and en[5].endswith("now 50%")
    for text in (zh, en):
        assert max(width(line) for line in text) <= 100


def test_a_probability_no_path_missed_is_shown_above_99_not_as_certain():
    from ipcast.report.run_table import percent

    got = [percent(p) for p in (None, 0.0, 0.009, 0.01, 0.42, 0.99, 0.994, 1.0)]
    assert got == ["", "<1%", "<1%", "1%", "42%", "99%", ">99%", ">99%"]
    line = run_table([{**RECORDS[0], "p_hit": 1.0, "p_hit_se": 0.0}], "zh").splitlines()[-1]
    assert ">99%" in line and "100%" not in line


def test_the_revise_table_shows_the_promise_in_the_plans_unit_rounded_to_keep_the_confidence():
    """896.7 at least is promised as 896 (897 is met a little less often than 80 %), 12.34 at
    most as 12.4; a target with nothing to promise shows its status; 100 columns at most."""
    from ipcast.report.run_table import revise_table

    at_least = {**RECORDS[0], "confidence": 0.8, "revised_threshold": 896.7, "median": 950.2}
    at_most = {
        **RECORDS[0],
        "label_zh": "专利行政执法案件办理周期",
        "label_en": "days to close a case",
        "comparator": "<=",
        "unit": "天",
        "threshold": 15.0,
        "confidence": 0.8,
        "revised_threshold": 12.34,
        "median": 11.0,
        "p_hit": 0.91,
    }
    none = {**RECORDS[1], "confidence": 0.8, "revised_threshold": None}
    zh = revise_table([at_least, at_most, none], "zh", {"guanghan": "广汉市"}).splitlines()
    assert zh[0].split() == ["目标", "期间", "目标值", "概率", "80%把握可承诺", "预测中位数"]
    assert zh[1] == "— 广汉市"
    assert zh[2].split() == [
        "有效注册商标量累计",
        "2026",
        "13,500",
        "件",
        "62%",
        "896",
        "件",
        "950",
    ]
    assert zh[3].split() == [
        "专利行政执法案件办理周期",
        "2026",
        "<=15",
        "天",
        "91%",
        "12.4",
        "天",
        "11",
    ]
    assert zh[4].split()[-2:] == ["无数据", "—"]
    en = revise_table([at_least, none], "en").splitlines()
    assert en[0].split()[-4:] == ["promise", "at", "80%", "median"] and en[1] == "— guanghan"
    assert en[3].split()[-2:] == ["no_history", "—"]
    for text in (zh, en):
        assert max(width(line) for line in text) <= 100


def test_nothing_to_revise_says_whether_the_plan_is_over_or_the_figures_are_missing():
    from ipcast.report.views import nothing_to_revise

    over = {"status": "awaiting_outcome", "revised_threshold": None}
    gone = {"status": "no_history", "revised_threshold": None}
    assert nothing_to_revise([over, gone, {**over, "revised_threshold": 3.0}], "chengdu") == ""
    said = nothing_to_revise([over, {**over, "status": "resolved"}, gone], "chengdu")
    assert said.startswith("提示：没有可修订的目标：3项目标中有2项的期间已结束")
    assert " / nothing to revise: 2 of the 3 targets are for periods already" in said
    assert said.endswith("`ipcast draft -r chengdu --out FILE.xlsx`")
    missing = nothing_to_revise([gone, gone], "chengdu")
    assert "none of the 2 targets could be simulated" in missing and "draft" not in missing


def test_the_run_sheet_says_method_borrowed_and_reason_in_chinese_first():
    from ipcast.report.result_tables import run_tables

    rec = {
        "region": "x",
        "method": "random walk, borrowed prior",
        "borrowed": "",
        "reason": "the plan states no number",
        "status": "no_threshold",
    }
    ((sheet, (row,)),) = run_tables([rec])
    assert sheet == "达标概率"
    assert row["method_zh"] == "对数随机游走，借用同类序列先验"
    assert row["reason_zh"] == "规划未给出具体数值" and row["borrowed_zh"] == ""
    keys = list(row)
    assert keys.index("reason_zh") + 1 == keys.index("method")  # Chinese, then the engine's words
    assert run_tables([{**rec, "reason": ""}])[0][1][0]["reason_zh"] == ""  # nothing to say
