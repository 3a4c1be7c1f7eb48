"""The forecast a user gets, scored in a backtest under the name ``selected``: at each origin the
series so far goes through the same fallback chain (``chain.forecast_series``) a run uses, with the
prior learned from the other series up to the origin and the shipped calibration
(``learned.provider``). So the backtest's ``selected`` block is the calibration of the forecast
users get, not of a model they never see."""

from __future__ import annotations

import numpy as np

from ..data.catalog import indicators
from . import streams
from .chain import Forecast, forecast_series
from .learned import Learned, provider
from .panels import PANELS, Series
from .rwdrift import Prior
from .series import Observed

NAME = "selected"


def as_observed(series: Series) -> Observed:
    """A panel series as the observations of one region's yearly flow."""
    t = series.years.astype(float)
    y = np.asarray(series.values, dtype=float)
    return Observed(series.region, series.indicator, "", True, True, t, y, [], [])


def borrow_key(series: Series) -> str | None:
    """The panel's family for priors and calibration; ``None``: the catalog's (a region's own
    history); "" for a series the catalog does not know (nothing to borrow or calibrate on)."""
    if series.panel in PANELS:
        return f"{PANELS[series.panel][0]}_flow"
    return None if series.indicator in indicators().index else ""


def selected_forecast(
    past: Series, origin: int, prior: Prior | None, n_paths: int, seed: int
) -> Forecast:
    borrow = borrow_key(past)
    shipped = provider()
    priors = dict(shipped.priors)
    if borrow is not None:
        priors = {borrow: prior} if prior is not None else {}
    learned = Learned(priors, shipped.calibration)
    stream_seed = int(streams.backtest(seed, past.key + ":selected", origin).integers(2**31 - 1))
    return forecast_series(
        None,
        past.region,
        past.indicator,
        n_paths,
        stream_seed,
        learned,
        obs=as_observed(past),
        borrow=borrow,
    )
