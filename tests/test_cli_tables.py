"""Targets from tables and results for Excel, through the command line."""

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.report.run_table import width

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "plan_tables"


def _run(args, code=0):
    res = runner.invoke(app, args)
    assert res.exit_code == code, res.output
    return res


def test_run_on_a_plan_table_writes_a_workbook(tmp_path, home):
    out = tmp_path / "广汉结果.xlsx"
    res = _run(
        ["run", "--targets", str(FIXTURES / "guanghan.xlsx"), "--paths", "200", "--out", str(out)]
    )
    assert "读取 第5行：“有效注册商标量累计(件)”读作effective_trademarks（" in res.stderr
    assert " / row 5: '有效注册商标量累计(件)' -> effective_trademarks" in res.stderr
    assert max(width(line) for line in res.stdout.splitlines()) <= 100
    assert "有效注册商标量累计" in res.stdout and "— 广汉市" in res.stdout
    book = pd.read_excel(out, sheet_name=None)
    assert list(book) == ["达标概率", "方法与来源"]
    table = book["达标概率"]
    assert len(table) == 16 and table["目标"].iloc[1] == "有效注册商标量累计"
    simulated = table[table["状态"] == "已测算 (simulated)"]
    assert len(simulated) >= 3 and simulated["达标概率"].between(0, 1).all()
    method = book["方法与来源"]
    assert (method["项目"] == "目标表解读").sum() == 17  # the header reading and 16 rows
    assert load_workbook(out)["达标概率"].freeze_panes == "A2"


def test_run_csv_file_has_a_bom_and_english_table(tmp_path, home):
    out = tmp_path / "r.csv"
    res = _run(["run", "-r", "tianchang", "--paths", "200", "--lang", "en", "--out", str(out)])
    assert "Effective invention paten…" in res.stdout and "no_history" in res.stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert back["编号(target_id)"].str.startswith("tc").all()


def test_xlsx_needs_a_file_and_never_overwrites(tmp_path, home):
    res = _run(["run", "-r", "guanghan", "--format", "xlsx"], 2)
    assert "add --out" in res.output and "Traceback" not in res.output
    taken = tmp_path / "mine.xlsx"
    taken.write_bytes(b"the planner's own")
    res = _run(["run", "-r", "guanghan", "--out", str(taken)], 2)
    assert "file exists" in res.output and taken.read_bytes() == b"the planner's own"
    res = _run(["run", "-r", "guanghan", "--out", str(tmp_path / "x.docx")], 2)
    assert "unknown file type" in res.output


def test_a_bad_cell_stops_with_sheet_row_and_column(tmp_path, home):
    f = tmp_path / "t.csv"
    f.write_text(
        "编号,地区,指标,类型,期间,目标值\na,广汉,授权专利,水平,2026,四千\n", encoding="utf-8"
    )
    res = _run(["run", "--targets", str(f)], 2)
    zh, en = res.output.splitlines()  # Chinese first, then English
    assert zh == f"错误：文件 {f}，第2行，F列（目标值）：“四千”不是数字。修改：只写数字"
    assert en.startswith("error: ")
    assert "row 2, column F (目标值): '四千' is not a number" in en


def test_template_for_targets_and_the_draft_round_trip(tmp_path, home):
    tpl = tmp_path / "目标模板.xlsx"
    _run(["template", "-r", "guanghan", "--targets", "--out", str(tpl)])
    assert load_workbook(tpl).sheetnames == ["说明", "指标表", "逐条目标"]
    draft = tmp_path / "草案.xlsx"
    _run(["draft", "-r", "chengdu", "--until", "2030", "--paths", "200", "--out", str(draft)])
    sheet = load_workbook(draft)["指标表"]
    assert [c.value for c in sheet[2]][6:8] == ["现行目标值", "建议目标值（80%把握）"]
    res = _run(["run", "--targets", str(draft), "--paths", "200", "-f", "json"])
    assert '"cd03_effective_trademarks_next"' in res.stdout
    assert "no target figure; not read" in res.stderr  # rows without history have no proposal


def test_revise_writes_the_indicator_table_back(tmp_path, home):
    out = tmp_path / "修订.xlsx"
    _run(["revise", "-r", "guanghan", "--paths", "200", "--out", str(out)])
    res = _run(["targets", "--targets", str(out), "-f", "json"])
    assert "gh02_effective_trademarks" in res.stdout


def test_levers_write_the_ranking_and_sobol_sheets(tmp_path, home):
    out = tmp_path / "l.xlsx"
    args = ["levers", "-r", "guanghan", "-t", "gh02_effective_trademarks", "--paths", "200"]
    _run([*args, "--sobol-n", "16", "--out", str(out)])
    sheets = pd.read_excel(out, sheet_name=None)
    assert len(sheets["杠杆排序"]) >= 1 and "总效应指数" in sheets["Sobol指数"]


def test_history_forecast_and_compare_write_workbooks(tmp_path, home):
    _run(["history", "-r", "chengdu", "--out", str(tmp_path / "h.xlsx")])
    assert pd.read_excel(tmp_path / "h.xlsx")["来源标题"].notna().any()
    _run(["forecast", "-r", "chengdu", "--paths", "200", "--out", str(tmp_path / "f.xlsx")])
    sheets = pd.read_excel(tmp_path / "f.xlsx", sheet_name=None)
    assert {"预测区间", "历史数据", "预测说明", "方法与来源"} <= set(sheets)
    args = ["compare", "-r", "guanghan", "-s", "baseline", "-s", "all_measures", "--paths", "200"]
    _run([*args, "--out", str(tmp_path / "c.xlsx")])
    assert len(pd.read_excel(tmp_path / "c.xlsx", sheet_name="情景比较")) == 16


