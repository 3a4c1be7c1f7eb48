"""Damped trend: the growth a forecast extrapolates fades by a factor ``phi`` each year.

A forecast whose centre rises ``b`` log points a year is moved, at ``s`` years after its last
point, to ``x0 + b (phi + phi^2 + ... + phi^s)``: the damped trend of Gardner & McKenzie (1985),
hard to beat on yearly series in the M3 competition (Makridakis & Hibon 2000). Only the centre
moves (each horizon's log values shift by the same amount), so the spread is kept.
"""

from __future__ import annotations

import numpy as np

from .quantiles import median, sorted_columns

# Chosen on the development origins 2012-2016 of the 124 provincial series only (``python
# benchmarks/bench_phit.py --choose-damping 1.0 0.95 0.9 0.85 0.8 0.7``, 200 paths), by the
# largest distance from 50 % of the share of outcomes below the forecast median over horizons
# 1-5: 0.14, 0.06, 0.08, 0.15, 0.21, 0.30 (Brier 0.158, 0.153, 0.151, 0.152, 0.155, 0.164).
# Counting only outcomes dated by 2016 chooses it too (0.21, 0.04, 0.07, 0.16, 0.23, 0.32).
# (A first choice, 0.85, was made on the application series alone, by a stride that kept one
# indicator in four; on all series it proved too strong on the same development origins.)
# Never tuned on the held-out origins 2017+. Re-checked with the scored province left out of the
# learned inputs and the young calibration pools centred (same command, 1.0 0.95 0.9 0.85): still
# 0.95, largest distances 0.144, 0.056, 0.073, 0.144; and again after the county prior's fading
# (which moved the short application series of origins 2012-2014): 0.103, 0.037, 0.097, 0.169.
PHI = 0.95


def factor(steps, phi: float = PHI) -> np.ndarray:
    """``(phi + ... + phi^s) / s`` for ``s`` years ahead (1 when ``phi`` is 1)."""
    s = np.asarray(steps, dtype=float)
    if phi >= 1.0:
        return np.ones_like(s)
    return phi * (1 - phi**s) / ((1 - phi) * s)


def damp_center(center, x0, steps, phi: float = PHI) -> np.ndarray:
    """A log-scale centre ``x0 + b s`` moved to ``x0 + b (phi + ... + phi^s)``."""
    return x0 + factor(steps, phi) * (np.asarray(center, dtype=float) - x0)


def damp_paths(paths: np.ndarray, anchor: float, steps, phi: float = PHI) -> np.ndarray:
    """Paths whose median follows the damped trend from ``anchor``: each horizon's log values
    move by the same amount."""
    logs = np.log(np.maximum(paths, 1e-300))
    med = median(sorted_columns(logs))  # np.median(logs, axis=0), faster
    x0 = np.log(anchor)
    return np.exp(logs + (damp_center(med, x0, steps, phi) - med))
