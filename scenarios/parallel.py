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
    """Run joblib ``delayed`` calls here, in ``jobs`` local processes, or on a Dask cluster
    (results in the order of ``calls``)."""
    if scheduler:
        with cluster(scheduler):
            return _on_cluster(_CLIENTS[scheduler], calls)
    if jobs > 1:
        return Parallel(n_jobs=jobs, return_as="generator")(calls)
    return (f(*a, **k) for f, a, k in calls)


# An argument every call shares is sent to each worker once, beyond this size (pickled bytes).
SHARE_BYTES = 10_000


def _on_cluster(client, calls: list) -> list:
    """The calls submitted to the cluster as they are, each task carrying its own arguments.

    Not through joblib's Dask backend: it scatters every argument over 1 kB (each task's
    targets and history rows) to one worker, and the scheduler then runs each task where its
    data lie, which piled the tasks of a run onto one worker while the other stole what it
    could. Here a task's own data travel with it, once; an argument all calls share (the
    scenario; the learned inputs, which pickle as a reference to the worker's own provider
    when they come from it) is broadcast to every worker once; tasks without placement are
    handed to whichever worker is free, as joblib's process pool does."""
    import pickle

    shared = {}
    if len(calls) > 1:
        first, rest = calls[0], calls[1:]
        for arg in [*first[1], *first[2].values()]:
            everywhere = all(any(x is arg for x in [*a, *k.values()]) for _, a, k in rest)
            if everywhere and len(pickle.dumps(arg, protocol=5)) > SHARE_BYTES:
                [shared[id(arg)]] = client.scatter([arg], broadcast=True, hash=False)

    def sent(x):
        return shared.get(id(x), x)

    futures = [
        client.submit(f, *map(sent, a), pure=False, **{n: sent(v) for n, v in k.items()})
        for f, a, k in calls
    ]
    try:
        return client.gather(futures)
    finally:
        client.cancel([*futures, *shared.values()])
