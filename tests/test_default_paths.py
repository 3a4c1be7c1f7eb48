"""One number per target: every command draws the same number of paths by default, so the
probability `levers` or `brief` shows is the one `run` shows (levers once drew 2,000 and showed
87 % where run showed 86 %)."""

import inspect

import pytest
import typer

from ipcast import api
from ipcast.cli.app import app
from ipcast.scenarios import PATHS

ANSWERS = ("run", "simulate", "compare", "revise", "goal", "levers", "draft", "brief")


@pytest.mark.parametrize("name", ANSWERS)
def test_every_api_answer_draws_the_default_paths(name):
    assert inspect.signature(getattr(api, name)).parameters["paths"].default == PATHS


@pytest.mark.parametrize("name", ANSWERS)
def test_every_command_answering_for_targets_draws_the_default_paths(name):
    command = typer.main.get_command(app)
    params = {p.name: p for p in command.commands[name].params}
    assert params["paths"].default == PATHS


def test_the_default_is_4000_paths():
    assert PATHS == 4000  # what cli.checks quotes: p_hit to within about ±0.7 points
