"""Printing the HTML briefing to PDF with a headless Chromium, when one is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..data.errors import InputError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Flags for a headless browser on a machine with no network: no background requests, no profile.
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_browser() -> str | None:
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)


def print_pdf(html: Path, pdf: Path, timeout: int = 180) -> None:
    browser = find_browser()
    if browser is None:
        raise InputError(
            "--pdf",
            "no headless Chromium found to print the PDF",
            "install it (`sudo apt-get install chromium` on Debian/Ubuntu) or open "
            "the HTML file and print it to PDF from any browser",
        )
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            browser,
            *HEADLESS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf.resolve()}",
            html.resolve().as_uri(),
        ]
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0 or not pdf.exists():
        raise InputError(
            str(pdf),
            f"Chromium could not print the PDF (exit {done.returncode})",
            "open the HTML file and print it to PDF from a browser",
        )
