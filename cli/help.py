"""``--help`` laid out by terminal columns: click wraps help by characters, so a line of Chinese
(two columns a character) ran far past the terminal's edge. Here each paragraph is folded by
``report.fold`` (at spaces, or between two Chinese characters)."""

from __future__ import annotations

import re

import typer
import typer.core

from ..report.fold import WIDE, fold
from ..report.run_table import width
from .usage import click_errors, said_in_chinese

# Up to 100 columns on a wide terminal, the terminal's width on a narrower one.
MAX_WIDTH = 100
JOINED = re.compile(rf"(?<=[{WIDE}])[ \t]*\n[ \t]*(?=[{WIDE}])")
HELP = "显示本帮助并退出 / Show this message and exit."


def paragraphs(text: str, columns: int) -> list[str]:
    """Each paragraph of ``text`` wrapped, a blank line between them (as click keeps them)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = JOINED.sub("", para)  # a docstring's line break inside Chinese is no space
        out += ([""] if out else []) + fold(para, columns)
    return out


class Formatter(typer.Context.formatter_class):
    def __init__(self, indent_increment=2, width=None, max_width=None):
        super().__init__(indent_increment, width, max_width or MAX_WIDTH)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        lines = paragraphs(text, self.width - self.current_indent)
        self.write("".join(f"{indent}{x}\n" if x else "\n" for x in lines))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Terms on the left, their help wrapped beside them (click's layout)."""
        rows = list(rows)
        first_col = min(max(width(a) for a, _ in rows), col_max) + col_spacing
        lead = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + lead)
            lines = paragraphs(second, max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n")
            self.write("".join(f"{lead}{x}\n" if x else "\n" for x in lines[1:]))


class Context(typer.Context):
    formatter_class = Formatter


def _help_option(option):
    if option is not None:
        option.help = HELP
    return option


class Command(typer.core.TyperCommand):
    context_class = Context

    def get_help_option(self, ctx):
        return _help_option(super().get_help_option(ctx))


class Group(typer.core.TyperGroup):
    context_class = Context

    def get_help_option(self, ctx):
        return _help_option(super().get_help_option(ctx))

    # A command line click cannot parse is said in Chinese first (cli/usage.py): the app's own
    # options are parsed in make_context, a command's name and options in invoke.
    # Only usage errors are caught: any other exception goes on as raised, its context kept.
    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except click_errors.UsageError as e:
            raise said_in_chinese(e) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click_errors.UsageError as e:
            raise said_in_chinese(e) from None
