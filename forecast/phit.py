"""Plan-like targets on a real panel, and how well a forecast's P(hit) judged them.

At an origin year ``O`` a region knows its yearly flow up to ``y_O``. The targets set then are of
five kinds, each at horizon ``h`` (1-5 years) and ambition ``g`` (a yearly growth rate):

- ``level``: the flow in year ``O+h`` reaches ``y_O (1+g)^h``;
- ``growth``: the growth of year ``O+h`` over the year before reaches ``g``;
- ``cumulative``: the flows of ``O+1 .. O+h`` add up to ``y_O sum_k (1+g)^k``;
- ``average``: their yearly average reaches ``y_O (1+g)^((h+1)/2)``;
- ``stock``: the ten-year sum of flows (an effective-stock proxy, as in ``priors``) at ``O+h``
  reaches its value at ``O`` times ``(1+g)^h``.

``targets`` turns simulated paths of ``O+1 .. O+5`` into P(hit) for all of them; ``outcomes``
does the same for what happened. Scores are in ``phit_scores``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KINDS = ("level", "growth", "cumulative", "average", "stock")
AMBITIONS = (-0.05, 0.0, 0.05, 0.10, 0.15, 0.20, 0.30)
HORIZONS = 5
STOCK_WINDOW = 10


def _stats(paths: np.ndarray, hist: np.ndarray) -> dict[str, np.ndarray]:
    """Each kind's statistic per path (rows) and horizon (columns)."""
    n = paths.shape[0]
    y0 = hist[-1]
    prev = np.column_stack([np.full(n, y0), paths[:, :-1]])
    cum = np.cumsum(paths, axis=1)
    steps = np.arange(1, paths.shape[1] + 1)
    # The ten-year window at O+h: the last 10-h known flows and the h simulated ones.
    known = np.concatenate([np.zeros(STOCK_WINDOW), hist])[-STOCK_WINDOW:]
    dropped = np.cumsum(known[: paths.shape[1]])
    return {
        "level": paths,
        "growth": paths / prev - 1,
        "cumulative": cum,
        "average": cum / steps,
        "stock": known.sum() + cum - dropped,
    }


def thresholds(hist: np.ndarray) -> dict[str, np.ndarray]:
    """Thresholds per kind, shape (ambitions, horizons)."""
    g = np.asarray(AMBITIONS)[:, None]
    h = np.arange(1, HORIZONS + 1)[None, :]
    y0 = hist[-1]
    growth = (1 + g) ** h
    known = np.concatenate([np.zeros(STOCK_WINDOW), hist])[-STOCK_WINDOW:]
    cum = y0 * np.cumsum((1 + g) ** np.arange(1, HORIZONS + 1)[None, :], axis=1)
    return {
        "level": y0 * growth,
        "growth": np.broadcast_to(g, growth.shape),
        "cumulative": cum,
        "average": cum / h,
        "stock": known.sum() * growth,
    }


def hit_probabilities(paths: np.ndarray, hist: np.ndarray) -> dict[str, np.ndarray]:
    """P(hit) per kind, shape (ambitions, horizons), from paths of ``O+1 .. O+5``."""
    stats = _stats(paths, hist)
    thr = thresholds(hist)
    return {k: np.mean(stats[k][:, None, :] >= thr[k][None, :, :], axis=0) for k in KINDS}


def outcomes(future: np.ndarray, hist: np.ndarray) -> dict[str, np.ndarray]:
    """Whether each target was met (1.0), missed (0.0) or is unknown (NaN), from the flows of
    ``O+1 .. O+5`` (NaN where not yet known)."""
    stats = _stats(future[None, :], hist)
    thr = thresholds(hist)
    out = {}
    for k in KINDS:
        hit = (stats[k][0][None, :] >= thr[k]).astype(float)
        # A kind that sums or compares years is unknown once any year it needs is.
        unknown = np.isnan(np.cumsum(future)) if k != "level" else np.isnan(future)
        if k == "growth":
            unknown = np.isnan(future) | np.isnan(np.concatenate([[hist[-1]], future[:-1]]))
        hit[:, unknown] = np.nan
        out[k] = hit
    return out


def frame(key: dict, probs: dict[str, np.ndarray] | None, hits: dict[str, np.ndarray]):
    """Long table of targets for one (series, origin): one row per kind, ambition and horizon."""
    rows = []
    for k in KINDS:
        for i, g in enumerate(AMBITIONS):
            for j in range(HORIZONS):
                if np.isnan(hits[k][i, j]):
                    continue
                rows.append(
                    {
                        **key,
                        "kind": k,
                        "ambition": g,
                        "h": j + 1,
                        "hit": hits[k][i, j],
                        "p": np.nan if probs is None else probs[k][i, j],
                    }
                )
    return pd.DataFrame(rows)
