"""Fit and simulate one series: ipcast's forecaster against statsforecast's AutoETS and Prophet,
on the same real series.

    python benchmarks/bench_fit.py [--series 30] [--paths 1000]

Series: the Chinese provinces' domestic patent grants up to 2020 (bundled panel). ipcast: the
forecast a run uses for a long series (the calibrated ensemble, members fitted and combined);
AutoETS (statsforecast, a benchmark-only dependency: ``pip install statsforecast``, in a venv of
its own, since it pins pandas below 3): ``fit`` on the logs and ``simulate`` the same number of
paths; Prophet: fit and ``predictive_samples`` for the same number of paths. Same process, same
series, one forecaster over all series, then the next, each after one warm-up call (imports,
numba's compilation). ipcast reads its forecast to the last of the ``h`` years, as a run reads
a baseline (``forecast_series(need=...)``). Without statsforecast its line says so. Last line:
the ratios.
"""

from __future__ import annotations

import argparse
import logging
import os
import time

import numpy as np
import pandas as pd

from ipcast.forecast.backtest_selected import as_observed
from ipcast.forecast.chain import forecast_series
from ipcast.forecast.panels import panel_series


def _prophet(y, h, n):
    from prophet import Prophet

    for name in ("cmdstanpy", "prophet"):
        logging.getLogger(name).disabled = True
    df = pd.DataFrame(
        {"ds": pd.date_range("2000-12-31", periods=len(y), freq="YE"), "y": np.log(y)}
    )
    m = Prophet(
        yearly_seasonality=False,
        weekly_seasonality=False,
        daily_seasonality=False,
        uncertainty_samples=n,
    )
    m.fit(df)
    future = m.make_future_dataframe(periods=h, freq="YE", include_history=False)
    return np.exp(m.predictive_samples(future)["yhat"])


def _autoets(y, h, n):
    from statsforecast.models import AutoETS

    return np.exp(AutoETS(season_length=1).fit(np.log(y)).simulate(h, n, seed=0))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--series", type=int, default=30)
    ap.add_argument("--paths", type=int, default=1000)
    args = ap.parse_args()
    series = [
        s.until(2020) for s in panel_series("china_provinces") if s.indicator == "patent_grants"
    ][: args.series]
    h = 5

    def ipcast(s, n_paths, seed):
        # Read to the last of the h years, as a run reads its baseline (the others also
        # simulate h years only); the ensemble's members still draw the whole grid.
        times = [2021.0 + k for k in range(h)]
        fc = forecast_series(
            None,
            s.region,
            s.indicator,
            n_paths,
            seed,
            obs=as_observed(s),
            borrow="patent_flow",
            need=times[-1],
        )
        fc.at(times)
        return fc

    # All series by one forecaster, then all by the other: Prophet's Stan subprocesses would
    # otherwise still be winding down while ipcast is timed.
    try:
        _autoets(series[0].values, 1, 100)
        has_ets = True
    except ImportError:
        has_ets = False
    ipcast(series[0], 100, 0)
    _prophet(series[0].values, 1, 100)
    t0 = time.perf_counter()
    for i, s in enumerate(series):
        fc = ipcast(s, args.paths, i)
    t_ip = time.perf_counter() - t0
    t_ets = None
    if has_ets:
        t0 = time.perf_counter()
        for s in series:
            assert _autoets(s.values, h, args.paths).shape == (args.paths, h)
        t_ets = time.perf_counter() - t0
    t0 = time.perf_counter()
    for s in series:
        _prophet(s.values, h, args.paths)
    t_pr = time.perf_counter() - t0
    n = len(series)
    load = os.getloadavg()[0]
    print(
        f"{n} series, {args.paths} paths, horizon {h}; ipcast method: {fc.method}; load {load:.1f}"
    )
    print(f"ipcast:  {1000 * t_ip / n:.1f} ms per series")
    if t_ets is None:
        print("autoets: statsforecast is not installed here (pip install statsforecast)")
    else:
        print(f"autoets: {1000 * t_ets / n:.1f} ms per series (statsforecast)")
    print(f"prophet: {1000 * t_pr / n:.1f} ms per series")
    vs_ets = "n/a" if t_ets is None else f"{t_ip / t_ets:.2f} (goal at most 1)"
    print(
        f"summary: ipcast time / autoets {vs_ets}; prophet / ipcast {t_pr / t_ip:.1f} "
        "(goal at least 30)"
    )


if __name__ == "__main__":
    main()
