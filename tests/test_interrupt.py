"""Ctrl-C (SIGINT to the whole process group, as a terminal sends it) ends a command with exit
code 130 and one line: no traceback from this process or from its worker processes."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from ipcast.cli import app as app_mod
from ipcast.cli import interrupt
from ipcast.data.errors import InputError


def _pool_workers(group: int) -> int:
    """Processes of a process group that are joblib's (loky's) pool workers."""
    n = 0
    for d in Path("/proc").iterdir():
        try:
            n += (
                d.name.isdigit()
                and os.getpgid(int(d.name)) == group
                and b"popen_loky" in (d / "cmdline").read_bytes()
            )
        except OSError:  # gone meanwhile
            continue
    return n


def test_ctrl_c_during_a_parallel_run_exits_130_without_a_traceback(tmp_path):
    """The Ctrl-C is sent once the pool's two workers exist (1 s after the first progress line,
    as before, this process was still learning its inputs, before any worker existed), and the
    run must not have reached its last region."""
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
    give_up = time.monotonic() + 120  # a guard against waiting forever, not a timing check
    while (workers := _pool_workers(p.pid)) < 2 and p.poll() is None:
        if time.monotonic() > give_up:
            break
        time.sleep(0.05)
    time.sleep(0.5)  # the workers start on the first region's tasks
    with contextlib.suppress(ProcessLookupError):  # the group gone: the asserts below say why
        os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert "regions" in first
    assert workers == 2, err  # the Ctrl-C came during the parallel part
    assert p.returncode == 130, err
    assert "5/5" not in err  # stopped mid-work: the last region was never reached
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "interrupted" in err
    assert out == ""


@pytest.fixture
def main_in_process(monkeypatch):
    """``main()`` run here: its exit code comes back as SystemExit rather than ending pytest,
    and pytest's own Ctrl-C handler and a Ctrl-C not yet pressed come back afterwards."""
    old = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(interrupt, "_pressed", False)
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)

    def leave(code):
        raise SystemExit(code)

    def run(*argv: str) -> int:
        monkeypatch.setattr(sys, "argv", ["ipcast", *argv])
        monkeypatch.setattr(app_mod, "hard_exit", leave)
        with pytest.raises(SystemExit) as e:
            app_mod.main()
        return e.value.code

    yield run
    signal.signal(signal.SIGINT, old)


def _ctrl_c() -> None:
    # main()'s handler, called as the signal would call it but at once: a raised signal is
    # handled at some later bytecode, which may be inside a gc callback that drops the
    # KeyboardInterrupt ("Exception ignored in ... gc_callback").
    signal.getsignal(signal.SIGINT)(signal.SIGINT, None)


def test_a_ctrl_c_that_a_library_lost_ends_the_run_at_its_next_region(
    main_in_process, monkeypatch, capsys
):
    """A library swallowed the KeyboardInterrupt (pandas' reader, a file's finaliser): the run
    still stops at its next region, prints no result and exits 130."""
    from ipcast import api

    judged = []

    def run(region, *, regions_done, **_):
        for i in range(5):
            regions_done(i, 5)
            if i == 0:
                with contextlib.suppress(KeyboardInterrupt):  # lost on its way out
                    _ctrl_c()
            judged.append(i)
        regions_done(5, 5)
        return []

    monkeypatch.setattr(api, "run", run)
    assert main_in_process("run") == 130
    out, err = capsys.readouterr()
    assert judged == [0]
    assert out == ""
    assert "interrupted (Ctrl-C)" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "turned_into",
    [
        # what pandas' C reader raised when Ctrl-C came inside a gzip file's read
        pd.errors.ParserError(
            "Error tokenizing data. C error: Calling read(nbytes) on source failed."
        ),
        InputError("store.csv", ("不是可读的存储表", "not a readable store table"), ("x", "x")),
    ],
)
def test_a_ctrl_c_that_came_back_as_another_error_exits_130(
    main_in_process, monkeypatch, capsys, turned_into
):
    """Not exit 1 with a traceback, nor an error blaming the input: exit 130 and one line."""
    from ipcast import api

    def run(*_, **__):
        try:
            _ctrl_c()
        except KeyboardInterrupt:
            raise turned_into from None

    monkeypatch.setattr(api, "run", run)
    assert main_in_process("run") == 130
    out, err = capsys.readouterr()
    assert out == ""
    assert "interrupted (Ctrl-C)" in err
    assert "Traceback" not in err and "not a readable" not in err and "tokenizing" not in err


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
