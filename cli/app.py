"""The ``ipcast`` command. Each command parses options, calls one library function and renders.

Commands live in ``data_cmds`` (regions, indicators, history, targets, template, import),
``run_cmds`` (run, forecast, backtest) and ``scenario_cmds`` (simulate, compare, revise, goal,
levers, draft); importing them registers them on the one app.
"""

from __future__ import annotations

import sys

import click

from . import brief_cmd, data_cmds, run_cmds, scenario_cmds  # noqa: F401  (registers)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the app; Ctrl-C ends with exit code 130 and one line, never a traceback (click on its
    own would print "Aborted!" and exit 1). Outputs are written whole or not at all, so nothing
    is left half-written."""
    try:
        code = app(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        sys.stderr.write("\ninterrupted; nothing was written\n")
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
