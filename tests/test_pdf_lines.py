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


def test_a_figure_and_its_unit_are_never_parted_at_a_line_end():
    """Measured in characters: 1,800 filled the line and 件 began the next; a figure now goes
    down with its unit (and with the character written against it, as before: 到1,800件)."""
    one = len
    assert fold("专利授权量达到1,800件的概率", 12, one) == ["专利授权量达", "到1,800件的概率"]
    assert fold("质押融资额为53.1亿元", 11, one) == ["质押融资额", "为53.1亿元"]  # not 亿 | 元
    assert fold("著作权登记57万件以上", 8, one) == ["著作权登", "记57万件以上"]  # not 57万 | 件
    assert fold("提高约2个百分点", 4, one) == ["提高", "约2个百", "分点"]  # not 约2 | 个
    # not 件/ | 万人; a sign, separators and a decimal point stay with their figure
    assert fold("高价值专利12.35件/万人", 12, one) == ["高价值专", "利12.35件/万人"]
    assert fold("增长-1,234.5%以上", 10, one) == ["增", "长-1,234.5%", "以上"]
    # a list of figures breaks after a / only, never inside a figure or before its unit
    assert fold("分别达到3,500/4,000/4,500件", 10, one) == ["分别达到3,500/", "4,000/", "4,500件"]
    assert fold("分别达到110万/115万/120万件", 12, one) == ["分别达到110万/", "115万/120万件"]


def test_the_briefing_pdf_keeps_1800_with_its_unit():
    """At 45 characters before it, the 10-point line ended in 达到1,800 and the next began 件的;
    now 到1,800件 goes down together (到 stays with its figure, as it did before)."""
    text = "字" * 45 + "达到1,800件的概率约为28%（±2个百分点），质押融资53.1亿元。"
    pdf = pypdfium2.PdfDocument(
        brief_pdf([{"kind": "title", "text": "t"}, {"kind": "p", "text": text}], "zh", "2026-12-01")
    )
    lines = pdf[0].get_textpage().get_text_range().splitlines()
    assert lines[1] == "字" * 45 + "达"
    assert lines[2] == "到1,800件的概率约为28%（±2个百分点），质押融资53.1亿元。"


def test_the_english_briefing_pdf_keeps_a_figure_with_its_unit():
    """English is wrapped by fpdf2 at spaces: the line ended in "reaches 1,800" and the next
    began "件 (2030)"; the space between them is a no-break one now."""
    text = "the chance " * 17 + "xxxx reaches 1,800 件 (2030) is about 28%."
    pdf = pypdfium2.PdfDocument(
        brief_pdf([{"kind": "title", "text": "t"}, {"kind": "p", "text": text}], "en", "2026-12-01")
    )
    lines = pdf[0].get_textpage().get_text_range().splitlines()
    assert lines[2].endswith("the chance xxxx reaches")
    assert lines[3] == "1,800 件 (2030) is about 28%."


def test_a_range_too_wide_for_its_cell_breaks_after_its_dash_never_inside_a_figure():
    """Chengdu's page one, 有效注册商标总量: the 10-90 % range 1,019,294–1,108,191 is 28.2 mm in
    a 26.9 mm cell, and fpdf2 wrapped it at any character: 1,019,294–1,108,1 then 91."""
    from ipcast.report.fonts import REGULAR
    from ipcast.report.pdf import FONT, TABLE_SIZE, _after_slashes, _Briefing

    widths = [0.08, 0.30, 0.13, 0.12, 0.11, 0.15, 0.11]  # the summary table's (document.py)
    row = ["绿灯", "有效注册商标总量", "2025", "900,000件", ">99%", "1,019,294–1,108,191", ""]
    table = {"kind": "table", "head": ["灯", "目标", "期间", "规划值", "概率", "区间", "承诺"]}
    table.update(rows=[row], widths=widths, fills=["#00b050"], summary=True)
    for lang in ("zh", "en"):
        doc = [{"kind": "title", "text": "t"}, table]
        pdf = pypdfium2.PdfDocument(brief_pdf(doc, lang, "2026-12-01"))
        lines = pdf[0].get_textpage().get_text_range().splitlines()
        assert "1,108,191" in lines, lang
        assert any(x.endswith("1,019,294–") for x in lines), lang
    pdf = _Briefing("zh")
    pdf.add_font(FONT, "", str(REGULAR))
    pdf.set_font(FONT, size=TABLE_SIZE[True])
    assert _after_slashes(pdf, "-3.7%–13.1%", 5.0) == "-3.7%–\n13.1%"  # a rate's range too


def test_a_closing_mark_takes_the_character_before_it_down_unless_that_leaves_nothing():
    from ipcast.report.fold import fold

    # 甲乙。 in 4 columns: 。 does not start a line, 乙 goes down with it
    assert fold("甲乙。", 4) == ["甲", "乙。"]
    # 甲。 in 2: carrying 甲 down would leave an empty line, so 。 starts the next one
    assert fold("甲。", 2) == ["甲", "。"]


def test_a_first_line_with_no_room_holds_one_word():
    from ipcast.report.fold import fold

    assert fold("ab cd", 10, first=0) == ["ab", "cd"]
    assert fold("ab cd", 10, first=2) == ["ab", "cd"]
    assert fold("ab cd", 10) == ["ab cd"]


def test_an_ideographic_space_at_a_break_is_dropped_not_a_crash():
    """昆山's briefing (test data): its meta line, 生成日期：…　数据截至：…　情景：基线, put the
    ideographic space 　 that separates its parts at a line's end, and `ipcast brief --pdf`
    stopped with IndexError (the space had no first character to test for a closing mark)."""
    from ipcast.report.fold import fold

    text = (
        "生成日期：2026-12-02　数据截至：2025年10月（有效发明专利、每万人口高价值发明专利拥有量、"
        "有效注册商标、地理标志(总量)）　情景：基线"
    )
    for columns in range(20, 200):
        lines = fold(text, columns)
        assert "".join(lines).replace("\u3000", "") == text.replace("\u3000", "")
    assert fold(text, 118) == [text.split("\u3000情")[0], "情景：基线"]
