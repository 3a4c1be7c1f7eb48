"""The Python API returns what the CLI prints: same records, same seeds, same errors."""

import json

import pytest
from typer.testing import CliRunner

from ipcast import api
from ipcast.cli.app import app
from ipcast.data.errors import InputError
from ipcast.report.tables import plain

runner = CliRunner()


def _cli(args):
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_run_and_forecast_records_equal_the_cli_json(home):
    recs = api.run("guanghan", paths=500, seed=2)
    assert [plain(r) for r in recs] == _cli(
        ["run", "-r", "guanghan", "--paths", "500", "--seed", "2", "--format", "json"]
    )
    fans = api.forecast("guanghan", indicator="invention_grants", horizon=3, paths=500)
    assert [plain(r) for r in fans] == _cli(
        ["forecast", "-r", "guanghan", "-i", "invention_grants", "--horizon", "3"]
        + ["--paths", "500", "--format", "json"]
    )


def test_questions_return_records(home):
    rev = api.revise("guanghan", confidence=0.8, paths=500)
    assert rev and all("revised_threshold" in r for r in rev)
    diff = api.compare("guanghan", ["baseline", "all_measures"], paths=500)
    assert all("difference" in r for r in diff)
    doc = api.draft("guanghan", until=2030, first=2027, paths=500)
    assert doc["region"] == "guanghan" and len(doc["targets"]) == 16


def test_bad_input_raises_input_error_naming_the_option(home):
    with pytest.raises(InputError, match="--region"):
        api.run("atlantis")
    with pytest.raises(InputError, match="--lever"):
        api.goal("guanghan", "gh03_copyright_registrations_total", "magic")
    with pytest.raises(InputError, match="--scenario"):
        api.compare("guanghan", ["baseline"])


def test_data_commands_print_what_the_api_returns(home):
    figs = api.figures.history("广汉市", "effective_trademarks")
    assert figs and {r["region"] for r in figs} == {"guanghan"}
    assert [plain(r) for r in figs] == _cli(
        ["history", "-r", "广汉", "-i", "effective_trademarks", "--format", "json"]
    )
    assert [plain(r) for r in api.figures.targets("guanghan")] == _cli(
        ["targets", "-r", "guanghan", "--format", "json"]
    )
    assert len(api.figures.regions()) == len(_cli(["regions", "--format", "json"]))


def test_import_figures_dry_run_writes_nothing_and_the_real_one_is_read_back(home, tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("region,indicator,period,value,unit\nguanghan,patent_grants,2024,1234,件\n")
    dry = api.figures.import_figures(f, dry_run=True)
    assert dry["rows"] == 1 and dry["backup"] is None and not dry["store"].exists()
    api.figures.import_figures(f)
    got = [r for r in api.figures.history("guanghan", "patent_grants") if r["period"] == "2024"]
    assert [r["value"] for r in got] == [1234.0]
    with pytest.raises(InputError, match="no file given"):
        api.figures.import_figures(None)


def test_as_of_runs_from_2000_to_the_current_year():
    from datetime import date

    from ipcast.api.inputs import check_as_of
    from ipcast.data.errors import InputError

    today = date(2026, 12, 1)
    assert check_as_of(2026, today) == 2026 and check_as_of(2000, today) == 2000
    assert check_as_of(None, today) is None
    with pytest.raises(InputError, match="2027 is after the current year 2026"):
        check_as_of(2027, today)
    with pytest.raises(InputError, match="1999 is before 2000"):
        check_as_of(1999, today)
