"""The forecast a run uses for one region's series: the calibrated ensemble when the series is
long enough, otherwise the random walk with a borrowed prior. Both were backtested on the panels
(``benchmarks/bench_backtest.py``); the choice and what was borrowed are reported with every
forecast."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from .calibrate import calibration
from .ensemble import Calibrator, combine
from .models import guarded, make
from .rwdrift import VAGUE, LogRandomWalkDrift, Prior
from .series import Observed

# Below this many consecutive yearly points the candidates cannot be fitted and judged; the
# borrowed-prior random walk, calibrated on the panels with one to three points, is used instead.
MIN_ENSEMBLE = 6


@dataclass
class Forecast:
    paths: np.ndarray  # (n_paths, len(times))
    times: np.ndarray
    method: str
    n_points: int
    borrowed: str
    members: list[str] = field(default_factory=list)


def series_rng(seed: int, region: str, slug: str) -> np.random.Generator:
    """One stream per (region, indicator), so a region's numbers do not depend on which other
    regions are run alongside it."""
    return np.random.default_rng([seed, zlib.crc32(region.encode()), zlib.crc32(slug.encode())])


def _calibration_for(borrow: str | None, as_of: int | None, skip_region: str | None):
    family = (borrow or "").split("_")[0]
    return calibration(as_of, skip_region).get(family)


def _consecutive_tail(obs: Observed) -> tuple[np.ndarray, np.ndarray]:
    """The last run of points one year apart (yearly flows, or year-end stocks)."""
    t, y = obs.t, obs.y
    if len(t) == 0:
        return t, y
    start = len(t) - 1
    while start > 0 and abs(t[start] - t[start - 1] - 1) < 1e-6:
        start -= 1
    return t[start:], y[start:]


def forecast(
    obs: Observed,
    times,
    n_paths: int,
    rng: np.random.Generator,
    prior: Prior | None,
    borrow: str | None = None,
    as_of: int | None = None,
    skip_region: str | None = None,
) -> Forecast:
    """Paths of ``obs`` at ``times``; ``borrow`` is the indicator's panel family key. Members and
    calibration errors are those known by the end of ``as_of``, without ``skip_region``'s own
    (``prior`` must be learned the same way: ``priors(as_of)``)."""
    times = np.asarray(sorted(times), dtype=float)
    rw = LogRandomWalkDrift(prior or VAGUE).fit(obs.y, obs.t)
    paths = rw.simulate(0, n_paths, rng, at=times)
    borrowed = _borrowed_text(prior, obs.n_points)
    tail_t, tail_y = _consecutive_tail(obs)
    cal = _calibration_for(borrow, as_of, skip_region)
    future = times > obs.t[-1] + 1e-9
    if len(tail_t) < MIN_ENSEMBLE or cal is None or not future.any():
        return Forecast(paths, times, "random walk, borrowed prior", obs.n_points, borrowed)
    steps = np.rint(times[future] - tail_t[-1]).astype(int)
    if np.any(np.abs(times[future] - tail_t[-1] - steps) > 1e-6):
        return Forecast(paths, times, "random walk, borrowed prior", obs.n_points, borrowed)
    h = int(steps.max())
    logs = {}
    for name in cal["members"]:
        p, _ = guarded(make(name, prior), tail_y, h, n_paths, rng)
        logs[name] = np.log(np.maximum(p, 1e-300))
    comb = combine(logs, cal["members"])
    pools = {int(k): np.array(v) for k, v in cal["z"].items()}
    ens = np.exp(Calibrator(pools).log_paths(comb))
    paths[:, future] = ens[:, steps - 1]
    method = f"calibrated ensemble of {', '.join(cal['members'])}"
    return Forecast(
        paths, times, method, obs.n_points, borrowed + "; " + cal["source"], list(cal["members"])
    )


def _borrowed_text(prior: Prior | None, n_points: int) -> str:
    if prior is None:
        return "nothing borrowed (own points only, weak prior)"
    weight = "entirely" if n_points == 1 else "partly"
    return f"growth and volatility {weight} from: {prior.source}"
