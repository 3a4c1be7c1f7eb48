"""The bundled Chinese font: present, licensed, and drawing every character ipcast writes."""

from pathlib import Path

from ipcast.data.catalog import indicators, regions
from ipcast.data.target_files import bundled_targets
from ipcast.report import fonts


def test_font_files_and_licence_ship_with_the_package():
    for path in (fonts.REGULAR, fonts.BOLD, fonts.FONT_DIR / "OFL.txt"):
        assert Path(path).is_file(), path
    assert "SIL Open Font License" in (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")


def test_every_name_the_briefing_prints_has_a_glyph():
    have = fonts.covered()
    bundled = regions()[regions()["bundled"] == "yes"]
    text = "".join(bundled["zh"]) + "".join(indicators()["zh"])
    text += "".join(t.label_zh + t.plan for t in bundled_targets())
    text += "，。、：；（）「」《》【】％—…≥≤±×一二三四五六七八九十"
    missing = {c for c in text if ord(c) not in have and not c.isspace()}
    assert not missing, "".join(sorted(missing))
    # GB 2312's last hanzi and a few common ones outside the repository's own text.
    assert all(ord(c) in have for c in "齄鼷亍丌兀")


def test_every_division_name_has_a_glyph_in_both_weights():
    """Every character of every division's full and short name (data/divisions.csv: 3,211
    divisions; rare ones such as 埇桥区, 硚口区, 鄠邑区, 猇亭区, 浉河区, 瀍河区), in the
    Regular and the Bold font."""
    import csv

    from fontTools.ttLib import TTFont

    from ipcast.data.catalog import data_path

    with data_path("divisions.csv").open("r", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3211
    text = {c for r in rows for c in r["name"] + r["short"]}
    assert {"埇", "沚", "浉", "瀍", "猇", "硚", "鄠"} <= text
    for path in (fonts.REGULAR, fonts.BOLD):
        cmap = TTFont(path).getBestCmap()
        missing = sorted(c for c in text if ord(c) not in cmap)
        assert not missing, f"{path.name} lacks {''.join(missing)}: run report/build_font.py"


def test_matplotlib_draws_with_the_bundled_font():
    from matplotlib import font_manager

    family = fonts.cjk_family()
    found = font_manager.findfont(font_manager.FontProperties(family=family))
    assert Path(found).resolve() == fonts.REGULAR.resolve()
