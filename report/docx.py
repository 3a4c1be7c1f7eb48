"""The briefing as a Word document (python-docx), in the style of a government briefing: A4,
title and 一、二、三 headings in 黑体, body in 仿宋, tables in 宋体 spanning the text width,
charts as images. These fonts come with both Word on Windows and WPS; a machine without them
substitutes its own Chinese font. English text uses Times New Roman / Arial.

The same briefing always gives the same bytes: document properties carry the briefing's date, and
the zip entries a fixed timestamp.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .charts import png
from .fold import COUNTED, WIDE, units_kept
from .run_table import AFTER_SLASH

FONTS = {  # block kind -> (East Asian font, Latin font, size in pt, bold)
    "title": ("黑体", "Arial", 18, True),
    "meta": ("仿宋", "Times New Roman", 10, False),
    "h1": ("黑体", "Arial", 14, False),
    "h2": ("楷体", "Times New Roman", 12, True),
    "p": ("仿宋", "Times New Roman", 12, False),
    "bullet": ("仿宋", "Times New Roman", 12, False),
    "small": ("仿宋", "Times New Roman", 9, False),
    "cell": ("宋体", "Times New Roman", 9, False),
}
TEXT_WIDTH_CM = 16.0  # A4 less 2.5 cm margins each side
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Each Chinese font with the name Word on other systems and WPS also know it by, so either finds a
# match or substitutes a Chinese font of the same kind (charset 86 = GB 2312).
ALT_NAMES = {"黑体": "SimHei", "仿宋": "FangSong", "宋体": "SimSun", "楷体": "KaiTi"}
# Word breaks Chinese text between a figure and a Chinese unit after it (1,800 then 件); a WORD
# JOINER, which Word honours, holds them together.
WORD_JOINER = "\u2060"
UNIT_AFTER_FIGURE = re.compile(rf"(?<=\d)(?=(?:{COUNTED}))(?=[{WIDE}])")
# Word does not break after a / : a list of figures wider than its cell was broken wherever the
# cell ended, inside a figure (1,100,000/1,1 then 50,000/...). A ZERO WIDTH SPACE after each /
# that a figure follows lets it break there, as the PDF (``pdf._after_slashes``) and the HTML
# (<wbr>) do.
AFTER_SLASH_BREAK = "\u200b"
URL = re.compile(r"(https?://[!-~]+)")  # printable ASCII: an address ends at a Chinese mark


def brief_docx(doc: list[dict], lang: str, date: str) -> bytes:
    d = Document()
    _page(d)
    for b in doc:
        _write(d, b, lang)
    props = d.core_properties
    day = datetime.fromisoformat(date)
    props.created = props.modified = props.last_printed = day
    props.title = next(b["text"] for b in doc if b["kind"] == "title")
    props.author = props.last_modified_by = "ipcast"
    props.revision = 1
    props.language = "zh-CN" if lang == "zh" else "en"
    _font_table(d)
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _page(d) -> None:
    s = d.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.left_margin = s.right_margin = Cm(2.5)
    s.top_margin, s.bottom_margin = Cm(2.2), Cm(2.0)
    style = d.styles["Normal"]
    _font(style.font, style.element, "p")


def _font(font, element, kind: str) -> None:
    east, latin, size, bold = FONTS[kind]
    font.name = latin
    font.size = Pt(size)
    font.bold = bold
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east)):
        fonts.set(qn(attr), value)
    fonts.set(qn("w:hint"), "eastAsia")


def _run(paragraph, text: str, kind: str, color: str | None = None):
    run = paragraph.add_run(_kept_whole(text))
    _font(run.font, run._element, kind)
    if color:
        run.font.color.rgb = RGBColor.from_string(color.lstrip("#"))
    return run


def _kept_whole(text: str) -> str:
    """``text`` as Word should break it: a figure never parted from its unit (1,800\u2060件;
    1,800 件 with a no-break space), a list of figures broken after a / only (3,500/\u200b4,000).
    Inside a figure (1,100,000) Word finds no break of its own; no joiner goes there, so that a
    figure copied out of the document is still a number, nor into an address (.../2016/12/...),
    which would not work copied."""
    parts = URL.split(text)
    for i in range(0, len(parts), 2):  # the parts between addresses
        joined = units_kept(UNIT_AFTER_FIGURE.sub(WORD_JOINER, parts[i]))
        parts[i] = re.sub(AFTER_SLASH, AFTER_SLASH_BREAK, joined)
    return "".join(parts)


def _write(d, b: dict, lang: str) -> None:
    kind = b["kind"]
    if kind == "pagebreak":
        d.add_page_break()
    elif kind == "table":
        _table(d, b)
    elif kind == "chart":
        d.add_picture(io.BytesIO(png(b["fig"], dpi=200)), width=Cm(15))
        d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        p = d.add_paragraph()
        text = ("· " + b["text"]) if kind == "bullet" else b["text"]
        _run(p, text, kind, "#595959" if kind in ("meta", "small") else None)
        fmt = p.paragraph_format
        fmt.space_after = Pt(3 if kind in ("p", "bullet", "small") else 6)
        if kind in ("title", "meta"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if kind in ("h1", "h2"):
            fmt.keep_with_next = True
            fmt.space_before = Pt(8)
        if kind in ("p", "bullet") and lang == "zh":
            fmt.first_line_indent = Pt(24)


def _table(d, b: dict) -> None:
    rows = [b["head"], *b["rows"]]
    t = d.add_table(rows=len(rows), cols=len(b["head"]))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    widths = [Cm(TEXT_WIDTH_CM * w) for w in b["widths"]]
    for i, (cells, row) in enumerate(zip(rows, t.rows, strict=True)):
        row_cells = row.cells  # once a row: t.cell(i, j) lists the whole table's cells each call
        for j, text in enumerate(cells):
            cell = row_cells[j]
            cell.width = widths[j]
            p = cell.paragraphs[0]
            run = _run(p, str(text), "cell")
            if i == 0:
                run.font.bold = True
                _shade(cell, "E8EEF5")
            elif j == 0 and b.get("fills"):
                _shade(cell, b["fills"][i - 1].lstrip("#"))
                dark = b["fills"][i - 1] not in ("#ffc000", "#8eaadb", "#a6a6a6")
                run.font.color.rgb = RGBColor(255, 255, 255) if dark else RGBColor(0, 0, 0)
    _repeat_header(t.rows[0])
    d.add_paragraph()


def _font_table(d) -> None:
    part = next(r.target_part for r in d.part.rels.values() if r.reltype.endswith("/fontTable"))
    entries = "".join(
        f'<w:font w:name="{zh}"><w:altName w:val="{en}"/><w:charset w:val="86"/>'
        f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for zh, en in ALT_NAMES.items()
    )
    part._blob = part.blob.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")


def _shade(cell, hex_color: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_color.upper())
    cell._element.get_or_add_tcPr().append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _fixed_zip(data: bytes) -> bytes:
    """The same entries in the same order, each stamped with one fixed time."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
