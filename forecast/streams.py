"""Every random number ipcast draws comes from a stream made here, so one ``--seed`` gives the same
numbers whatever else is run alongside.

A stream is ``numpy.random.default_rng([seed, k1, k2, ...])`` with each key a whole number (a name
is turned into one by CRC-32). The keys in use:

- ``(seed, region, indicator)``: the forecast of one region's series (``series``); a stock built
  from flows draws its flows from the flow's own stream, so both show the same flows;
- ``(seed, region, indicator, "bridge", t)``: a value between two simulated years (``bridge``), so
  asking for one more instant never moves the others;
- ``(seed, region, indicator, "history")``: values inside the observed span that were not observed;
- ``(seed, region, "lever:<id>")``: how strong a lever turns out on each path. Deliberately the
  same for every scenario and target (common random numbers: scenario A and B differ only by their
  settings, so their difference has a small standard error);
- ``(seed, series key, origin)``: one backtest forecast;
- ``(seed, region, target, "ranking")``: the effect draws that test how firm a lever ranking is
  (the same draws with the ranges as given and widened, so only the widening differs).

Nothing in ipcast touches numpy's global random state (Prophet's draws are isolated by
``forecast.contract.isolated_global_random``).
"""

from __future__ import annotations

import zlib

import numpy as np


def _key(part) -> int:
    if isinstance(part, str):
        return zlib.crc32(part.encode())
    if isinstance(part, float):
        return int(round(part * 1_000_000))
    return int(part)


def stream(seed: int, *keys) -> np.random.Generator:
    """The generator for ``keys`` under ``seed``."""
    return np.random.default_rng([int(seed), *(_key(k) for k in keys)])


def series(seed: int, region: str, indicator: str) -> np.random.Generator:
    return stream(seed, region, indicator)


def bridge(seed: int, region: str, indicator: str, t: float) -> np.random.Generator:
    return stream(seed, region, indicator, "bridge", float(t))


def year_to_date(seed: int, region: str, indicator: str, year: int) -> np.random.Generator:
    """The shares (and a count's remaining months) of a year partly observed."""
    return stream(seed, region, indicator, "ytd", int(year))


def history(seed: int, region: str, indicator: str) -> np.random.Generator:
    return stream(seed, region, indicator, "history")


def lever(seed: int, region: str, lever_id: str) -> np.random.Generator:
    return stream(seed, region, "lever:" + lever_id)


def backtest(seed: int, series_key: str, origin: int) -> np.random.Generator:
    return stream(seed, series_key, origin)


def ranking(seed: int, region: str, target_id: str) -> np.random.Generator:
    return stream(seed, region, target_id, "ranking")
