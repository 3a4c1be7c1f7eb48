"""`--help` reads Chinese first, then English, for every command and every option, and stays
within 100 terminal columns (a Chinese character takes two)."""

import re

import typer
from typer.testing import CliRunner

from ipcast.cli.app import app
from ipcast.report.run_table import width

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")


def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    out = []
    for name, cmd in group.commands.items():
        subs = getattr(cmd, "commands", None)
        out += [[name, sub] for sub in subs] if subs else [[name]]
    return out


def _help(args: list[str]) -> str:
    res = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100"})
    assert res.exit_code == 0, res.output
    return res.stdout


def test_run_help_says_chinese_first():
    text = _help(["run"])
    assert "测算每项目标：达标概率和可能区间。" in text
    assert text.index("测算每项目标") < text.index("Forecast every target")
    assert (
        "  -r, --region <str>              地区（全称、简称、6位代码或拼音均可） / region" in text
    )
    main = _help([])
    assert "知识产权规划目标达成概率 / Probabilities for IP plan targets." in main
    assert re.search(r"\n  run +测算全部目标的达标概率 / Forecast every target\n", main)


def test_every_command_and_option_has_chinese_before_its_english():
    group = typer.main.get_command(app)
    for args in _commands():
        cmd = group
        for a in args:
            cmd = cmd.commands[a]
        helps = [(cmd.name, cmd.help), (cmd.name, cmd.short_help or cmd.help)]
        helps += [(p.name, p.help) for p in cmd.params if p.name != "help"]
        for name, text in helps:
            # Chinese, then English after ' / ' or as the next paragraph of a command's help
            halves = re.split(r" / |\n\n", text or "", maxsplit=1)
            assert len(halves) == 2 and CJK.search(halves[0]), (args, name, text)
            assert re.match(r"[A-Za-z]", halves[1]), (args, name, text)


def test_help_fits_100_columns():
    for args in [[], *_commands()]:
        for line in _help(args).splitlines():
            assert width(line) <= 100, (args, line)


def test_help_wraps_by_columns_and_keeps_marks_with_their_characters():
    from ipcast.cli.help import paragraphs
    from ipcast.report.fold import fold as wrap

    # 一二三四五 fill 10 columns; the comma may not start a line, so 五 goes down with it
    assert wrap("一二三四五，六七 / abc", 10) == ["一二三四", "五，六七 /", "abc"]
    # Chinese breaks between any two characters, but not inside 件.xlsx
    assert wrap("写入 文件.xlsx 后运行", 12) == ["写入 文", "件.xlsx 后运", "行"]
    # a docstring's line break inside Chinese joins without a space; paragraphs stay apart
    assert paragraphs("测算每项\n    目标。\n\n    Forecast every target.", 40) == [
        "测算每项目标。",
        "",
        "Forecast every target.",
    ]
