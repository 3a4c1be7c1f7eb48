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
