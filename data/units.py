"""Units as the plans and sources write them, and conversion between them.

Each unit has a dimension and a factor to the dimension's reference unit. Values are stored as
stated and converted here, so a figure in 万件 is never retyped as 件 by hand.
"""

from __future__ import annotations

# unit -> (dimension, factor to the dimension's reference unit)
UNITS: dict[str, tuple[str, float]] = {
    "件": ("count", 1.0),
    "万件": ("count", 1e4),
    "个": ("count", 1.0),
    "项": ("count", 1.0),
    "家": ("count", 1.0),
    "户": ("count", 1.0),
    "次": ("count", 1.0),
    "人次": ("count", 1.0),
    "人": ("count", 1.0),
    "万人": ("count", 1e4),
    "元": ("money", 1.0),
    "万元": ("money", 1e4),
    "亿元": ("money", 1e8),
    "件/万人": ("per_10k", 1.0),
    "%": ("percent", 1.0),
}

ALIASES = {"百分比": "%", "％": "%", "亿": "亿元", "项目": "项"}
# A figure written with one of these alone (22万, 1.5亿) counts in the unit of its column.
MULTIPLIERS = {"万": 1e4, "亿": 1e8}


def canonical(unit: str) -> str:
    """The unit's canonical spelling; ``KeyError`` if unknown."""
    u = str(unit).strip()
    u = ALIASES.get(u, u)
    if u not in UNITS:
        raise KeyError(u)
    return u


def whole(unit: str) -> bool:
    """A count of single things (件, 家, 人): a figure to promise in it is a whole number."""
    try:
        return UNITS[canonical(unit)] == ("count", 1.0)
    except KeyError:
        return False


def dimension(unit: str) -> str:
    return UNITS[canonical(unit)][0]


def fits(unit: str, base_unit: str) -> bool:
    """Whether a value in ``unit`` can be expressed in ``base_unit``."""
    try:
        return dimension(unit) == dimension(base_unit)
    except KeyError:
        return False


def factor(from_unit: str, to_unit: str) -> float:
    """Multiply by this to convert a value in ``from_unit`` to ``to_unit``."""
    d1, f1 = UNITS[canonical(from_unit)]
    d2, f2 = UNITS[canonical(to_unit)]
    if d1 != d2:
        raise ValueError(f"cannot convert {from_unit} ({d1}) to {to_unit} ({d2})")
    return f1 / f2


def convert(value: float, from_unit: str, to_unit: str) -> float:
    return value * factor(from_unit, to_unit)


def units_like(base_unit: str) -> list[str]:
    """Units that fit an indicator whose unit is ``base_unit``."""
    d = dimension(base_unit)
    return [u for u, (dim, _) in UNITS.items() if dim == d]


def unit_fix(written: str, base_unit: str) -> str:
    """The fix for a unit that is unknown or does not fit an indicator in ``base_unit``: the unit
    meant when it is plain ('万' written for '万件' on a count of 件, for '万元' on money), then
    every unit that fits."""
    return unit_fixes(written, base_unit)[1]


def unit_fixes(written: str, base_unit: str) -> tuple[str, str]:
    """``unit_fix`` in Chinese and in English, for an ``InputError``."""
    like = units_like(base_unit)
    w = str(written).strip()
    near = [u for u in like if w and u.startswith(w) and u != w]
    if len(near) > 1:  # 万 on a count: 万件 or 万人, the one of the indicator's own kind
        near = [u for u in near if u.endswith(base_unit[-1])]
    zh, en = f"改用以下单位之一：{'、'.join(like)}", f"use one of {', '.join(like)}"
    if len(near) != 1:
        return zh, en
    return (
        f"写“{near[0]}”（单写“{w}”不是单位），或{zh}",
        f"write '{near[0]}' ('{w}' alone is no unit), or {en}",
    )


def single(unit: str) -> str | None:
    """The unit of one thing or one yuan that ``unit`` counts in: 件 for 万件 and 件, 元 for
    亿元; None for a % or a ratio, which 万 and 亿 do not multiply."""
    try:
        dim, _ = UNITS[canonical(unit)]
    except KeyError:
        return None
    u = canonical(unit).removeprefix("万").removeprefix("亿")
    return u if UNITS.get(u) == (dim, 1.0) and dim in ("count", "money") else None


def times(word: str, unit: str) -> float | None:
    """What a figure written with a bare 万 or 亿 (22万) is multiplied by to be in ``unit``:
    1e4 for 22万 in a column of 件 (22万件) or 元 (22万元); 亿 of money is 亿元 (``ALIASES``),
    whatever the column's unit of money. None when it is no figure in ``unit``: 万 of a % or a
    ratio, or 万 in a column already counted in 万 or 亿 (22万 in 万件: 22 or 22万万件?)."""
    if word == "亿" and fits("亿元", unit):
        return factor("亿元", unit)
    if single(unit) == canonical(unit):
        return MULTIPLIERS[word]
    return None
