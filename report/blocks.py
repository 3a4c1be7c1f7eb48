"""The pieces a briefing is made of: a block (title, heading, paragraph, table, chart, page
break) is a dict the DOCX, PDF and HTML writers each lay out."""

from __future__ import annotations


def block(kind: str, text: str = "", **kw) -> dict:
    return {"kind": kind, "text": text, **kw}


def table(head, rows, widths) -> dict:
    if not rows:
        return block("p", "—")
    return block("table", head=head, rows=rows, widths=widths, fills=None, summary=False)
