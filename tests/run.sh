#!/usr/bin/env bash
# The whole test suite from a fresh clone: a virtual environment with ipcast and its test tools, the
# linter, and the tests. Nothing from the system is needed beyond Python: the briefing's Chinese font
# ships with the package and its PDF is made without a browser (a Chromium, when present, is used
# only by one optional test of the HTML).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q ".[test]"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# Two processes (pytest-xdist): the suite is CPU-bound and this machine has two cores.
.venv/bin/pytest -n 2
# Mutation testing of the core modules the last commit changed (a merge: everything it brought in).
# It reports, it does not gate: see the README's "How well the tests catch wrong numbers".
.venv/bin/python tests/mutation/run.py --changed HEAD~1
