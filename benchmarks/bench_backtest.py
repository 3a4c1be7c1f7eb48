"""Calibration and skill of every candidate and the ensemble on the real panels.

    python benchmarks/bench_backtest.py                      # all panels (about 25 min, 2 cores)
    python benchmarks/bench_backtest.py --panels china_provinces --short
    python benchmarks/bench_backtest.py --models naive drift pooled theta   # the ensemble's members

Prints, per panel, pooled over rolling origins and horizons 1-3: coverage of the 80 % and 95 %
intervals, CRPS of log values, CRPS skill against the naive random walk, Brier score of the
"trend continued" event, and the number of forecasts. ``--short`` adds the forecast a county gets
(one to three own points and a prior borrowed from the other regions, known at the origin).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from ipcast.forecast.backtest import run_backtest
from ipcast.forecast.backtest_short import run_short_backtest
from ipcast.forecast.models import CANDIDATES
from ipcast.forecast.panels import PANELS, panel_series

# First origin scored (earlier origins only feed calibration) and first origin fitted.
ORIGINS = {"china_provinces": (2013, 2011)}
DEFAULT_ORIGINS = (2008, 2003)


def table(summary: dict) -> pd.DataFrame:
    rows = [("ensemble", summary["ensemble"])] + list(summary["models"].items())
    return pd.DataFrame(
        [
            {
                "model": m,
                "cov80": b["coverage_80"],
                "cov95": b["coverage_95"],
                "crps": b["crps"],
                "skill_vs_naive": b["crps_skill_vs_naive"],
                "brier": b["brier"],
                "n": b["n_forecasts"],
            }
            for m, b in rows
        ]
    ).set_index("model")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--panels", nargs="*", default=list(PANELS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--paths", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--short", action="store_true")
    ap.add_argument(
        "--models",
        nargs="*",
        default=list(CANDIDATES),
        help="candidates to score (the ensemble needs only its members: naive drift pooled theta)",
    )
    args = ap.parse_args()
    results = {}
    for panel in args.panels:
        start, first = ORIGINS.get(panel, DEFAULT_ORIGINS)
        t0 = time.perf_counter()
        bt = run_backtest(
            list(panel_series(panel)),
            start,
            models=tuple(args.models),
            horizons=3,
            n_paths=args.paths,
            seed=args.seed,
            jobs=args.jobs,
            first_origin=first,
        )
        s = bt.summary()
        results[panel] = s
        print(
            f"\n== {panel}: {PANELS[panel][1]}; {s['n_series']} series, origins {start}+, "
            f"h 1-3 ({time.perf_counter() - t0:.0f} s)"
        )
        print(table(s).round(3).to_string())
        if args.short:
            sb = run_short_backtest(list(panel_series(panel)), start)
            print(f"-- {panel}, short series (1-3 own points, prior from the other regions)")
            print(
                table({"ensemble": s["ensemble"], **sb.summary()})
                .drop("ensemble")
                .drop(columns="skill_vs_naive")
                .round(3)
                .to_string()
            )
    ens = {p: r["ensemble"] for p, r in results.items()}
    print(
        "\nsummary: "
        + "; ".join(
            f"{p} cov80={e['coverage_80']:.3f} cov95={e['coverage_95']:.3f} "
            f"skill={e['crps_skill_vs_naive']:.3f}"
            for p, e in ens.items()
        )
    )


if __name__ == "__main__":
    main()
