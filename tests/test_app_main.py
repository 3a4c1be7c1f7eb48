"""``ipcast``'s entry point turns what the app returns or raises into the process's exit code:
0 when a command ends normally, the command's own code when it refuses (2), click's message and
code 2 for a command line it cannot parse, 130 for Ctrl-C. The real app runs in-process; only
``hard_exit`` (os._exit) is replaced, so pytest's process survives."""

import signal
import sys

import pytest

from ipcast.cli import app as app_mod


@pytest.fixture(autouse=True)
def _sigint_restored():
    """main() installs its own Ctrl-C handler (and ignores a second): pytest's comes back."""
    old = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, old)


def _main(monkeypatch, *argv: str) -> int:
    def leave(code):
        raise SystemExit(code)

    monkeypatch.setattr(sys, "argv", ["ipcast", *argv])
    # as the installed script runs it: click names the program "ipcast", not "python -m pytest"
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)
    monkeypatch.setattr(app_mod, "hard_exit", leave)
    with pytest.raises(SystemExit) as e:
        app_mod.main()
    return e.value.code


def test_a_command_that_ends_normally_exits_0(monkeypatch, capsys):
    assert _main(monkeypatch, "indicators") == 0
    assert "patent_grants" in capsys.readouterr().out


def test_a_refused_option_exits_with_the_commands_code_2(monkeypatch, capsys):
    assert _main(monkeypatch, "history", "-r", "NOSUCHREGION") == 2
    assert "unknown region 'NOSUCHREGION'" in capsys.readouterr().err


def test_a_command_line_click_cannot_parse_says_why_and_exits_2(monkeypatch, capsys):
    assert _main(monkeypatch, "--no-such-option") == 2
    assert "No such option: --no-such-option" in capsys.readouterr().err


def test_ctrl_c_inside_a_real_command_exits_130_not_clicks_aborted(monkeypatch, capsys):
    """click on its own (standalone mode) would print "Aborted!" and exit 1."""
    from ipcast import api

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(api.figures, "indicators", interrupted)
    assert _main(monkeypatch, "indicators") == 130
    err = capsys.readouterr().err
    assert "interrupted (Ctrl-C)" in err and "Aborted" not in err


def test_a_missing_option_is_said_in_chinese_first_then_in_clicks_words(monkeypatch, capsys):
    assert _main(monkeypatch, "draft") == 2
    lines = [x for x in capsys.readouterr().err.splitlines() if x.strip()]
    assert lines == [
        "错误：缺少选项 --out / -o；用法见 ipcast draft --help",
        "Usage: ipcast draft [OPTIONS]",
        "Try 'ipcast draft --help' for help.",
        "Error: Missing option '--out' / '-o'.",
    ]


@pytest.mark.parametrize(
    "argv,zh,en",
    [
        (
            ("run", "--bogus"),
            "错误：没有选项 --bogus（相近的有：--jobs, --out）；用法见 ipcast run --help",
            "Error: No such option: --bogus (Possible options: --jobs, --out)",
        ),
        (
            ("bogus",),
            "错误：没有命令 bogus；用法见 ipcast --help",
            "Error: No such command 'bogus'.",
        ),
        (
            ("cache", "bogus"),
            "错误：没有命令 bogus；用法见 ipcast cache --help",
            "Error: No such command 'bogus'.",
        ),
        (
            ("run", "--paths", "50"),
            "错误：--paths 的取值无效；用法见 ipcast run --help",
            "Error: Invalid value for '--paths': ",
        ),
        (
            ("run", "a", "b"),
            "错误：多余的参数：a b；用法见 ipcast run --help",
            "Error: Got unexpected extra argument",
        ),
        (("run", "--out"), "错误：选项 --out 后面缺少取值", "Error: Option '--out' requires"),
    ],
)
def test_a_command_line_click_cannot_parse_is_said_in_chinese_first(
    monkeypatch, capsys, argv, zh, en
):
    assert _main(monkeypatch, *argv) == 2
    lines = [x for x in capsys.readouterr().err.splitlines() if x.strip()]
    assert lines[0] == zh
    assert lines[-1].startswith(en)


def test_ipcast_alone_still_shows_its_help(monkeypatch, capsys):
    _main(monkeypatch)
    err = capsys.readouterr()
    assert (err.out + err.err).lstrip().startswith("Usage: ipcast") and "错误" not in err.err
