"""Text folded into lines by terminal columns, Chinese and English mixed: a Chinese character
takes two columns and a line may break between two of them, where English breaks at spaces only
(``--help``, and the Chinese paragraphs a command prints)."""

from __future__ import annotations

import re

from .run_table import width

WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A wide character with whatever is written against it ("件.xlsx"), a run of other text, spaces.
UNITS = re.compile(rf" +|[{WIDE}][^ {WIDE}]*|[^ {WIDE}]+")
CLOSING = set("，。、；：）》」』”’！？")
OPENING = set("（《「『“‘")


def fold(text: str, columns: int) -> list[str]:
    """``text`` (one paragraph) in lines of at most ``columns`` terminal columns: broken at spaces,
    or between two Chinese characters; a closing mark (，。）) never starts a line, an opening one
    （“ never ends one. A run of other text wider than a line is kept whole."""
    lines, line, gap = [], "", False
    for unit in UNITS.findall(" ".join(text.split())):
        if unit.startswith(" "):
            gap = bool(line)
            continue
        piece = (" " if gap else "") + unit
        gap = False
        if line and width(line + piece) > columns:
            # a closing mark stays with the character before it, an opening one with the next
            if (unit[0] in CLOSING and width(line[-1]) == 2) or line[-1] in OPENING:
                line, unit = line[:-1], line[-1] + unit
            lines.append(line.rstrip())
            line = unit
        else:
            line += piece
    return [*lines, line] if line else lines
