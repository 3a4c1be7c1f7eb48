"""``ipcast brief``: the leader's briefing as DOCX, PDF or HTML, and optionally chart files."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import api
from ..report import notes
from .common import app, call, to_stderr
from .help import Command
from .options import (
    AS_OF,
    HISTORY,
    MAP,
    PATHS,
    REGION_OR_TARGETS,
    SCENARIO,
    SEED,
    TARGETS,
    out_option,
)


@app.command("brief", cls=Command, short_help="领导简报 / The leader's briefing")
def brief_cmd(
    region: str = REGION_OR_TARGETS,
    out: Path = out_option(
        (".docx", ".pdf", ".html", ".htm"),
        "简报文件：.docx（Word/WPS）、.pdf 或 .html / the file: .docx (Word/WPS), .pdf or .html",
    ),
    scenario: str = SCENARIO,
    as_of: int = AS_OF,
    lang: str = typer.Option(
        "zh", "--lang", help="简报语言：zh 中文，en 英文 / the language: zh or en"
    ),
    pdf: Path = out_option(
        (".pdf",), "同时输出同一简报的 PDF / also write a PDF of the same briefing", "--pdf", False
    ),
    charts: Path = typer.Option(
        None,
        "--charts",
        help="同时把图表存为 PNG 和 SVG（写入该文件夹） / also write PNG and SVG charts",
    ),
    green: float = typer.Option(
        0.8, "--green", help="达标概率不低于此值为绿灯 / p_hit from which a target is green"
    ),
    amber: float = typer.Option(
        0.5, "--amber", help="达标概率不低于此值为黄灯 / p_hit from which it is amber"
    ),
    paths: int = PATHS,
    seed: int = SEED,
    history_file: Path = HISTORY,
    names: list[str] = MAP,
    targets_file: Path = TARGETS,
):
    """领导简报：红黄绿灯、简明结论、图表和附录。

    The leader's briefing: traffic lights, plain sentences, charts, appendix."""
    region = call(api.inputs.targets_region, region, targets_file, names)
    doc = call(
        api.brief,
        region,
        out,
        scenario=scenario,
        as_of=as_of,
        lang=lang,
        pdf=pdf,
        charts=charts,
        green=green,
        amber=amber,
        paths=paths,
        seed=seed,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=to_stderr,
    )
    for f in doc["written"]:
        size = f"{f.stat().st_size / 1e6:.2f} MB"
        typer.echo(notes.wrote(f, size, size))
    if doc["chart_files"]:  # said too: --charts wrote a folder the planner may not look in
        n = len(doc["chart_files"])
        typer.echo(notes.wrote(charts, f"{n}个图表文件（PNG和SVG）", f"{n} chart files (PNG, SVG)"))
