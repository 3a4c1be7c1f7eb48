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
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(args: list[str], env) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of the command: on a shared machine the CPU time
    is what the command itself cost, the wall time also what other processes took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


NAMES = {
    "floor": "floor (python + typer + pydantic)",
    "help": "ipcast --help (goal 0.2 s)",
    "cold": "ipcast run, cold (goal 2 s)",
    "fits": "ipcast run, fits cached",
    "warm": "ipcast run, warm (goal 0.45 s)",
}


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
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in NAMES}
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
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    print(f"load average (1 min, 2 cores): up to {load:.1f}; {args.paths} paths; median of")
    print(f"{args.repeats} runs, wall time / CPU time (user + system)")
    for k, label in NAMES.items():
        print(f"{label:<36} {wall[k]:6.2f} s / {cpu[k]:5.2f} s")
    print(
        "summary (wall / cpu): "
        + ", ".join(f"{k} {wall[k]:.2f}/{cpu[k]:.2f} s" for k in NAMES)
        + f"; load {load:.1f}"
    )


if __name__ == "__main__":
    main()
