"""The levers command with stability, a local lever file and costs; the briefing's lever page."""

import json

from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.report.document import _stability

runner = CliRunner()


def _run(args):
    res = runner.invoke(app, args)
    return res


def test_levers_with_a_local_file_rank_by_cost(home, tmp_path):
    f = tmp_path / "mine.yaml"
    assert _run(["levers", "-r", "guanghan", "--local-template", str(f)]).exit_code == 0
    again = _run(["levers", "-r", "guanghan", "--local-template", str(f)])
    assert again.exit_code == 2 and "file exists" in again.output
    f.write_text(
        "levers:\n- lever: pledge_risk_pool\n  low: 5\n  mode: 15\n  high: 30\n  cost_wan: 500\n"
        "  source: test\n- lever: pledge_interest_subsidy\n  cost_wan: 100\n",
        encoding="utf-8",
    )
    args = ["levers", "-r", "guanghan", "--local", str(f), "--paths", "500", "--sobol-n", "16"]
    res = _run(args + ["--format", "json"])
    assert res.exit_code == 0, res.output
    recs = json.loads(res.stdout)
    pledge = next(r for r in recs if r["target_id"] == "gh05_pledge_financing_total")
    rows = {x["lever"]: x for x in pledge["ranking"]}
    assert rows["pledge_risk_pool"]["basis"] == "local"
    assert rows["pledge_risk_pool"]["range"] == [5, 15, 30]
    for x in pledge["by_cost"]:
        assert x["gain_per_wan"] == rows[x["lever"]]["delta"] / x["cost_wan"]
    assert [x["lever"] for x in pledge["by_cost"]] == sorted(
        rows,
        key=lambda k: (
            -rows[k]["delta"] / {"pledge_risk_pool": 500, "pledge_interest_subsidy": 100}[k]
        ),
    )
    text = _run(args).output
    assert "名次不变" in text and "每100万元(百分点)" in text and "per 万元" in text
    assert "判断" in text


