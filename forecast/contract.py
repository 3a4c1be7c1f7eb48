"""What a forecasting model is: fit on a history (with an optional borrowed prior), then draw whole
paths for ``h`` years from the generator it is given.

``y`` is one value per consecutive year (a model of irregular points, the random walk, is told
their times when built). ``simulate(h, n_paths, rng)`` returns ``(n_paths, h)`` non-negative values:
the ``h`` years (flows) or year ends (stocks) after the last point, each row one path, so that sums
and growth along a path are meaningful. A model draws only from ``rng``; none touches numpy's
global random state (``isolated_global_random`` keeps Prophet's draws off it).

The candidates (``models``), the calibrated ensemble (``ensemble.CalibratedEnsemble``), the random
walk on irregular points (``chain.RandomWalk``) and the stocks built from flows (``linked``) all
follow it; ``chain`` says which is used for a series, and why.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Protocol, runtime_checkable

import numpy as np

from .rwdrift import Prior


@runtime_checkable
class Model(Protocol):
    name: str

    def fit(self, y: np.ndarray, prior: Prior | None = None) -> Model: ...

    def simulate(self, h: int, n_paths: int, rng: np.random.Generator) -> np.ndarray: ...


@contextmanager
def isolated_global_random(rng: np.random.Generator):
    """For a library that draws from numpy's global generator (Prophet): seed it from ``rng`` for
    the duration, then put back whatever state it had, so nothing outside sees a change."""
    saved = np.random.get_state()
    np.random.seed(int(rng.integers(2**31 - 1)))
    try:
        yield
    finally:
        np.random.set_state(saved)
