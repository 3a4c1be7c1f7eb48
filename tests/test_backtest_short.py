"""`ipcast backtest` on a planner's short series: origins from the data, the selected forecast
scored, never silently nothing, every format."""

import json

import pytest
from typer.testing import CliRunner

from ipcast.cli.app import app

runner = CliRunner()
SIX = [1200, 1350, 1500, 1710, 1650, 1800]


@pytest.fixture
def six_years(tmp_path, home):
    f = tmp_path / "six.csv"
    lines = ["region,indicator,period,value,unit"]
    lines += [f"county_x,patent_grants,{2018 + i},{v},件" for i, v in enumerate(SIX)]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def _run(f, *extra):
    return runner.invoke(app, ["backtest", "--history", str(f), "--paths", "200", *extra])


def test_a_six_year_file_scores_the_selected_forecast(six_years):
    res = _run(six_years, "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    # Origins 2019-2022 (two points or more before, one after), horizons 1-3 where known:
    # 3 + 3 + 2 + 1 forecasts.
    assert out["selected"]["n_forecasts"] == 9
    assert out["start"] == 2019
    # The candidates need five points: only origin 2022 (one forecast each).
    assert out["models"]["naive"]["n_forecasts"] == 1


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_every_format_works_on_a_short_file(six_years, fmt):
    res = _run(six_years, "--format", fmt)
    assert res.exit_code == 0, res.output
    assert "selected" in res.stdout


def test_nothing_to_score_exits_2_saying_what_is_missing(six_years):
    res = _run(six_years, "--start", "2023")
    assert res.exit_code == 2
    assert "nothing to score" in res.output and "--start" in res.output


def test_the_backtest_table_says_what_its_columns_mean_and_how_far_chance_moves_coverage():
    from ipcast.report.views import backtest_legend

    text = backtest_legend([{"n_forecasts": 21}, {"n_forecasts": 4}]).replace("\n", " ")
    # sqrt(0.8 x 0.2 / 21) = 0.087: the largest count sets it
    assert "right at 0.80 / 0.95 (on 21 forecasts at least ±0.09 by chance)" in text
    assert "(on" not in backtest_legend([{"n_forecasts": None}])


def test_chance_in_the_legend_is_one_standard_error_of_an_80_percent_coverage():
    """sqrt(0.8 x 0.2 / 4) = 0.20 exactly; no forecasts at all (no rows) claim no spread."""
    from ipcast.report.views import backtest_legend

    text = backtest_legend([{"n_forecasts": 4}]).replace("\n", " ")
    assert "(on 4 forecasts at least ±0.20 by chance)" in text
    assert "(on" not in backtest_legend([])


def test_the_legend_fits_a_100_column_terminal():
    from ipcast.report.views import backtest_legend

    for rows in ([{"n_forecasts": None}], [{"n_forecasts": 1000}]):
        assert max(len(line) for line in backtest_legend(rows).splitlines()) <= 100


def test_progress_counts_each_stage_of_what_the_summary_counts(tmp_path, home):
    """The progress ended at 5/5 series beside a summary of 6: the candidate models score only
    the series long enough for them, and the forecast `run` uses, scored on every series after
    them, went unsaid."""
    f = tmp_path / "two.csv"
    lines = ["region,indicator,period,value,unit"]
    lines += [f"county_x,patent_grants,{2018 + i},{v},件" for i, v in enumerate(SIX)]
    lines += [f"county_x,trademark_registrations,{2021 + i},{v},件" for i, v in enumerate(SIX[:3])]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = _run(f, "--format", "json")
    assert res.exit_code == 0, res.output
    said = [line for line in res.stderr.splitlines() if line.startswith("…")]
    assert said == [
        "… 候选模型：已完成 1/1 个序列 / candidate models: 1/1 series",
        "… run 所用预测：已完成 1/2 个序列 / forecast run uses: 1/2 series",
        "… run 所用预测：已完成 2/2 个序列 / forecast run uses: 2/2 series",
    ]
    assert json.loads(res.stdout)["n_series"] == 2


def test_the_library_backtest_without_progress_scores_the_same(six_years):
    """api.backtest called from a notebook, with no progress to report to: the same scores as
    the command's (9 forecasts of the selected model), and nothing said."""
    from ipcast import api

    quiet = api.backtest(history_file=six_years, paths=200)
    said = []
    loud = api.backtest(history_file=six_years, paths=200, progress=said.append)
    assert quiet["selected"]["n_forecasts"] == 9
    assert quiet == loud
    assert said
