"""Indicator names as bureaus and plans write them (专利授权量（件）, 2023年末有效发明专利拥有量,
專利授權量) matched to catalog slugs through ``indicator_aliases.csv``; never a silent guess.

A name is folded before matching: full-width forms and traditional characters made plain,
a unit in brackets (件, 万件, 亿元, 万元) set aside for the reader to use, years with
年度/年末/年底 dropped, and a closing 量/数/数量 dropped, so 有效发明专利拥有量 and
有效发明专利拥有数 are one name.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from importlib import resources

import pandas as pd

from . import units
from .custom import PREFIX, SYNTAX, declare, is_custom
from .custom import row as custom_row
from .errors import InputError, Said
from .said import where_zh
from .text import fold, simplified

_UNIT_WORDS = sorted(set(units.UNITS) | set(units.ALIASES), key=len, reverse=True)
_UNIT = "|".join(map(re.escape, _UNIT_WORDS))
_BRACKET = re.compile(rf"[(\[【]\s*(?:单位[:：]?)?\s*({_UNIT})\s*[)\]】]")
_SLASH_UNIT = re.compile(rf"(?:[/／,，]|单位[:：])\s*({_UNIT})$")
# A span of years written with the name: 著作权登记量累计（2026-2030年）, and with the way of
# counting inside the bracket: 发明专利授权量（2026-2030年累计）.
_SPAN = re.compile(
    r"[(（]\s*((?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年?)"
    r"\s*(?:累计|合计|总计|年均|平均|新增)?\s*[)）]"
)
_YEAR = re.compile(r"(19|20)\d{2}\s*年?(度|末|底)?")
_LEADING = (
    "年末",
    "年底",
    "全年",
    "当年",
    "本年",
)  # 年度X without a year means a yearly flow: kept
_TRAILING = ("年度", "年末", "年底")
# Sub-item and numbering marks of a statistical table: 其中：发明专利授权量, 1.专利授权量, （二）X.
_ITEM = re.compile(r"^(?:其中[:：]?\s*|[(（]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)+")
_ENDINGS = ("数量", "总量", "总数", "量", "数")
# A stock's date, in brackets after its name: 有效商标注册量（年末）. (年度 stays: it tells a yearly
# flow from its stock, 知识产权托管企业（年度）.)
# The same with its year: 有效商标注册量（2023年末）, 专利授权量（2023年）, （截至2023年底）.
_DATED = re.compile(r"\((?:截至)?\s*(?:19|20)\d{2}\s*年?(?:度|末|底)?\)")
_WHEN = re.compile(r"\((年末|年底|截至年末|截至年底)\)")


def split_label(text: str) -> tuple[str, str | None]:
    """``('专利授权量', '件')`` for ``'专利授权量（件）'``: the name and a unit written with it."""
    s = fold(text)
    unit = None
    m = _BRACKET.search(s) or _SLASH_UNIT.search(s)
    if m:
        unit = units.canonical(m.group(1))
        s = (s[: m.start()] + s[m.end() :]).strip()
    return s, unit


def name_span(text: str) -> str | None:
    """The span of years written with a name: ``2026-2030年`` of 著作权登记量累计（2026-2030年）."""
    m = _SPAN.search(fold(text))
    return m.group(1).strip() if m else None


def name_key(text: str) -> str:
    """The folded form two spellings of one indicator share."""
    s, _ = split_label(text)
    s = _ITEM.sub("", s)
    s = _WHEN.sub("", _DATED.sub("", s))
    s = _YEAR.sub("", _SPAN.sub("", s))
    for w in _LEADING:
        s = s.removeprefix(w)
    for w in _TRAILING:
        s = s.removesuffix(w)
    s = s.replace("(累计)", "累计").replace("(新增)", "新增").replace("(总量)", "")
    for w in _ENDINGS:
        if s.endswith(w) and len(s) > len(w) + 1:
            s = s[: -len(w)]
            break
    return s


@cache
def alias_table() -> dict[str, str]:
    """name key -> slug, from the catalog (slugs, Chinese and English names) and the alias file.
    Two names that fold alike but point at different slugs are refused at load."""
    from .catalog import indicators

    cat = indicators()
    table: dict[str, str] = {}
    sources: dict[str, str] = {}

    def add(name: str, slug: str, where: str) -> None:
        key = name_key(name)
        if key in table and table[key] != slug:
            raise InputError(
                where,
                f"'{name}' folds to '{key}', already {table[key]} (from {sources[key]})",
                "make the alias more specific",
            )
        table[key], sources[key] = slug, where

    for slug, row in cat.iterrows():
        add(slug, slug, f"indicators.csv {slug}")
        add(row["zh"], slug, f"indicators.csv {slug}")
        add(row["en"], slug, f"indicators.csv {slug}")
    for i, row in _aliases().iterrows():
        where = f"indicator_aliases.csv row {i + 2}"
        if row["slug"] not in cat.index:
            raise InputError(where, f"unknown slug '{row['slug']}'", "use a slug of indicators.csv")
        add(row["alias"], row["slug"], where)
    return table


def _aliases() -> pd.DataFrame:
    path = resources.files("ipcast.data").joinpath("indicator_aliases.csv")
    with path.open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


def sub_item_name(name: str, parent: str) -> str | None:
    """The full name of a 其中 row that gives only what sets it apart from the row above it:
    其中：发明专利 under 专利授权量 is 发明专利授权量 (the longest tail of the item found in the
    parent, 专利, taken as the item's: at its last place, where a name puts what it counts, and
    without saying twice what both say, 其中：有效发明专利 under 有效专利拥有量 is
    有效发明专利拥有量); sharing no word, the item put before the parent's name (其中：发明 under
    专利授权量 is 发明专利授权量). ``None`` when ``name`` is no sub-item."""
    s, _ = split_label(name)
    if not re.match(r"其中[:：]?", s):
        return None
    item = _ITEM.sub("", s)
    whole, _ = split_label(_ITEM.sub("", parent))
    for n in range(len(item) - 1, 1, -1):
        head, tail, rest = whole.rpartition(item[-n:])
        if tail:
            before = item[:-n]
            said = max(k for k in range(len(before) + 1) if head.endswith(before[:k]))
            return head + item[said:] + rest
    # 其中：发明 under 专利授权量: a kind named before what the parent counts (发明专利授权量)
    return item + whole if item and whole and not whole.startswith(item) else None


def match_indicator(name: str, mapping: dict[str, str] | None = None) -> str | None:
    """The slug a name means, or ``None``. ``mapping`` (the user's own names) is tried first."""
    if not str(name).strip():
        return None
    if is_custom(name):
        try:
            return str(custom_row(str(name).strip()).name)
        except KeyError:
            return None
    table = alias_table()
    key = name_key(name)
    mine = {name_key(k): v for k, v in (mapping or {}).items()}
    if key in mine:
        return mine[key]
    if key in table:
        return table[key]
    if re.search(r"[\u4e00-\u9fff]", key):
        key = name_key(simplified(key))
        return mine.get(key) or table.get(key)
    return None


def closest(name: str, n: int = 3) -> list[str]:
    """The ``n`` catalog entries nearest to ``name``, as 'zh (slug)'."""
    from .catalog import indicators

    cat = indicators()
    table = alias_table()
    key = name_key(simplified(str(name)))
    out: list[str] = []
    for hit in difflib.get_close_matches(key, list(table), n=12, cutoff=0.3):
        slug = table[hit]
        label = f"{cat.at[slug, 'zh']} ({slug})"
        if label not in out:
            out.append(label)
    return out[:n]


def unknown_indicator_fix(name: str) -> tuple[str, str]:
    """The one-line way to map a name ipcast does not know, in Chinese and in English."""
    near = closest(name)
    slug = near[0].rsplit("(", 1)[1].rstrip(")") if near else "patent_grants"
    custom = f"--map '{name}=custom:UNIT[:flow|stock|ratio]'"
    return (
        f"最接近的：{'；'.join(near) if near else '没有相近的'}。对应到目录指标："
        f"ipcast import FILE --map '{name}={slug}'（其他命令的 --history FILE 后也可加 --map，"
        "也可给一个每行“名称,代码”的CSV文件）；都不合适的，声明为自定义指标，"
        f"只按它自己的数字预测：{custom}",
        f"nearest: {'; '.join(near) if near else 'none close'}. Map it: ipcast import FILE "
        f"--map '{name}={slug}' (--map goes with --history FILE on every command too, and takes "
        "a CSV of name,code lines); if none fits, declare it custom, forecast from its own "
        f"points only: {custom}",
    )


def read_name_map(items: list[str]) -> dict[str, str]:
    """``['专利授权数=patent_grants', 'names.csv']`` as {name: slug}; every code is checked."""
    from pathlib import Path

    out: dict[str, str] = {}
    for item in items:
        if "=" in item:
            name, slug = item.split("=", 1)
            out[name.strip()] = _code(name.strip(), slug.strip(), f"--map '{item}'")
            continue
        p = Path(item)
        if not p.exists():
            raise InputError(
                "--map",
                (
                    f"“{item}”既不是“名称=代码”，也不是文件",
                    f"'{item}' is neither NAME=CODE nor a file",
                ),
                (f"见 --help；自定义指标：{SYNTAX}", f"see --help; custom: {SYNTAX}"),
            )
        for i, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines()):
            # "names.csv row 2", as the mapping's own lines are numbered
            at = (f"{where_zh(item)}，第{i + 1}行", f"{item} row {i + 1}")
            if line.strip() and "," in line:
                name, slug = line.split(",", 1)
                out[name.strip()] = _code(name.strip(), slug.strip(), at)
            elif line.strip():
                raise InputError(
                    at,
                    ("不是“名称,代码”", "not 'name,code'"),
                    ("每行写一个“名称,代码”", "one name,code a line"),
                )
    return out


def _code(name: str, code: str, where: Said) -> str:
    """A mapping's code checked: a catalog code, a name the alias table knows, or a custom
    declaration made into its slug."""
    from .catalog import indicators

    if code == "custom" or code.startswith(PREFIX):
        return declare(name, code, where)
    if code in indicators().index:
        return code
    slug = match_indicator(code)  # a name the alias table knows: 我局专利数=专利授权量
    if slug is None:
        raise InputError(
            where,
            (f"“{name}={code}”：无法识别的代码“{code}”", f"'{name}={code}': unknown code '{code}'"),
            (
                f"用 `ipcast indicators` 中的代码，或声明为自定义指标：{SYNTAX}",
                f"use a code from `ipcast indicators`, or declare it custom: {SYNTAX}",
            ),
        )
    return slug