def test_a_region_without_a_plan_gets_the_core_indicators_to_fill(tmp_path, home):
    out = tmp_path / "德阳.xlsx"
    _run(["template", "-r", "deyang", "--out", str(out)])
    rows = pd.read_excel(out, sheet_name="历史数据")
    assert {"patent_grants", "effective_trademarks", "pledge_financing"} <= set(rows["指标代码"])


def test_footer_counts_statuses_in_the_table_language():
    from ipcast.report.views import footer

    recs = [
        {"status": "simulated", "uses_user_data": False},
        {"status": "no_history", "uses_user_data": False},
        {"status": "no_history", "uses_user_data": True},
    ]
    zh = footer(recs, "zh")
    assert "已测算 1 项，缺少历史数据 2 项" in zh and "导入的数字优先" in zh
    assert "ipcast template" in zh and "simulated" not in zh
    en = footer(recs[:1], "en")
    assert en.strip() == "simulated: 1"  # no hint about missing figures when there are none


def test_footer_says_why_figures_the_planner_gave_could_not_be_used():
    """A no_history target whose reason names figures that could not be used gets its own line,
    in the table's language; one with no figures at all is covered by the general hint."""
    from ipcast.report.views import footer

    told = (
        "no figure of pledge_financing_total (a total to date) to build on, though "
        "pledge_financing has 3 yearly point(s): import the total at one year end"
    )
    spans = (
        "2 figure(s) for periods that are not calendar years (2022-07/2023-06, 2023-07/2024-06) "
        "not used"
    )
    recs = [
        {
            "status": "no_history",
            "uses_user_data": True,
            "reason": told,
            "label_zh": "累计融资",
            "label_en": "pledged to date",
        },
        {
            "status": "no_history",
            "uses_user_data": True,
            "reason": spans,
            "label_zh": "专利授权量",
            "label_en": "patent grants",
        },
        {
            "status": "no_history",
            "uses_user_data": False,
            "reason": "no history for this",
            "label_zh": "商标",
            "label_en": "marks",
        },
    ]
    zh = footer(recs, "zh").splitlines()
    assert zh[-2] == (
        "  累计融资：没有该累计总量（截至年末）的数字，但有3个年度数字：可导入某一年末的累计总量"
        "（如2025年末）；若规划指规划期内各年之和，请在指标名称后写明期间，如“累计（2026-2030年）”"
    )
    assert zh[-1] == (
        "  专利授权量：2个数字的统计期不是日历年（2022-07/2023-06, 2023-07/2024-06），"
        "未使用：年度数字按日历年预测，请导入日历年数字"
    )
    en = footer(recs, "en").splitlines()
    assert en[-2:] == [f"  pledged to date: {told}", f"  patent grants: {spans}"]
    assert "商标" not in "".join(zh) and "marks" not in "".join(en)


def test_footer_names_the_figures_each_known_outcome_rests_on():
    from ipcast.report.views import footer

    met = {
        "status": "resolved",
        "uses_user_data": False,
        "label_zh": "知识产权质押融资金额",
        "label_en": "IP pledge financing",
        "outcome_source": "2025-01/2025-11: 114亿元 (http://example.org/a)",
    }
    open_ = {"status": "simulated", "uses_user_data": False, "outcome_source": "x"}
    zh = footer([met, open_], "zh").splitlines()
    assert zh[-2:] == [
        "已有结果所依据的数字：",
        "  知识产权质押融资金额：2025年1-11月：114亿元（http://example.org/a）",
    ]
    en = footer([met, open_], "en").splitlines()
    assert en[-1] == "  IP pledge financing: 2025-01/2025-11: 114亿元 (http://example.org/a)"
    assert "已有结果" not in footer([open_], "zh")


def test_json_on_screen_and_in_a_file_are_the_same_records(tmp_path, home):
    """`-f json` printed each command's records whole while `--out x.json` wrote the first sheet
    flat (levers: one row per lever, no Sobol indices; forecast: the fan rows only; run: three
    columns more): a script got two shapes from one command. Both are now the records whole."""
    import json

    commands = {
        "levers": ["levers", "-r", "guanghan", "--paths", "200", "--sobol-n", "16"],
        "run": ["run", "-r", "guanghan", "--paths", "200"],
        "revise": ["revise", "-r", "guanghan", "--paths", "200"],
        "forecast": ["forecast", "-r", "chengdu", "-i", "effective_trademarks", "--paths", "200"],
    }
    for name, args in commands.items():
        screen = _run(args + ["-f", "json"]).stdout
        out = tmp_path / f"{name}.json"
        res = _run(args + ["--out", str(out)])
        assert out.read_text(encoding="utf-8") == screen, name
        recs = json.loads(screen)
        assert f"wrote {out}: records ({len(recs)} rows)" in res.stderr
    levers = json.loads((tmp_path / "levers.json").read_text(encoding="utf-8"))
    assert all("ranking" in r and "sobol" in r for r in levers)
    fan = json.loads((tmp_path / "forecast.json").read_text(encoding="utf-8"))
    assert [r["indicator"] for r in fan] == ["effective_trademarks"] and fan[0]["fan"]
