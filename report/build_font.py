"""Build the Chinese font shipped with ipcast (report/fontdata/) from Noto Sans SC.

Noto Sans SC (SIL Open Font License 1.1) comes as a variable TrueType font; Google Fonts' copy is in
the PyPI wheel ``justmytype-intl-cjk``:

    pip download --no-deps justmytype-intl-cjk -d /tmp/f && unzip -q /tmp/f/*.whl -d /tmp/f
    python report/build_font.py /tmp/f/justmytype_intl_cjk/fonts/ofl/notosanssc/NotoSansSC[wght].ttf

It writes a Regular (400) and a Bold (700) static instance, each cut down to GB 2312 (all 6,763
hanzi and its symbols), Latin, the punctuation Chinese documents use, and every character in the
repository's own text files (data/divisions.csv among them, so every division's name: a test in
tests/test_fonts.py checks). The family is renamed so it never clashes with an installed Noto Sans
SC (the OFL asks modified versions not to pass as the original). TrueType outlines are kept, so PDF
libraries that embed only TrueType (reportlab, fpdf2) can use it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "report" / "fontdata"
FAMILY = "Noto Sans SC ipcast"
WEIGHTS = {"Regular": 400, "Bold": 700}
RANGES = [
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x17F),  # Latin-1, Latin Extended-A
    (0x2000, 0x206F),  # general punctuation (— … ‰ ′)
    (0x2070, 0x209F),  # super- and subscripts
    (0x20A0, 0x20BF),  # currency signs
    (0x2100, 0x214F),  # letterlike symbols (℃ №)
    (0x2150, 0x218F),  # number forms (Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (≥ ≤ ±)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ②)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (● ■ ▲)
    (0x2600, 0x26FF),  # miscellaneous symbols (★)
    (0x3000, 0x303F),  # CJK punctuation (、。「」【】)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms (（）：，％)
]
TEXT_FILES = ("*.py", "*.csv", "*.yaml", "*.md", "*.json")


def gb2312() -> set[int]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def repository_chars() -> set[int]:
    chars = set()
    for pattern in TEXT_FILES:
        for f in ROOT.rglob(pattern):
            if ".venv" in f.parts or ".git" in f.parts:
                continue
            chars |= {ord(c) for c in f.read_text(encoding="utf-8", errors="ignore")}
    return chars


def wanted() -> set[int]:
    chars = gb2312() | repository_chars()
    for lo, hi in RANGES:
        chars |= set(range(lo, hi + 1))
    return chars


def rename(font: TTFont, style: str) -> None:
    names = {
        1: FAMILY,  # Regular and Bold share the family name (RIBBI)
        2: style,
        3: f"{FAMILY.replace(' ', '')}-{style};subset",
        4: f"{FAMILY} {style}",
        6: f"{FAMILY.replace(' ', '')}-{style}",
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    for rec in list(table.names):
        if rec.nameID in (1, 2, 3, 4, 6, 16, 17, 21, 22, 25):
            table.removeNames(nameID=rec.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    font["OS/2"].usWeightClass = WEIGHTS[style]
    if style == "Bold":
        font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x20) & ~0x40
        font["head"].macStyle |= 0x1


def build(source: Path) -> None:
    chars = wanted()
    OUT.mkdir(parents=True, exist_ok=True)
    for style, weight in WEIGHTS.items():
        font = instancer.instantiateVariableFont(TTFont(source), {"wght": weight})
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False
        sub = subset.Subsetter(options)
        sub.populate(unicodes=chars)
        sub.subset(font)
        rename(font, style)
        # A fixed modification date: the same source always gives the same bytes.
        font["head"].modified = font["head"].created
        path = OUT / f"NotoSansSC-ipcast-{style}.ttf"
        font.save(path)
        size = path.stat().st_size / 1e6
        print(f"{path.relative_to(ROOT)}: {size:.2f} MB, {len(chars)} code points")


if __name__ == "__main__":
    build(Path(sys.argv[1]))
