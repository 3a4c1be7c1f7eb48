"""The briefing's blocks written in the format the output file's extension names."""

from __future__ import annotations

from pathlib import Path

from ..data.errors import InputError
from ..data.said import file_place

FORMATS = (".docx", ".pdf", ".html", ".htm")


def output_format(path: Path) -> str:
    fmt = path.suffix.lower()
    if fmt not in FORMATS:
        raise InputError(
            file_place(path),
            (f"无法识别的格式“{path.suffix}”", f"unknown format '{path.suffix}'"),
            ("文件名以 .docx、.pdf 或 .html 结尾", "end it in .docx, .pdf or .html"),
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
