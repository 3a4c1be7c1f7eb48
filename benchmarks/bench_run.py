"""`ipcast run` on the bundled data (every region, every target), cold and warm.

    python benchmarks/bench_run.py

Cold: an empty cache, so every series is fitted; warm: the cache from the cold run. Each is the
wall time of the whole command (Python start-up and imports included), best and median of
several runs. Last line: a summary.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 3


def _time(env) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ipcast.cli", "run", "--format", "json"],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def main() -> None:
    cache = Path(tempfile.mkdtemp(prefix="ipcast-bench-"))
    home = Path(tempfile.mkdtemp(prefix="ipcast-home-"))
    env = {**os.environ, "IPCAST_CACHE": str(cache), "IPCAST_HOME": str(home)}
    env.pop("IPCAST_NO_CACHE", None)
    cold, warm = [], []
    for _ in range(REPEATS):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(_time(env))
        warm.append(_time(env))
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
    print(f"cold: best {min(cold):.2f} s, median {statistics.median(cold):.2f} s")
    print(f"warm: best {min(warm):.2f} s, median {statistics.median(warm):.2f} s")
    print(f"summary: cold {statistics.median(cold):.2f} s, warm {statistics.median(warm):.2f} s")


if __name__ == "__main__":
    main()
