"""The default provincial backtest as a user runs it, on an empty cache (every learned input
learned as of each origin without each province): wall and CPU time of the whole command.

    python benchmarks/bench_cli_backtest.py [--panel china_provinces]

Runs ``ipcast backtest --panel PANEL --format json`` once with ``IPCAST_CACHE`` pointed at a new
empty folder, and prints its wall time, its CPU time (user + system: what the command cost on a
shared machine) and the load average beside them. Last line: a summary against the goal of
issue #17 (under 3 minutes).
"""

from __future__ import annotations

import argparse
import os
import tempfile

from bench_run import _time  # the script's folder is on the path

GOAL_SECONDS = 180


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--panel", default="china_provinces")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "IPCAST_CACHE": cache}
        env.pop("IPCAST_NO_CACHE", None)
        cmd = ["-m", "ipcast.cli", "backtest", "--panel", args.panel, "--format", "json"]
        wall, cpu = _time(cmd, env)
    load = os.getloadavg()[0]
    print(f"ipcast backtest --panel {args.panel} --format json, empty cache: {wall:.1f} s wall")
    print(f"CPU (user + system): {cpu:.1f} s; load average {load:.1f}")
    met = "met" if wall < GOAL_SECONDS else "not met"
    print(f"summary: cold provincial backtest {wall:.0f} s (goal under {GOAL_SECONDS} s: {met})")


if __name__ == "__main__":
    main()
