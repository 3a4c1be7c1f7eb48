"""The run workbook explains itself in Chinese first, the English beside: the 解读 column (how a
target was read), the method and sources sheet, and the family of each indicator."""

from openpyxl import load_workbook
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.report.workbook import cell_value, method_lines


def _sheet(path, name: str) -> list[dict]:
    rows = list(load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_the_reading_column_of_dazhou_reads_chinese_first(home, tmp_path):
    """dz01's reading (annex 1 gives 3500/4000/4500, whose mean is 4000) read back from the file
    `ipcast run --out` writes."""
    out = tmp_path / "run.xlsx"
    res = CliRunner().invoke(app, ["run", "-r", "dazhou", "--paths", "100", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = {r["编号"]: r for r in _sheet(out, "达标概率")}
    assert rows["dz01_patent_grants_avg"]["解读"] == (
        "三个年度（当年7月至次年6月）的平均值；附件1逐年为3500/4000/4500，平均4000 / "
        "mean of the three July-June years; annex 1 gives 3500/4000/4500, whose mean is 4000"
    )
    assert rows["dz23_new_trademark_registrations"]["解读"] == (
        "附件1为6500+7000+7500=21000 / annex 1's 6500+7000+7500 = 21000"
    )
    assert rows["dz01_patent_grants_avg"]["类别"] == "专利 (patent)"
    assert "已写入" in res.stderr and "达标概率（56行） / wrote " in res.stderr


def test_the_method_sheet_says_method_and_borrowed_in_chinese_then_english():
    rec = {
        "method": "random walk, borrowed prior",
        "borrowed": "growth and volatility entirely from: no copyright panel exists; patent "
        "and trademark stock proxies pooled (99 series)",
    }
    lines = dict(method_lines([rec], "ipcast run"))
    assert lines["预测方法"] == "对数随机游走，借用同类序列先验 / random walk, borrowed prior"
    assert lines["借用的参照"] == (
        "增长与波动全部借用：无版权序列：以专利与商标存量序列合并代替 / " + rec["borrowed"]
    )
    assert cell_value("family", "pledge") == "质押融资 (pledge)"
    assert cell_value("family", "other") == "other"  # a custom indicator's family stays as given


def test_the_chinese_reason_names_the_earlier_figures_and_the_idle_levers():
    """说明（中文） said only 已测算 for a forecast starting from a year's figures so far, and
    left out the levers acting in no year of the period."""
    from ipcast.report.words import reason

    idle = {"lever": "gi_cultivation", "zh": "地理标志梯队培育、保护示范区", "last_year": None}
    rec = {
        "status": "simulated",
        "reason": "the forecast starts from the figures so far of a year before the period "
        "(2025年1-11月: 114亿元): that year is their pace combined with the forecast, and the "
        "years after move with it; no effect inside the target's period: gi_cultivation acts "
        "only from 2027",
        "idle_levers": [{**idle, "first_year": 2027, "why": "late"}],
    }
    assert reason(rec, "zh") == (
        "预测从规划期之前年份已有的部分数据起算（2025年1-11月：114亿元）：该年全年按已有进度与预测"
        "合并，其后各年随之变动；期内不起作用的措施：地理标志梯队培育、保护示范区（2027年起才起作用）"
    )
    assert reason(rec, "en") == rec["reason"]
    assert reason({"status": "simulated", "reason": ""}, "zh") == "已测算"
