"""``ipcast brief``: the leader's briefing as DOCX, PDF or HTML (chosen by the --out extension),
and optionally chart files. No browser and no system font is needed."""

from __future__ import annotations

import shutil
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

FORMATS = (".docx", ".pdf", ".html")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Flags for an optional headless browser (used only by a test of the HTML when one is installed).
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


def render(doc: list[dict], fmt: str, lang: str, date: str) -> bytes:
    """The briefing's blocks in one output format (``.docx``, ``.pdf`` or ``.html``)."""
    if fmt == ".docx":
        from ..report.docx import brief_docx

        return brief_docx(doc, lang, date)
    if fmt == ".pdf":
        from ..report.pdf import brief_pdf

        return brief_pdf(doc, lang, date)
    from ..report.html import brief_html

    return brief_html(doc, lang).encode("utf-8")


@app.command("brief")
def brief_cmd(
    region: str = typer.Option(..., "--region", "-r"),
    out: Path = typer.Option(
        ..., "--out", "-o", help="the file to write: .docx (Word/WPS), .pdf or .html"
    ),
    scenario: str = typer.Option("baseline", "--scenario", "-s"),
    as_of: int = AS_OF,
    lang: str = typer.Option("zh", "--lang", help="zh or en"),
    pdf: Path = typer.Option(None, "--pdf", help="also write a PDF of the same briefing"),
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
    from ..report.document import blocks

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
        fmt = out.suffix.lower()
        if fmt not in FORMATS:
            raise InputError(
                str(out), f"unknown format '{out.suffix}'", "end --out in .docx, .pdf or .html"
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
        doc = blocks(brief)
        for f, kind in ((out, fmt), (pdf, ".pdf")):
            if f is None:
                continue
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(render(doc, kind, lang, brief["date"]))
            typer.echo(f"wrote {f} ({f.stat().st_size / 1e6:.2f} MB)")
    except InputError as e:
        fail(e)
