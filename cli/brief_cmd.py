"""``ipcast brief``: the leader's briefing as HTML, and optionally PDF and chart files."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import typer

from ..data.errors import InputError
from ..scenarios.levers import load_scenario
from .common import (
    AS_OF,
    HISTORY,
    TARGETS,
    app,
    check_region,
    fail,
    load_history,
    select_targets,
)

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


@app.command("brief")
def brief_cmd(
    region: str = typer.Option(..., "--region", "-r"),
    out: Path = typer.Option(..., "--out", "-o", help="the .html file to write"),
    scenario: str = typer.Option("baseline", "--scenario", "-s"),
    as_of: int = AS_OF,
    lang: str = typer.Option("zh", "--lang", help="zh or en"),
    pdf: Path = typer.Option(None, "--pdf", help="also print a PDF (needs Chromium)"),
    charts: Path = typer.Option(None, "--charts", help="also write PNG and SVG charts"),
    green: float = typer.Option(0.8, "--green", help="p_hit from which a target is green"),
    amber: float = typer.Option(0.5, "--amber", help="p_hit from which it is amber"),
    paths: int = typer.Option(4000, "--paths", min=100),
    seed: int = typer.Option(0, "--seed"),
    history_file: Path = HISTORY,
    targets_file: Path = TARGETS,
):
    """The leader's briefing: traffic lights, plain sentences, charts, appendix (领导简报)."""
    # Imported here: matplotlib and the briefing are heavy, and only this command needs them.
    from ..report.brief import build_briefing
    from ..report.charts import png, svg
    from ..report.html import brief_html

    try:
        check_region(region)
        if lang not in ("zh", "en"):
            raise InputError("--lang", f"unknown language '{lang}'", "use zh or en")
        if not 0 <= amber <= green <= 1:
            raise InputError(
                "--green/--amber",
                f"bands {green}/{amber}",
                "give 0 <= amber <= green <= 1, e.g. --green 0.8 --amber 0.5",
            )
        for f in (out, pdf):
            if f is not None and f.exists():
                raise InputError(str(f), "file exists", "choose another name; nothing was written")
        targets = select_targets(region, targets_file)
        typer.echo(f"… {region}: {len(targets)} targets, {paths} paths, charts", err=True)
        brief = build_briefing(
            targets,
            load_history(history_file),
            paths,
            seed,
            as_of,
            load_scenario(scenario),
            lang,
            (green, amber),
        )
        if charts is not None:
            charts.mkdir(parents=True, exist_ok=True)
            for name, fig in brief["charts"].items():
                (charts / f"{name}.png").write_bytes(png(fig))
                (charts / f"{name}.svg").write_text(svg(fig), encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(brief_html(brief), encoding="utf-8")
        typer.echo(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
        if pdf is not None:
            print_pdf(out, pdf)
            typer.echo(f"wrote {pdf}")
    except InputError as e:
        fail(e)
