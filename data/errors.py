"""The one error a user sees for bad input: where, what, and how to fix it."""

from __future__ import annotations


class InputError(Exception):
    """Bad input in a user's file or option. ``str()`` is one line for the terminal."""

    def __init__(self, where: str, problem: str, fix: str):
        self.where = where
        self.problem = problem
        self.fix = fix
        super().__init__(f"{where}: {problem}. Fix: {fix}")
