"""The steps of the fallback chain, as data: each says why it cannot be used (or "") and builds
the paths when it can. ``chain.forecast_series`` walks them in order."""

from __future__ import annotations

import numpy as np

from ..data.custom import LABEL as custom_label
from ..data.custom import is_custom
from . import linked
from .chain import (
    MIN_ENSEMBLE,
    MIN_OWN_POINTS,
    NO_HISTORY,
    NOT_POSITIVE,
    Built,
    Case,
    Step,
    read_to,
)
from .chain import calendar_grid as grid_after
from .damping import damp_paths
from .ensemble import CalibratedEnsemble, family_calibrator
from .rwdrift import VAGUE, LogRandomWalkDrift, Prior


class RandomWalk:
    """The log random walk with drift on the own points at their own (irregular) times, under the
    model contract: ``simulate`` draws the calendar years after the last point."""

    name = "random_walk"

    def __init__(self, t: np.ndarray):
        self.t = np.asarray(t, dtype=float)

    def fit(self, y, prior: Prior | None = None) -> RandomWalk:
        self.model_ = LogRandomWalkDrift(prior or VAGUE).fit(y, self.t)
        return self

    def simulate(self, h: int, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        at = grid_after(self.t[-1], self.t[-1] + h)[:h]
        return self.model_.simulate(0, n_paths, rng, at=at)


def borrowed_text(prior: Prior | None, n_points: int) -> str:
    if prior is None:
        return "nothing borrowed (own points only, weak prior)"
    weight = "entirely" if n_points == 1 else "partly"
    return f"growth and volatility {weight} from: {prior.source}"


def consecutive_tail(t: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The last run of points one year apart (yearly flows, or year-end stocks)."""
    if len(t) == 0:
        return t, y
    start = len(t) - 1
    while start > 0 and abs(t[start] - t[start - 1] - 1) < 1e-6:
        start -= 1
    return t[start:], y[start:]


def _unused_periods(obs) -> str:
    """Why figures the planner gave are not points: a flow over a span that is not a calendar
    year (2022-07/2023-06), or a stock given for a span rather than at a date."""
    left = [r for r in obs.unused if not r["exclude"]]
    if not left:
        return ""
    shown = ", ".join(str(r["period"]) for r in left[:3]) + (" …" if len(left) > 3 else "")
    if obs.annual:
        return (
            f"{len(left)} figure(s) for periods that are not calendar years ({shown}) not used: "
            "a yearly figure is forecast by calendar year; import the bureau's calendar-year "
            "figures (2023, 2024 …)"
        )
    return (
        f"{len(left)} figure(s) for spans rather than dates ({shown}) not used: a stock is read "
        "at a date; import it as at the year's end (2023年末) or a date (2025-06)"
    )


def _own_problem(case: Case, min_points: int = 1) -> str:
    obs = case.obs
    if obs.n_points == 0:
        return (
            _unused_periods(obs)
            or linked.flow_instead(case)
            or linked.ratio_instead(case)
            or NO_HISTORY
        )
    if obs.n_points < min_points:
        return (
            f"{obs.n_points} point(s) and no comparable series to borrow growth from; "
            f"needs {min_points} or more"
        )
    if np.any(obs.y <= 0):
        return NOT_POSITIVE
    return ""


def _walk(case: Case, prior: Prior | None, method: str) -> Built:
    obs = case.obs
    grid = read_to(grid_after(obs.t[-1], case.until), case.need)
    prior = prior.for_walk() if prior is not None else None
    model = RandomWalk(obs.t).fit(obs.y, prior)
    paths = model.simulate(len(grid), case.n_paths, case.rng)
    # The family's damping, as calibrated for its ensemble (none without a calibration).
    phi = (case.calibration or {}).get("damping", 1.0)
    paths = damp_paths(paths, obs.y[-1], grid - obs.t[-1], phi)
    return Built(
        grid, paths, method, borrowed_text(prior, obs.n_points), obs.n_points, obs.t[-1], obs.y[-1]
    )


# -- 1 and 2: linked series ---------------------------------------------------------------------


def _stock_why_not(case: Case) -> str:
    if case.obs.indicator not in linked.STOCK_FLOW:
        return "not a stock fed by a flow"
    return linked.stock_problem(case)


def _ratio_why_not(case: Case) -> str:
    if case.obs.indicator not in linked.RATIO_OF:
        return "not a per-10k ratio"
    if case.obs.n_points:
        return "the ratio has figures of its own"
    return linked.ratio_problem(case)


# -- 3: the calibrated ensemble -----------------------------------------------------------------


def _ensemble_why_not(case: Case) -> str:
    own = _own_problem(case)
    if own:
        return own
    tail_t, _ = consecutive_tail(case.obs.t, case.obs.y)
    if len(tail_t) < MIN_ENSEMBLE:
        return f"{len(tail_t)} consecutive yearly point(s); the ensemble needs {MIN_ENSEMBLE}"
    if case.calibration is None:
        return "no calibration for this indicator's family"
    if abs(tail_t[-1] - round(tail_t[-1])) > 1e-6:
        return "the last point is not at a year's end"
    return ""


def _ensemble(case: Case) -> Built:
    obs, cal, prior = case.obs, case.calibration, case.prior
    tail_t, tail_y = consecutive_tail(obs.t, obs.y)
    grid = grid_after(tail_t[-1], case.until)
    model = CalibratedEnsemble(
        cal["members"],
        cal["z"],
        cal.get("year_effects"),
        cal.get("damping", 1.0),
        family_calibrator(cal),
    ).fit(tail_y, prior)
    # Drawn on the whole grid, combined only as far as the caller reads.
    read = len(read_to(grid, case.need))
    paths = model.simulate(len(grid), case.n_paths, case.rng, read)
    return Built(
        grid[:read],
        paths,
        f"calibrated ensemble of {', '.join(cal['members'])}",
        borrowed_text(prior, obs.n_points) + "; " + cal["source"],
        obs.n_points,
        tail_t[-1],
        tail_y[-1],
        list(cal["members"]),
    )


# -- 4 and 5: the random walk -------------------------------------------------------------------


def _pooled_why_not(case: Case) -> str:
    own = _own_problem(case)
    if own:
        return own
    return "" if case.prior is not None else "no comparable series to borrow growth from"


def _own_why_not(case: Case) -> str:
    return _own_problem(case, MIN_OWN_POINTS)


def _own(case: Case) -> Built:
    built = _walk(case, None, "random walk, own points only")
    if is_custom(case.obs.indicator):  # say why nothing was borrowed: the planner declared it
        built.borrowed = custom_label
    return built


CHAIN = (
    Step("stock from flows", _stock_why_not, linked.stock_from_flows),
    Step("ratio from stock and population", _ratio_why_not, linked.ratio_from_stock),
    Step("calibrated ensemble", _ensemble_why_not, _ensemble),
    Step(
        "pooled random walk",
        _pooled_why_not,
        lambda case: _walk(case, case.prior, "random walk, borrowed prior"),
    ),
    Step("own points only", _own_why_not, _own),
)
