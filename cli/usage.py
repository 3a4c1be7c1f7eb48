"""A command line click cannot parse (a missing or unknown option, a bad value) is said in
Chinese first, then in click's own words: usage, hint and ``Error: …`` in English, exit code 2.

click raises these while it parses, before any command runs; ``Group`` (cli/help.py) turns each
into ``UsageError`` here, whose ``show`` writes the Chinese line first."""

from __future__ import annotations

import re

import typer

try:
    from typer._click import exceptions as click_errors  # typer 0.29 carries its own click
except ImportError:  # a typer built on click itself
    from click import exceptions as click_errors

# click's English messages, by pattern, in Chinese ({0}, {1}: the pattern's groups; quotes
# around an option dropped, as the planner types it).
USAGE_ZH = (
    (r"^Missing option (.+?)\.", "缺少选项 {0}"),
    (r"^Missing argument (.+?)\.", "缺少参数 {0}"),
    (r"^No such option: (\S+) \(Possible options: (.*)\)", "没有选项 {0}（相近的有：{1}）"),
    (r"^No such option: (\S+)", "没有选项 {0}"),
    (r"^No such command (.+?)\. Did you mean (.+)\?", "没有命令 {0}（是否想用 {1}？）"),
    (r"^No such command (.+?)\.", "没有命令 {0}"),
    (r"^Invalid value for (.+?): ", "{0} 的取值无效"),
    (r"^Option (.+?) requires an argument", "选项 {0} 后面缺少取值"),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)", "多余的参数：{0}"),
)


def usage_zh(message: str, command: str | None) -> str:
    """``缺少选项 --out / -o；用法见 ipcast draft --help`` for click's ``Missing option '--out' /
    '-o'.`` of ``ipcast draft``; a message not in ``USAGE_ZH`` is ``命令行有误``."""
    said = "命令行有误"
    for pattern, zh in USAGE_ZH:
        m = re.match(pattern, message)
        if m:
            said = zh.format(*(g.replace("'", "") for g in m.groups()))
            break
    return said + (f"；用法见 {command} --help" if command else "")


class UsageError(click_errors.UsageError):
    """click's usage error, shown with its Chinese line first; the same message, context and
    exit code (2)."""

    def __init__(self, e: click_errors.UsageError):
        super().__init__(e.format_message(), e.ctx)

    def show(self, file=None) -> None:
        command = self.ctx.command_path if self.ctx is not None else None
        typer.echo(f"错误：{usage_zh(self.format_message(), command)}", file=file, err=True)
        super().show(file)


def said_in_chinese(e: Exception) -> Exception:
    """``e`` as ``UsageError`` when it is one of click's usage errors (the help that ``ipcast``
    alone shows is not), else ``e`` itself."""
    if isinstance(e, click_errors.UsageError) and not isinstance(
        e, UsageError | click_errors.NoArgsIsHelpError
    ):
        return UsageError(e)
    return e
