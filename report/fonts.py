"""A Chinese font for the briefing's charts. SVG charts carry their text as outlines, so the reader
needs no font; drawing them (and the PNG copies) needs one here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..data.errors import InputError

FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Droid Sans Fallback",
)
FILES = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansSC-Regular.otf",
    "DroidSansFallbackFull.ttf",
    "SourceHanSansSC-Regular.otf",
)
SEARCH = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))


@cache
def cjk_family() -> str:
    """The family name of an installed CJK font, registered with matplotlib."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for fam in FAMILIES:
        if fam in names:
            return fam
    for root in SEARCH:
        for name in FILES:
            for path in Path(root).rglob(name) if Path(root).is_dir() else []:
                font_manager.fontManager.addfont(str(path))
                return font_manager.FontProperties(fname=str(path)).get_name()
    raise InputError(
        "ipcast brief",
        "no Chinese font found to draw the charts",
        "install one: `sudo apt-get install fonts-wqy-microhei` (Debian/Ubuntu) "
        "or `fonts-noto-cjk`; on Windows/macOS a system CJK font is found by itself",
    )
