"""Scores of probabilistic forecasts given as samples. Small vectorised pure functions."""

from __future__ import annotations

import numpy as np


def crps_sample(samples: np.ndarray, y: np.ndarray) -> np.ndarray:
    """CRPS of the empirical distribution of ``samples`` (..., m) at outcomes ``y`` (...).

    ``CRPS = E|X - y| - E|X - X'| / 2`` (Gneiting & Raftery 2007, eq. 20), the second term from
    the sorted sample in O(m log m): ``E|X - X'| = 2 / m^2 * sum_i (2i - m - 1) x_(i)``.
    """
    x = np.sort(np.asarray(samples, dtype=float), axis=-1)
    y = np.asarray(y, dtype=float)[..., None]
    m = x.shape[-1]
    term1 = np.mean(np.abs(x - y), axis=-1)
    i = np.arange(1, m + 1)
    term2 = np.sum((2 * i - m - 1) * x, axis=-1) / m**2
    return term1 - term2


def pit(samples: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Probability integral transform: the share of samples below ``y`` (ties count half)."""
    x = np.asarray(samples, dtype=float)
    y = np.asarray(y, dtype=float)[..., None]
    return np.mean(x < y, axis=-1) + 0.5 * np.mean(x == y, axis=-1)


def covered(samples: np.ndarray, y: np.ndarray, level: float) -> np.ndarray:
    """Whether ``y`` lies in the central ``level`` interval of the samples."""
    lo, hi = np.quantile(samples, [(1 - level) / 2, (1 + level) / 2], axis=-1)
    return (y >= lo) & (y <= hi)


def brier(p: np.ndarray, event: np.ndarray) -> np.ndarray:
    """Brier score ``(p - 1{event})^2`` (Brier 1950)."""
    return (np.asarray(p, dtype=float) - np.asarray(event, dtype=float)) ** 2


def pit_counts(u: np.ndarray, bins: int = 10) -> list[int]:
    counts, _ = np.histogram(np.clip(u, 0, 1), bins=bins, range=(0, 1))
    return counts.tolist()
