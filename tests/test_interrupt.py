"""Ctrl-C (SIGINT to the whole process group, as a terminal sends it) ends a command with exit
code 130 and one line: no traceback from this process or from its worker processes."""

import os
import signal
import subprocess
import sys
import time

import pytest


def test_ctrl_c_during_a_parallel_run_exits_130_without_a_traceback(tmp_path):
    env = dict(os.environ, IPCAST_HOME=str(tmp_path / "home"), IPCAST_NO_CACHE="1")
    cmd = [sys.executable, "-m", "ipcast.cli", "run", "--paths", "50000"]
    p = subprocess.Popen(
        [*cmd, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
        text=True,
    )
    first = p.stderr.readline()  # the first region's progress line: the work has started
    time.sleep(1.0)
    os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert "regions" in first
    assert p.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "interrupted" in err
    assert out == ""


def test_ctrl_c_removes_the_output_file_it_had_started(tmp_path, monkeypatch):
    """An interrupted command leaves none of the files it set out to create; a file that was
    there before is never touched (the option check refuses existing files in the first place)."""
    from ipcast.cli import app as app_mod
    from ipcast.cli import checks

    out = tmp_path / "结果.xlsx"
    other = tmp_path / "mine.xlsx"
    other.write_bytes(b"the planner's own file")

    def interrupted(**_):
        checks.out_file(out, (".xlsx",))
        out.write_bytes(b"half a workbook")
        raise KeyboardInterrupt

    def leave(code):
        raise SystemExit(code)

    monkeypatch.setattr(checks, "PLANNED", [])
    monkeypatch.setattr(app_mod, "app", interrupted)
    monkeypatch.setattr(app_mod, "hard_exit", leave)
    with pytest.raises(SystemExit) as e:
        app_mod.main()
    assert e.value.code == 130
    assert not out.exists()
    assert other.read_bytes() == b"the planner's own file"
