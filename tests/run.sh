#!/usr/bin/env bash
# The whole test suite from a fresh clone. As root on Debian/Ubuntu it first installs what the
# briefing tests need from the system (a headless Chromium and a Chinese font); then a virtual
# environment with ipcast and its test tools, the linter, and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  if ! command -v chromium >/dev/null || ! (fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk"); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  fi
fi
python3 -m venv .venv
.venv/bin/pip install -q ".[test]"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/pytest
