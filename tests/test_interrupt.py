"""Ctrl-C (SIGINT to the whole process group, as a terminal sends it) ends a command with exit
code 130 and one line: no traceback from this process or from its worker processes."""

import os
import signal
import subprocess
import sys
import time


def test_ctrl_c_during_a_parallel_run_exits_130_without_a_traceback(tmp_path):
    env = dict(os.environ, IPCAST_HOME=str(tmp_path / "home"), IPCAST_NO_CACHE="1")
    cmd = [sys.executable, "-m", "ipcast.cli", "run", "-r", "chengdu", "--paths", "50000"]
    p = subprocess.Popen(
        [*cmd, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
        text=True,
    )
    first = p.stderr.readline()  # the progress line: the work has started
    time.sleep(1.0)
    os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert "chengdu" in first
    assert p.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "interrupted" in err
    assert out == ""
