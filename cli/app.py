"""The ``ipcast`` command. Each command parses options, calls one library function and renders.

Commands live in ``data_cmds`` (regions, indicators, history, targets, template, import),
``run_cmds`` (run, forecast, backtest) and ``scenario_cmds`` (simulate, compare, revise, goal,
levers, draft); importing them registers them on the one app.
"""

from __future__ import annotations

import os
import signal
import sys

import typer

from ..report.notes import INTERRUPTED
from . import brief_cmd, checks, data_cmds, interrupt, run_cmds, scenario_cmds  # noqa: F401
from .common import app

__all__ = ["app", "main"]


def hard_exit(code: int) -> None:
    """Not sys.exit: when the interrupt reached code Python ran for a library, the interpreter
    re-raised SIGINT at shutdown and the exit status was -2, not 130 (seen under load)."""
    os._exit(code)


def main() -> None:
    """Run the app; Ctrl-C ends with exit code 130 and one line, never a traceback (click on its
    own would print "Aborted!" and exit 1). Output files the command set out to create are
    removed on Ctrl-C (they did not exist before it started), so nothing is left half-written."""
    interrupt.install()
    try:
        code = app(standalone_mode=False)  # typer turns Ctrl-C into exit code 130
    except (KeyboardInterrupt, typer.Abort):
        code = 130
    except Exception as e:
        if not interrupt.pressed():  # else: Ctrl-C came back as a library's own error
            if not isinstance(e, typer.TyperException):
                raise
            if hasattr(e, "show"):  # typer carries its own click: no separate click install
                e.show()
            sys.exit(getattr(e, "exit_code", 2))
        code = 130
    if code == 130 or interrupt.pressed():  # pressed: however the command itself ended
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not undo the cleanup
        checks.remove_planned()
        sys.stderr.write(f"\n{INTERRUPTED}\n")
        sys.stdout.flush()
        sys.stderr.flush()
        hard_exit(130)
    sys.exit(code if isinstance(code, int) else 0)
