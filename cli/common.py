"""The one ``ipcast`` app and the one way a command reports bad input: exit 2 with one line."""

from __future__ import annotations

from collections.abc import Callable

import typer

from ..data.errors import InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Probabilities for IP plan targets (知识产权规划目标达成概率).",
)


def fail(e: InputError) -> None:
    typer.echo(f"error: {e}", err=True)
    raise typer.Exit(2)


def to_stderr(text: str) -> None:
    typer.echo(text, err=True)


def call(fn: Callable, *args, **kwargs):
    """``fn(*args, **kwargs)``, with bad input turned into one line and exit code 2."""
    try:
        return fn(*args, **kwargs)
    except InputError as e:
        fail(e)
    except OSError as e:  # the disk, not the input: a read-only folder, a full disk
        where = e.filename or "output"
        fail(InputError(str(where), e.strerror or str(e), "check the path and the free space"))
