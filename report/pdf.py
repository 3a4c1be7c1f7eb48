"""The briefing as a PDF, laid out by fpdf2 with the bundled font: no browser, no system font.

A4 portrait; tables span the text width and wrap their cells, so nothing runs past the page edge;
a table that goes on to the next page repeats its header. Page one holds the summary (the blocks
before the first page break). The same briefing always gives the same bytes: the creation date is
the briefing's date and the file id is derived from the content.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace

from .charts import png
from .fold import fold, units_kept
from .fonts import BOLD, REGULAR
from .run_table import AFTER_SLASH
from .words import WORDS

FONT = "ipcast"
MARGIN = 15  # mm
SIZES = {"title": 16, "meta": 8.5, "h1": 12, "h2": 10.5, "p": 10, "bullet": 10, "small": 8}
TABLE_SIZE = {True: 8.5, False: 7.5}  # summary table, appendix tables
CHART_WIDTH = 165  # mm
LIGHT_FILLS = {"#ffc000", "#8eaadb", "#a6a6a6"}  # fills on which black text reads better
# Where a cell's figures may break: after a / of a list, after the – of a range (1,019,294– then
# 1,108,191, where Chengdu's page one read 1,019,294–1,108,1 then 91).
CELL_BREAKS = rf"{AFTER_SLASH}|(?<=[\d%]–)(?=[-+.\d])"


class _Briefing(FPDF):
    def __init__(self, lang: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.brief_lang = lang

    def footer(self):
        self.set_y(-10)
        self.set_font(FONT, size=8)
        self.set_text_color(120)
        self.cell(0, 5, WORDS[self.brief_lang]["page"].format(n=self.page_no()), align="C")
        self.set_text_color(0)


def brief_pdf(doc: list[dict], lang: str, date: str) -> bytes:
    pdf = _Briefing(lang)
    pdf.add_font(FONT, "", str(REGULAR))
    pdf.add_font(FONT, "B", str(BOLD))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    day = datetime.fromisoformat(date).replace(tzinfo=UTC)
    pdf.set_creation_date(day)
    pdf.set_lang("zh-CN" if lang == "zh" else "en")
    title = next(b["text"] for b in doc if b["kind"] == "title")
    pdf.set_title(title)
    pdf.set_creator("ipcast")
    pdf.set_producer("ipcast")
    pdf.add_page()
    for b in doc:
        _BLOCKS[b["kind"]](pdf, b)
    return bytes(pdf.output())


def _title(pdf, b):
    pdf.set_font(FONT, "B", SIZES["title"])
    pdf.multi_cell(0, 9, b["text"], align="C", new_x="LMARGIN", new_y="NEXT")


def _meta(pdf, b):
    pdf.set_font(FONT, size=SIZES["meta"])
    pdf.set_text_color(90)
    text = _folded(pdf, b["text"], _line_room(pdf))
    pdf.multi_cell(0, 5, text, align="C", new_x="LMARGIN", new_y="NEXT", wrapmode=_wrap(pdf))
    pdf.set_text_color(0)
    pdf.ln(1)


def _heading(pdf, b):
    size = SIZES[b["kind"]]
    # Keep a heading with what follows: start a new page if fewer than 25 mm remain.
    if pdf.y > pdf.page_break_trigger - 25:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(FONT, "B", size)
    text = _folded(pdf, b["text"], _line_room(pdf))
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT", wrapmode=_wrap(pdf))
    pdf.ln(1)


def _para(pdf, b):
    size = SIZES[b["kind"]]
    pdf.set_font(FONT, size=size)
    text = ("• " + b["text"]) if b["kind"] == "bullet" else b["text"]
    text = _folded(pdf, text, _line_room(pdf))
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", wrapmode=_wrap(pdf))
    pdf.ln(0.8)


def _table(pdf, b):
    size = TABLE_SIZE[b["summary"]]
    pdf.set_font(FONT, size=size)
    head_style = FontFace(emphasis="BOLD", fill_color=(232, 238, 245))
    with pdf.table(
        col_widths=[w * 100 for w in b["widths"]],
        width=pdf.epw,
        line_height=size * 0.5,
        headings_style=head_style,
        text_align="LEFT",
        padding=0.8,
        first_row_as_headings=True,
        repeat_headings=1,
        wrapmode=_wrap(pdf),
    ) as table:
        row = table.row()
        for h in b["head"]:
            row.cell(h)
        rooms = [pdf.epw * w / sum(b["widths"]) - 2 * 0.8 for w in b["widths"]]
        for i, cells in enumerate(b["rows"]):
            row = table.row()
            for j, text in enumerate(cells):
                text = _folded(pdf, _after_slashes(pdf, text, rooms[j]), rooms[j])
                style = None
                if j == 0 and b.get("fills"):
                    fill = b["fills"][i]
                    ink = (0, 0, 0) if fill in LIGHT_FILLS else (255, 255, 255)
                    style = FontFace(fill_color=_rgb(fill), color=ink)
                row.cell(text, style=style)
    pdf.ln(1.5)


def _chart(pdf, b):
    data = png(b["fig"], dpi=200)
    width_px, height_px = b["fig"].get_size_inches()
    h = CHART_WIDTH * height_px / width_px
    if pdf.y + h > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(data), x=(pdf.w - CHART_WIDTH) / 2, w=CHART_WIDTH)
    pdf.ln(3)


def _pagebreak(pdf, b):
    pdf.add_page()


def _after_slashes(pdf, text: str, room: float) -> str:
    """A list of figures too wide for its cell broken after a / (1,100,000/1,150,000/ then
    1,200,000件), a range after its – (``CELL_BREAKS``): wrapped at any character, as Chinese
    text is, it read 1,100,000/1,1 then 50,000, two figures that are not the plan's. ``room``:
    the cell's width in mm."""
    if not isinstance(text, str) or pdf.get_string_width(text) <= room:
        return text
    lines, line = [], ""
    for piece in re.split(CELL_BREAKS, text):
        if line and pdf.get_string_width(line + piece) > room:
            lines.append(line)
            line = piece
        else:
            line += piece
    return "\n".join(lines + [line])


def _line_room(pdf) -> float:
    """The mm a full-width line of text has (``multi_cell`` keeps a cell margin each side)."""
    return pdf.epw - 2 * pdf.c_margin


def _folded(pdf, text, room: float):
    """Chinese text broken into lines by ``report.fold``'s rule before fpdf2 lays it out: fpdf2
    wraps at any character, which left a 。 or ） alone at the head of a line (…（±2个百分点）
    then 。). A little room is kept so fpdf2's own measure never wraps a folded line again.
    English text is wrapped by fpdf2 at its spaces, but not between a figure and its unit."""
    if not isinstance(text, str):
        return text
    if pdf.brief_lang != "zh":
        return units_kept(text)
    width = pdf.get_string_width
    return "\n".join(
        line for para in text.split("\n") for line in fold(para, room - 0.3, width) or [""]
    )


def _wrap(pdf) -> WrapMode:
    """Chinese text has no spaces to break at: wrap it at any character."""
    return WrapMode.CHAR if pdf.brief_lang == "zh" else WrapMode.WORD


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return tuple(int(c[i : i + 2], 16) for i in (0, 2, 4))


_BLOCKS = {
    "title": _title,
    "meta": _meta,
    "h1": _heading,
    "h2": _heading,
    "p": _para,
    "bullet": _para,
    "small": _para,
    "table": _table,
    "chart": _chart,
    "pagebreak": _pagebreak,
}
