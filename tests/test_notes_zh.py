"""The lines a command says beside its results (notes, progress, files written) read Chinese
first, then English: a planner reads them without the English half, a script still finds it."""

from conftest import make_target
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.target_files import bundled_targets
from ipcast.report.views import idle_note, levers_text
from ipcast.scenarios.apply import idle_reason
from ipcast.scenarios.levers import load_scenario

runner = CliRunner()


def test_revise_of_dazhou_says_there_is_nothing_to_revise_in_chinese_first(home):
    """Dazhou's pilot ended in June 2025: one target awaits its outcome, the other 55 have no
    figures in the bundled history, so revise has no threshold to promise and says why."""
    res = runner.invoke(app, ["revise", "-r", "dazhou", "--paths", "100"])
    assert res.exit_code == 0, res.output
    note = res.stderr.strip().splitlines()[-1]
    assert note.startswith(
        "提示：没有可修订的目标：56项目标中有1项的期间已结束（已有结果或待公布），其余无法测算"
        "（见状态列）；编制下一期规划请用 `ipcast draft -r dazhou --out FILE.xlsx` / "
    )
    assert note.endswith(
        " / nothing to revise: 1 of the 56 targets are for periods already over (resolved or "
        "awaiting their outcome) and the rest could not be simulated (see the status column); "
        "for the next plan: `ipcast draft -r dazhou --out FILE.xlsx`"
    )
    # the progress line names the region as the planner does, then its code
    assert "… 达州市：56项目标，100条路径 / dazhou: 56 targets, 100 paths" in res.stderr


def test_levers_with_nothing_to_rank_says_so_in_chinese_first():
    said = levers_text([], "dazhou")
    assert said.startswith("提示：没有可排序的措施：所选目标中没有尚未到期且能测算的")
    assert " / no lever to rank: none of the targets asked for is still to come" in said


def test_a_scenario_that_changes_nothing_says_so_in_chinese_first():
    sc = load_scenario("dazhou_plan_measures")
    grants = next(t for t in bundled_targets() if t.id == "dz01_patent_grants_avg")
    zh, en = idle_reason(sc, grants, 2026).split(" / ")
    assert zh.startswith("情景dazhou_plan_measures对dz01_patent_grants_avg（")
    assert "其作用于授权专利（patent_grants）的措施2027年才开始起作用，已在期末之后" in zh
    assert en.startswith("scenario dazhou_plan_measures changes nothing for dz01_patent_grants_avg")
    marks = make_target("trademark_registrations", "level", "2027", 5000)
    assert idle_reason(load_scenario("patent_campaign"), marks, 2026) == (
        "情景patent_campaign中没有作用于注册商标（trademark_registrations）的措施 / "
        "scenario patent_campaign has no lever that moves trademark_registrations"
    )


def test_an_idle_lever_is_named_in_chinese_then_english():
    idle = {"lever": "gi_cultivation", "zh": "地理标志梯队培育、保护示范区", "last_year": None}
    recs = [
        {"target_id": "t1", "idle_levers": [{**idle, "first_year": 2027, "why": "late"}]},
        {
            "target_id": "t2",
            "idle_levers": [{**idle, "first_year": 2018, "last_year": 2020, "why": "over"}],
        },
    ]
    assert idle_note(recs).splitlines() == [
        "t1：措施“地理标志梯队培育、保护示范区”在期内不起作用（2027年起才起作用） / "
        "gi_cultivation has no effect inside the period (acts only from 2027)",
        "t2：措施“地理标志梯队培育、保护示范区”在期内不起作用（仅在2018-2020年起作用） / "
        "gi_cultivation has no effect inside the period (acted 2018-2020 only)",
    ]


def test_a_file_written_is_said_in_chinese_first(home, tmp_path):
    out = tmp_path / "t.xlsx"
    res = runner.invoke(app, ["template", "-r", "guanghan", "--out", str(out)])
    assert res.exit_code == 0, res.output
    (line,) = res.stdout.splitlines()
    assert line.startswith(f"已写入{out}：广汉市（guanghan）的") and "个指标 / wrote " in line


def test_a_template_names_the_region_the_planner_asked_for(home, tmp_path):
    """-r 昆山市 said 已写入…：320583的11个指标 (the code alone); the name comes first."""
    out = tmp_path / "t.xlsx"
    res = runner.invoke(app, ["template", "-r", "昆山市", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"已写入{out}：昆山市（320583）的11个指标 / wrote {out}: ")
    res = runner.invoke(
        app, ["template", "-r", "kunshan", "--targets", "--out", str(out.with_stem("p"))]
    )
    assert "：昆山市（320583）的说明、指标表、逐条目标三张表" in res.stdout


def test_goal_answers_in_chinese_then_english():
    from ipcast.report.views import goal_text

    out = {
        "target_id": "gh03",
        "lever": "copyright_registration_support",
        "lever_zh": "作品登记资助、版权示范基地",
        "p_wanted": 0.8,
        "p_off": 0.42,
        "p_full": 0.9,
        "p_max": 0.97,
        "max_intensity": 2.0,
        "intensity": 0.55,
        "reachable": True,
    }
    assert goal_text(out).splitlines() == [
        "gh03：措施“作品登记资助、版权示范基地”力度达到0.55时，达标概率升至80%"
        "（不用该措施42%，满力度90%）",
        "gh03: copyright_registration_support at intensity 0.55 lifts p_hit to 80% "
        "(off 42%, full 90%)",
    ]
    no = {**out, "p_wanted": 0.99, "intensity": None, "reachable": False}
    assert goal_text(no).splitlines() == [
        "gh03：仅靠措施“作品登记资助、版权示范基地”达不到99%：不用该措施时达标概率为42%，"
        "满力度时90%，2倍力度时97%",
        "gh03: cannot reach 99% with copyright_registration_support alone: p_hit is 42% off, "
        "90% at full intensity and 97% at 2x",
    ]


def test_the_backtest_legend_says_chance_in_chinese_first():
    from ipcast.report.views import backtest_legend

    text = backtest_legend([{"n_forecasts": 4}])
    # sqrt(0.8 x 0.2 / 4) = 0.20
    assert text.startswith("selected：`ipcast run` 实际使用的预测。")
    assert "（按4个预测，单凭偶然也可偏离至少±0.20）" in text.replace("\n", "")
    assert text.index("实际使用的预测") < text.index("the forecast `ipcast run` uses")
