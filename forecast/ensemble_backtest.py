"""The calibrated ensemble in a backtest: at each origin, the calibration ``run`` would have had
then (``final_calibration``, the one function that also builds the calibration ``run`` uses
today, ``calibrate.calibration``), its combination of the origin's forecasts, and their scores.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtri

from . import metrics, streams
from .damping import PHI, damp_center
from .ensemble import MEMBERS, MIN_YEARS, Calibrator, combine_rule, error_pools, rounded

# A member joins the ensemble while its past CRPS is within 5 % of the best member's.
TOLERANCE = 0.05


def select_members(past: pd.DataFrame, members=MEMBERS) -> list[str]:
    """Members whose pooled past CRPS is within ``TOLERANCE`` of the best; all of them while
    there is no past to judge by."""
    crps = past[past["model"].isin(members)].groupby("model")["crps"].mean()
    if crps.empty:
        return list(members)
    return sorted(crps.index[crps <= crps.min() * (1 + TOLERANCE)])


def ensemble_scores(
    df: pd.DataFrame,
    members=MEMBERS,
    name: str = "ensemble",
    window: int | None = None,
    rule: dict | None = None,
) -> pd.DataFrame:
    """Combine and calibrate at each origin with what was known by then, and score it.

    At origin ``o`` the calibration is ``final_calibration`` of the forecasts whose outcome year
    is ``<= o`` (of the last ``window`` outcome years, or all), by the rule ``run`` uses
    (``RUN_RULE``: every member with equal weight, the common year shock, the damped trend;
    ``rule`` overrides it); its combination of the origin's own forecasts is then scored on 400
    draws of its calibrated distribution. Nothing later than ``o`` is used.
    """
    rule = RUN_RULE if rule is None else rule
    present = set(df["model"])
    members = [m for m in members if m in present]  # a backtest may run only some of them
    out: list[pd.DataFrame] = []
    for origin in sorted(df["origin"].unique()):
        past = df[df["target_year"] <= origin]
        cal = final_calibration(past, members, window, **rule) if len(past) else None
        chosen = cal["members"] if cal else list(members)
        calibrator = Calibrator(cal["z"], cal.get("year_effects")) if cal else None
        now = combined(df[df["origin"] == origin], chosen, rule["damping"]).reset_index()
        rng = streams.backtest(0, name, int(origin))
        for h, gh in now.groupby("h"):
            z = _draws(calibrator, int(h), rng)
            out.append(_score_ensemble(gh, z, origin, chosen, name, calibrator is not None))
    return pd.concat(out, ignore_index=True)


# What ``run`` uses (``calibrate.calibration``): the rule the backtest scores by default.
RUN_RULE = {"choose": False, "common_shock": True, "damping": PHI}

# The rule before issue #14 (members chosen by CRPS, independent errors, undamped).
CHOSEN_RULE = {"choose": True, "common_shock": False, "damping": 1.0}

N_DRAWS = 400


def _draws(calibrator: Calibrator | None, h: int, rng: np.random.Generator) -> np.ndarray:
    """Standardised draws at horizon ``h``: the pool's quantiles at an even grid plus, with
    year effects, the common shock (as ``Calibrator.log_paths`` draws them); the normal's
    without a pool."""
    u = (np.arange(N_DRAWS) + 0.5) / N_DRAWS
    if calibrator is None or calibrator.pool(h) is None:
        return ndtri(u)
    z = calibrator.z_quantiles(h, rng.permutation(u))
    shock = calibrator.shock_scale(h)
    if shock is not None:
        z = z + shock[0] * rng.standard_t(max(shock[1], 1.0), size=N_DRAWS)
    return z


def _score_ensemble(gh: pd.DataFrame, z, origin: int, chosen: list[str], name: str, cal: bool):
    samples = gh["center"].to_numpy()[:, None] + gh["spread"].to_numpy()[:, None] * z
    log_y = gh["log_y"].to_numpy()
    thr = gh["threshold"].to_numpy()
    lo80, hi80 = np.quantile(samples, [0.1, 0.9], axis=1)
    lo95, hi95 = np.quantile(samples, [0.025, 0.975], axis=1)
    return pd.DataFrame(
        {
            "series": gh["series"],
            "panel": gh["panel"],
            "model": name,
            "used": name,
            "origin": origin,
            "h": gh["h"],
            "target_year": gh["target_year"],
            "log_y": log_y,
            "center": gh["center"],
            "spread": gh["spread"],
            "z": (log_y - gh["center"]) / gh["spread"],
            "crps": metrics.crps_sample(samples, log_y),
            "pit": metrics.pit(samples, log_y),
            "cov80": (log_y >= lo80) & (log_y <= hi80),
            "cov95": (log_y >= lo95) & (log_y <= hi95),
            "brier": metrics.brier(np.mean(samples >= thr[:, None], axis=1), log_y >= thr),
            "calibrated": cal,
            "members": ",".join(chosen),
        }
    )


def combined(rows: pd.DataFrame, members, damping: float = 1.0) -> pd.DataFrame:
    """Each forecast's combination of ``members`` (``combine_rule`` of their centres and
    spreads), its centre damped from the origin's value ``log_y0`` when ``damping`` < 1; with
    its outcome, threshold, outcome year and panel. Forecasts a member lacks are left out."""
    keys = ["series", "origin", "h"]
    members = list(members)
    sub = rows[rows["model"].isin(members)]
    center = sub.pivot_table(index=keys, columns="model", values="center")
    center = center.reindex(columns=members).dropna()
    spread = sub.pivot_table(index=keys, columns="model", values="spread")[members]
    spread = spread.loc[center.index]
    cols = [c for c in ("log_y", "threshold", "target_year", "panel") if c in sub.columns]
    info = sub.groupby(keys)[cols].first().loc[center.index]
    comb = info.assign(
        center=combine_rule(center.to_numpy().T), spread=combine_rule(spread.to_numpy().T)
    )
    if damping < 1.0:
        x0 = sub.groupby(keys)["log_y0"].first().loc[center.index]
        h = comb.index.get_level_values("h")
        comb["center"] = damp_center(comb["center"], x0, h, damping)
    return comb


def final_calibration(
    df: pd.DataFrame,
    members=MEMBERS,
    window: int | None = None,
    choose: bool = True,
    common_shock: bool = False,
    damping: float = 1.0,
) -> dict:
    """What a forecast made today uses: the members (chosen on every backtest forecast, or all
    of them with ``choose=False``), and the standardised errors of their combination (of the last
    ``window`` outcome years, or all); with ``common_shock`` the errors split into the outcome
    years' shared shocks and the rest (``ensemble.error_pools``), or, with too few outcome years
    to split, stay whole and are centred at their median; with ``damping`` below 1 the
    centre is damped from the origin's value ``log_y0`` as at run time (``damping``)."""
    model_rows = df[df["model"].isin(members)]
    chosen = select_members(model_rows, members) if choose else list(members)
    comb = combined(model_rows, chosen, damping)
    if window is not None:
        comb = comb[comb["target_year"] > comb["target_year"].max() - window]
    z = (comb["log_y"] - comb["center"]) / comb["spread"]
    year, h = comb["target_year"].to_numpy(), z.index.get_level_values("h").to_numpy()
    return errors_calibration(z.to_numpy(), year, h, chosen, damping, common_shock)


