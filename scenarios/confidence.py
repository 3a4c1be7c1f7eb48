"""The one rule for "the threshold reached with confidence p", shared by ``revise``, ``draft``
and ``goal`` (which asks the inverse: the lever that brings ``p_hit`` up to p).

A target of one part is met with probability p by its metric's ``1 - p`` quantile (``p`` for a
ceiling). A target of several parts (an each-year target) is met only when every year is met on
the same path, so its thresholds are a *shape* scaled by one factor ``k``: the plan's own yearly
thresholds when it states them all, otherwise the median path. ``k`` is the ``1 - p`` quantile over
paths of the smallest ratio metric / shape (the largest, for a ceiling), so that all years are met
together on a share ``p`` of the paths. For one part this is the plain quantile again.
"""

from __future__ import annotations

import math

import numpy as np

from ..data import units


def upward(comparator: str) -> bool:
    return comparator in (">=", ">")


def round_toward(x: float, up: bool = True, exponent: int | None = None) -> float:
    """``x`` to a multiple of ``10 ** exponent`` (three significant figures by default), rounded
    towards the side that keeps the confidence: down for an at-least target, up for a ceiling. A
    figure already on the step stays (1.15 is 1.15, though 1.15 / 0.01 is 114.99999999999999)."""
    if x == 0 or not math.isfinite(x):
        return x
    if exponent is None:
        exponent = math.floor(math.log10(abs(x))) - 2
    k = x / 10.0**exponent
    n = round(k)
    if abs(k - n) > 1e-6:  # off the step (on it, x / step is whole up to a float's error)
        n = math.floor(k) if up else math.ceil(k)
    # A whole step gives an int (a YAML target reads 1797, not 1797.0); a fraction is rounded to
    # its digits, leaving no float noise.
    return n * 10**exponent if exponent >= 0 else round(n * 10.0**exponent, -exponent)


def promise(x: float, comparator: str, unit: str = "") -> float:
    """The figure a plan promises for the threshold ``x`` met at a confidence, as ``draft``
    proposes it and every table shows it: whole from 100 up and in a count of single things
    (14.1 件 is no target), else three significant figures; towards the side that keeps the
    confidence (896.7 at least: 896)."""
    exponent = 0 if math.isfinite(x) and (abs(x) >= 100 or units.whole(unit)) else None
    return round_toward(x, upward(comparator), exponent)


def threshold_at(
    metrics: list[np.ndarray],
    comparator: str,
    confidence: float,
    shape: list[float | None] | None = None,
) -> list[float]:
    """Thresholds, one per part, that the paths meet together with probability ``confidence``."""
    up = upward(comparator)
    q = 1 - confidence if up else confidence
    if len(metrics) == 1:
        return [float(np.quantile(metrics[0], q))]
    given = shape is not None and all(s is not None and s > 0 for s in shape)
    base = np.array(shape if given else [np.median(m) for m in metrics], dtype=float)
    if np.any(base <= 0):
        # A median of zero (no paths above it) has no ratio: each year on its own quantile.
        return [float(np.quantile(m, q)) for m in metrics]
    ratios = np.column_stack([m / b for m, b in zip(metrics, base, strict=True)])
    k = float(np.quantile(ratios.min(axis=1) if up else ratios.max(axis=1), q))
    return [float(k * b) for b in base]
