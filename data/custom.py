"""Indicators outside the catalog, declared by the planner: a figure the bureau keeps (企业商业秘密
保护示范点, 知识产权纠纷调解成功率) that no panel or catalog row describes.

A planner declares one in the same mapping that names the file's own indicators
(``--map '商业秘密保护示范企业=custom:家:stock'``, or the line
``商业秘密保护示范企业,custom:家:stock`` in a mapping CSV): the unit, then flow (a yearly
amount, the default), stock (a level at year end) or ratio (a rate such as a satisfaction %).

The declaration is carried in the indicator's code itself, ``custom:家:stock:商业秘密保护示范企业``,
so a stored figure, a target file, a cached forecast and a worker process all know what it is
without a second store. A custom indicator borrows nothing: it has no family, no panel and no
calibration, so the forecast chain falls through to "own points only" (three or more points) and
says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import units
from .errors import InputError, Said

if TYPE_CHECKING:  # a custom row is built where it is read: the run table's footer needs none
    import pandas as pd

PREFIX = "custom:"
KINDS = ("flow", "stock", "ratio")
LABEL = "custom indicator declared by the user: forecast from its own points only, nothing borrowed"
SYNTAX = "NAME=custom:UNIT[:KIND], e.g. '商业秘密保护示范企业=custom:家:stock'"


def is_custom(slug) -> bool:
    return str(slug).startswith(PREFIX)


def declare(name: str, code: str, where: Said) -> str:
    """The custom slug for ``name`` declared as ``code`` (``custom:UNIT[:KIND]``)."""
    from .indicator_names import match_indicator, split_label

    parts = code.strip().split(":")
    unit_text = parts[1].strip() if len(parts) > 1 else ""
    kind = parts[2].strip() if len(parts) > 2 and parts[2].strip() else "flow"
    if len(parts) > 3 or not unit_text:
        raise InputError(
            where,
            (
                f"“{name}={code}”不是自定义指标的声明",
                f"'{name}={code}' is not a custom declaration",
            ),
            (f"写作{SYNTAX}", SYNTAX),
        )
    try:
        unit = units.canonical(unit_text)
    except KeyError:
        every = ", ".join(units.UNITS)
        raise InputError(
            where,
            (f"“{name}”：无法识别的单位“{unit_text}”", f"'{name}': unknown unit '{unit_text}'"),
            (f"用以下之一：{every}", f"use one of {every}"),
        ) from None
    if kind not in KINDS:
        raise InputError(
            where,
            (f"“{name}”：无法识别的类型“{kind}”", f"'{name}': unknown kind '{kind}'"),
            (
                "用 flow（全年合计）、stock（年末存量）或 ratio（比率）",
                f"use one of {', '.join(KINDS)}",
            ),
        )
    bare = split_label(name)[0].strip()
    if not bare or ":" in bare:
        raise InputError(
            where,
            (f"“{name}”不能作为自定义指标的名称", f"'{name}' cannot name a custom indicator"),
            ("给一个不含冒号的普通名称", "give a plain name"),
        )
    known = match_indicator(name)
    if known:
        raise InputError(
            where,
            (f"“{name}”已是目录中的{known}", f"'{name}' is the catalog's {known} already"),
            (
                f"用 --map '{name}={known}' 对应（这样可借用可比序列的信息）；"
                "如果你的数字衡量的是别的东西，换一个名称",
                f"map it with --map '{name}={known}' (it then borrows from comparable series); "
                "give your figure another name if it measures something else",
            ),
        )
    return f"{PREFIX}{unit}:{kind}:{bare}"


def row(slug: str) -> pd.Series:
    """The catalog row of a custom slug (``KeyError`` when it is not one)."""
    parts = str(slug).split(":", 3)
    if len(parts) != 4 or parts[0] + ":" != PREFIX or parts[2] not in KINDS:
        raise KeyError(slug)
    _, unit, kind, name = parts
    if unit not in units.UNITS or not name:
        raise KeyError(slug)
    import pandas as pd

    return pd.Series(
        {
            "zh": name,
            "en": f"{name} (custom)",
            "family": "other",
            "measure": kind,
            "unit": unit,
            "borrow": "",
            "notes": LABEL,
            "max_value": "inf",
        },
        name=slug,
    )
