"""The trend damping chosen as of each origin, against the fixed ``damping.PHI`` (issue #14).

    python benchmarks/bench_damping_asof.py --paths 200            # all 124 provincial series
    python benchmarks/bench_damping_asof.py --every 4 --paths 200  # a quick look

``damping.PHI`` (0.95) was chosen on the development origins 2012-2016 of ``bench_phit.py``,
whose horizon-5 outcomes run to 2021: a hindcast ``--as-of 2017 .. 2020`` uses a number chosen on
outcomes it could not have known. This measures what an honest choice would have given: at each
origin ``O`` and for each scored province ``r``, ``phi(O, r)`` is chosen from ``GRID`` by the rule
``PHI`` was chosen by, on what was known by the end of ``O`` only.

The rule, set down before the first run:

- the evidence: the targets of ``bench_phit`` set at origins before ``O`` whose outcome is dated
  ``O`` or earlier (``origin + h <= O``), each (series, origin, horizon) counted once, the scored
  province's own series left out (a backtest never learns from the series it scores);
- the criterion: the share of those outcomes below each candidate's forecast median, per horizon;
  only horizons with at least ``MIN_KNOWN`` outcomes count; the candidate whose largest distance
  from 50 % over those horizons is smallest wins; a tie goes to the larger ``phi`` (less damping);
- no horizon with ``MIN_KNOWN`` outcomes (the first origins): ``phi = 1.0``, the undamped trend,
  which is what a forecaster without evidence on damping would use;
- the forecast scored at ``O`` for ``r`` is the ensemble with ``phi(O, r)``: its members' centres
  and the calibration errors damped alike (``bench_phit._damped_calibration``), the priors and
  members learned as of ``O`` without ``r`` (``learned.provider(O, r)``), as in ``bench_phit``.

What is decided by it, also set down before the first run: ``damping.PHI`` gives way to the as-of
choice in the product only if, on the development origins 2012-2016, the as-of choice's Brier is at
most 0.002 above the fixed ``PHI``'s and its largest distance from 50 % below the median (h1-5) at
most 0.02 above. The held-out origins 2017-2022 are reported for both, whatever they show, and do
not enter the decision: they say how much the fixed ``PHI`` owes to outcomes after its origins.

Printed: the ``phi`` chosen per origin (how many provinces got each), then ``bench_phit.item3``'s
conditions for the fixed ``PHI`` and the as-of choice on development, held-out and all origins.
The fixed rows are ``bench_phit``'s own ``ipcast`` rows (same seed, same calibration rule), so they
reproduce its README figures.
"""

from __future__ import annotations

import argparse
import time

import bench_phit as bp
import numpy as np
import pandas as pd
from joblib import Parallel, delayed

from ipcast.forecast import damping
from ipcast.forecast.panels import panel_series

GRID = (1.0, 0.95, 0.9, 0.85)  # the grid of the last re-check of ``PHI`` (README)
MIN_KNOWN = 100
FIXED, ASOF = "fixed", "as_of"


def _rows(s, origins, n_paths, seed) -> list[pd.DataFrame]:
    """``s``'s targets at ``origins`` and, from ``FIRST_ORIGIN``, each ``GRID`` damping's p."""

    def made(o, past_y, past_v):
        for phi in GRID:
            yield f"phi {phi}", bp._ipcast(s, past_y, past_v, o, n_paths, seed, phi=phi)

    return bp._frames(s, origins, made)


def largest_gap(known: pd.DataFrame) -> float:
    """The largest distance from 0.5 of the share below the median over horizons with at least
    ``MIN_KNOWN`` outcomes (NaN if none has)."""
    one = known.drop_duplicates(["series", "origin", "h"])
    by_h = one.groupby("h")["below_median"].agg(["mean", "size"])
    by_h = by_h[by_h["size"] >= MIN_KNOWN]
    # Rounded: shares k / n the same distance from 0.5 on either side are a tie, not float noise.
    return round(float((by_h["mean"] - 0.5).abs().max()), 12) if len(by_h) else np.nan


def choose(rows: pd.DataFrame, o: int, skip: str | None = None) -> float:
    """``phi`` chosen as of ``o`` (the rule in the module's docstring); ``rows`` have columns
    ``method`` (``phi X``), ``series``, ``region``, ``origin``, ``h``, ``below_median``."""
    known = rows[(rows["origin"] + rows["h"] <= o) & (rows["region"] != skip)]
    gaps = {phi: largest_gap(known[known["method"] == f"phi {phi}"]) for phi in GRID}
    if all(np.isnan(g) for g in gaps.values()):
        return 1.0
    best = min(g for g in gaps.values() if not np.isnan(g))
    return max(phi for phi, g in gaps.items() if g == best)


def as_of_rows(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scored rows of the fixed ``PHI`` and of the as-of choice (methods ``FIXED``,
    ``ASOF``), and the choice per (origin, region)."""
    forecasts = rows[rows["method"].str.startswith("phi ")]
    picks = []
    for o in sorted(forecasts["origin"].unique()):
        for r in sorted(forecasts.loc[forecasts["origin"] == o, "region"].unique()):
            picks.append({"origin": o, "region": r, "phi": choose(forecasts, o, r)})
    picks = pd.DataFrame(picks)
    chosen = forecasts.merge(picks, on=["origin", "region"])
    asof = chosen[chosen["method"] == "phi " + chosen["phi"].astype(str)].drop(columns="phi")
    fixed = forecasts[forecasts["method"] == f"phi {damping.PHI}"]
    out = pd.concat([fixed.assign(method=FIXED), asof.assign(method=ASOF)], ignore_index=True)
    return out, picks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=1, help="every n-th province (1: all)")
    ap.add_argument("--paths", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dev-until", type=int, default=2016)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    series = list(panel_series(bp.PANEL))
    origins = bp.target_origins(series)
    tasks = (
        delayed(_rows)(s, origins, args.paths, args.seed)
        for s, use in zip(series, bp.sample(series, args.every), strict=True)
        if use
    )
    df = pd.concat([f for fs in Parallel(n_jobs=args.jobs)(tasks) for f in fs], ignore_index=True)
    rows, picks = as_of_rows(bp.scored(df))
    print(
        f"{rows['series'].nunique()} series, {len(rows) // 2} scored targets per method, "
        f"{args.paths} paths, seed {args.seed}, grid {GRID}, fixed {damping.PHI} "
        f"({time.perf_counter() - t0:.0f} s)"
    )
    print("-- phi chosen as of each origin (provinces per phi)")
    print(picks.pivot_table(index="origin", columns="phi", aggfunc="size", fill_value=0))
    for label, part in (
        (f"development origins to {args.dev_until}", rows[rows["origin"] <= args.dev_until]),
        (f"held-out origins {args.dev_until + 1}+", rows[rows["origin"] > args.dev_until]),
        ("all origins", rows),
    ):
        print(f"\n== {label}")
        for method in (FIXED, ASOF):
            print(f"-- {method}")
            for cond, fig, met in bp.item3(part, method):
                print(f"  [{'met' if met else 'NOT met'}] {cond}: {fig}")


if __name__ == "__main__":
    main()
