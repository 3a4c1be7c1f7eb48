"""Text folded into lines by terminal columns, Chinese and English mixed: a Chinese character
takes two columns and a line may break between two of them, where English breaks at spaces only
(``--help``, and the Chinese paragraphs a command prints)."""

from __future__ import annotations

import re

from .run_table import width

WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A bracketed period kept whole ("(2026-2030年)": not 2026-2030 then 年)), a wide character with
# whatever is written against it up to a bracket ("件.xlsx"), a run of other text, spaces.
UNITS = re.compile(rf" +|[(（][\d\-–/年月至]{{1,16}}[)）]|[{WIDE}][^ {WIDE}(（]*|[^ {WIDE}]+")
CLOSING = set("，。、；：）》」』”’！？")
OPENING = set("（《「『“‘")


def fold(text: str, columns: float, measure=width) -> list[str]:
    """``text`` (one paragraph) in lines of at most ``columns`` (terminal columns, or the mm of a
    PDF line with ``measure`` its font's widths): broken at spaces, or between two Chinese
    characters; a closing mark (，。）) never starts a line, an opening one （“ never ends one
    (the units before it go down with it: 百分点）then 。 moves 点）。). A run of other text
    wider than a line is kept whole."""
    lines, line, gap = [], [], False
    for unit in UNITS.findall(re.sub(r"[ \t\r\n]+", " ", text).strip()):
        if unit.startswith(" "):
            gap = bool(line)
            continue
        piece = (" " if gap else "") + unit
        gap = False
        if line and measure("".join(line) + piece) > columns:
            carry = [piece]
            while len(line) > 1 and (carry[0].lstrip()[0] in CLOSING or line[-1][-1] in OPENING):
                carry.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line = [carry[0].lstrip(), *carry[1:]]
        else:
            line.append(piece)
    return [*lines, "".join(line)] if line else lines
