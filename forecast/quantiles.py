"""Medians and quantiles of the columns of a path array, read from one sort.

The numbers are numpy's: ``median(sorted_columns(a))`` is ``np.median(a, axis=0)`` and
``quantile(sorted_columns(a), q)`` is ``np.quantile(a, q, axis=0)`` (linear rule, Hyndman & Fan
1996 definition 7), the same arithmetic on the same order statistics. numpy selects its order
statistics by a partition of each strided column per call; a forecast reads a median and two or
three quantiles from the same (n_paths, h) array, and one sort of a contiguous copy of its columns
(numpy's vectorised sort) serves them all at a fraction of the cost.
"""

from __future__ import annotations

import numpy as np


def sorted_columns(a: np.ndarray) -> np.ndarray:
    """``(h, n)``: each column of an ``(n, h)`` array (or a 1-d array, as one row), sorted."""
    a = np.asarray(a, dtype=float)
    s = np.array(a.T if a.ndim == 2 else a[None, :], order="C")
    s.sort(axis=1)
    return s


def median(s: np.ndarray) -> np.ndarray:
    """The median of each row of ``s`` (rows sorted): the mean of the middle one or two."""
    n = s.shape[-1]
    m = n // 2
    out = s[..., m].copy() if n % 2 else (s[..., m - 1] + s[..., m]) / 2
    return _nan_where_nan(s, out)


def quantile(s: np.ndarray, q) -> np.ndarray:
    """Quantiles ``q`` of each row of ``s`` (rows sorted), shape ``(len(q),) + s.shape[:-1]``:
    the value at virtual index ``(n - 1) q`` between its two neighbours, interpolated the way
    numpy's ``_lerp`` does (from the nearer end, so a quantile never leaves its bracket)."""
    n = s.shape[-1]
    v = (n - 1) * np.asarray(q, dtype=float)
    lo = np.clip(np.floor(v), 0, n - 1)
    hi = np.where(v >= n - 1, n - 1, np.clip(lo + 1, 0, n - 1))
    gamma = v - np.floor(v)
    a, b = s[..., lo.astype(np.intp)], s[..., hi.astype(np.intp)]
    diff = b - a
    out = a + diff * gamma
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return _nan_where_nan(s, np.moveaxis(out, -1, 0))


def _nan_where_nan(s: np.ndarray, out: np.ndarray) -> np.ndarray:
    """A row holding a NaN (sorted last) has NaN for every order statistic, as in numpy."""
    nan = np.isnan(s[..., -1])
    return np.where(nan, np.nan, out) if nan.any() else out


def summary(logs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The median, 10 % and 90 % quantiles of each column of ``logs`` (what a member's
    plausibility and the ensemble's combination read), from one sort."""
    s = sorted_columns(logs)
    q10, q90 = quantile(s, (0.1, 0.9))
    return median(s), q10, q90
