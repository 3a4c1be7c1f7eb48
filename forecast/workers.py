"""Worker processes that a Ctrl-C cannot make print tracebacks.

The terminal sends Ctrl-C (SIGINT) to every process of the command, workers included, and a
worker interrupted while it starts or waits prints a Python traceback on the stderr it inherited.
Workers started inside ``quiet_workers()`` inherit /dev/null as stderr instead; this process's
own messages still reach the real stderr, and a worker's error still comes back to this process
as an exception (joblib sends it over the pipe, not stderr). Ctrl-C then ends the command here,
with exit code 130 and one line.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager


@contextmanager
def quiet_workers(on: bool = True):
    try:
        real = sys.stderr.fileno() == 2
    except (AttributeError, OSError, ValueError):
        real = False  # stderr is captured (tests): nothing to redirect
    if not (on and real):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    old = sys.stderr
    with open(os.dup(saved), "w", encoding=old.encoding, errors="replace", buffering=1) as err:
        sys.stderr = err
        try:
            yield
        finally:
            sys.stderr = old
            os.dup2(saved, 2)
            os.close(saved)
