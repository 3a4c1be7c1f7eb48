"""compare and simulate print run's 100-column table in the plan's language."""

from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.report.run_table import compare_table, width

ROW = {
    "region": "guanghan",
    "target_id": "gh03",
    "label_zh": "版权登记数量累计",
    "label_en": "Copyright registrations to date",
    "kind": "stock",
    "period": "2026",
    "threshold": 3900.0,
    "comparator": ">=",
    "unit": "件",
    "status": "simulated",
    "p_baseline": 0.48125,
    "p_all_measures": 0.5395,
    "difference": 0.05825,
    "difference_se": 0.003704,
}


def test_compare_table_shows_both_probabilities_and_the_difference_in_points():
    gone = {
        **ROW,
        "label_zh": "地理标志和区域品牌拥有数",
        "status": "no_history",
        "p_baseline": None,
        "p_all_measures": None,
        "difference": None,
        "difference_se": None,
    }
    zh = compare_table(
        [ROW, gone],
        ("baseline", "all_measures"),
        "zh",
        {"guanghan": "广汉市"},
        ("基线", "全部措施"),
    ).splitlines()
    assert zh[0] == "情景 A：基线　情景 B：全部措施"
    assert zh[1].split() == ["目标", "期间", "目标值", "A", "B", "B-A(百分点)"]
    assert zh[2] == "— 广汉市"
    assert zh[3].split() == [
        "版权登记数量累计",
        "2026",
        "3,900",
        "件",
        "48%",
        "54%",
        "+5.8",
        "±0.4",
    ]
    assert zh[4].split()[-1] == "无数据" and "%" not in zh[4]
    en = compare_table([ROW], ("baseline", "all_measures"), "en").splitlines()
    assert en[0] == "scenario A: baseline; scenario B: all_measures"
    assert en[3].startswith("Copyright registrations to date")
    for text in (zh, en):
        assert max(width(line) for line in text) <= 100


def test_compare_and_simulate_commands_print_the_table_and_json_keeps_the_records(home):
    runner = CliRunner()
    args = ["compare", "-r", "guanghan", "-s", "baseline", "-s", "all_measures", "--paths", "200"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "情景 A：baseline (基线)　情景 B：all_measures (全部措施满力度)" in res.output
    assert max(width(line) for line in res.output.splitlines()) <= 100
    res = runner.invoke(app, [*args, "--format", "json"])
    import json

    recs = json.loads(res.stdout)
    assert {"label_en", "period", "threshold", "comparator", "unit"} <= set(recs[0])
    res = runner.invoke(app, ["simulate", "-r", "guanghan", "-s", "all_measures", "--paths", "200"])
    assert res.exit_code == 0 and "情景: all_measures (全部措施满力度)" in res.output
    assert "— 广汉市" in res.output
