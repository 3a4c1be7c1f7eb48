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

from . import metrics, streams
from .ensemble import MIN_SPREAD, Q_WIDTH
from .ensemble_backtest import ensemble_scores
from .models import CANDIDATES, guarded, make
from .panels import Series
from .priors import left_out_priors
from .workers import quiet_workers

MIN_POINTS = 5


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
    return left_out_priors(series, "panel", origins)
