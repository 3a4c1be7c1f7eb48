"""A planner's lever file and the commands' own checks (the briefing's bands, language and
format, the backtest's panel and series, goal seeking on a settled target, a Dask scheduler)
are refused Chinese first, then English: each half names the place and the fix. The files are
small test tables (测试数据) written here."""

import pytest
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.errors import InputError
from ipcast.scenarios.local import read_local_levers

runner = CliRunner()


def _refused(args: list[str]) -> tuple[str, str]:
    """The command's two error lines (Chinese, English), after any progress lines."""
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    lines = [x for x in res.output.splitlines() if x.startswith(("错误：", "error: "))]
    assert len(lines) == 2, res.output
    return lines[0], lines[1]


def test_a_lever_files_bad_cost_names_the_measure_and_column_in_both(tmp_path, home):
    f = tmp_path / "bad.yaml"
    f.write_text("levers:\n- lever: pledge_risk_pool\n  cost_wan: -3\n", encoding="utf-8")
    zh, en = _refused(["levers", "-r", "guanghan", "--local", str(f), "--paths", "200"])
    assert zh == (
        f"错误：文件 {f}，第1条措施，“cost_wan”列：年度成本为-3.0。"
        "修改：给大于0的年度成本（万元），或留空"
    )
    assert en == (
        f"error: {f} row 1 column 'cost_wan': -3.0. Fix: give a yearly cost above 0 万元, "
        "or leave it empty"
    )


@pytest.mark.parametrize(
    "body,zh,en",
    [
        (
            "lever,low,mode,high\npledge_risk_pool,5,约15,30\n",
            "，第1条措施，“mode”列：“约15”不是数字。修改：写作如 12.5",
            " row 1 column 'mode': '约15' is not a number. Fix: write e.g. 12.5",
        ),
        (
            "lever,cost_wan\npledge_risk_pool,5\npledge_risk_pool,6\n",
            "，第2条措施：措施“pledge_risk_pool”出现了两次。修改：只保留一行",
            " row 2: 'pledge_risk_pool' given twice. Fix: keep one row",
        ),
        (
            "lever,low,mode,high\npledge_risk_pool,5,,30\n",
            "，第1条措施，low/mode/high列：效果范围只填了一部分。修改：三列都填，或都不填",
            " row 1 columns low/mode/high: only part of the range given. Fix: fill all three",
        ),
        (
            "lever,low,mode,high\npledge_risk_pool,30,15,5\n",
            "，第1条措施，low/mode/high列：30.0/15.0/5.0的大小顺序不对。"
            "修改：须 low <= mode <= high",
            " row 1 columns low/mode/high: 30.0/15.0/5.0. Fix: needs low <= mode <= high",
        ),
        (
            "lever,成本\npledge_risk_pool,5\n",
            "，第1条措施，“成本”列：无法识别的列。修改：用以下列名：lever、low、mode、high、"
            "cost_wan、source",
            " row 1 column '成本': unknown column. Fix: use ('lever', 'low'",
        ),
        (
            "lever\npledge_risk_poool\n",
            "，第1条措施，“lever”列：无法识别的措施“pledge_risk_poool”。修改：用以下之一：",
            " row 1 column 'lever': unknown lever 'pledge_risk_poool'. Fix: use one of [",
        ),
    ],
)
def test_a_lever_tables_bad_row_is_said_in_both(tmp_path, body, zh, en):
    f = tmp_path / "措施.csv"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_local_levers(f)
    assert e.value.zh.startswith(f"文件 {f}{zh}"), e.value.zh
    assert e.value.en.startswith(f"{f}{en}"), e.value.en


@pytest.mark.parametrize(
    "name,body,zh,en",
    [
        ("x.yaml", "levers: [", "不是有效的YAML。修改：检查缩进和引号", "not valid YAML"),
        (
            "x.yaml",
            "lever: pledge_risk_pool\n",
            "没有“levers:”列表。修改：每项措施写一条“- lever: 措施代码”",
            "no 'levers:' list. Fix: put one '- lever: id' entry per measure",
        ),
        (
            "x.txt",
            "",
            "无法识别的文件类型“.txt”。修改：用 .yaml、.csv 或 .xlsx",
            "unknown file type '.txt'",
        ),
    ],
)
def test_a_lever_file_that_cannot_be_read_says_so_in_both(tmp_path, name, body, zh, en):
    f = tmp_path / name
    f.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_local_levers(f)
    assert e.value.zh == f"文件 {f}：{zh}"
    assert e.value.en.startswith(f"{f}: {en}")


def test_a_missing_lever_file_is_said_in_both(tmp_path):
    f = tmp_path / "无.yaml"
    with pytest.raises(InputError) as e:
        read_local_levers(f)
    assert e.value.zh == f"文件 {f}：文件不存在。修改：给出措施文件（.yaml/.csv/.xlsx）的路径"
    assert e.value.en == (
        f"{f}: file not found. Fix: give the path of a lever file (.yaml/.csv/.xlsx)"
    )


def test_the_briefings_bands_and_language_are_refused_in_both(tmp_path, home):
    out = tmp_path / "b.html"
    zh, en = _refused(["brief", "-r", "dazhou", "--out", str(out), "--green", "0.4"])
    assert zh == (
        "错误：--green/--amber：分档界限0.4/0.5不成立。"
        "修改：须 0 <= amber <= green <= 1，如 --green 0.8 --amber 0.5"
    )
    assert en == (
        "error: --green/--amber: bands 0.4/0.5. Fix: give 0 <= amber <= green <= 1, "
        "e.g. --green 0.8 --amber 0.5"
    )
    zh, en = _refused(["brief", "-r", "dazhou", "--out", str(out), "--lang", "fr"])
    assert zh == "错误：--lang：无法识别的语言“fr”。修改：用 zh（中文）或 en（英文）"
    assert en == "error: --lang: unknown language 'fr'. Fix: use zh or en"


