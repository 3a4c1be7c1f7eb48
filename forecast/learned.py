"""The learned inputs of a forecast, from one provider: the priors borrowed from panels
(``priors.priors``; each province's own, ``comparables.province_priors``, only when
``comparables.PREFER_OWN_PROVINCE`` is on, which it is not: measured worse), the ensemble's
members and calibration errors (``calibrate.calibration``, from ``data/backtest_errors.csv.gz``)
and the year they were learned as of (the lapse rate of a stock is read as of the same year).
Everything that forecasts takes a ``Learned``; a forecast made as of a past year gets the inputs
known by the end of that year, without a scored region's own data."""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from . import cache as disk_cache
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
    # Made by ``provider`` (the value: its own-province setting): then a worker process is sent
    # only (as_of, skip_region, setting) and gets the same inputs from its own provider (learned
    # or loaded once per process), not 280 kB of pools with every task.
    by_provider: bool | None = field(default=None, compare=False, repr=False)

    def __reduce__(self):
        if self.by_provider is not None:  # the provider's, with own-province priors or not
            return (_provided, (self.as_of, self.skip_region, self.by_provider))
        return (Learned, (self.priors, self.calibration, self.as_of, self.skip_region))

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


def by_value(learned: Learned) -> Learned:
    """The same inputs, pickled as themselves rather than as a reference to the provider (for a
    worker that has not learned them: the priors and the calibration travel with it)."""
    return Learned(learned.priors, learned.calibration, learned.as_of, learned.skip_region)


def provider(as_of: int | None = None, skip_region: str | None = None) -> Learned:
    """The learned inputs of a forecast made with the history up to ``as_of`` (everything when
    ``None``), leaving ``skip_region``'s own series out (a backtest of that region)."""
    return _provided(as_of, skip_region, comparables.PREFER_OWN_PROVINCE)


@cache
def panel_regions() -> frozenset[str]:
    """The regions whose series priors and calibration learn from, named as ``skip_region``
    names them (the panels' own keys: ``anhui``, ``country_chn``): the ones a backtest can leave
    out. Priors read the same Chinese provincial and trademark panels as the error table."""
    from .calibrate import FAMILY_PANELS
    from .panels import panel_series

    return frozenset(s.region for ps in FAMILY_PANELS.values() for p in ps for s in panel_series(p))


@cache  # one Learned (and one fingerprint) per year, region left out and setting, per process
def _provided(as_of: int | None, skip_region: str | None, own_province: bool) -> Learned:
    family = priors(as_of, skip_region)
    if own_province:  # off: measured worse (see comparables)
        family = {**family, **province_priors(tuple(sorted(family.items())), as_of, skip_region)}
    return Learned(family, calibration(as_of, skip_region), as_of, skip_region, own_province)


def main(argv=None) -> None:
    """Write the learned inputs of the bundled data as of today (priors and calibration), by
    their cache keys, for the package to ship (``cache.SHIPPED``)."""
    ap = argparse.ArgumentParser(description="ship the learned inputs of the bundled data")
    ap.add_argument("--write", required=True, help="output file, data/learned.pkl")
    args = ap.parse_args(argv)
    disk_cache.USE_SHIPPED = False  # learn afresh: never copy the file being replaced
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["IPCAST_CACHE"] = tmp
        os.environ.pop("IPCAST_NO_CACHE", None)
        provider(None, None)
        entries = {f.stem: pickle.loads(f.read_bytes()) for f in Path(tmp).rglob("*.pkl")}
    Path(args.write).write_bytes(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"wrote {args.write}: {len(entries)} learned inputs")


if __name__ == "__main__":
    main()
