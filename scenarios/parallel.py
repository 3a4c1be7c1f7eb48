"""Where the baseline fits run: here, in local processes, or on a Dask cluster."""

from __future__ import annotations

from joblib import Parallel

from ..data.errors import InputError


def execute(calls: list, jobs: int, scheduler: str | None):
    """Run joblib ``delayed`` calls here, in ``jobs`` local processes, or on a Dask cluster."""
    if scheduler:
        try:
            from dask.distributed import Client
        except ImportError:
            raise InputError(
                "--scheduler",
                "Dask is not installed",
                "pip install 'dask[distributed]' here and on every worker",
            ) from None
        from joblib import parallel_config

        try:
            client = Client(scheduler, timeout=10)
        except OSError as e:
            raise InputError(
                "--scheduler",
                f"cannot reach {scheduler} ({e})",
                "start it with `dask scheduler` and `dask worker ADDRESS`",
            ) from None
        with client, parallel_config(backend="dask"):
            return list(Parallel(n_jobs=-1)(calls))
    if jobs > 1:
        return Parallel(n_jobs=jobs, return_as="generator")(calls)
    return (f(*a, **k) for f, a, k in calls)
