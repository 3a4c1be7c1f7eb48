"""The command line as a planner uses it."""

import hashlib
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.data.target_files import bundled_targets

runner = CliRunner()


def _ok(args):
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return res


def _json(args):
    return json.loads(_ok(args).stdout)


def test_targets_json_holds_every_target_with_its_quote():
    recs = _json(["targets", "--format", "json"])
    assert len(recs) == len(bundled_targets())
    for r in recs:
        for key in (
            "region",
            "target_id",
            "label_zh",
            "kind",
            "period",
            "threshold",
            "unit",
            "quote",
        ):
            assert key in r
        assert r["quote"]


def test_run_json_is_reproducible_and_well_formed(home):
    a = _ok(["run", "--format", "json", "--seed", "7", "--paths", "1000"]).stdout
    b = _ok(["run", "--format", "json", "--seed", "7", "--paths", "1000"]).stdout
    assert a == b
    recs = json.loads(a)
    assert len(recs) == len(bundled_targets())
    statuses = {r["status"] for r in recs}
    assert {"simulated", "no_history", "resolved"} <= statuses
    for r in recs:
        for key in (
            "region",
            "target_id",
            "label_zh",
            "label_en",
            "kind",
            "period",
            "threshold",
            "unit",
            "status",
            "p_hit",
            "p_hit_se",
            "n_points",
            "median",
            "q10",
            "q90",
        ):
            assert key in r
        if r["status"] in ("simulated", "awaiting_outcome"):
            assert 0 <= r["p_hit"] <= 1 and r["p_hit_se"] is not None
        else:
            assert r["p_hit"] is None


def test_run_one_region_as_of(home):
    recs = _json(["run", "-r", "chengdu", "--as-of", "2020", "--format", "json", "--paths", "500"])
    assert {r["region"] for r in recs} == {"chengdu"}
    assert all(r["as_of"] == 2020 for r in recs)
    pledge = next(r for r in recs if r["target_id"] == "cd07_pledge_financing")
    # In 2020 the 2025 pledge target was a forecast; today the 2025 figure settles it.
    assert pledge["status"] == "simulated" and pledge["n_points"] == 1
    assert (pledge["now_status"], pledge["now_hit"]) == ("resolved", True)


def test_tables_and_csv_render(home):
    out = _ok(["run", "-r", "guanghan", "--paths", "500"]).stdout
    assert "有效注册商标量累计" in out and "%" in out
    csv = _ok(["history", "-r", "chengdu", "--format", "csv"]).stdout
    assert csv.splitlines()[0].startswith("region,indicator,period")
    assert "达州市" in _ok(["regions"]).stdout


@pytest.mark.parametrize(
    "args,expect",
    [
        (["run", "--region", "chengduu"], "unknown region 'chengduu'"),
        (["history", "-i", "patents"], "unknown indicator 'patents'"),
        (["run", "--targets", "nope.yaml"], "file not found"),
    ],
)
def test_bad_options_exit_2_with_one_line(home, args, expect):
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert expect in res.output
    assert "Traceback" not in res.output


