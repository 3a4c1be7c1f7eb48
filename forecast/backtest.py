"""Rolling-origin backtests of the candidates and the calibrated ensemble, pooled over series.

For each series and origin year ``o``, every candidate is fitted on the years up to ``o`` and its
paths for ``o+1 .. o+H`` scored against what happened. Scores are on log values (CRPS, PIT,
interval coverage), so a province of 1,000 patents counts as much as one of 500,000; the threshold
event for the Brier score is "the outcome reaches the series' own past trend continued"
(``y_o * exp(h * mean past log growth)``), the kind of target plans set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy.special import ndtri

from . import metrics, streams
from .damping import PHI, damp_center
from .ensemble import MEMBERS, MIN_SPREAD, MIN_YEARS, Q_WIDTH, Calibrator, combine_rule, error_pools
from .models import CANDIDATES, guarded, make
from .panels import Series
from .priors import panel_prior
from .workers import quiet_workers

MIN_POINTS = 5
# A member joins the ensemble while its past CRPS is within 5 % of the best member's.
TOLERANCE = 0.05


@dataclass
class Backtest:
    scores: pd.DataFrame  # one row per (series, model, origin, h)
    start: int

    def summary(self) -> dict:
        ev = self.scores[self.scores["origin"] >= self.start]
        out = {"models": {}, "n_series": int(ev["series"].nunique())}
        naive = ev[ev["model"] == "naive"]["crps"].mean()
        for model, g in ev.groupby("model", sort=False):
            block = _block(g, naive)
            if model == "ensemble":
                out[model] = block
            else:
                out["models"][model] = block
        return out


def _block(g: pd.DataFrame, naive_crps: float) -> dict:
    crps = float(g["crps"].mean())
    return {
        "coverage_80": float(g["cov80"].mean()),
        "coverage_95": float(g["cov95"].mean()),
        "crps": crps,
        "crps_skill_vs_naive": float(1 - crps / naive_crps) if np.isfinite(naive_crps) else None,
        "brier": float(g["brier"].mean()),
        "pit_counts": metrics.pit_counts(g["pit"].to_numpy()),
        "n_forecasts": int(len(g)),
        "fallbacks": int((g["used"] != g["model"]).sum()),
        "by_horizon": {
            int(h): {
                "coverage_80": float(x["cov80"].mean()),
                "coverage_95": float(x["cov95"].mean()),
                "crps": float(x["crps"].mean()),
            }
            for h, x in g.groupby("h")
        },
    }


def _rng(seed: int, key: str, origin: int) -> np.random.Generator:
    return streams.backtest(seed, key, origin)


def _score_row(series, model, used, origin, h, log_samples, log_y, threshold, log_y0) -> dict:
    q10, q50, q90 = np.quantile(log_samples, [0.1, 0.5, 0.9])
    return {
        "log_y0": log_y0,
        "series": series.key,
        "panel": series.panel,
        "model": model,
        "used": used,
        "origin": origin,
        "h": h,
        "target_year": origin + h,
        "log_y": log_y,
        "center": q50,
        "spread": max((q90 - q10) / Q_WIDTH, MIN_SPREAD),
        "threshold": threshold,
        "crps": float(metrics.crps_sample(log_samples, log_y)),
        "pit": float(metrics.pit(log_samples, log_y)),
        "cov80": bool(metrics.covered(log_samples, log_y, 0.8)),
        "cov95": bool(metrics.covered(log_samples, log_y, 0.95)),
        "brier": float(metrics.brier(np.mean(log_samples >= threshold), log_y >= threshold)),
    }


def _one_series(series: Series, models, origins, horizons, n_paths, seed, priors) -> list[dict]:
    rows = []
    for origin in origins:
        past = series.until(origin)
        future = {int(y): v for y, v in zip(series.years, series.values, strict=True) if y > origin}
        steps = [h for h in range(1, horizons + 1) if origin + h in future]
        if len(past.values) < MIN_POINTS or not steps:
            continue
        rng = _rng(seed, series.key, origin)
        logs = {}
        x = np.log(past.values)
        trend = np.mean(np.diff(x))
        for name in models:
            model = make(name, priors.get(origin))
            paths, used = guarded(model, past.values, horizons, n_paths, rng)
            logs[name] = np.log(np.maximum(paths, 1e-300))
            for h in steps:
                rows.append(
                    _score_row(
                        series,
                        name,
                        used,
                        origin,
                        h,
                        logs[name][:, h - 1],
                        np.log(future[origin + h]),
                        x[-1] + h * trend,
                        x[-1],
                    )
                )
    return rows


def run_backtest(
    series: list[Series],
    start: int,
    models=tuple(CANDIDATES),
    horizons: int = 3,
    n_paths: int = 500,
    seed: int = 0,
    jobs: int = 1,
    first_origin: int | None = None,
    progress=None,
    rule: dict | None = None,
) -> Backtest:
    """Backtest ``models`` and the ensemble; origins from ``first_origin`` (default: as early as
    the data allow, for calibration) and scored from ``start``."""
    last = max(int(s.years[-1]) for s in series)
    first = first_origin or min(int(s.years[0]) for s in series) + MIN_POINTS - 1
    origins = list(range(first, last))
    borrowed = _priors(series, origins) if "pooled" in models else {}
    tasks = (
        delayed(_one_series)(
            s,
            models,
            origins,
            horizons,
            n_paths,
            seed,
            {o: borrowed.get((s.region, o)) for o in origins},
        )
        for s in series
    )
    rows: list[dict] = []
    with quiet_workers(jobs > 1):
        for i, part in enumerate(Parallel(n_jobs=jobs, return_as="generator")(tasks)):
            rows += part
            if progress:
                progress(i + 1, len(series))
    df = pd.DataFrame(rows)
    return Backtest(pd.concat([df, ensemble_scores(df, rule=rule)], ignore_index=True), start)


def default_start(series: list[Series]) -> int:
    """The first origin scored when none is given: the last ten years, after enough points."""
    first = min(int(s.years[0]) for s in series)
    last = max(int(s.years[-1]) for s in series)
    return max(first + MIN_POINTS + 1, last - 10)


def _priors(series: list[Series], origins) -> dict:
    """For each region and origin, the prior learned from the other regions up to the origin."""
    out = {}
    for o in origins:
        for region in {s.region for s in series}:
            try:
                out[(region, o)] = panel_prior(series, "panel", until=o, skip_region=region)
            except ValueError:
                continue  # too little history anywhere yet; the candidate falls back
    return out


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
    years' shared shocks and the rest (``ensemble.error_pools``); with ``damping`` below 1 the
    centre is damped from the origin's value ``log_y0`` as at run time (``damping``)."""
    model_rows = df[df["model"].isin(members)]
    chosen = select_members(model_rows, members) if choose else list(members)
    comb = combined(model_rows, chosen, damping)
    if window is not None:
        comb = comb[comb["target_year"] > comb["target_year"].max() - window]
    z = (comb["log_y"] - comb["center"]) / comb["spread"]
    out = {
        "members": chosen,
        "damping": damping,
        "n_forecasts": int(len(comb)),
        "last_outcome_year": int(comb["target_year"].max()),
    }
    # Errors split into year shocks only where a shock can be drawn back (``MIN_YEARS`` outcome
    # years at some horizon): a split pool without its shock would be too narrow.
    years = comb.groupby(level="h")["target_year"].nunique()
    if common_shock and (years >= MIN_YEARS).any():
        h = z.index.get_level_values("h")
        out["z"], out["year_effects"] = error_pools(z.to_numpy(), comb["target_year"], h)
    else:
        out["z"] = {int(h): sorted(round(float(v), 4) for v in g) for h, g in z.groupby(level="h")}
    return out
