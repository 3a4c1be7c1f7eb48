"""`ipcast --help` and `ipcast run` on the bundled data (every region, every target), cold and
warm, beside the floor every command pays.

    python benchmarks/bench_run.py [--paths 10000] [--repeats 3]

Each figure is the wall time of the whole command (Python start-up and imports included), the
median of ``--repeats`` runs, all from one run of this script, with the machine's load average
beside them (the machine may be shared). Cold: an empty cache, so every series is fitted and
every learned input learned. Fits cached: the fitted baselines and learned inputs are on disk but
the run's records are not (another run's settings). Warm: the same run again, its records read
from the cache. Floor: ``python -c "import typer._adapters"``, what typer 0.29 imports (pydantic
included) before any command of any typer app can parse its options. Last line: a summary.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(args: list[str], env) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paths", type=int, default=10000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="ipcast-bench-"))
    home = Path(tempfile.mkdtemp(prefix="ipcast-home-"))
    env = {**os.environ, "IPCAST_CACHE": str(cache), "IPCAST_HOME": str(home)}
    env.pop("IPCAST_NO_CACHE", None)
    run = ["-m", "ipcast.cli", "run", "--paths", str(args.paths)]
    times: dict[str, list[float]] = {"floor": [], "help": [], "cold": [], "fits": [], "warm": []}
    load = os.getloadavg()[0]
    for _ in range(args.repeats):
        times["floor"].append(_time(["-c", "import typer._adapters"], env))
        times["help"].append(_time(["-m", "ipcast.cli", "--help"], env))
        shutil.rmtree(cache, ignore_errors=True)
        times["cold"].append(_time(run, env))
        shutil.rmtree(cache / "runs", ignore_errors=True)
        times["fits"].append(_time(run, env))
        times["warm"].append(_time(run, env))
    load = max(load, os.getloadavg()[0])
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"load average (1 min, 2 cores): up to {load:.1f}; {args.paths} paths")
    print(f"floor (python + typer + pydantic): {med['floor']:.2f} s")
    print(f"ipcast --help:                  {med['help']:.2f} s (goal 0.2 s)")
    print(f"ipcast run, cold:               {med['cold']:.2f} s (goal 2 s)")
    print(f"ipcast run, fits cached:        {med['fits']:.2f} s")
    print(f"ipcast run, warm:               {med['warm']:.2f} s (goal 0.45 s)")
    print(
        f"summary: help {med['help']:.2f} s, run cold {med['cold']:.2f} s, fits cached "
        f"{med['fits']:.2f} s, warm {med['warm']:.2f} s; floor {med['floor']:.2f} s; "
        f"load {load:.1f}"
    )


if __name__ == "__main__":
    main()
