"""The learned inputs of a forecast, from one provider: the priors borrowed from panels
(``priors.priors``; each province's own, ``comparables.province_priors``, only when
``comparables.PREFER_OWN_PROVINCE`` is on, which it is not: measured worse), the ensemble's
members and calibration errors (``calibrate.calibration``, from ``data/backtest_errors.csv.gz``)
and the year they were learned as of (the lapse rate of a stock is read as of the same year).
Everything that forecasts takes a ``Learned``; a forecast made as of a past year gets the inputs
known by the end of that year, without a scored region's own data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from . import comparables
from .calibrate import calibration
from .comparables import province_priors
from .priors import priors
from .rwdrift import Prior


@dataclass(frozen=True)
class Learned:
    priors: dict[str, Prior]
    calibration: dict
    as_of: int | None = None
    skip_region: str | None = None

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of everything learned, for cache keys."""
        text = repr((sorted(self.priors.items()), _plain(self.calibration), self.as_of))
        return hashlib.sha256((text + repr(self.skip_region)).encode()).hexdigest()[:16]


def _plain(x):
    """A stable text form of nested dicts, lists and arrays (keys sorted)."""
    if isinstance(x, dict):
        return [(str(k), _plain(v)) for k, v in sorted(x.items(), key=lambda kv: str(kv[0]))]
    if hasattr(x, "tolist"):
        return x.tolist()
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    return x


def provider(as_of: int | None = None, skip_region: str | None = None) -> Learned:
    """The learned inputs of a forecast made with the history up to ``as_of`` (everything when
    ``None``), leaving ``skip_region``'s own series out (a backtest of that region)."""
    family = priors(as_of, skip_region)
    if comparables.PREFER_OWN_PROVINCE:  # off: measured worse (see comparables)
        family = {**family, **province_priors(tuple(sorted(family.items())), as_of, skip_region)}
    return Learned(family, calibration(as_of, skip_region), as_of, skip_region)