def test_the_briefings_format_is_refused_in_both(tmp_path):
    from ipcast.report.output import output_format

    with pytest.raises(InputError) as e:
        output_format(tmp_path / "b.txt")
    assert e.value.zh == (
        f"文件 {tmp_path / 'b.txt'}：无法识别的格式“.txt”。修改：文件名以 .docx、.pdf 或 .html 结尾"
    )
    assert e.value.en.endswith("unknown format '.txt'. Fix: end it in .docx, .pdf or .html")


def test_the_backtests_panel_and_short_series_are_refused_in_both(tmp_path, home):
    zh, en = _refused(["backtest", "--panel", "nosuch"])
    assert zh.startswith("错误：--panel：无法识别的面板“nosuch”。修改：用以下之一：china_provinces")
    assert en.startswith("error: --panel: unknown panel 'nosuch'. Fix: use one of ['china_prov")
    # 测试数据: one year of one series, too short to score
    f = tmp_path / "h.csv"
    f.write_text("地区,指标,年份,数值,单位\ndazhou,授权专利,2022,3900,件\n", encoding="utf-8")
    zh, en = _refused(["backtest", "--history", str(f)])
    assert zh == (
        f"错误：文件 {f}：没有连续3年以上年度数值的序列。"
        "修改：导入更长的序列，或用 --panel china_provinces"
    )
    assert en == (
        f"error: {f}: no series with 3+ consecutive yearly values. "
        "Fix: import a longer series, or use --panel china_provinces"
    )
    # 测试数据: seven July-June years are yearly figures, but backtests run by calendar year
    jj = tmp_path / "jj.csv"
    cols = ",".join(f"{y}年7月-{y + 1}年6月" for y in range(2019, 2026))
    row = "宣汉县,专利授权量（件）,612,698,1024,905,874,931,1012"
    jj.write_text(f"地区,指标,{cols}\n{row}\n", "utf-8")
    zh, en = _refused(["backtest", "--history", str(jj)])
    assert zh == (
        f"错误：文件 {jj}：没有连续3年以上年度数值的序列（7个数字按跨年的统计期，"
        "如2019-07/2020-06，回测按日历年：请导入日历年数字，如2019、2020……）。"
        "修改：导入更长的序列，或用 --panel china_provinces"
    )
    assert "(7 figures are over spans across a year end, e.g. 2019-07/2020-06;" in en
    zh, en = _refused(["backtest", "--region", "chengdu"])
    assert zh == (
        "错误：ipcast 中的历史数据（chengdu）：没有哪条序列在某个起点之前有连续2年以上的年度数值、"
        "且起点之后还有一年的数值：无可评分。修改：导入更多年份，或给更早的 --start"
    )
    assert en == (
        "error: ipcast history of chengdu: no series with 2+ consecutive yearly values up to an "
        "origin and one after it: nothing to score. Fix: import more years, or give an earlier "
        "--start"
    )


def test_goal_seeking_on_a_settled_target_says_its_status_in_chinese(tmp_path, home):
    # 测试数据: a stock target at the end of 2023, which guanghan's bundled 2023 figure settles
    f = tmp_path / "t.csv"
    f.write_text(
        "编号,地区,指标,类型,期间,目标值,单位\nx,广汉,有效注册商标,存量,2023,100,件\n", "utf-8"
    )
    args = ["goal", "-t", "x", "-l", "trademark_brand_guidance", "--targets", str(f)]
    zh, en = _refused(args + ["--paths", "100"])
    assert zh == (
        "错误：--target x：状态为“已有结果”：结果已由历史数据确定。"
        "修改：只有已测算的目标才能反推措施力度；其规划期已过：--as-of 年份 可问当时需要多大"
        "力度，`ipcast draft -r guanghan --out 文件.xlsx` 可起草下一期规划"
    )
    assert en.startswith("error: --target x: status resolved: outcome known from history. ")
    assert en.endswith("`ipcast draft -r guanghan --out FILE.xlsx` drafts the next plan")


def test_an_unreachable_scheduler_is_said_in_both(monkeypatch):
    from ipcast.scenarios import parallel

    pytest.importorskip("dask.distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 1)
    with pytest.raises(InputError) as e:
        parallel._connect("tcp://127.0.0.1:9")
    assert e.value.zh.startswith("--scheduler：无法连接 tcp://127.0.0.1:9（")
    assert e.value.zh.endswith("修改：先用 `dask scheduler` 和 `dask worker 地址` 启动")
    assert e.value.en.startswith("--scheduler: cannot reach tcp://127.0.0.1:9 (")


def test_the_tables_language_option_is_refused_in_both(home):
    zh, en = _refused(["run", "-r", "guanghan", "--lang", "fr"])
    assert zh == "错误：--lang：无法识别的语言“fr”。修改：用 zh（中文）或 en（英文）"
    assert en == "error: --lang: unknown language 'fr'. Fix: use zh or en"


def test_an_error_said_in_english_only_still_starts_in_chinese():
    """A bundled file's own check (data/levers.yaml, a developer's file) is said in English; the
    planner still reads 错误 and the place first."""
    from ipcast.cli.common import error_text

    e = InputError("data/levers.yaml key 'x'", "unknown key", "use one of ['id']")
    assert error_text(e).split("\n") == [
        "错误：data/levers.yaml key 'x'：此项说明只有英文，见下一行。修改：照下一行 Fix 所说修改",
        "error: data/levers.yaml key 'x': unknown key. Fix: use one of ['id']",
    ]
