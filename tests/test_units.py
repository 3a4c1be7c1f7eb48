import pytest

from ipcast.data import units


def test_conversions():
    assert units.convert(57, "万件", "件") == pytest.approx(570000)
    assert units.convert(29.63, "亿元", "万元") == pytest.approx(296300)
    assert units.convert(8134660, "万元", "亿元") == pytest.approx(813.466)
    assert units.convert(626132, "人", "万人") == pytest.approx(62.6132)
    assert units.convert(3.5, "亿", "亿元") == 3.5


def test_dimensions_do_not_mix():
    assert not units.fits("亿元", "件")
    assert not units.fits("%", "件/万人")
    assert units.fits("户", "家")
    with pytest.raises(ValueError):
        units.factor("亿元", "件")


def test_unknown_unit():
    with pytest.raises(KeyError):
        units.canonical("斤")
