"""How the cost of a run grows with the number of regions (100, 1,000, 3,000) x 10 indicators,
and what parallelism buys.

    python benchmarks/bench_scale.py [--sizes 100 1000 3000] [--paths 1000] [--jobs 2]
    python benchmarks/bench_scale.py --parallel 300 [--paths 1000]

The regions are generated, not real: each indicator's history is a random walk whose drift and
volatility are drawn from the real panels' per-series figures (Chinese provinces for patents,
USPTO/EUIPO for trademarks), with realistic sparsity (1 to 8 points, often with gaps). Each size
runs in its own process, which reports its wall time, its own peak memory and the peak of each
worker process (VmHWM read from /proc while the workers are alive: the memory they really held).
``--parallel N``: N regions judged with ``--jobs 1``, ``--jobs 2`` and a local Dask cluster of two
worker processes (started before the clock runs; then run twice), one after the other in one
process, with the speed-ups and whether all gave the same records. Last line: a summary.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

INDICATORS = [
    ("patent_grants", "year", "patent"),
    ("invention_grants", "year", "patent"),
    ("patent_applications", "year", "patent"),
    ("trademark_registrations", "year", "trademark"),
    ("copyright_registrations", "year", "copyright"),
    ("pledge_financing", "year", "pledge"),
    ("effective_invention_patents", "asof", "patent"),
    ("effective_trademarks", "asof", "trademark"),
    ("high_value_invention_patents", "asof", "patent"),
    ("pct_applications", "year", "patent"),
]


def _growth_pool():
    from ipcast.forecast.panels import panel_series

    out = {}
    for fam, panels in (
        ("patent", ["china_provinces"]),
        ("trademark", ["uspto_trademarks", "euipo_trademarks"]),
    ):
        stats = []
        for p in panels:
            for s in panel_series(p):
                d = np.diff(np.log(s.values))
                stats.append((d.mean(), d.std(ddof=1)))
        out[fam] = np.array(stats)
    out["copyright"] = np.concatenate([out["patent"], out["trademark"]])
    out["pledge"] = out["patent"]
    return out


def make(n_regions: int, seed: int = 0):
    from ipcast.data.periods import parse_period
    from ipcast.data.target_files import Target

    rng = np.random.default_rng(seed)
    pool = _growth_pool()
    rows, targets = [], []
    for i in range(n_regions):
        region = f"sim{i:05d}"
        for slug, ptype, fam in INDICATORS:
            mu, sd = pool[fam][rng.integers(len(pool[fam]))]
            years = np.sort(
                rng.choice(np.arange(2016, 2025), size=rng.integers(1, 9), replace=False)
            )
            x = np.log(rng.uniform(50, 50000)) + np.cumsum(mu + sd * rng.standard_normal(9))
            for y in years:
                rows.append(
                    {
                        "region": region,
                        "indicator": slug,
                        "period": str(y),
                        "period_type": ptype,
                        "value": float(np.exp(x[y - 2016])),
                        "unit": "亿元" if slug == "pledge_financing" else "件",
                        "source": "generated",
                        "source_title": "",
                        "quote": "",
                        "notes": "",
                        "exclude": "",
                        "origin": "bundled",
                    }
                )
            last = float(np.exp(x[years[-1] - 2016]))
            unit = "亿元" if slug == "pledge_financing" else "件"
            targets.append(
                Target(
                    plan="sim",
                    region=region,
                    id=f"{slug}_2028",
                    label_zh=slug,
                    label_en=slug,
                    indicator=slug,
                    family=fam,
                    kind="stock" if ptype == "asof" else "level",
                    periods=(parse_period("2028"),),
                    thresholds=(last * 1.3,),
                    comparator=">=",
                    unit=unit,
                    quote="",
                )
            )
    return pd.DataFrame(rows), targets


def _worker_peaks() -> list[float]:
    """Peak resident memory (MiB) of each live descendant process: joblib's workers stay alive
    between calls, so this is what they held, not a guess from finished children."""
    import psutil

    peaks = []
    for child in psutil.Process().children(recursive=True):
        try:
            with open(f"/proc/{child.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return peaks


def _cpu() -> dict[int, float]:
    """CPU seconds (user + system) used so far by this process and each live descendant (the
    process pool's and the cluster's workers, which stay alive between runs), by process id.
    Beside the wall time it shows what a run cost when other work shares the cores."""
    import psutil

    me = psutil.Process()
    out = {me.pid: sum(me.cpu_times()[:2])}
    for child in me.children(recursive=True):
        try:
            out[child.pid] = sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return out


def _cpu_since(before: dict[int, float]) -> float:
    """CPU used since ``before`` by the processes alive now (an idle pool worker that exited
    meanwhile, its time already counted, drops out without taking its past with it)."""
    return sum(t - before.get(pid, 0.0) for pid, t in _cpu().items())


def one(n: int, paths: int, jobs: int) -> dict:
    import os

    os.environ["IPCAST_NO_CACHE"] = "1"
    from ipcast.scenarios.engine import assess

    history, targets = make(n)
    t0 = time.perf_counter()
    recs = assess(targets, history, paths, seed=0, jobs=jobs)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB -> MiB
    workers = _worker_peaks()
    children = max(workers, default=0.0)
    simulated = sum(r["status"] == "simulated" for r in recs)
    return {
        "regions": n,
        "targets": len(targets),
        "simulated": simulated,
        "seconds": wall,
        "peak_mb": peak,
        "peak_worker_mb": children,
        "peak_total_mb": peak + sum(workers),
    }


def parallel(n: int, paths: int) -> None:
    """``--jobs 1``, ``--jobs 2`` and a local two-worker Dask cluster on the same ``n`` regions."""
    import os

    os.environ["IPCAST_NO_CACHE"] = "1"
    from dask.distributed import LocalCluster

    from ipcast.scenarios.engine import assess

    history, targets = make(n)
    assess(targets[:10], history, 100, seed=0)  # imports and learned inputs, not timed
    times, cpu, records = {}, {}, {}
    for name, kw in (("jobs 1", {"jobs": 1}), ("jobs 2", {"jobs": 2})):
        t0, c0 = time.perf_counter(), _cpu()
        records[name] = assess(targets, history, paths, seed=0, **kw)
        times[name], cpu[name] = time.perf_counter() - t0, _cpu_since(c0)
    # The cluster is started before the clock runs, as a user's is before ``--scheduler``
    # names it; its workers start as fresh processes that have imported nothing of ipcast, like
    # the process pool ``jobs 2`` starts inside its time. Timed: connecting, the work, the
    # records back. The second run on the same cluster shows the workers' first-use cost.
    t0 = time.perf_counter()
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        start = time.perf_counter() - t0
        for name in ("dask 2", "dask 2 again"):
            t0, c0 = time.perf_counter(), _cpu()
            records[name] = assess(
                targets, history, paths, seed=0, scheduler=cluster.scheduler_address
            )
            times[name], cpu[name] = time.perf_counter() - t0, _cpu_since(c0)
    same = all(r == records["jobs 1"] for r in records.values())
    load = os.getloadavg()[0]
    print(f"local Dask cluster of 2 workers started in {start:.1f} s (not timed)")
    for name, t in times.items():
        print(
            f"{n} regions, {len(targets)} targets, {paths} paths, {name}: {t:.1f} s "
            f"({cpu[name]:.1f} s CPU)"
        )
    print(
        f"summary: jobs 2 {times['jobs 1'] / times['jobs 2']:.2f}x faster than jobs 1 (goal 1.6x); "
        f"dask 2 workers {times['dask 2'] / times['jobs 2']:.2f}x the time of jobs 2 (goal "
        f"1.3x; {times['dask 2 again'] / times['jobs 2']:.2f}x on the same cluster again); "
        f"same records: {same}; CPU dask 2 / jobs 2 {cpu['dask 2'] / cpu['jobs 2']:.2f}; "
        f"load {load:.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="*", type=int, default=[100, 1000, 3000])
    ap.add_argument("--paths", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--one", type=int)
    ap.add_argument("--parallel", type=int, help="regions to judge with jobs 1, jobs 2 and Dask")
    args = ap.parse_args()
    if args.parallel:
        parallel(args.parallel, args.paths)
        return
    if args.one:
        print(json.dumps(one(args.one, args.paths, args.jobs)))
        return
    rows = []
    for n in args.sizes:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(n),
                "--paths",
                str(args.paths),
                "--jobs",
                str(args.jobs),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(
            f"{r['regions']:>5} regions, {r['targets']:>6} targets ({r['simulated']} "
            f"simulated): {r['seconds']:7.1f} s, peak {r['peak_mb']:.0f} MB, workers "
            f"{r['peak_worker_mb']:.0f} MB each at most, {r['peak_total_mb']:.0f} MB together",
            flush=True,
        )
    per = [r["seconds"] / r["regions"] for r in rows]
    print(
        "summary: "
        + "; ".join(
            f"{r['regions']} regions {r['seconds']:.0f} s {r['peak_total_mb']:.0f} MB" for r in rows
        )
        + f"; seconds per region {min(per):.3f}-{max(per):.3f}"
    )


if __name__ == "__main__":
    main()
