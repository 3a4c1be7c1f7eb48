"""The briefing's blocks written in the format the output file's extension names."""

from __future__ import annotations

from pathlib import Path

from ..data.errors import InputError

FORMATS = (".docx", ".pdf", ".html", ".htm")


def output_format(path: Path) -> str:
    fmt = path.suffix.lower()
    if fmt not in FORMATS:
        raise InputError(
            str(path), f"unknown format '{path.suffix}'", "end it in .docx, .pdf or .html"
        )
    return fmt


def render(doc: list[dict], fmt: str, lang: str, date: str) -> bytes:
    """The briefing's blocks as ``.docx``, ``.pdf`` or ``.html`` bytes."""
    if fmt == ".docx":
        from .docx import brief_docx

        return brief_docx(doc, lang, date)
    if fmt == ".pdf":
        from .pdf import brief_pdf

        return brief_pdf(doc, lang, date)
    from .html import brief_html

    return brief_html(doc, lang).encode("utf-8")
