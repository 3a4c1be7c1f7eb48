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
    # the bundled regions; 7 characters of other divisions' names (埇, 硚, 鄠 …) are outside the
    # subset until it is rebuilt with data/divisions.csv
    bundled = regions()[regions()["bundled"] == "yes"]
    text = "".join(bundled["zh"]) + "".join(indicators()["zh"])
    text += "".join(t.label_zh + t.plan for t in bundled_targets())
    text += "，。、：；（）「」《》【】％—…≥≤±×一二三四五六七八九十"
    missing = {c for c in text if ord(c) not in have and not c.isspace()}
    assert not missing, "".join(sorted(missing))
    # GB 2312's last hanzi and a few common ones outside the repository's own text.
    assert all(ord(c) in have for c in "齄鼷亍丌兀")


def test_matplotlib_draws_with_the_bundled_font():
    from matplotlib import font_manager

    family = fonts.cjk_family()
    found = font_manager.findfont(font_manager.FontProperties(family=family))
    assert Path(found).resolve() == fonts.REGULAR.resolve()