def errors_calibration(
    z: np.ndarray,
    year: np.ndarray,
    h: np.ndarray,
    chosen: list[str],
    damping: float = 1.0,
    common_shock: bool = False,
) -> dict:
    """``final_calibration`` from the standardised errors ``z`` of the combined forecasts, their
    outcome years and horizons. A forecast's error depends on its own rows only, so the errors
    of a subset of forecasts (a region left out, outcomes up to a year) are those of the whole
    table: ``calibrate`` combines the table once and calibrates subsets of its errors."""
    out = {
        "members": chosen,
        "damping": damping,
        "n_forecasts": int(len(z)),
        "last_outcome_year": int(year.max()),
    }
    # Errors split into year shocks only where a shock can be drawn back (``MIN_YEARS`` outcome
    # years at some horizon): a split pool without its shock would be too narrow.
    horizons = np.unique(h)
    if common_shock and any(len(np.unique(year[h == k])) >= MIN_YEARS for k in horizons):
        out["z"], out["year_effects"] = error_pools(z, year, h)
    else:
        # Too few outcome years to draw a shock back: the pool stays whole (its width holds the
        # years' differences), but under the run's rule it is still centred, as ``error_pools``
        # centres its residuals: past errors give the spread and shape, not the location.
        # (Uncentred, the two outcome years 2012-2013 carried their pessimism into the forecasts
        # made as of 2012-2013: 76-85 % of outcomes fell below their median at h1.)
        out["z"] = {
            int(k): rounded(z[h == k] - (np.median(z[h == k]) if common_shock else 0.0), sort=True)
            for k in horizons
        }
    return out
