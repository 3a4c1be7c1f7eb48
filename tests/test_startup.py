"""What a command imports before it works: `ipcast --help` and a saved run need no numpy,
pandas, scipy or openpyxl (checked in a fresh interpreter through ``sys.modules``; the time it
saves is measured in ``benchmarks/bench_run.py``, not here)."""

import json
import subprocess
import sys

HEAVY = ("numpy", "pandas", "scipy", "openpyxl", "statsmodels", "matplotlib", "joblib", "yaml")

# Runs the command in-process and reports, as the last line on stderr, which heavy modules
# were imported.
SCRIPT = """
import json, sys
sys.argv = ["ipcast", *json.loads(sys.argv[1])]
from ipcast.cli.app import main
try:
    main()
except SystemExit:
    pass
heavy = [m for m in {heavy} if m in sys.modules]
sys.stderr.write("\\nIMPORTED " + json.dumps(heavy) + "\\n")
"""


def _imported(args: list[str], env: dict | None = None) -> tuple[list[str], str]:
    code = SCRIPT.format(heavy=repr(HEAVY))
    res = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    last = res.stderr.strip().splitlines()[-1]
    assert last.startswith("IMPORTED "), res.stderr
    return json.loads(last.removeprefix("IMPORTED ")), res.stdout


def test_importing_the_command_line_imports_nothing_heavy():
    code = f"import sys, ipcast.cli.app; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_help_imports_nothing_heavy():
    for args in (["--help"], ["run", "--help"], ["backtest", "--help"], ["brief", "--help"]):
        heavy, stdout = _imported(args)
        assert heavy == [], (args, heavy)
        assert "Usage: ipcast" in stdout


def test_a_saved_run_imports_nothing_heavy(tmp_path):
    """The second identical run of the bundled plans reads its saved records: the same table,
    without numpy or pandas."""
    import os

    env = {
        **os.environ,
        "IPCAST_CACHE": str(tmp_path / "cache"),
        "IPCAST_HOME": str(tmp_path / "home"),
    }
    env.pop("IPCAST_NO_CACHE", None)
    args = ["run", "--paths", "200", "--seed", "3"]
    first, table = _imported(args, env)
    assert "pandas" in first  # the first run computes
    again, same = _imported(args, env)
    assert again == []
    assert same == table and "成都市" in table
