"""Reading a planner's YAML file strictly: any encoding a Chinese system writes (UTF-8, GBK)
or a clear refusal, unknown keys refused with the nearest valid name, numbers finite and in range.

The valid keys of each kind of file are declared data (sets in the loaders), so allowing a new
key is one word in one place.
"""

from __future__ import annotations

import difflib
import math

import yaml

from .errors import InputError, Said
from .said import file_place, key_place

# libyaml's safe loader when available: ten times faster on the bundled plans.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FIRST_YEAR, LAST_YEAR = 2000, 2100
CHECK_PATH = ("检查路径", "check the path")
# What check_keys refuses, in Chinese (a key of a file; a lever or a shock of a scenario).
WHAT_ZH = {"key": "字段", "lever": "政策杠杆", "shock": "冲击"}


def read_yaml(f, label: str):
    """The document in ``f`` (a path or a package resource), decoded as UTF-8 or GBK/GB18030."""
    at = file_place(label)
    try:
        data = f.read_bytes()
    except OSError as e:
        raise InputError(
            at, (f"无法读取（{e.strerror}）", f"cannot be read ({e.strerror})"), CHECK_PATH
        ) from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(
            at,
            ("文件既不是UTF-8也不是GBK编码的文本", "neither UTF-8 nor GBK text"),
            ("另存为UTF-8编码", "save the file as UTF-8"),
        )
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = (f"，第{mark.line + 1}行", f" line {mark.line + 1}") if mark else ("", "")
        raise InputError(
            (at[0] + line[0], label + line[1]),
            ("不是有效的YAML", "not valid YAML"),
            ("检查缩进、冒号和引号", "check indentation, colons and quotes"),
        ) from None


def check_keys(doc: dict, known, where: Said, what: str = "key") -> None:
    """Refuse the first key not in ``known``, naming the nearest valid one."""
    for key in doc:
        if key in known:
            continue
        near = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
        hint = (f"是不是“{near[0]}”？", f"did you mean '{near[0]}'? ") if near else ("", "")
        valid = ", ".join(sorted(known))
        raise InputError(
            key_place(where, key),
            (f"无法识别的{WHAT_ZH.get(what, what)}", f"unknown {what}"),
            (f"{hint[0]}可用的有：{valid}", f"{hint[1]}valid: {valid}"),
        )


def finite_number(v, where: Said, what: str = "a number") -> float:
    """``v`` as a float if it is a finite number (``true`` and ``.nan`` are not)."""
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise InputError(
            where,
            (f"“{v}”不是有限的数字", f"'{v}' is not {what}"),
            ("写一个有限的数字，如4500", "write a finite number, e.g. 4500"),
        )
    return float(v)


def year_in_range(start: float, end: float, where: Said) -> None:
    """Plans and scenarios speak of this century: 1850 or 2200 is a typo."""
    if start < FIRST_YEAR or end > LAST_YEAR + 1:
        raise InputError(
            where,
            ("期间不在2000-2100年之内", "period outside the years 2000-2100"),
            (
                "检查年份（如2025、2024/2026或2022-07/2025-06）",
                "check the year (e.g. 2025, 2024/2026 or 2022-07/2025-06)",
            ),
        )
