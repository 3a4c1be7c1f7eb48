"""Where the baseline fits run: here, in local processes, or on a Dask cluster."""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache

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
            ("未安装 Dask", "Dask is not installed"),
            (
                "在本机和每台工作机上 pip install 'dask[distributed]'",
                "pip install 'dask[distributed]' here and on every worker",
            ),
        ) from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as e:
        raise InputError(
            "--scheduler",
            (f"无法连接 {scheduler}（{e}）", f"cannot reach {scheduler} ({e})"),
            (
                "先用 `dask scheduler` 和 `dask worker 地址` 启动",
                "start it with `dask scheduler` and `dask worker ADDRESS`",
            ),
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


# Dask's nanny starts its workers with MALLOC_TRIM_THRESHOLD_ set; glibc then stops adapting its
# mmap threshold, so every path array over 128 kB is mapped and unmapped afresh. Measured with
# `bench_scale.py --parallel 300 --paths 10000` on a quiet machine: Dask workers spent 1.5x the CPU
# of the process pool's on the same tasks (22.9 s against 15.2 s); with arrays up to glibc's
# largest threshold kept on the heap, 16.6 s against 18.9 s.
MMAP_THRESHOLD = 32 * 1024 * 1024
M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)


@cache
def heap_for_path_arrays() -> bool:
    """Path arrays come from the heap in this process (glibc); ``False`` elsewhere."""
    try:
        import ctypes

        return bool(ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):
        return False  # not glibc: its allocator is left as it is


def on_worker(f, *args, **kwargs):
    """``f(*args, **kwargs)`` on a Dask worker, its allocator set for path arrays first."""
    heap_for_path_arrays()
    return f(*args, **kwargs)


# An argument every call shares is sent to each worker once, beyond this size (pickled bytes).
SHARE_BYTES = 10_000


def _on_cluster(client, calls: list) -> list:
    """The calls run on the cluster through its one client, results in the order of ``calls``.

    Each task carries its own arguments (its regions' targets and history rows), sent once with
    it; an argument every call shares (the scenario; learned inputs not made by the provider,
    whose own pickle as a reference that each worker resolves once) is broadcast to every
    worker once. One task per worker thread is in flight and the next is sent when one
    finishes, so a free worker takes the next task, as a process pool's does. (joblib's Dask
    backend, used before, scattered every argument over 1 kB to one worker per task and sent
    two tasks per thread ahead; measured side by side on one cluster at load 11-12 the two
    took the same time within the noise: 56-61 s against 61-62 s for 100 regions.)"""
    import pickle

    from dask.distributed import as_completed

    shared = {}
    if len(calls) > 1:
        first, rest = calls[0], calls[1:]
        for arg in [*first[1], *first[2].values()]:
            everywhere = all(any(x is arg for x in [*a, *k.values()]) for _, a, k in rest)
            if everywhere and len(pickle.dumps(arg, protocol=5)) > SHARE_BYTES:
                [shared[id(arg)]] = client.scatter([arg], broadcast=True, hash=False)

    def sent(x):
        return shared.get(id(x), x)

    # One task a worker thread in flight, the next sent as one finishes: a free worker takes
    # the next task, whatever the scheduler guesses of their lengths (as a process pool does).
    ahead = max(1, sum(client.nthreads().values()))
    futures, results, done = {}, [None] * len(calls), as_completed()
    try:
        for i, (f, a, k) in enumerate(calls):
            if len(futures) >= ahead:
                _collect(next(done), futures, results)
            fut = client.submit(
                on_worker, f, *map(sent, a), pure=False, **{n: sent(v) for n, v in k.items()}
            )
            futures[fut] = i
            done.add(fut)
        for fut in done:
            _collect(fut, futures, results)
        return results
    finally:
        client.cancel([*futures, *shared.values()])


def _collect(fut, futures: dict, results: list) -> None:
    results[futures.pop(fut)] = fut.result()
