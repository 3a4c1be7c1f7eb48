"""The briefing's PDF breaks Chinese lines as Chinese is typeset: no line starts with 。 or ）."""

import re

import pypdfium2

from ipcast.report.fold import fold
from ipcast.report.pdf import brief_pdf

CLOSING = "，。、；：）》」』”’！？"


def test_a_closing_mark_goes_down_with_the_characters_before_it():
    """Measured in characters (width 1 each): 28%（±2个百分点） fills the line and 。 would start
    the next; 点） goes down with it. An opening mark never ends a line."""
    one = len  # every character one unit wide
    assert fold("概率约为28%（±2个百分点）。", 15, one) == ["概率约为28%（±2个百分", "点）。"]
    assert fold("甲乙丙丁（戊己", 5, one) == ["甲乙丙丁", "（戊己"]
    assert fold("hello world foo bar baz", 11, one) == ["hello world", "foo bar baz"]
    # a bracketed period stays whole: not 累计(2026-2030 then 年)
    assert fold("质押融资金额累计(2026-2030年)", 14, one) == ["质押融资金额累计", "(2026-2030年)"]
    assert fold("累计（2026年7月至2027年6月）", 14, one) == ["累计", "（2026年7月至2027年6月）"]


def test_no_line_of_a_briefing_pdf_starts_with_a_closing_mark():
    text = "风险最大的是「专利授权量」：按当前趋势，2030年专利授权量达到1,800件的概率约为28%"
    text += "（±2个百分点）。"
    doc = [{"kind": "title", "text": "简报"}, {"kind": "p", "text": text * 3}]
    doc.append({"kind": "bullet", "text": "对该目标作用最大。" * 12})
    pdf = pypdfium2.PdfDocument(brief_pdf(doc, "zh", "2026-12-01"))
    lines = pdf[0].get_textpage().get_text_range().splitlines()
    assert len(lines) > 4
    assert not [x for x in lines if x[:1] in CLOSING]
    assert text in re.sub(r"\s", "", "".join(lines))


def test_a_full_line_of_characters_takes_its_last_one_down_with_the_full_stop():
    """50 characters fill a 10-point line of the page exactly: fpdf2 alone put 。 at the head
    of the next line; folded, the fiftieth character goes down with it."""
    text = "字" * 50 + "。后文"
    pdf = pypdfium2.PdfDocument(
        brief_pdf([{"kind": "title", "text": "t"}, {"kind": "p", "text": text}], "zh", "2026-12-01")
    )
    lines = pdf[0].get_textpage().get_text_range().splitlines()
    assert lines[1:3] == ["字" * 49, "字。后文"]