def _sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_import_store_replace_and_undo(home, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text(
        "地区,指标,年份,数值,单位\ndazhou,授权专利,2022,3900,件\ndazhou,授权专利,2023,4100,件\n",
        encoding="utf-8",
    )
    digest = _sha(f)
    dry = _ok(["import", str(f), "--dry-run"])
    assert "nothing written" in dry.stdout and not (home / "history.csv").exists()
    _ok(["import", str(f)])
    assert _sha(f) == digest  # the planner's file is never touched
    stored = (home / "history.csv").read_text(encoding="utf-8")
    assert "4100" in stored

    g = tmp_path / "fix.csv"
    g.write_text("地区,指标,年份,数值,单位\ndazhou,授权专利,2023,4150,件\n", encoding="utf-8")
    refused = runner.invoke(app, ["import", str(g)])
    assert refused.exit_code == 2 and "--replace" in refused.output
    assert (home / "history.csv").read_text(encoding="utf-8") == stored

    _ok(["import", str(g), "--replace"])
    assert "4150" in (home / "history.csv").read_text(encoding="utf-8")
    _ok(["import", "--undo"])
    assert (home / "history.csv").read_text(encoding="utf-8") == stored


def test_user_figures_take_precedence_and_the_run_says_so(home, tmp_path):
    f = tmp_path / "gh.csv"
    f.write_text(
        "地区,指标,年份,数值,单位\nguanghan,有效注册商标,2023,20000,件\n", encoding="utf-8"
    )
    _ok(["import", str(f)])
    recs = _json(["run", "-r", "guanghan", "--format", "json", "--paths", "500"])
    tm = next(r for r in recs if r["target_id"] == "gh02_effective_trademarks")
    assert tm["uses_user_data"] is True
    assert tm["p_hit"] > 0.9  # 20000 already exceeds the 13500 target
    hist = _json(["history", "-r", "guanghan", "-i", "effective_trademarks", "--format", "json"])
    assert [h["exclude"] for h in hist if h["origin"] == "bundled"] == [
        "已由你导入的同期数字取代 / replaced by the user's figure for the same period"
    ]


def test_history_option_uses_a_file_directly_without_storing(home, tmp_path):
    f = tmp_path / "dz.csv"
    f.write_text(
        "地区,指标,年份,数值,单位\n"
        + "".join(
            f"dazhou,授权专利,{y},{v},件\n" for y, v in [(2019, 2500), (2020, 2900), (2021, 3300)]
        ),
        encoding="utf-8",
    )
    recs = _json(["run", "-r", "dazhou", "--history", str(f), "--format", "json", "--paths", "500"])
    grants = next(r for r in recs if r["target_id"] == "dz01_patent_grants_avg")
    # The 2022-2025 plan is over and the file holds no outcome: the forecast awaits it.
    assert grants["status"] == "awaiting_outcome" and grants["n_points"] == 3
    assert not (home / "history.csv").exists()


def test_template_writes_xlsx_and_refuses_to_overwrite(home, tmp_path):
    out = tmp_path / "t.xlsx"
    _ok(["template", "-r", "tianchang", "--out", str(out)])
    digest = _sha(out)
    res = runner.invoke(app, ["template", "-r", "tianchang", "--out", str(out)])
    assert res.exit_code == 2 and _sha(out) == digest


def test_forecast_fan_table(home):
    (rec,) = _json(
        [
            "forecast",
            "-r",
            "chengdu",
            "-i",
            "effective_trademarks",
            "--horizon",
            "3",
            "--format",
            "json",
            "--paths",
            "1000",
        ]
    )
    assert rec["n_points"] == 4 and rec["method"] and rec["borrowed"]
    assert len(rec["fan"]) == 3
    for row in rec["fan"]:
        assert row["q025"] <= row["q10"] <= row["median"] <= row["q90"] <= row["q975"]
    assert [h["period"] for h in rec["history"]] == ["2011", "2015", "2020", "2025-11-30"]


def test_backtest_on_a_file_with_regions_ipcast_does_not_know(home, tmp_path):
    rng = np.random.default_rng(0)
    lines = ["region,indicator,period,value,unit"]
    for r in ("county_a", "county_b", "county_c"):
        v = 1000.0
        for y in range(2016, 2024):  # eight years: three origins fitted, the last two scored
            v *= float(np.exp(0.08 + 0.1 * rng.standard_normal()))
            lines.append(f"{r},patent_grants,{y},{v:.0f},件")
    f = tmp_path / "mine.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _json(["backtest", "--history", str(f), "--format", "json", "--paths", "200"])
    assert out["n_series"] == 3
    for block in [out["ensemble"], *out["models"].values()]:
        for key in (
            "coverage_80",
            "coverage_95",
            "crps",
            "crps_skill_vs_naive",
            "pit_counts",
            "n_forecasts",
        ):
            assert key in block
    assert out["models"]["naive"]["crps_skill_vs_naive"] == 0
    # The forecast a run would make, scored: six yearly points (to 2021) reach the ensemble.
    assert out["selected"]["n_forecasts"] > 0
    assert "calibrated ensemble" in out["selected"]["steps"]


def test_backtest_refuses_series_too_short(home):
    res = runner.invoke(app, ["backtest", "--region", "chengdu"])
    assert res.exit_code == 2 and "consecutive yearly values" in res.output


def test_a_long_series_gets_the_calibrated_ensemble(home, tmp_path):
    f = tmp_path / "dz.csv"
    rows = [(2014 + i, 2000 * 1.1**i) for i in range(8)]
    f.write_text(
        "地区,指标,年份,数值,单位\n"
        + "".join(f"dazhou,授权专利,{y},{v:.0f},件\n" for y, v in rows),
        encoding="utf-8",
    )
    recs = _json(
        ["run", "-r", "dazhou", "--history", str(f), "--format", "json", "--paths", "1000"]
    )
    rec = next(r for r in recs if r["target_id"] == "dz01_patent_grants_avg")
    # The 2022-2025 plan is over and the file holds no outcome: the forecast awaits it.
    assert rec["status"] == "awaiting_outcome" and rec["n_points"] == 8
    assert rec["method"].startswith("calibrated ensemble")
    assert "china_provinces" in rec["borrowed"]


@pytest.mark.parametrize("region", ["chengdu", "dazhou", "guanghan", "rongchang", "tianchang"])
def test_levers_and_revise_json_for_every_plan_region(home, region):
    run = _json(["run", "-r", region, "--format", "json", "--paths", "500"])
    simulated = {r["target_id"] for r in run if r["status"] == "simulated"}
    levers = _json(
        ["levers", "-r", region, "--format", "json", "--paths", "500", "--sobol-n", "64"]
    )
    assert {r["target_id"] for r in levers} == simulated
    for r in levers:
        assert isinstance(r["ranking"], list) and r["sobol"][0]["factor"] == "baseline_forecast"
        assert "independent" in r["assumption"]
    revised = _json(["revise", "-r", region, "--format", "json", "--paths", "500"])
    for r in revised:
        assert (r["revised_threshold"] is not None) == (r["target_id"] in simulated)


def test_draft_round_trips_through_targets(home, tmp_path):
    out = tmp_path / "guanghan_2030.yaml"
    _ok(
        [
            "draft",
            "-r",
            "guanghan",
            "--until",
            "2030",
            "--from",
            "2027",
            "--out",
            str(out),
            "--paths",
            "500",
        ]
    )
    assert "广汉市 2027-2030" in out.read_text(encoding="utf-8")
    recs = _json(["targets", "--targets", str(out), "--format", "json"])
    assert len(recs) == 16 and all(r["period"] == "2030" for r in recs)
    run = _json(["run", "--targets", str(out), "--format", "json", "--paths", "500"])
    tm = next(r for r in run if r["indicator"] == "effective_trademarks")
    # Proposed at 80 % confidence, so the run finds it met about 80 % of the time.
    assert tm["p_hit"] == pytest.approx(0.8, abs=0.03)
    again = runner.invoke(app, ["draft", "-r", "guanghan", "--out", str(out)])
    assert again.exit_code == 2 and "file exists" in again.output


def test_compare_and_goal(home):
    recs = _json(
        [
            "compare",
            "-r",
            "guanghan",
            "-s",
            "baseline",
            "-s",
            "all_measures",
            "--format",
            "json",
            "--paths",
            "1000",
        ]
    )
    cr = next(r for r in recs if r["target_id"] == "gh03_copyright_registrations_total")
    assert cr["difference"] >= 0 and cr["difference_se"] >= 0
    (goal,) = _json(
        [
            "goal",
            "-r",
            "guanghan",
            "-t",
            "gh03_copyright_registrations_total",
            "--p",
            "0.99",
            "-l",
            "copyright_registration_support",
            "--format",
            "json",
            "--paths",
            "1000",
        ]
    )
    assert goal["reachable"] is False and goal["intensity"] is None
    res = runner.invoke(
        app, ["goal", "-r", "guanghan", "-t", "gh03_copyright_registrations_total", "-l", "magic"]
    )
    assert res.exit_code == 2 and "unknown lever" in res.output


def test_draft_as_of_uses_only_the_history_known_then(home, tmp_path):
    now, then = tmp_path / "now.yaml", tmp_path / "then.yaml"
    _ok(["draft", "-r", "chengdu", "--until", "2030", "--out", str(now), "--paths", "500"])
    _ok(
        [
            "draft",
            "-r",
            "chengdu",
            "--until",
            "2030",
            "--as-of",
            "2020",
            "--out",
            str(then),
            "--paths",
            "500",
        ]
    )
    tm = [
        r
        for r in _json(["targets", "--targets", str(then), "--format", "json"])
        if r["indicator"] == "effective_trademarks"
    ][0]
    assert "3 own point" in tm["quote"]
    tm_now = [
        r
        for r in _json(["targets", "--targets", str(now), "--format", "json"])
        if r["indicator"] == "effective_trademarks"
    ][0]
    assert "4 own point" in tm_now["quote"]
