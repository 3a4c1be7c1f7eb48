"""Text folded into lines by terminal columns, Chinese and English mixed: a Chinese character
takes two columns and a line may break between two of them, where English breaks at spaces only
(``--help``, the Chinese paragraphs a command prints, the briefing PDF's lines, and ``wrap``'s
indented lines of ``ipcast forecast``)."""

from __future__ import annotations

import re

from ..data.units import ALIASES, MULTIPLIERS, UNITS
from .run_table import AFTER_SLASH, NO_BREAK, UNIT_SPACE, WIDTH, fit, width

WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# What a figure is counted in, longest first (亿元 before 亿): the units of data/units.py, 万 or
# 亿 alone (110万), and a date's 年 and 月 (2030年).
COUNTED = "|".join(
    re.escape(u)
    for u in sorted({*UNITS, *ALIASES, *MULTIPLIERS, "年", "月"}, key=len, reverse=True)
)
# A bracketed period kept whole ("(2026-2030年)": not 2026-2030 then 年)), a wide character with
# whatever is written against it up to a bracket ("件.xlsx"), a run of other text, spaces; a
# figure keeps the unit written right after it (1,800件, 53.1亿元, 12万件: never 1,800 then 件).
PIECES = re.compile(
    rf" +|[(（][\d\-–/年月至]{{1,16}}[)）]"
    rf"|(?:[{WIDE}][^ {WIDE}(（]*|[^ {WIDE}]+)(?:(?<=\d)(?:{COUNTED})[^ {WIDE}(（]*)*"
)
CLOSING = set("，。、；：）》」』”’！？")
OPENING = set("（《「『“‘")


def fold(text: str, columns: float, measure=width, first: float | None = None) -> list[str]:
    """``text`` (one paragraph) in lines of at most ``columns`` (terminal columns, or the mm of a
    PDF line with ``measure`` its font's widths): broken at spaces, or between two Chinese
    characters; a closing mark (，。）) never starts a line, an opening one （“ never ends one
    (the units before it go down with it: 百分点）then 。 moves 点）。). A run of other text
    wider than a line is kept whole, and so is a figure with its unit (1,800件); a list of
    figures breaks after a / (3,500/ then 4,000/4,500件), as the tables do. ``first``: the
    first line's room, when not ``columns``."""
    lines, line, gap = [], [], False
    pieces = PIECES.findall(re.sub(r"[ \t\r\n]+", " ", text).strip())
    for unit in (part for piece in pieces for part in re.split(AFTER_SLASH, piece)):
        if unit.startswith(" "):
            gap = bool(line)
            continue
        piece = (" " if gap else "") + unit
        gap = False
        room = columns if lines or first is None else first
        if line and measure("".join(line) + piece) > room:
            carry = [piece]
            # [:1]: a piece that is all space (an ideographic space 　 at the break) has no head
            while len(line) > 1 and (carry[0].lstrip()[:1] in CLOSING or line[-1][-1] in OPENING):
                carry.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line = [carry[0].lstrip(), *carry[1:]]
        else:
            line.append(piece)
    return [*lines, "".join(line)] if line else lines


def units_kept(text: str) -> str:
    """``text`` with a no-break space between a figure and its unit (1,800 件, 100 亿元), which
    fpdf2 and Word do not break at: English text, broken at its spaces, put 1,800 at a line's
    end and 件 at the next one's head."""
    return UNIT_SPACE.sub(NO_BREAK, text)


def wrap(text: str, indent: str = "", w: int = WIDTH) -> list[str]:
    """``text`` folded (``fold``) into lines of at most ``w`` columns, the first after
    ``indent``, the rest two columns further in; a run without spaces or Chinese wider than a
    line is cut with ``fit``. A Chinese sentence breaks between its characters: broken at spaces
    only, a long one ran past the line and was cut (借用：…波动取省级专利序列…)."""
    lead = indent + "  "
    lines = fold(text, w - width(lead), first=w - width(indent)) or [""]
    out = [indent + lines[0]] + [lead + x for x in lines[1:]]
    return [fit(x, w).rstrip() if width(x) > w else x for x in out]
