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


@pytest.mark.parametrize("unit", ["个", "项", "家", "户", "次", "人次", "人", "项目"])
def test_every_count_unit_is_one_item(unit):
    assert units.factor(unit, "件") == 1.0
    assert units.factor("万件", unit) == 1e4


@pytest.mark.parametrize(
    "value,src,dst,expected",
    [
        (1.0, "元", "万元", 1e-4),
        (2.5, "亿元", "元", 2.5e8),
        (1.0, "亿元", "万元", 1e4),
        (3.0, "万人", "人", 3e4),
        (1.0, "％", "%", 1.0),
        (1.0, "百分比", "%", 1.0),
    ],
)
def test_money_and_people_conversions_by_hand(value, src, dst, expected):
    assert units.convert(value, src, dst) == expected


def test_fits_and_units_like():
    assert units.fits("万件", "件") and units.fits("亿", "元")
    assert not units.fits("斤", "件")  # an unknown unit fits nothing
    assert not units.fits("件", "斤")
    assert units.units_like("亿元") == ["元", "万元", "亿元"]
    assert units.units_like("%") == ["%"]
    assert units.dimension("万人") == "count"


def test_a_plain_unit_gets_the_unit_it_stands_for():
    assert units.unit_fix("万", "件").startswith(
        "write '万件' ('万' alone is no unit), or use one of 件"
    )
    assert units.unit_fix("万", "亿元").startswith("write '万元'")
    assert units.unit_fix("斤", "件") == "use one of 件, 万件, 个, 项, 家, 户, 次, 人次, 人, 万人"
