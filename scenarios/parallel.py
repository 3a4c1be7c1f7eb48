"""Where the baseline fits run: here, in local processes, or on a Dask cluster."""

from __future__ import annotations

from contextlib import contextmanager

from joblib import Parallel

from ..data.errors import InputError

# Dask clients opened by ``cluster`` for a whole run, by scheduler address.
_CLIENTS: dict[str, object] = {}


# Seconds to wait for a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 10


def _connect(scheduler: str):
    try:
        from dask.distributed import Client
    except ImportError:
        raise InputError(
            "--scheduler",
            "Dask is not installed",
            "pip install 'dask[distributed]' here and on every worker",
        ) from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as e:
        raise InputError(
            "--scheduler",
            f"cannot reach {scheduler} ({e})",
            "start it with `dask scheduler` and `dask worker ADDRESS`",
        ) from None


@contextmanager
def cluster(scheduler: str | None):
    """One Dask client for every ``execute`` inside (a run's batches of regions and chunks),
    connected once and closed at the end; nothing without a scheduler or when one is open."""
    if not scheduler or scheduler in _CLIENTS:
        yield
        return
    client = _connect(scheduler)
    _CLIENTS[scheduler] = client
    try:
        yield
    finally:
        _CLIENTS.pop(scheduler, None)
        client.close()


def execute(calls: list, jobs: int, scheduler: str | None):
    """Run joblib ``delayed`` calls here, in ``jobs`` local processes, or on a Dask cluster."""
    if scheduler:
        from joblib import parallel_config

        with cluster(scheduler), parallel_config(backend="dask", client=_CLIENTS[scheduler]):
            return list(Parallel(n_jobs=-1)(calls))
    if jobs > 1:
        return Parallel(n_jobs=jobs, return_as="generator")(calls)
    return (f(*a, **k) for f, a, k in calls)