def test_bad_local_file_exits_2_naming_the_row(home, tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("levers:\n- lever: pledge_risk_pool\n  cost_wan: -3\n", encoding="utf-8")
    res = _run(["levers", "-r", "guanghan", "--local", str(f), "--paths", "200"])
    assert res.exit_code == 2 and "row 1" in res.output and "cost_wan" in res.output


def test_simulate_names_a_lever_acting_after_the_period(home, tmp_path):
    f = tmp_path / "late.yaml"
    f.write_text("name: late\nstart: 2040\nlevers: {copyright_registration_support: 1}\n")
    res = _run(["simulate", "-r", "guanghan", "-s", str(f), "--paths", "300"])
    assert res.exit_code == 0, res.output
    assert "copyright_registration_support has no effect inside the period" in res.output
    assert "acts only from 2040" in res.output


def test_lever_page_shows_ranks_with_their_stability():
    rec = {
        "target_id": "t1",
        "tornado": [
            {
                "rank": 1,
                "zh": "甲",
                "lever": "a",
                "delta": 0.05,
                "top_share": 1.0,
                "rank_share": 0.9,
                "basis": "judgement",
            },
            {
                "rank": 2,
                "zh": "乙",
                "lever": "b",
                "delta": 0.01,
                "top_share": 1.0,
                "rank_share": 0.9,
                "basis": "evidence",
            },
        ],
        "lever_stability": {
            "ranking_label_zh": "排序依据判断（非实测）的效果范围，仅供参考",
            "ranking_label_en": "ranking rests on judged, not measured, effect ranges",
            "order_changes_when_widened": True,
        },
    }

    def text(lang):
        table, note = _stability({"records": [rec]}, "tornado_t1", lang)
        return " ".join([*table["head"], *(c for row in table["rows"] for c in row), note["text"]])

    zh = text("zh")
    assert "保持前三的比例" in zh and "90%" in zh and "判断" in zh and "有变化" in zh
    assert _stability({"records": [rec]}, "fan_x", "zh") == []
    assert "Holds rank" in text("en")


def test_levers_on_a_finished_target_say_why_there_is_nothing_to_rank(home):
    # Chengdu's 2025 targets are over (2025 ended): no blank output, a note with what to do
    args = ["levers", "-r", "chengdu", "-t", "cd02_overseas_invention_grants", "--paths", "100"]
    res = _run(args)
    assert res.exit_code == 0
    assert "no lever to rank" in res.output and "--as-of YEAR" in res.output


def test_the_lever_ranking_fits_100_columns_with_the_longest_names():
    """The longest slug (30) beside the longest Chinese name (20 characters, 40 columns) made the
    ranking 123 columns wide. Now every line fits 100: the name is cut with … by what the
    widest line is over, a short name is kept whole, and the notes wrap at spaces."""
    from ipcast.report.run_table import width
    from ipcast.report.views import levers_text

    def lever(rank, slug, zh, basis):
        return {"rank": rank, "lever": slug, "zh": zh, "p_off": 0.8, "p_full": 0.83}, {
            "delta": 0.028,
            "top_share": 0.96,
            "rank_share": 0.74,
            "basis": basis,
        }

    rows = [
        {**a, **b}
        for a, b in [
            lever(
                1,
                "copyright_registration_support",
                "高价值专利培育（育成中心、培育大赛）甲乙",
                "judgement",
            ),
            lever(2, "patent_navigation", "产业与企业专利导航", "evidence"),
        ]
    ]
    rec = {
        "target_id": "t1",
        "label_zh": "发明专利授权",
        "p_hit": 0.8,
        "ranking": rows,
        "top": 3,
        "ranking_label_zh": "排序依据判断（非实测）的效果范围，仅供参考",
        "ranking_label_en": "ranking rests on judged, not measured, effect ranges",
        "order_changes_when_widened": False,
        "widen_factor": 2,
        "by_cost": [],
        "n_draws": 2000,
        "sobol": [
            {"factor": "baseline_forecast", "S1": 1.0, "S1_conf": 0.1, "ST": 1.0, "ST_conf": 0.05}
        ],
        "assumption": "the levers' effects and the baseline forecast are independent of each other "
        "(levers that reinforce or crowd out each other are not modelled)",
    }
    text = levers_text([rec])
    lines = text.splitlines()
    assert max(width(line) for line in lines) <= 100
    row1 = next(line for line in lines if "copyright_registration_support" in line)
    # widths (Chinese headers): 4 名次, 30 代码, 6 不用时, 6 全力度, 4 变化 (+2.8 points), 5 进前3,
    # 8 名次不变, 4 依据, 8 gaps, 1 lead = 76, so the name gets 24 columns: 11 characters (22)
    # and … (1), one column to spare
    assert "高价值专利培育（育成中…" in row1 and width(row1) == 99
    assert " +2.8 " in row1  # the change in percentage points (+2.8%, read as a share, before)
    assert "产业与企业专利导航" in text and "判断" in row1 and "实测" in text
    assert "with judged ranges 2x as wide the top 3 hold." in text
    # the Chinese line first says the same
    said = "排序依据判断（非实测）的效果范围，仅供参考；判断范围放宽到2倍时，前3名顺序不变"
    assert said in lines and lines.index(said) < lines.index(
        "ranking rests on judged, not measured, effect ranges; with judged ranges 2x as wide the "
        "top 3 hold."
    )
    assert text.index("进前3：对措施效果抽取2000次") < text.index("进前3 (top 3): share of 2000")
    # the headers a planner reads are Chinese, the code beside the name for --local files
    head = next(line for line in lines if "代码" in line and "名次" in line)
    assert head.split() == [
        "名次",
        "措施",
        "代码",
        "不用时",
        "全力度",
        "变化",
        "进前3",
        "名次不变",
        "依据",
    ]
    sobol = next(line for line in lines if "基线预测本身" in line)
    assert sobol.split() == [
        "基线预测本身",
        "1.00",
        "±",
        "0.10",
        "1.00",
        "±",
        "0.05",
        "baseline_forecast",
    ]


def test_levers_read_a_probability_as_the_run_table_does():
    """Tianchang's pledge target (测试数据) had p_hit 0.00525: run said <1 %, levers 1 %."""
    from ipcast.report.views import levers_text

    row = {"rank": 1, "lever": "pledge_risk_pool", "zh": "风险补偿资金池", "p_off": 0.00525}
    row.update(p_full=0.995, delta=0.99, top_share=1.0, rank_share=0.88, basis="judgement")
    rec = {
        "target_id": "tc05",
        "label_zh": "年融资金额",
        "p_hit": 0.00525,
        "ranking": [row],
        "top": 3,
        "ranking_label_zh": "",
        "ranking_label_en": "",
        "order_changes_when_widened": False,
        "widen_factor": 2,
        "by_cost": [],
        "n_draws": 2000,
        "sobol": [],
        "assumption": "",
    }
    text = levers_text([rec])
    assert "tc05 年融资金额: p_hit <1%" in text
    line = next(x for x in text.splitlines() if "pledge_risk_pool" in x)
    assert "<1%" in line and ">99%" in line


def test_levers_as_csv_are_flat_columns_one_row_per_target_and_lever(home):
    """-f csv wrote each target's ranking and Sobol indices as Python dict reprs in one cell; it
    writes what --out x.csv writes: one row per target and lever, a lever's range as low / mode /
    high, and the same numbers as the JSON."""
    import csv
    import io

    args = ["levers", "-r", "guanghan", "--paths", "300", "--sobol-n", "16"]
    js = _run(args + ["--format", "json"])
    res = _run(args + ["--format", "csv"])
    assert res.exit_code == 0 and js.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    recs = json.loads(js.stdout)
    assert len(rows) == sum(len(r["ranking"]) for r in recs) > 0
    assert not any("{" in v or "[" in v for row in rows for v in row.values())
    first = next(r for r in recs if r["ranking"])
    lever = first["ranking"][0]
    row = rows[[x["target_id"] for x in rows].index(first["target_id"])]
    assert (row["lever"], float(row["delta"]), int(row["rank"])) == (
        lever["lever"],
        lever["delta"],
        1,
    )
    assert row["range"] == " / ".join(f"{v:g}" for v in lever["range"])


def test_the_briefings_lever_table_gives_the_change_in_percentage_points():
    """88 % -> 93 % is +5.0 points; the briefing's table wrote +5.0% under 满力度时达标概率变化,
    which a leader reads as five per cent of 88 %."""
    from ipcast.report.document import _stability

    lever = {"rank": 1, "zh": "高价值专利培育", "lever": "high_value_patent_cultivation"}
    lever.update(delta=0.05, top_share=1.0, rank_share=1.0, basis="judgement")
    st = {"ranking_label_zh": "", "ranking_label_en": "", "order_changes_when_widened": False}
    rec = {"target_id": "t1", "tornado": [lever], "lever_stability": st}
    grid, _ = _stability({"records": [rec]}, "tornado_t1", "zh")
    assert grid["head"][2] == "满力度时达标概率变化（百分点）"
    assert grid["rows"][0][2] == "+5.0"
