"""The ``ipcast`` command. Each command parses options, calls one library function and renders.

Commands live in ``data_cmds`` (regions, indicators, history, targets, template, import),
``run_cmds`` (run, forecast, backtest) and ``scenario_cmds`` (simulate, compare, revise, goal,
levers, draft); importing them registers them on the one app.
"""

from __future__ import annotations

import sys

from . import brief_cmd, data_cmds, run_cmds, scenario_cmds  # noqa: F401  (registers)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
