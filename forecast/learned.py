"""The learned inputs of a forecast, from one provider: the priors borrowed from panels
(``priors``) and the calibration of the ensemble (``data/calibration.json``). Everything that
forecasts takes a ``Learned``; swap ``provider`` (e.g. for inputs learned as of a past year) and
every command follows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache, cached_property

from ..data.catalog import data_path
from .priors import priors
from .rwdrift import Prior


@dataclass(frozen=True)
class Learned:
    priors: dict[str, Prior]
    calibration: dict

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of both, for cache keys."""
        text = repr(sorted(self.priors.items())) + json.dumps(self.calibration, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@cache
def calibration() -> dict:
    """Members and standardised-error pools per borrow family, from ``data/calibration.json``."""
    path = data_path("calibration.json")
    if not path.is_file():
        return {}
    with path.open("r", encoding="utf-8") as f:
        return json.load(f)


@cache
def provider(as_of: int | None = None) -> Learned:
    """The learned inputs a forecast made with the history up to ``as_of`` uses. Today the same
    for every ``as_of`` (the shipped priors and calibration)."""
    return Learned(priors(), calibration())
