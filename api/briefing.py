"""``brief``: the leader's briefing written as DOCX, PDF or HTML (by the file's extension),
optionally a PDF beside it and chart files."""

from __future__ import annotations

from pathlib import Path

from ..data.errors import InputError
from ..scenarios import PATHS
from ..scenarios.levers import Scenario
from .inputs import check_as_of, load_history, refuse_existing, region_targets
from .inputs import scenario as load_scenario
from .runs import Progress, starting


def check_bands(green: float, amber: float) -> None:
    if not 0 <= amber <= green <= 1:
        raise InputError(
            "--green/--amber",
            (f"分档界限{green}/{amber}不成立", f"bands {green}/{amber}"),
            (
                "须 0 <= amber <= green <= 1，如 --green 0.8 --amber 0.5",
                "give 0 <= amber <= green <= 1, e.g. --green 0.8 --amber 0.5",
            ),
        )


def brief(
    region: str,
    out: Path | None = None,
    *,
    scenario: str | Scenario = "baseline",
    as_of: int | None = None,
    lang: str = "zh",
    pdf: Path | None = None,
    charts: Path | None = None,
    green: float = 0.8,
    amber: float = 0.5,
    paths: int = PATHS,
    seed: int = 0,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
    progress: Progress = None,
) -> dict:
    """The briefing (records, sentences, chart figures, sources) as a dict; with ``out`` it is
    written as .docx, .pdf or .html (by the extension), with ``pdf`` also as PDF, with ``charts``
    its charts saved as PNG and SVG. The same seed gives the same bytes.
    The dict's ``written`` lists the files made. Nothing existing is overwritten."""
    # Imported here: matplotlib and the briefing are heavy, and only this command needs them.
    from ..report.brief import build_briefing
    from ..report.charts import png, svg
    from ..report.document import blocks
    from ..report.output import output_format, render

    targets = region_targets(region, targets_file, names=names)
    check_as_of(as_of)
    if lang not in ("zh", "en"):
        raise InputError(
            "--lang",
            (f"无法识别的语言“{lang}”", f"unknown language '{lang}'"),
            ("用 zh（中文）或 en（英文）", "use zh or en"),
        )
    check_bands(green, amber)
    fmt = output_format(out) if out is not None else None
    refuse_existing(out, pdf)
    starting(progress, region, len(targets), paths, charts=True)
    sc = load_scenario(scenario)
    doc = build_briefing(
        targets,
        load_history(history_file, names=names),
        paths,
        seed,
        as_of,
        sc,
        lang,
        (green, amber),
    )
    written: list[Path] = []
    doc["chart_files"] = []
    if charts is not None:
        charts.mkdir(parents=True, exist_ok=True)
        for name, fig in doc["charts"].items():
            (charts / f"{name}.png").write_bytes(png(fig))
            (charts / f"{name}.svg").write_text(svg(fig), encoding="utf-8")
            doc["chart_files"] += [charts / f"{name}.png", charts / f"{name}.svg"]
    pages = blocks(doc)
    for f, kind in ((out, fmt), (pdf, ".pdf")):
        if f is not None:
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(render(pages, kind, lang, doc["date"]))
            written.append(f)
    doc["written"] = written
    return doc
