"""Scores of P(hit) on resolved targets, and the baselines that use earlier targets only.

Brier score ``mean (p - hit)^2``; log score ``-mean log(p if hit else 1 - p)`` with ``p`` clipped to
``[0.001, 0.999]`` (a Monte Carlo estimate can be exactly 0 or 1); a ten-bin reliability table;
and the resolution of Murphy's decomposition ``sum_k n_k (o_k - o)^2 / N`` over those bins (how
far the bins' hit rates spread from the overall rate: more is better).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

EPS = 0.001
BINS = 10
# A reference class needs this many earlier resolved targets; below it, the base rate is used.
MIN_CLASS = 20


def brier(p, hit) -> float:
    return float(np.mean((np.asarray(p) - np.asarray(hit)) ** 2))


def log_score(p, hit) -> float:
    p = np.clip(np.asarray(p, dtype=float), EPS, 1 - EPS)
    hit = np.asarray(hit, dtype=float)
    return float(-np.mean(hit * np.log(p) + (1 - hit) * np.log(1 - p)))


def reliability(p, hit) -> pd.DataFrame:
    """Per bin of ``p`` (tenths): count, mean p, observed hit rate."""
    p, hit = np.asarray(p, dtype=float), np.asarray(hit, dtype=float)
    b = np.minimum((p * BINS).astype(int), BINS - 1)
    rows = []
    for k in range(BINS):
        m = b == k
        rows.append(
            {
                "bin": f"{k / BINS:.1f}-{(k + 1) / BINS:.1f}",
                "n": int(m.sum()),
                "mean_p": float(p[m].mean()) if m.any() else np.nan,
                "observed": float(hit[m].mean()) if m.any() else np.nan,
            }
        )
    return pd.DataFrame(rows)


def resolution(p, hit) -> float:
    rel = reliability(p, hit)
    rel = rel[rel["n"] > 0]
    o = float(np.mean(hit))
    return float((rel["n"] * (rel["observed"] - o) ** 2).sum() / rel["n"].sum())


def summary(p, hit) -> dict:
    rel = reliability(p, hit)
    big = rel[rel["n"] >= 100]
    return {
        "n": int(len(p)),
        "brier": brier(p, hit),
        "log": log_score(p, hit),
        "resolution": resolution(p, hit),
        "hit_rate": float(np.mean(hit)),
        "worst_bin_gap": float((big["mean_p"] - big["observed"]).abs().max())
        if len(big)
        else np.nan,
    }


def baselines(targets: pd.DataFrame, origins) -> pd.DataFrame:
    """For targets set at ``origins``: the base rate of every target resolved by the origin year
    (outcome year ``<= origin``) and the hit rate of the same kind, ambition and horizon among
    them (the reference class; the base rate while the class has fewer than ``MIN_CLASS``)."""
    t = targets.assign(outcome_year=targets["origin"] + targets["h"])
    out = []
    keys = ["kind", "ambition", "h"]
    for o in origins:
        now = t[t["origin"] == o]
        past = t[t["outcome_year"] <= o]
        if now.empty:
            continue
        base = float(past["hit"].mean()) if len(past) else 0.5
        cls = past.groupby(keys)["hit"].agg(["mean", "count"])
        cls = cls[cls["count"] >= MIN_CLASS]["mean"].rename("p_class")
        now = now.join(cls, on=keys)
        out.append(now.assign(p_base=base, p_class=now["p_class"].fillna(base)))
    return pd.concat(out, ignore_index=True)
