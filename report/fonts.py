"""The Chinese font of the briefing, shipped with the package (report/fontdata/): Noto Sans SC under
the SIL Open Font License, cut down to GB 2312 and the characters ipcast's own files use (see
report/build_font.py). Charts, PDF and the DOCX's chart images need no system font.

A character the subset lacks (a rare one in a user's region name) falls back to a system CJK font
when there is one; without one it shows as an empty box, and nothing fails.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fontdata"
FAMILY = "Noto Sans SC ipcast"
REGULAR = FONT_DIR / "NotoSansSC-ipcast-Regular.ttf"
BOLD = FONT_DIR / "NotoSansSC-ipcast-Bold.ttf"
# System fonts tried, per glyph, after the bundled one (matplotlib's font fallback).
FALLBACKS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimHei",
    "DejaVu Sans",
)


@cache
def cjk_family() -> str:
    """Register the bundled font with matplotlib and return its family name."""
    from matplotlib import font_manager

    for path in (REGULAR, BOLD):
        font_manager.fontManager.addfont(str(path))
    return FAMILY


def chart_families() -> list[str]:
    """matplotlib's font.family list: the bundled font first, installed ones for missing glyphs."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [cjk_family(), *(f for f in FALLBACKS if f in installed)]


@cache
def covered() -> frozenset[int]:
    """The code points the bundled font draws."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(REGULAR), lazy=True).getBestCmap())
