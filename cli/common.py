"""The one ``ipcast`` app and the one way a command reports bad input: exit 2 with the error in
Chinese on one line and in English on the next."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import typer

from ..data.errors import InputError
from ..report import notes
from . import interrupt
from .help import Group

# Plain help (click's layout, not rich's boxes): drawing it with rich imports rich, a quarter of
# a second, more than everything else `ipcast --help` does.
app = typer.Typer(
    cls=Group,  # help wrapped by terminal columns (cli/help.py)
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    help="知识产权规划目标达成概率 / Probabilities for IP plan targets.",
)


def fail(e: InputError) -> None:
    interrupt.check()  # an error that Ctrl-C caused (a read cut short) is not the input's fault
    typer.echo(error_text(e), err=True)
    raise typer.Exit(2)


def error_text(e: InputError) -> str:
    """``错误：…`` then ``error: …``; an error said in English only (a bundled file's check, a
    developer's) still starts in Chinese, naming the place and pointing to the English line.
    Two lines, not one joined by `` / ``: each is long, and the join would fall mid-line."""
    zh = e.zh or f"{e.where_zh or e.where}：此项说明只有英文，见下一行。修改：照下一行 Fix 所说修改"
    return f"错误：{zh}\nerror: {e.en}"


def to_stderr(text: str) -> None:
    interrupt.check()  # progress lines come between steps: a lost Ctrl-C ends the work here
    typer.echo(text, err=True)


class RegionBar:
    """How many regions a run has judged, on stderr: a bar redrawn in place on a terminal, a
    line every tenth of the way otherwise (a log stays short)."""

    def __init__(self, width: int = 30):
        self.width = width
        self.start = time.perf_counter()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        interrupt.check()  # between regions: a lost Ctrl-C ends the run here, not at its end
        if total <= 1:
            return
        secs = time.perf_counter() - self.start
        filled = round(self.width * done / total)
        line = notes.regions_bar(f"{'#' * filled}{'-' * (self.width - filled)}", done, total, secs)
        if sys.stderr.isatty():
            typer.echo("\r" + line, err=True, nl=done >= total)
        elif done * 10 // total > self.shown:
            self.shown = done * 10 // total
            typer.echo(line, err=True)


def call(fn: Callable, *args, **kwargs):
    """``fn(*args, **kwargs)``, with bad input turned into its error lines and exit code 2."""
    try:
        out = fn(*args, **kwargs)
    except InputError as e:
        fail(e)
    except OSError as e:  # the disk, not the input: a read-only folder, a full disk
        where = e.filename or "output"
        said = e.strerror or str(e)
        fail(
            InputError(
                str(where),
                (f"磁盘读写出错（{said}）", said),
                ("检查路径和剩余空间", "check the path and the free space"),
            )
        )
    interrupt.check()  # the library may have lost a Ctrl-C: nothing of its result is shown
    return out
