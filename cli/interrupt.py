"""Ctrl-C, remembered. ``main()`` installs ``on_ctrl_c``: it notes the press, then raises
KeyboardInterrupt wherever the main thread is. A library can lose that exception on its way out:
pandas' C reader, interrupted inside the Python ``read`` of a gzip file, raised ParserError
instead (exit 1 and a traceback, seen once in 40 runs); and once, under load, a parallel run went
on to the end and exited 0. ``check()``, called from the command's own code (each progress line,
each library call's return, an error about to be reported), raises it again, so a Ctrl-C ends
the command with 130 whatever became of the first exception."""

from __future__ import annotations

import signal

_pressed = False


def install() -> None:
    """From here on Ctrl-C is noted and raised; nothing is pressed yet (a fresh command)."""
    global _pressed
    _pressed = False
    signal.signal(signal.SIGINT, on_ctrl_c)


def on_ctrl_c(signum, frame) -> None:
    global _pressed
    _pressed = True
    raise KeyboardInterrupt


def pressed() -> bool:
    return _pressed


def check() -> None:
    """KeyboardInterrupt again if Ctrl-C was pressed (its first exception may have been lost)."""
    if _pressed:
        raise KeyboardInterrupt
