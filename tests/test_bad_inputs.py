"""The bad-input corpus (tests/bad_inputs/manifest.csv): every file or option set a planner could
produce gets its exit code and one line naming what is wrong, never a traceback, and leaves the
store exactly as it was."""

import csv
import hashlib
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcast.cli.app import app

HERE = Path(__file__).parent / "bad_inputs"
CASES = list(csv.DictReader((HERE / "manifest.csv").open(encoding="utf-8")))
runner = CliRunner()


def test_the_corpus_is_large_and_every_file_is_there():
    assert len(CASES) >= 60
    for c in CASES:
        for arg in shlex.split(c["args"]):
            if arg.startswith("{d}/") and "nosuch" not in arg and "/x.yaml" not in arg:
                assert (HERE / arg[4:]).exists() or arg.endswith(".txt"), arg


def _args(c, tmp) -> list[str]:
    return [a.replace("{d}", str(HERE)).replace("{tmp}", str(tmp)) for a in shlex.split(c["args"])]


@pytest.fixture
def store(home, tmp_path):
    """A store with one figure, whose bytes a refused command must not change."""
    f = tmp_path / "one.csv"
    f.write_text("地区,指标,年份,数值\nguanghan,授权专利,2019,1200\n", encoding="utf-8")
    assert runner.invoke(app, ["import", str(f)]).exit_code == 0
    return home / "history.csv"


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input(case, home, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    res = runner.invoke(app, _args(case, out))
    assert "Traceback" not in res.output
    assert res.exit_code == int(case["exit"]), res.output
    assert case["message"] in res.output, res.output
    lines = [x for x in res.output.splitlines() if x.strip()]
    if res.exit_code == 2 and lines[-1].startswith("Error: "):
        # a command line click cannot parse: the Chinese line, then click's usage and error
        assert lines[0].startswith("错误：") and "；用法见 " in lines[0], lines
    elif res.exit_code == 2 and res.output.startswith(("错误：", "error: ")):
        # the Chinese line, then the English line
        zh = lines[:-1]
        assert lines[-1].startswith("error: ") and "Fix:" in lines[-1]
        assert len(zh) == 1 and zh[0].startswith("错误：") and "修改：" in zh[0]
    assert list(out.iterdir()) == []  # nothing half-written


def test_refused_imports_leave_the_store_byte_for_byte(store, tmp_path):
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    versions = sorted(p.name for p in (store.parent / "versions").iterdir())
    for c in (c for c in CASES if c["args"].startswith("import {d}")):
        assert runner.invoke(app, [*_args(c, tmp_path), "--replace"]).exit_code == 2
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in (store.parent / "versions").iterdir()) == versions
