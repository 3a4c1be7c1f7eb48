"""An on-disk cache of fitted forecasts and learned priors, so re-running scenarios does not refit.

Keys are hashes of everything a result depends on: the data, the settings, and the source code of
the forecasting modules (a code change invalidates the cache by itself). Entries are written
atomically; ``IPCAST_NO_CACHE=1`` or ``--no-cache`` turns the cache off, ``ipcast cache clear``
empties it. The cache lives in ``IPCAST_CACHE`` (default: the per-user cache directory).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    env = os.environ.get("IPCAST_CACHE")
    return Path(env) if env else Path(platformdirs.user_cache_dir("ipcast", appauthor=False))


def enabled() -> bool:
    return os.environ.get("IPCAST_NO_CACHE", "") not in ("1", "true", "yes")


@cache
def code_version() -> str:
    """A hash of the forecasting and scenario code: results from other code are never reused."""
    h = hashlib.sha256()
    for pkg in ("ipcast.forecast", "ipcast.scenarios", "ipcast.data"):
        for f in sorted(resources.files(pkg).iterdir(), key=lambda p: p.name):
            if f.name.endswith((".py", ".json", ".yaml")):
                h.update(f.name.encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


@cache
def package_version() -> str:
    """A hash of every file a run reads from the package: the code of the packages that compute
    results and the bundled data (history, targets, panels, learned errors), subfolders included."""
    h = hashlib.sha256()
    for pkg in ("ipcast.api", "ipcast.forecast", "ipcast.scenarios", "ipcast.data"):
        for f in _files(resources.files(pkg)):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _files(folder):
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.is_dir():
            if f.name != "__pycache__":
                yield from _files(f)
        elif not f.name.endswith(".pyc"):
            yield f


def key(*parts) -> str:
    h = hashlib.sha256(code_version().encode())
    for p in parts:
        h.update(repr(p).encode() if not isinstance(p, bytes) else p)
        h.update(b"\0")
    return h.hexdigest()


# Learned inputs of the bundled data shipped with the package, by cache key (written by
# ``python -m ipcast.forecast.learned --write data/learned.pkl``): a first run loads them instead
# of learning them. A key holds the code version and the data, so after a change to either
# nothing shipped matches and the inputs are learned (and cached) as before.
SHIPPED = "learned.pkl"
# Off while the shipped file itself is being written (everything is learned afresh).
USE_SHIPPED = True


@cache
def shipped() -> dict:
    try:
        with resources.files("ipcast.data").joinpath(SHIPPED).open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return {}


def load(k: str, under: str = ""):
    if not enabled():
        return None
    f = cache_dir() / under / k[:2] / f"{k}.pkl"
    try:
        with f.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return shipped().get(k) if USE_SHIPPED and not under else None


def save(k: str, value, under: str = "") -> None:
    if not enabled():
        return
    folder = cache_dir() / under / k[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{k}.pkl")
    except OSError:
        return  # a cache that cannot be written is only slower, never wrong


def clear() -> int:
    n = 0
    root = cache_dir()
    if root.is_dir():
        for f in root.rglob("*.pkl"):
            f.unlink()
            n += 1
    return n


@contextmanager
def switched(on: bool):
    """The cache on (as configured) or off for the duration of a call; worker processes started
    inside inherit the setting through the environment."""
    if on:
        yield
        return
    before = os.environ.get("IPCAST_NO_CACHE")
    os.environ["IPCAST_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("IPCAST_NO_CACHE", None)
        else:
            os.environ["IPCAST_NO_CACHE"] = before
